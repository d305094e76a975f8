"""What a tag of the official ``python`` or ``pypy`` image means.

``parse_python_tag`` splits a tag such as ``3.12.10-slim-bookworm`` into its
version, variant and base distribution, and says whether that tag form was
ever published (``known``), using ``knowledge/python_image.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pydolint import knowledge
from pydolint.imageref import ImageRef

_VERSION = re.compile(r"(\d+)(?:\.(\d+)(?:\.(\d+))?)?(?:(a|b|rc)(\d+))?")
_PYPY_VERSION = re.compile(r"\d+(?:\.\d+){0,2}")
_ALPINE = re.compile(r"alpine\d+\.\d+")
_WINDOWS_RELEASE = re.compile(r"ltsc\d{4}|sac\d{4}|\d{4}")
_WINDOWS = ("windowsservercore", "nanoserver")
_IMAGES = ("python", "pypy")


@dataclass(frozen=True, slots=True)
class PythonTag:
    implementation: str  # "cpython" or "pypy"
    tag: str  # as written; "latest" for an untagged reference
    version: str | None  # "3.12.10", "3.12", "3"; None for latest and variant-only tags
    major: int | None
    minor: int | None
    patch: int | None
    prerelease: str | None  # "a1", "b3", "rc1", or "rc" for the floating 3.15-rc
    variant: str | None  # "slim", "alpine", "windowsservercore", "nanoserver"; None: full image
    distro: str  # "bookworm", "alpine3.20", "ltsc2022"; unpinned: "debian", "alpine", "windows"
    distro_pinned: bool
    known: bool  # a tag form the image published (now or in the past)
    pypy_version: str | None = None  # "7.3.17" in pypy:3.10-7.3.17
    extra: str | None = None  # trailing part that is no variant ("arm64")

    @property
    def family(self) -> str:
        """``"debian"``, ``"alpine"`` or ``"windows"``."""
        if self.variant == "alpine":
            return "alpine"
        if self.variant in _WINDOWS:
            return "windows"
        return "debian"

    @property
    def is_full_image(self) -> bool:
        """The full Debian image (with compilers), not slim, alpine or windows."""
        return self.variant is None and self.family == "debian"

    @property
    def minor_version(self) -> str | None:
        """``"3.12"`` for 3.12.10; None without a minor version."""
        return f"{self.major}.{self.minor}" if self.minor is not None else None

    @property
    def image(self) -> str:
        return "pypy" if self.implementation == "pypy" else "python"


def image_of(ref: ImageRef) -> str | None:
    """``"python"`` or ``"pypy"`` when ``ref`` is that official image or a known mirror."""
    for image in _IMAGES:
        if ref.name in knowledge.image_tags(image).repositories:
            return image
    return None


def parse_python_tag(ref: ImageRef) -> PythonTag | None:
    """The meaning of ``ref``'s tag; None for other images and digest-only references."""
    image = image_of(ref)
    if image is None or (ref.tag is None and ref.digest is not None):
        return None
    tag = ref.tag or "latest"
    parts = tag.split("-")
    if parts[0] == "rc":  # python:rc, python:rc-slim: the newest version in pre-release
        return _rc_alias(ref, tag, image)
    fields: dict = {
        "version": None,
        "major": None,
        "minor": None,
        "patch": None,
        "prerelease": None,
    }
    if parts[0] == "latest" and len(parts) == 1:
        parts = []
    elif match := _VERSION.fullmatch(parts[0]):
        fields = _version_fields(match)
        parts = parts[1:]
        if parts[:1] == ["rc"] and fields["prerelease"] is None and fields["patch"] is None:
            fields["prerelease"] = "rc"
            parts = parts[1:]
    pypy_version = None
    if image == "pypy" and fields["version"] and parts and _PYPY_VERSION.fullmatch(parts[0]):
        pypy_version, parts = parts[0], parts[1:]
    variant, distro, pinned, extra = _split_variant(
        parts, knowledge.image_tags(image).debian_codenames
    )
    draft = PythonTag(
        implementation="pypy" if image == "pypy" else "cpython",
        tag=tag,
        variant=variant,
        distro=distro,
        distro_pinned=pinned,
        known=False,
        pypy_version=pypy_version,
        extra=extra,
        **fields,
    )
    return _with_known(draft)


def _rc_alias(ref: ImageRef, tag: str, image: str) -> PythonTag | None:
    series = [key for key in knowledge.image_tags(image).tags if key.endswith("-rc")]
    if not series:
        return None
    newest = max(series, key=lambda key: tuple(int(p) for p in key[:-3].split(".")))
    from dataclasses import replace

    meaning = parse_python_tag(replace(ref, tag=f"{newest[:-3]}-{tag}"))
    return replace(meaning, tag=tag) if meaning is not None else None


def _version_fields(match: re.Match[str]) -> dict:
    major, minor, patch, pre, pre_number = match.groups()
    version = ".".join(p for p in (major, minor, patch) if p is not None)
    return {
        "version": version,
        "major": int(major),
        "minor": int(minor) if minor is not None else None,
        "patch": int(patch) if patch is not None else None,
        "prerelease": f"{pre}{pre_number}" if pre else None,
    }


def _split_variant(
    parts: list[str], codenames: tuple[str, ...]
) -> tuple[str | None, str, bool, str | None]:
    """(variant, distro, pinned, extra) from the tokens after the version."""
    for size in range(min(2, len(parts)), -1, -1):
        found = _variant_of(parts[:size], codenames)
        if found is not None:
            return (*found, "-".join(parts[size:]) or None)
    raise AssertionError("the empty variant always matches")


def _variant_of(
    parts: list[str], codenames: tuple[str, ...]
) -> tuple[str | None, str, bool] | None:
    match parts:
        case []:
            return None, "debian", False
        case ["slim"]:
            return "slim", "debian", False
        case ["slim", codename] if codename in codenames:
            return "slim", codename, True
        case [codename] if codename in codenames:
            return None, codename, True
        case ["alpine"]:
            return "alpine", "alpine", False
        case [alpine] if _ALPINE.fullmatch(alpine):
            return "alpine", alpine, True
        case [windows] if windows in _WINDOWS:
            return windows, "windows", False
        case [windows, release] if windows in _WINDOWS and _WINDOWS_RELEASE.fullmatch(release):
            return windows, release, True
    return None


# -- what the published tags say -----------------------------------------------


def published_series(tag: PythonTag) -> list[dict[str, knowledge.TagSpan]] | None:
    """The tag tables ``tag`` draws on; None when its version was never published."""
    data = knowledge.image_tags(tag.image)
    if tag.version is None:
        return [spans for key, spans in data.tags.items() if not key.endswith("-rc")]
    if tag.minor is None:
        if str(tag.major) not in data.major_aliases:
            return None
        prefix = f"{tag.major}."
        return [s for k, s in data.tags.items() if k.startswith(prefix) and not k.endswith("-rc")]
    key = tag.minor_version
    if tag.prerelease is not None:
        spans = data.tags.get(f"{key}-rc")
    else:
        spans = data.tags.get(key) or _released_since_data(tag, key)
    return [spans] if spans else None


def _released_since_data(tag: PythonTag, key: str) -> dict[str, knowledge.TagSpan] | None:
    """A final release newer than the data: assume it kept its pre-release variants."""
    from pydolint.rule import today

    info = knowledge.python_version(key) if tag.implementation == "cpython" else None
    if info is None or info.released > today():
        return None
    return knowledge.image_tags(tag.image).tags.get(f"{key}-rc")


def _matching(tag: PythonTag, spans: dict[str, knowledge.TagSpan]) -> list[knowledge.TagSpan]:
    """Spans of the published variants that ``tag``'s variant part can name."""
    if tag.distro_pinned:
        name = tag.distro
        if tag.variant == "slim":
            name = f"slim-{tag.distro}"
        elif tag.variant in _WINDOWS:
            name = f"{tag.variant}-{tag.distro}"
        return [spans[name]] if name in spans else []
    if tag.variant is None:  # bare version: the Debian image (or Windows, same manifest)
        codenames = knowledge.image_tags(tag.image).debian_codenames
        return [s for v, s in spans.items() if v in codenames or v.startswith(_WINDOWS)]
    prefix = "slim-" if tag.variant == "slim" else tag.variant
    return [s for v, s in spans.items() if v.startswith(prefix)]


def _with_known(tag: PythonTag) -> PythonTag:
    if tag.extra is not None:
        return tag
    series = published_series(tag)
    if series is None:
        return tag
    if tag.version is None and tag.variant is None and not tag.distro_pinned:
        known = True  # `latest`
    else:
        known = any(_matching(tag, spans) for spans in series)
    return replace(tag, known=known)


def frozen_since(tag: PythonTag) -> date | None:
    """The day ``tag`` stopped being rebuilt; None while it is current or unknown."""
    if not tag.known or tag.version is None:
        return None
    ends = [span.end for spans in published_series(tag) or [] for span in _matching(tag, spans)]
    if not ends or any(end is None for end in ends):
        return None
    return max(ends)


def effective_debian(tag: PythonTag, on_date: date) -> str | None:
    """The Debian codename ``tag`` pointed to on ``on_date``; None for alpine and windows.

    A pinned tag names it; an unpinned one follows the image's default codename
    until the tag was last rebuilt.
    """
    if tag.family != "debian":
        return None
    if tag.distro_pinned:
        return tag.distro
    day = on_date
    frozen = frozen_since(tag)
    if frozen is not None and frozen <= day:
        day = frozen - timedelta(days=1)
    return knowledge.image_tags(tag.image).default_debian_on(day)
