"""Go's ``path.Clean`` and ``path/filepath.Match`` as Docker uses them on Linux.

Docker cleans .dockerignore patterns and COPY/ADD sources with Go's lexical
path cleaning, and expands COPY/ADD wildcards with ``filepath.Match``.  Both
are small enough to restate here, which keeps pydolint's answers identical to
what a build would do (e.g. ``[!a]`` is *not* a negated class in Go, ``\\``
escapes the next character, and a class may match ``/``).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["BadPattern", "clean", "compile_glob", "glob_error", "has_wildcards", "match"]


class BadPattern(ValueError):
    """Go's ``filepath.ErrBadPattern``: the pattern is malformed."""

    def __init__(self, reason: str = "syntax error in pattern") -> None:
        super().__init__(reason)


def clean(path: str) -> str:
    """Go's ``path.Clean``: collapse ``//``, drop ``.``, resolve ``..`` lexically.

    A rooted path cannot go above ``/``; a relative one keeps leading ``..``.
    Unlike ``posixpath.normpath``, a leading ``//`` is not preserved.
    """
    rooted = path.startswith("/")
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out and out[-1] != "..":
                out.pop()
            elif not rooted:
                out.append("..")
            continue
        out.append(part)
    joined = "/".join(out)
    if rooted:
        return "/" + joined
    return joined or "."


def has_wildcards(component: str) -> bool:
    """Whether BuildKit treats a COPY source component as a wildcard.

    ``\\`` hides the next character, so ``a\\*`` is a literal name.
    """
    i = 0
    while i < len(component):
        ch = component[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "*?[":
            return True
        i += 1
    return False


def _class_char(pattern: str, i: int) -> tuple[str, int]:
    """One possibly-escaped character of a ``[...]`` class (Go's ``getEsc``)."""
    n = len(pattern)
    if i >= n or pattern[i] in "-]":
        raise BadPattern
    if pattern[i] == "\\":
        i += 1
        if i >= n:
            raise BadPattern
    # Go rejects a class character that ends the pattern: the ']' is missing.
    if i + 1 >= n:
        raise BadPattern
    return pattern[i], i + 1


def _char_class(pattern: str, i: int) -> tuple[str, int]:
    """Translate the class starting after ``[`` at *i*; return regex and next index."""
    negated = i < len(pattern) and pattern[i] == "^"
    if negated:
        i += 1
    ranges: list[tuple[str, str]] = []
    while True:
        if ranges and i < len(pattern) and pattern[i] == "]":
            i += 1
            break
        lo, i = _class_char(pattern, i)
        hi = lo
        if pattern[i] == "-":
            hi, i = _class_char(pattern, i + 1)
        ranges.append((lo, hi))
    # Go accepts an inverted range such as [z-a]; it simply matches nothing.
    body = "".join(
        re.escape(lo) if lo == hi else f"{re.escape(lo)}-{re.escape(hi)}"
        for lo, hi in ranges
        if lo <= hi
    )
    if not body:
        return ("(?s:.)" if negated else "(?!)"), i
    # A class can match any character, '/' included (unlike '*' and '?').
    return f"[{'^' if negated else ''}{body}]", i


@lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """Compile a ``filepath.Match`` pattern; raise :class:`BadPattern` like Go does.

    Go (1.20+) validates the whole pattern even when a match fails early, so a
    malformed pattern is an error regardless of the name it is matched with.
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            out.append("[^/]*")
            i += 1
        elif ch == "?":
            out.append("[^/]")
            i += 1
        elif ch == "[":
            piece, i = _char_class(pattern, i + 1)
            out.append(piece)
        elif ch == "\\":
            if i + 1 >= n:
                raise BadPattern
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(ch))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_error(pattern: str) -> str | None:
    """Go's error text for a malformed pattern, or None when it is well formed."""
    try:
        compile_glob(pattern)
    except BadPattern as exc:
        return str(exc)
    return None


def match(pattern: str, name: str) -> bool:
    """``filepath.Match(pattern, name)``; a malformed pattern matches nothing."""
    try:
        return compile_glob(pattern).match(name) is not None
    except BadPattern:
        return False
