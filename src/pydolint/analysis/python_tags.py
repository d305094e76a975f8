"""Uses of the official ``python`` and ``pypy`` images and what their tags promise.

Shared by the base-image rules: every image use (``FROM``, ``COPY --from``,
``RUN --mount=from=``) whose reference is a python or pypy tag, what a
floating tag points to today, the tag a rule suggests instead, and why a tag
that was never published does not exist. The facts come from
``knowledge/python_image.toml`` through ``pydolint.pythontag``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydolint import knowledge
from pydolint.analysis.images import ImageUse, image_uses
from pydolint.model import Document, Span
from pydolint.pythontag import PythonTag, frozen_since, parse_python_tag

ARCHITECTURES = frozenset({
    "amd64", "x86_64", "x86-64", "x64", "386", "i386", "i686", "x86", "arm", "arm64", "arm64v8",
    "aarch64", "armv5", "armv6", "armv7", "armhf", "armel", "arm32v5", "arm32v6", "arm32v7",
    "ppc64le", "ppc64", "s390x", "riscv64", "mips64le", "loong64"})


@dataclass(frozen=True, slots=True)
class PythonImageUse:
    use: ImageUse
    tag: PythonTag

    @property
    def span(self) -> Span:
        return self.use.span

    @property
    def shown(self) -> str:
        """``'python:3-slim'``, or ``'$BASE' (resolves to 'python:3-slim')``."""
        text = f"'{self.use.text}'"
        return text + (f" (resolves to '{self.use.resolved}')" if self.use.via_variable else "")

    @property
    def digest(self) -> bool:
        return self.use.ref is not None and self.use.ref.digest is not None

    @property
    def is_latest(self) -> bool:
        """``python`` or ``python:latest``: DF100 and DF101 report those."""
        tag = self.tag
        return tag.tag == "latest" and tag.extra is None

    def with_tag(self, tag: str) -> str:
        """The same image name with another tag: ``python:3.14-slim``."""
        assert self.use.ref is not None
        return f"{self.use.ref.familiar_name}:{tag}"

    def retagged(self, version: str, keep_distro: bool = True) -> str:
        """This image with ``version`` in place of the tag's version, variant kept."""
        return self.with_tag("-".join([version, *variant_parts(self.tag, keep_distro)]))


def python_image_uses(document: Document) -> list[PythonImageUse]:
    """Every use of a python or pypy image, in source order (cached per document)."""
    def compute():
        found = []
        for use in image_uses(document):
            tag = parse_python_tag(use.ref) if use.ref is not None else None
            if tag is not None:
                found.append(PythonImageUse(use, tag))
        return found

    return document.cached("python_image_uses", compute)


def is_rc_alias(tag: PythonTag) -> bool:
    """``python:rc``, ``python:rc-slim``: follows whichever version is in pre-release."""
    return tag.tag.split("-")[0] == "rc"


def variant_parts(tag: PythonTag, keep_distro: bool = True) -> list[str]:
    """The variant tokens of a tag: ["slim", "bookworm"], ["alpine3.20"], []."""
    if tag.variant is None:
        return [tag.distro] if tag.distro_pinned and keep_distro else []
    if not tag.distro_pinned or not keep_distro:
        return [tag.variant]
    if tag.variant == "alpine":
        return [tag.distro]
    return [tag.variant, tag.distro]


def points_to(tag: PythonTag) -> str | None:
    """The feature version a tag without a minor version follows today ("3.14")."""
    data = knowledge.image_tags(tag.image)
    if tag.version is None:
        return data.latest
    if tag.minor is None:
        return data.major_aliases.get(str(tag.major))
    return tag.minor_version


def frozen(tag: PythonTag, today: date) -> date | None:
    """The day the tag stopped being rebuilt, if that is before ``today``."""
    since = frozen_since(tag)
    return since if since is not None and since <= today else None


def series_frozen(tag: PythonTag, today: date) -> date | None:
    """The day the last image of the tag's feature version stopped being rebuilt."""
    spans = knowledge.image_tags(tag.image).tags.get(tag.minor_version or "")
    if not spans or any(span.end is None or span.end > today for span in spans.values()):
        return None
    return max(span.end for span in spans.values())


def unknown_reason(tag: PythonTag, today: date) -> str:
    """Why a tag with ``known`` False was never published (for PY109)."""
    from pydolint.pythontag import published_series

    image = tag.image
    if tag.extra is not None:
        return _extra_reason(tag)
    if tag.variant == "nanoserver":
        return f"the {image} image never published nanoserver variants; use windowsservercore"
    if tag.minor is None:
        majors = ", ".join(sorted(knowledge.image_tags(image).major_aliases))
        return f"there is no {image} {tag.major} series (major-version tags: {majors})"
    series = published_series(tag)
    if not series:
        return _missing_version(tag, today)
    published = sorted(v for v in series[0] if _same_kind(tag, v))
    where = f"{image}:{tag.minor_version}{'-rc' if tag.prerelease else ''}"
    reason = f"{where} was never published as '{'-'.join(variant_parts(tag))}'"
    if tag.distro_pinned and tag.family != "windows":
        reason += _codename_timing(tag, series[0])
    if published:
        return reason + f"; its {_kind_name(tag)} variants are: {', '.join(published)}"
    return reason + f"; it has no {_kind_name(tag)} variants at all"


def _extra_reason(tag: PythonTag) -> str:
    words = tag.extra.lower().split("-")
    if any(word in ARCHITECTURES for word in words):
        return (f"'{tag.extra}' is an architecture, and python tags never name one: every tag is "
                "multi-platform and the build picks the architecture from --platform (for "
                "example `FROM --platform=linux/arm64 ...` or `docker build --platform`)")
    if tag.extra == "slim" and tag.distro_pinned and tag.variant is None:
        return f"the variant comes before the release: '{tag.minor_version or tag.version}-slim-" \
               f"{tag.distro}', not '-{tag.distro}-slim'"
    return (f"'{tag.extra}' is no part of the {tag.image} tag grammar "
            "(<version>[-slim][-<debian codename>], <version>-alpine[<X.Y>], "
            "<version>-windowsservercore[-<release>])")


def _missing_version(tag: PythonTag, today: date) -> str:
    info = knowledge.python_version(tag.minor_version) if tag.implementation == "cpython" else None
    if tag.prerelease is not None:
        return f"no {tag.image} {tag.minor_version} pre-release images were published"
    if info is not None and info.released > today:
        return (f"Python {tag.minor_version} is not released yet (expected on "
                f"{info.released.isoformat()}); until then only pre-release tags such as "
                f"'{tag.minor_version}-rc' exist")
    versions = [v for v in knowledge.image_tags(tag.image).tags if not v.endswith("-rc")]
    return (f"the {tag.image} image has no {tag.minor_version} series (published: "
            f"{versions[0]} to {versions[-1]})")


def _same_kind(tag: PythonTag, variant: str) -> bool:
    codenames = knowledge.image_tags(tag.image).debian_codenames
    if tag.variant == "slim":
        return variant.startswith("slim-")
    if tag.variant is None:
        return variant in codenames
    return variant.startswith(tag.variant)


def _kind_name(tag: PythonTag) -> str:
    return {None: "full Debian", "slim": "slim", "alpine": "Alpine"}.get(tag.variant, "Windows")


def _codename_timing(tag: PythonTag, spans: dict) -> str:
    """Why the codename missed the series: its images ended before, or began after, it."""
    data = knowledge.image_tags(tag.image)
    name = "-".join(variant_parts(tag))
    codename = [s for table in data.tags.values() for v, s in table.items() if v == name]
    if not codename or not spans:
        return ""
    series_start = min(s.start for s in spans.values())
    ends = [s.end for s in codename]
    if all(end is not None for end in ends) and max(ends) <= series_start:
        return (f": {name} images stopped on {max(ends).isoformat()}, before the "
                f"{tag.minor_version} images began on {series_start.isoformat()}")
    series_ends = [s.end for s in spans.values()]
    first = min(s.start for s in codename)
    if all(end is not None for end in series_ends) and first >= max(series_ends):
        return (f": {name} images began on {first.isoformat()}, after the "
                f"{tag.minor_version} images stopped on {max(series_ends).isoformat()}")
    return ""
