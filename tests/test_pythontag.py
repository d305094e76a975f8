import datetime

import pytest

from pydolint.imageref import parse_image_ref
from pydolint.pythontag import PythonTag, effective_debian, frozen_since, parse_python_tag

D = datetime.date


def tag_of(text: str) -> PythonTag | None:
    ref = parse_image_ref(text)
    assert ref is not None, text
    return parse_python_tag(ref)


# (image, version, major, minor, patch, prerelease, variant, distro, pinned, known)
CPYTHON = [
    ("python", None, None, None, None, None, None, "debian", False, True),
    ("python:latest", None, None, None, None, None, None, "debian", False, True),
    ("python:3", "3", 3, None, None, None, None, "debian", False, True),
    ("python:slim", None, None, None, None, None, "slim", "debian", False, True),
    ("python:alpine", None, None, None, None, None, "alpine", "alpine", False, True),
    ("python:bookworm", None, None, None, None, None, None, "bookworm", True, True),
    ("python:slim-trixie", None, None, None, None, None, "slim", "trixie", True, True),
    ("python:3-slim", "3", 3, None, None, None, "slim", "debian", False, True),
    ("python:3.12", "3.12", 3, 12, None, None, None, "debian", False, True),
    ("python:3.12.10-slim-bookworm", "3.12.10", 3, 12, 10, None, "slim", "bookworm", True, True),
    ("python:3.12-alpine3.20", "3.12", 3, 12, None, None, "alpine", "alpine3.20", True, True),
    ("python:3.12-alpine", "3.12", 3, 12, None, None, "alpine", "alpine", False, True),
    ("python:3.15.0b3", "3.15.0", 3, 15, 0, "b3", None, "debian", False, True),
    ("python:3.15-rc", "3.15", 3, 15, None, "rc", None, "debian", False, True),
    ("python:3.15.0rc1-slim", "3.15.0", 3, 15, 0, "rc1", "slim", "debian", False, True),
    ("python:3.15-rc-alpine3.24", "3.15", 3, 15, None, "rc", "alpine", "alpine3.24", True, True),
    ("python:3.12-windowsservercore-ltsc2022", "3.12", 3, 12, None, None, "windowsservercore",
     "ltsc2022", True, True),
    ("python:3.13-windowsservercore", "3.13", 3, 13, None, None, "windowsservercore", "windows",
     False, True),
    ("python:3.12-nanoserver-ltsc2022", "3.12", 3, 12, None, None, "nanoserver", "ltsc2022", True,
     False),
    ("python:2.7", "2.7", 2, 7, None, None, None, "debian", False, True),
    ("python:2.7.18-slim-buster", "2.7.18", 2, 7, 18, None, "slim", "buster", True, True),
    ("python:3.9-slim-bullseye", "3.9", 3, 9, None, None, "slim", "bullseye", True, True),
    ("python:3.11-slim-buster", "3.11", 3, 11, None, None, "slim", "buster", True, True),
    ("python:3.13-slim-buster", "3.13", 3, 13, None, None, "slim", "buster", True, False),
    ("python:3.12-bullseye", "3.12", 3, 12, None, None, None, "bullseye", True, True),
    ("python:3.14-slim-bullseye", "3.14", 3, 14, None, None, "slim", "bullseye", True, False),
    ("python:3.8-trixie", "3.8", 3, 8, None, None, None, "trixie", True, False),
    ("python:3.9-trixie", "3.9", 3, 9, None, None, None, "trixie", True, True),
    ("python:3.12-alpine3.12", "3.12", 3, 12, None, None, "alpine", "alpine3.12", True, False),
    ("python:3.15", "3.15", 3, 15, None, None, None, "debian", False, True),
    ("python:3.15-slim-trixie", "3.15", 3, 15, None, None, "slim", "trixie", True, True),
    ("python:3.16", "3.16", 3, 16, None, None, None, "debian", False, False),
    ("python:3.1", "3.1", 3, 1, None, None, None, "debian", False, False),
    ("python:4", "4", 4, None, None, None, None, "debian", False, False),
    ("python:3.12-slim-forky", "3.12", 3, 12, None, None, "slim", "forky", True, False),
    ("mirror.gcr.io/library/python:3.12-slim", "3.12", 3, 12, None, None, "slim", "debian", False,
     True),
    ("public.ecr.aws/docker/library/python:3.11", "3.11", 3, 11, None, None, None, "debian",
     False, True),
]


@pytest.mark.parametrize(
    ("image", "version", "major", "minor", "patch", "prerelease", "variant", "distro", "pinned",
     "known"),
    CPYTHON,
)
def test_cpython_tags(image, version, major, minor, patch, prerelease, variant, distro, pinned,
                      known):
    tag = tag_of(image)
    assert tag is not None
    assert (tag.implementation, tag.version, tag.major, tag.minor, tag.patch, tag.prerelease,
            tag.variant, tag.distro, tag.distro_pinned, tag.known, tag.pypy_version,
            tag.extra) == ("cpython", version, major, minor, patch, prerelease, variant, distro,
                           pinned, known, None, None)


@pytest.mark.parametrize(
    ("image", "variant", "distro", "extra"),
    [
        ("python:3.12-slim-arm64", "slim", "debian", "arm64"),
        ("python:bookworm-slim", None, "bookworm", "slim"),
        ("python:3.12-onbuild", None, "debian", "onbuild"),
        ("python:latest-slim", None, "debian", "latest-slim"),
        ("python:3.12-slim-bookworm-amd64", "slim", "bookworm", "amd64"),
    ],
)
def test_unknown_suffixes(image, variant, distro, extra):
    tag = tag_of(image)
    assert tag is not None
    assert (tag.variant, tag.distro, tag.extra, tag.known) == (variant, distro, extra, False)


# (image, version, pypy_version, variant, distro, pinned, known)
PYPY = [
    ("pypy", None, None, None, "debian", False, True),
    ("pypy:3", "3", None, None, "debian", False, True),
    ("pypy:3.10-slim", "3.10", None, "slim", "debian", False, True),
    ("pypy:3.10-7.3.17-slim", "3.10", "7.3.17", "slim", "debian", False, True),
    ("pypy:3.11-7.3.22-trixie", "3.11", "7.3.22", None, "trixie", True, True),
    ("pypy:3-7.3-slim-bookworm", "3", "7.3", "slim", "bookworm", True, True),
    ("pypy:2.7-7.3.22", "2.7", "7.3.22", None, "debian", False, True),
    ("pypy:3.11-windowsservercore-ltsc2025", "3.11", None, "windowsservercore", "ltsc2025", True,
     True),
    ("pypy:3.10-alpine", "3.10", None, "alpine", "alpine", False, False),
    ("pypy:3.11-bullseye", "3.11", None, None, "bullseye", True, False),
    ("pypy:slim", None, None, "slim", "debian", False, True),
]


@pytest.mark.parametrize(
    ("image", "version", "pypy_version", "variant", "distro", "pinned", "known"), PYPY)
def test_pypy_tags(image, version, pypy_version, variant, distro, pinned, known):
    tag = tag_of(image)
    assert tag is not None
    assert (tag.implementation, tag.version, tag.pypy_version, tag.variant, tag.distro,
            tag.distro_pinned, tag.known) == ("pypy", version, pypy_version, variant, distro,
                                              pinned, known)


@pytest.mark.parametrize(
    "image",
    [
        "ghcr.io/someone/python:3.12",
        "bitnami/python:3.12",
        "cgr.dev/chainguard/python:latest",
        "node:20",
        "python@sha256:" + "0" * 64,
    ],
)
def test_not_a_python_tag(image):
    assert tag_of(image) is None


def test_digest_with_tag_is_read():
    tag = tag_of("python:3.12-slim@sha256:" + "0" * 64)
    assert tag is not None and (tag.version, tag.variant) == ("3.12", "slim")


@pytest.mark.parametrize(
    ("image", "full", "family", "minor_version"),
    [
        ("python:3.12", True, "debian", "3.12"),
        ("python:3.12-bookworm", True, "debian", "3.12"),
        ("python:3.12-slim", False, "debian", "3.12"),
        ("python:3.12-alpine", False, "alpine", "3.12"),
        ("python:3.12-windowsservercore", False, "windows", "3.12"),
        ("python:3", True, "debian", None),
        ("pypy:3.10", True, "debian", "3.10"),
    ],
)
def test_derived_properties(image, full, family, minor_version):
    tag = tag_of(image)
    assert (tag.is_full_image, tag.family, tag.minor_version) == (full, family, minor_version)


@pytest.mark.parametrize(
    ("image", "day", "codename"),
    [
        ("python:3.12", D(2024, 1, 1), "bookworm"),
        ("python:3.12", D(2025, 8, 10), "bookworm"),
        ("python:3.12", D(2026, 11, 23), "trixie"),
        ("python:3.12-slim", D(2022, 1, 1), "bullseye"),  # before 3.12: the default then
        ("python", D(2021, 1, 1), "buster"),
        ("python:slim", D(2026, 1, 1), "trixie"),
        ("python:3.12-slim-bookworm", D(2026, 11, 23), "bookworm"),
        ("python:3.7", D(2026, 11, 23), "bookworm"),  # frozen 2023-10-02, after bookworm
        ("python:3.6-slim", D(2026, 11, 23), "bullseye"),  # frozen 2022-01-14
        ("python:2.7", D(2026, 11, 23), "buster"),
        ("python:3.12-alpine", D(2026, 11, 23), None),
        ("python:3.12-windowsservercore", D(2026, 11, 23), None),
        ("pypy:3.10", D(2026, 11, 23), "bookworm"),  # pypy 3.10 frozen 2025-07-07
        ("pypy:3.11", D(2025, 1, 1), "bullseye"),  # pypy kept bullseye until 2025-02-12
        ("pypy:3.11", D(2026, 11, 23), "trixie"),
    ],
)
def test_effective_debian(image, day, codename):
    assert effective_debian(tag_of(image), day) == codename


@pytest.mark.parametrize(
    ("image", "frozen"),
    [
        ("python:3.12-slim-bookworm", None),
        ("python:3.12", None),
        ("python:3.9-slim-buster", D(2023, 6, 13)),
        ("python:3.11-bullseye", D(2025, 8, 11)),
        ("python:3.12-alpine3.20", D(2025, 5, 30)),
        ("python:3.7", D(2023, 10, 2)),
        ("python:2.7-slim", D(2020, 4, 20)),
        ("python:3.13-slim-buster", None),  # never published
        ("python:slim-buster", None),  # latest-style tags are not tracked
    ],
)
def test_frozen_since(image, frozen):
    assert frozen_since(tag_of(image)) == frozen


def test_rc_alias_follows_the_newest_prerelease_series():
    tag = parse_python_tag(parse_image_ref("python:rc-slim"))
    assert (tag.tag, tag.version, tag.prerelease, tag.variant, tag.known) == \
        ("rc-slim", "3.15", "rc", "slim", True)
