"""Facts about Python, its images and base distributions, kept as TOML data.

Every file here has top-level ``checked`` (the day its facts were last
checked) and ``source`` keys. Nothing is read at import time: each accessor
loads its file on first use and caches the result.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

if TYPE_CHECKING:
    from pydolint.imageref import ImageRef

DATA_FILES = (
    "secret_patterns.toml",
    "context_hygiene.toml",
    "image_env.toml",
    "system_paths.toml",
    "python_versions.toml",
    "python_image.toml",
    "distro_releases.toml",
    "musllinux_wheels.toml",
    "build_requirements.toml",
    "nonroot_images.toml",
    "system_interpreters.toml",
    "gpu_frameworks.toml",
    "system_packages.toml",
    "other_tools.toml",
)

_MINOR = re.compile(r"(\d+)\.(\d+)")


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of one data file (cached; do not mutate)."""
    if name not in DATA_FILES:
        raise KeyError(name)
    return tomllib.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


def _minor_of(version: str) -> str | None:
    match = _MINOR.match(version)
    return f"{match[1]}.{match[2]}" if match else None


# -- Python versions -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PythonVersion:
    version: str  # "3.12"
    released: date
    eol: date  # last day of support
    eol_precision: str  # "day" or "month"
    latest: str | None  # newest release of the series, e.g. "3.12.13"
    release_expected: bool = False  # `released` is the scheduled day

    @property
    def key(self) -> tuple[int, int]:
        major, minor = self.version.split(".")
        return int(major), int(minor)

    def is_supported(self, today: date) -> bool:
        return self.released <= today <= self.eol


@cache
def python_versions() -> tuple[PythonVersion, ...]:
    """Every known feature version, oldest first."""
    found = [
        PythonVersion(
            version=version,
            released=entry["released"],
            eol=entry["eol"],
            eol_precision=entry["eol_precision"],
            latest=entry.get("latest"),
            release_expected=entry.get("release_expected", False),
        )
        for version, entry in load("python_versions.toml")["versions"].items()
    ]
    return tuple(sorted(found, key=lambda v: v.key))


def python_version(version: str) -> PythonVersion | None:
    """The feature version of ``"3.12"``, ``"3.12.10"`` or ``"3.15.0b3"``."""
    minor = _minor_of(version)
    return next((v for v in python_versions() if v.version == minor), None)


def python_eol(version: str) -> date | None:
    """Last day of support of the feature version ``version`` belongs to."""
    found = python_version(version)
    return found.eol if found else None


def oldest_supported_python(today: date | None = None) -> str:
    """The oldest feature version still supported on ``today``, e.g. ``"3.11"``.

    ``today`` defaults to the lint date (``pydolint.rule.today``).
    """
    if today is None:
        from pydolint.rule import today as lint_date

        today = lint_date()
    supported = [v for v in python_versions() if v.is_supported(today)]
    return (supported or [python_versions()[-1]])[0].version


# -- Distributions -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DebianRelease:
    codename: str
    version: int
    released: date
    security_end: date
    lts_end: date
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class AlpineRelease:
    version: str  # "3.20"
    released: date
    eol: date
    musl: str  # "1.1" or "1.2"


@cache
def debian_releases() -> dict[str, DebianRelease]:
    return {
        codename: DebianRelease(codename=codename, **entry)
        for codename, entry in load("distro_releases.toml")["debian"].items()
    }


@cache
def alpine_releases() -> dict[str, AlpineRelease]:
    return {
        version: AlpineRelease(version=version, **entry)
        for version, entry in load("distro_releases.toml")["alpine"].items()
    }


def debian_release(codename: str) -> DebianRelease | None:
    return debian_releases().get(codename.lower())


def alpine_release(version: str) -> AlpineRelease | None:
    """By branch: ``"3.20"``, ``"3.20.3"`` or ``"alpine3.20"``."""
    minor = _minor_of(version.lower().removeprefix("alpine"))
    return alpine_releases().get(minor) if minor else None


# -- Wheels and source builds --------------------------------------------------


@dataclass(frozen=True, slots=True)
class MusllinuxInfo:
    package: str
    first_musllinux: Version | None  # None: no musllinux wheel ever
    musllinux_policy: str | None
    never_wheels: bool  # no Linux wheel at all: always built from source
    note: str | None = None


@cache
def _musllinux_table() -> dict[str, MusllinuxInfo]:
    table = {}
    for name, entry in load("musllinux_wheels.toml")["packages"].items():
        first = entry.get("first_musllinux")
        table[canonicalize_name(name)] = MusllinuxInfo(
            package=name,
            first_musllinux=Version(first) if first else None,
            musllinux_policy=entry.get("musllinux_policy"),
            never_wheels=entry.get("never_wheels", False),
            note=entry.get("note"),
        )
    return table


def musllinux(package: str) -> MusllinuxInfo | None:
    """What is known about ``package``'s musllinux wheels (any spelling of its name)."""
    return _musllinux_table().get(canonicalize_name(package))


def has_musllinux_wheel(package: str, version: str) -> bool | None:
    """Whether ``package==version`` has a musllinux wheel; None when not known."""
    info = musllinux(package)
    if info is None:
        return None
    if info.first_musllinux is None:
        return False
    try:
        return Version(version) >= info.first_musllinux
    except InvalidVersion:
        return None


@dataclass(frozen=True, slots=True)
class Toolchain:
    distro: str  # "debian" or "alpine"
    c_compilers: tuple[str, ...]  # fnmatch patterns of package names
    libc_headers: tuple[str, ...]
    note: str | None = None

    def is_compiler(self, package: str) -> bool:
        return any(fnmatchcase(package, p) for p in self.c_compilers)

    def provides_libc_headers(self, package: str) -> bool:
        return any(fnmatchcase(package, p) for p in self.libc_headers)


@dataclass(frozen=True, slots=True)
class BuildRequirements:
    package: str
    debian: tuple[tuple[str, ...], ...]  # each entry: alternatives, any one will do
    alpine: tuple[tuple[str, ...], ...]
    note: str | None = None

    def for_distro(self, distro: str) -> tuple[tuple[str, ...], ...]:
        return self.alpine if distro == "alpine" else self.debian

    def missing(self, distro: str, installed: set[str]) -> list[str]:
        """Requirements none of whose alternatives is in ``installed``."""
        return [
            "|".join(alternatives)
            for alternatives in self.for_distro(distro)
            if not installed.intersection(alternatives)
        ]


def toolchain(distro: str) -> Toolchain:
    entry = load("build_requirements.toml")["toolchain"][distro]
    return Toolchain(
        distro=distro,
        c_compilers=tuple(entry["c_compilers"]),
        libc_headers=tuple(entry["libc_headers"]),
        note=entry.get("note"),
    )


@cache
def _build_table() -> dict[str, BuildRequirements]:
    def split(items: list[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(item.split("|")) for item in items)

    return {
        canonicalize_name(name): BuildRequirements(
            package=name,
            debian=split(entry.get("debian", [])),
            alpine=split(entry.get("alpine", [])),
            note=entry.get("note"),
        )
        for name, entry in load("build_requirements.toml")["packages"].items()
    }


def build_requirements(package: str) -> BuildRequirements | None:
    return _build_table().get(canonicalize_name(package))


# -- Default users of base images ----------------------------------------------


@dataclass(frozen=True, slots=True)
class ImageUser:
    names: tuple[str, ...]  # fnmatch patterns on the familiar name
    tag: str
    user: str  # "root" for images known to run as root
    uid: int | None = None
    note: str | None = None

    def matches(self, ref: ImageRef) -> bool:
        tag = ref.tag if ref.tag is not None else ("latest" if ref.digest is None else "")
        name = ref.familiar_name
        return fnmatchcase(tag, self.tag) and any(fnmatchcase(name, p) for p in self.names)


@cache
def image_users() -> tuple[ImageUser, ...]:
    return tuple(
        ImageUser(
            names=tuple(entry["names"]),
            tag=entry.get("tag", "*"),
            user=entry["user"],
            uid=entry.get("uid"),
            note=entry.get("note"),
        )
        for entry in load("nonroot_images.toml")["images"]
    )


def image_user(ref: ImageRef | str) -> ImageUser | None:
    """The first entry matching ``ref``, root entries included."""
    if isinstance(ref, str):
        from pydolint.imageref import parse_image_ref

        parsed = parse_image_ref(ref)
        if parsed is None:
            return None
        ref = parsed
    return next((entry for entry in image_users() if entry.matches(ref)), None)


def default_user(ref: ImageRef | str) -> str | None:
    """The non-root user ``ref`` runs as (``"nonroot"``, ``"1001"``); None if root or unknown."""
    entry = image_user(ref)
    if entry is None or entry.user in ("root", "0"):
        return None
    return entry.user


# -- The python and pypy images ------------------------------------------------


@dataclass(frozen=True, slots=True)
class TagSpan:
    start: date  # first day published
    end: date | None  # day it stopped being rebuilt; None while current


@dataclass(frozen=True, slots=True)
class ImageTags:
    image: str  # "python" or "pypy"
    repositories: tuple[str, ...]
    latest: str  # the version `latest` points to
    major_aliases: dict[str, str]  # "3" -> "3.14"
    default_debian: tuple[tuple[str, date], ...]  # (codename, since), oldest first
    tags: dict[str, dict[str, TagSpan]]  # "3.12" / "3.12-rc" -> variant -> span
    pypy_versions: dict[str, str]  # python version -> newest pypy version
    debian_codenames: tuple[str, ...]

    def default_debian_on(self, day: date) -> str:
        codename = self.default_debian[0][0]
        for name, since in self.default_debian:
            if since <= day:
                codename = name
        return codename


@cache
def image_tags(image: str) -> ImageTags:
    """Tag knowledge of the official ``python`` or ``pypy`` image."""
    data = load("python_image.toml")
    section = data[image]
    tags = {
        version: {
            variant: TagSpan(span[0], span[1] if len(span) > 1 else None)
            for variant, span in variants.items()
        }
        for version, variants in section["tags"].items()
    }
    return ImageTags(
        image=image,
        repositories=tuple(section["repositories"]),
        latest=section["latest"],
        major_aliases=dict(section.get("major_aliases", {})),
        default_debian=tuple(
            (e["codename"], e.get("since", date.min)) for e in section["default_debian"]
        ),
        tags=tags,
        pypy_versions=dict(section.get("pypy_versions", {})),
        debian_codenames=tuple(data["grammar"]["debian_codenames"]),
    )


# -- Distribution interpreters of the python images ------------------------------


def system_interpreters(image: str, variant: str | None) -> tuple[str, ...] | None:
    """The /usr/bin Python interpreters of the official ``image`` ("python" or "pypy")
    in ``variant`` (None: the full image, "slim", "alpine"); None when unknown."""
    entry = load("system_interpreters.toml")["images"].get(image, {}).get(variant or "full")
    return None if entry is None else tuple(entry)


# -- GPU frameworks ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GpuFramework:
    package: str
    pulls: str  # what the default install brings along
    instead: str  # the CPU-only way to install it
    cpu_index: bool = False  # a CPU-only wheel index selects CPU wheels
    cuda_extras: tuple[str, ...] = ()  # only these extras pull CUDA (fnmatch patterns)

    def pulls_cuda(self, extras: tuple[str, ...]) -> bool:
        if not self.cuda_extras:
            return True
        return any(fnmatchcase(e, p) for e in extras for p in self.cuda_extras)


def gpu_framework(package: str) -> GpuFramework | None:
    """What is known about an ML framework whose default wheels bring GPU support."""
    entry = load("gpu_frameworks.toml")["packages"].get(canonicalize_name(package))
    if entry is None:
        return None
    return GpuFramework(package=canonicalize_name(package), pulls=entry["pulls"],
                        instead=entry["instead"], cpu_index=entry.get("cpu_index", False),
                        cuda_extras=tuple(entry.get("cuda_extras", ())))


# -- System packages (apt, apk, rpm) -------------------------------------------


def image_packages(image: str) -> frozenset[str]:
    """Packages an image already has (``"python-full"``), dependencies included."""
    entry = load("system_packages.toml")["images"].get(image, {})
    return frozenset([*entry.get("packages", ()), *entry.get("transitive", ())])


def package_provides(distro: str) -> dict[str, tuple[str, ...]]:
    """Package -> the names installing it also satisfies (metapackages, virtual names)."""
    table = load("system_packages.toml")["provides"].get(distro, {})
    return {name: tuple(names) for name, names in table.items()}


def package_patterns(kind: str, family: str) -> tuple[str, ...]:
    """fnmatch patterns of ``kind`` ("build_tools", "distro_python") for "debian",
    "alpine" or "rpm"."""
    return tuple(load("system_packages.toml")[kind].get(family, ()))
