"""The Debian or Alpine release an image tag names, and how long it is supported.

``named_release`` reads the release from the tag of a python or pypy image
(``3.12-slim-bookworm``, ``3.12-alpine3.20``), of the ``debian`` and
``alpine`` images themselves (``debian:11-slim``, ``alpine:3.19.1``), and of
any other image whose tag carries a codename or an ``alpineX.Y`` token
(``node:20-bookworm-slim``, ``golang:1.22-alpine3.19``). Unpinned tags name
no release. Dates come from ``knowledge/distro_releases.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pydolint import knowledge
from pydolint.imageref import ImageRef
from pydolint.pythontag import parse_python_tag

_ALPINE_TOKEN = re.compile(r"^alpine(\d+\.\d+)$")
_ALPINE_TAG = re.compile(r"^(\d+\.\d+)(\.\d+)?$")
_DEBIAN_NUMBER = re.compile(r"^(\d+)(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class NamedRelease:
    distro: str  # "debian" or "alpine"
    name: str  # "bullseye", "3.15"
    token: str  # as written in the tag: "bullseye", "11", "alpine3.15", "3.15.4"
    label: str  # "Debian 11 (bullseye)", "Alpine 3.15"
    end: date  # the day support ends: Debian's LTS end, Alpine's end of support
    detail: str  # "security support ended 2024-08-14, LTS on 2026-08-31"

    def supported_on(self, day: date) -> bool:
        return day <= self.end


def named_release(ref: ImageRef) -> NamedRelease | None:
    tag = (ref.tag or "").lower()
    if not tag:
        return None
    python = parse_python_tag(ref)
    if python is not None:
        if not python.distro_pinned or python.family == "windows":
            return None
        return _debian(python.distro) if python.family == "debian" else _alpine(python.distro)
    tokens = tag.split("-")
    if ref.is_official and ref.short_name == "debian":
        number = _DEBIAN_NUMBER.match(tokens[0])
        if number:
            by_number = {r.version: r.codename for r in knowledge.debian_releases().values()}
            found = by_number.get(int(number[1]))
            return _debian(found, tokens[0]) if found else None
    if ref.is_official and ref.short_name == "alpine" and _ALPINE_TAG.match(tokens[0]):
        return _alpine(tokens[0])
    for token in tokens:
        if token in knowledge.debian_releases():
            return _debian(token)
        if _ALPINE_TOKEN.match(token):
            return _alpine(token)
    return None


def supported_releases(distro: str, day: date) -> list[str]:
    """Releases of ``distro`` supported on ``day``, oldest first: ["bookworm", "trixie"]."""
    if distro == "debian":
        return [r.codename for r in sorted(knowledge.debian_releases().values(),
                                           key=lambda r: r.version)
                if r.released <= day <= r.lts_end]
    return [r.version for r in sorted(knowledge.alpine_releases().values(),
                                      key=lambda r: tuple(map(int, r.version.split("."))))
            if r.released <= day <= r.eol]


def _debian(codename: str, token: str | None = None) -> NamedRelease | None:
    release = knowledge.debian_release(codename)
    if release is None:
        return None
    return NamedRelease("debian", codename, token or codename,
                        f"Debian {release.version} ({codename})", release.lts_end,
                        f"security support ended on {release.security_end}, LTS on "
                        f"{release.lts_end}")


def _alpine(token: str) -> NamedRelease | None:
    release = knowledge.alpine_release(token)
    if release is None:
        return None
    return NamedRelease("alpine", release.version, token, f"Alpine {release.version}",
                        release.eol, f"support ended on {release.eol}")
