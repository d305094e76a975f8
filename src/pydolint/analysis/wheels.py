"""Will pip build a package from source? Wheel availability by base distribution.

Reads the musllinux wheel data (``knowledge.musllinux``): a package that
publishes no Linux wheel at all compiles everywhere; on Alpine (musl) a
package compiles unless the version pip will pick has a musllinux wheel. An
unpinned requirement resolves to the newest release. ``--no-binary`` forces a
source build of the packages it names (or ``:all:``).
"""

from __future__ import annotations

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from pydolint.knowledge import musllinux

_NEWEST = Version("9999")  # stands for "the newest release"


def source_build_reason(name: str, specifier: str, distro: str,
                        no_binary: list[str | None] | tuple[str | None, ...] = ()) -> str | None:
    """Why ``pip install name<specifier>`` compiles on ``distro`` ("debian" or "alpine"),
    or None when a wheel fits or nothing is known."""
    if _forced(name, no_binary):
        return f"--no-binary names {name}"
    info = musllinux(name)
    if info is None:
        return None
    if info.never_wheels:
        return f"{name} has no Linux wheels"
    if distro != "alpine":
        return None
    if info.first_musllinux is None:
        return f"{name} has no musllinux wheels"
    if _may_reach(specifier, info.first_musllinux):
        return None
    return f"{name}{specifier} predates its first musllinux wheel ({info.first_musllinux})"


def _forced(name: str, no_binary) -> bool:
    wanted = canonicalize_name(name)
    for value in no_binary:
        for item in (value or "").split(","):
            item = item.strip()
            if item == ":all:" or (item and item != ":none:" and
                                   canonicalize_name(item) == wanted):
                return True
    return False


def _may_reach(specifier: str, first: Version) -> bool:
    """Whether the specifier allows some version at or after ``first``."""
    try:
        allowed = SpecifierSet(specifier)
    except InvalidSpecifier:
        return True  # unreadable: assume the newest release
    candidates = [first, _NEWEST]
    for clause in allowed:
        try:
            candidates.append(Version(clause.version.rstrip(".*")))
        except InvalidVersion:
            continue
    return any(v >= first and allowed.contains(v, prereleases=True) for v in candidates)


def requested(document, instruction, call, context) -> list[tuple[str, str, object]]:
    """(name, specifier, where) for each project a pip/uv install names on its command line
    and in the requirements files it reads (``where``: a RelatedLocation for a
    requirements line, None for the command line)."""
    from pydolint.analysis.requirements import requirement_files_of

    found: list[tuple[str, str, object]] = [(p.name, p.specifier, None)
                                            for p in call.packages if p.name]
    for _word, loaded in requirement_files_of(document, instruction, call, context):
        for line in loaded.lines if loaded else ():
            if line.name and not line.option:
                found.append((line.name, line.specifier, line.related()))
    return found
