import datetime
import subprocess
import sys
import tomllib
from importlib import resources

import pytest
from packaging.version import Version

from pydolint import knowledge
from pydolint.imageref import parse_image_ref

D = datetime.date


def test_every_data_file_is_listed_and_dated():
    on_disk = {p.name for p in resources.files("pydolint.knowledge").iterdir()
               if p.name.endswith(".toml")}
    assert on_disk == set(knowledge.DATA_FILES)
    for name in knowledge.DATA_FILES:
        text = resources.files("pydolint.knowledge").joinpath(name).read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name} starts with a comment saying what it is"
        data = tomllib.loads(text)
        assert isinstance(data["checked"], datetime.date), name
        assert isinstance(data["source"], str) and data["source"].strip(), name


def test_import_reads_no_data_file():
    program = """
import sys
opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
import pydolint.knowledge
print(repr([p for p in opened if p.endswith(".toml")]))
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_loading_is_cached():
    assert knowledge.load("python_versions.toml") is knowledge.load("python_versions.toml")
    with pytest.raises(KeyError):
        knowledge.load("nope.toml")


# -- Python versions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "eol"),
    [
        ("2.7", D(2020, 1, 1)),
        ("3.5", D(2020, 9, 30)),
        ("3.6", D(2021, 12, 23)),
        ("3.7", D(2023, 6, 27)),
        ("3.8", D(2024, 10, 7)),
        ("3.9", D(2025, 10, 31)),
        ("3.10", D(2026, 10, 31)),
        ("3.11", D(2027, 10, 31)),
        ("3.12", D(2028, 10, 31)),
        ("3.12.10", D(2028, 10, 31)),
        ("3.13", D(2029, 10, 31)),
        ("3.14", D(2030, 10, 31)),
        ("3.15", D(2031, 10, 31)),
        ("3.15.0b3", D(2031, 10, 31)),
        ("3.4", None),
        ("3", None),
        ("latest", None),
    ],
)
def test_python_eol(version, eol):
    assert knowledge.python_eol(version) == eol


@pytest.mark.parametrize(
    ("version", "released", "precision", "latest", "expected"),
    [
        ("3.10", D(2021, 10, 4), "month", "3.10.20", False),
        ("3.11", D(2022, 10, 24), "month", "3.11.15", False),
        ("3.12", D(2023, 10, 2), "month", "3.12.13", False),
        ("3.13", D(2024, 10, 7), "month", "3.13.15", False),
        ("3.14", D(2025, 10, 7), "month", "3.14.7", False),
        ("3.15", D(2026, 10, 1), "month", "3.15.0rc1", True),
        ("3.8", D(2019, 10, 14), "day", "3.8.20", False),
        ("3.5", D(2015, 9, 13), "month", "3.5.10", False),
    ],
)
def test_python_version_fields(version, released, precision, latest, expected):
    info = knowledge.python_version(version)
    assert info is not None
    assert (info.released, info.eol_precision, info.latest, info.release_expected) == (
        released, precision, latest, expected)


def test_python_versions_are_ordered_and_consistent():
    versions = knowledge.python_versions()
    assert [v.key for v in versions] == sorted(v.key for v in versions)
    for info in versions:
        assert info.released < info.eol
        if info.eol_precision == "month":
            assert (info.eol + datetime.timedelta(days=1)).day == 1  # last day of a month
        if info.latest:
            assert info.latest.startswith(info.version + ".")


@pytest.mark.parametrize(
    ("today", "oldest"),
    [
        (D(2024, 10, 7), "3.8"),  # the last day of 3.8
        (D(2024, 10, 8), "3.9"),
        (D(2025, 10, 31), "3.9"),
        (D(2025, 11, 1), "3.10"),
        (D(2026, 11, 23), "3.11"),
        (D(2027, 11, 1), "3.12"),
    ],
)
def test_oldest_supported_python(today, oldest):
    assert knowledge.oldest_supported_python(today) == oldest


def test_oldest_supported_python_uses_the_lint_date():
    assert knowledge.oldest_supported_python() == "3.11"  # conftest fixes 2026-11-23


# -- Distributions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("codename", "version", "lts_end", "approximate"),
    [
        ("buster", 10, D(2024, 6, 30), False),
        ("bullseye", 11, D(2026, 8, 31), False),
        ("bookworm", 12, D(2028, 6, 30), False),
        ("trixie", 13, D(2030, 6, 30), True),
        ("Bookworm", 12, D(2028, 6, 30), False),
    ],
)
def test_debian_releases(codename, version, lts_end, approximate):
    release = knowledge.debian_release(codename)
    assert release is not None
    assert (release.version, release.lts_end, release.approximate) == (version, lts_end,
                                                                       approximate)


def test_unknown_debian():
    assert knowledge.debian_release("sid") is None


@pytest.mark.parametrize(
    ("name", "eol", "musl"),
    [
        ("3.12", D(2022, 5, 1), "1.1"),
        ("3.15", D(2023, 11, 1), "1.2"),
        ("3.16", D(2024, 5, 23), "1.2"),
        ("3.17", D(2024, 11, 22), "1.2"),
        ("3.18", D(2025, 5, 9), "1.2"),
        ("3.19", D(2025, 11, 1), "1.2"),
        ("3.20", D(2026, 4, 1), "1.2"),
        ("alpine3.21", D(2026, 11, 1), "1.2"),
        ("3.22.1", D(2027, 5, 1), "1.2"),
        ("3.23", D(2027, 11, 1), "1.2"),
    ],
)
def test_alpine_releases(name, eol, musl):
    release = knowledge.alpine_release(name)
    assert release is not None
    assert (release.eol, release.musl) == (eol, musl)


def test_unknown_alpine():
    assert knowledge.alpine_release("edge") is None
    assert knowledge.alpine_release("3.99") is None


# -- Wheels and builds ---------------------------------------------------------


@pytest.mark.parametrize(
    ("package", "first", "never_wheels"),
    [
        ("numpy", Version("1.25.0"), False),
        ("pandas", Version("2.1.0"), False),
        ("scipy", Version("1.11.1"), False),
        ("matplotlib", Version("3.8.0"), False),
        ("Pillow", Version("9.1.0"), False),
        ("lxml", Version("4.6.4"), False),
        ("cryptography", Version("3.4.8"), False),
        ("psycopg2_binary", Version("2.9.3"), False),
        ("grpcio", Version("1.46.0"), False),
        ("uvloop", Version("0.17.0"), False),
        ("pyarrow", Version("20.0.0"), False),
        ("scikit-learn", None, False),
        ("psycopg2", None, True),
        ("mysqlclient", None, True),
    ],
)
def test_musllinux(package, first, never_wheels):
    info = knowledge.musllinux(package)
    assert info is not None
    assert (info.first_musllinux, info.never_wheels) == (first, never_wheels)


def test_musllinux_details():
    assert knowledge.musllinux("pyarrow").musllinux_policy == "musllinux_1_2"
    assert "musllinux_1_2" in knowledge.musllinux("pyarrow").note
    assert knowledge.musllinux("not-a-package") is None
    assert knowledge.has_musllinux_wheel("numpy", "1.24.4") is False
    assert knowledge.has_musllinux_wheel("numpy", "2.0") is True
    assert knowledge.has_musllinux_wheel("scikit-learn", "1.5.0") is False
    assert knowledge.has_musllinux_wheel("not-a-package", "1.0") is None
    assert knowledge.has_musllinux_wheel("numpy", "latest") is None


@pytest.mark.parametrize(
    ("package", "debian", "alpine"),
    [
        ("psycopg2", [("libpq-dev",), ("gcc",), ("libc6-dev",)],
         [("postgresql-dev", "libpq-dev"), ("gcc",), ("musl-dev",)]),
        ("mysqlclient", [("default-libmysqlclient-dev",), ("pkg-config",), ("gcc",), ("libc6-dev",)],
         [("mariadb-dev", "mariadb-connector-c-dev"), ("pkgconf",), ("gcc",), ("musl-dev",)]),
        ("python_ldap", [("libldap-dev", "libldap2-dev"), ("libsasl2-dev",), ("gcc",), ("libc6-dev",)],
         [("openldap-dev",), ("gcc",), ("musl-dev",)]),
        ("uwsgi", [("gcc",), ("libc6-dev",)], [("gcc",), ("musl-dev",), ("linux-headers",)]),
        ("pycairo", [("libcairo2-dev",), ("pkg-config",), ("gcc",), ("libc6-dev",)],
         [("cairo-dev",), ("pkgconf",), ("gcc",), ("musl-dev",)]),
    ],
)
def test_build_requirements(package, debian, alpine):
    found = knowledge.build_requirements(package)
    assert found is not None
    assert found.for_distro("debian") == tuple(debian)
    assert found.for_distro("alpine") == tuple(alpine)


def test_missing_build_requirements():
    psycopg2 = knowledge.build_requirements("psycopg2")
    assert psycopg2.missing("alpine", {"gcc", "musl-dev", "libpq-dev"}) == []
    assert psycopg2.missing("debian", {"gcc"}) == ["libpq-dev", "libc6-dev"]
    assert knowledge.build_requirements("requests") is None


@pytest.mark.parametrize(
    ("distro", "package", "compiler", "headers"),
    [
        ("debian", "gcc", True, False),
        ("debian", "gcc-12", True, False),
        ("debian", "build-essential", True, True),
        ("debian", "clang-16", True, True),
        ("debian", "g++", True, True),
        ("debian", "libc6-dev", False, True),
        ("debian", "curl", False, False),
        ("alpine", "gcc", True, False),
        ("alpine", "build-base", True, True),
        ("alpine", "musl-dev", False, True),
        ("alpine", "clang17", True, False),
    ],
)
def test_toolchain(distro, package, compiler, headers):
    chain = knowledge.toolchain(distro)
    assert chain.is_compiler(package) is compiler
    assert chain.provides_libc_headers(package) is headers


# -- Default users -------------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "user"),
    [
        ("gcr.io/distroless/python3-debian12:nonroot", "nonroot"),
        ("gcr.io/distroless/python3-debian12:debug-nonroot", "nonroot"),
        ("gcr.io/distroless/static:nonroot-amd64", "nonroot"),
        ("gcr.io/distroless/java17-debian12:nonroot", "nonroot"),
        ("gcr.io/distroless/python3-debian12", None),
        ("gcr.io/distroless/python3-debian12:debug", None),
        ("cgr.dev/chainguard/python:latest", "nonroot"),
        ("cgr.dev/chainguard/python:latest-dev", "nonroot"),
        ("chainguard/python", "nonroot"),
        ("cgr.dev/chainguard/wolfi-base", None),
        ("cgr.dev/chainguard/go:latest-dev", None),
        ("cgr.dev/chainguard/redis", "redis"),
        ("bitnami/pytorch:2", "1001"),
        ("docker.io/bitnami/spark:3.5", "1001"),
        ("bitnami/python:3.12", None),
        ("bitnamilegacy/postgresql:16", "1001"),
        ("jupyter/scipy-notebook", "jovyan"),
        ("quay.io/jupyter/pytorch-notebook:latest", "jovyan"),
        ("nginxinc/nginx-unprivileged:alpine", "nginx"),
        ("mambaorg/micromamba:2", "mambauser"),
        ("registry.access.redhat.com/ubi9/python-312", "1001"),
        ("apache/airflow:2.10.0", "airflow"),
        ("python:3.12-slim", None),
        ("ghcr.io/astral-sh/uv:python3.12-bookworm", None),
        ("not a ref", None),
    ],
)
def test_default_user(image, user):
    assert knowledge.default_user(image) == user
    ref = parse_image_ref(image)
    if ref is not None:
        assert knowledge.default_user(ref) == user


def test_image_user_entry():
    entry = knowledge.image_user("gcr.io/distroless/static:nonroot")
    assert entry is not None and (entry.user, entry.uid) == ("nonroot", 65532)
    root = knowledge.image_user("bitnami/python")
    assert root is not None and root.user == "root"
    assert knowledge.image_user("python") is None
    digest_only = "gcr.io/distroless/static@sha256:" + "0" * 64
    assert knowledge.default_user(digest_only) is None  # the tag is unknown


# -- Image tag data --------------------------------------------------------------


def test_image_tags_data():
    python = knowledge.image_tags("python")
    assert python.latest == "3.14"
    assert python.major_aliases["3"] == "3.14"
    assert "docker.io/library/python" in python.repositories
    assert python.tags["3.12"]["slim-bookworm"] == knowledge.TagSpan(D(2023, 10, 2), None)
    assert python.tags["3.9"]["slim-buster"].end == D(2023, 6, 13)
    assert "slim-buster" not in python.tags["3.12"]
    assert "slim-buster" in python.tags["3.11"]
    assert "bullseye" in python.tags["3.13"] and "bullseye" not in python.tags["3.14"]
    assert "trixie" not in python.tags["3.8"] and "trixie" in python.tags["3.9"]
    pypy = knowledge.image_tags("pypy")
    assert pypy.pypy_versions["3.10"] == "7.3.19"
    assert not any(v.startswith("alpine") for spans in pypy.tags.values() for v in spans)


@pytest.mark.parametrize(
    ("day", "codename"),
    [
        (D(2019, 1, 1), "stretch"),
        (D(2021, 1, 1), "buster"),
        (D(2023, 6, 12), "bullseye"),
        (D(2023, 6, 13), "bookworm"),
        (D(2025, 8, 10), "bookworm"),
        (D(2025, 8, 11), "trixie"),
        (D(2015, 1, 1), "jessie"),
    ],
)
def test_default_debian_history(day, codename):
    assert knowledge.image_tags("python").default_debian_on(day) == codename


def test_tag_spans_are_ordered():
    for image in ("python", "pypy"):
        for version, spans in knowledge.image_tags(image).tags.items():
            for variant, span in spans.items():
                assert span.end is None or span.start < span.end, (image, version, variant)
