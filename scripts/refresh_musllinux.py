#!/usr/bin/env python3
"""Refresh ``src/pydolint/knowledge/musllinux_wheels.toml`` from the package index.

Maintainer tool: the linter and its tests never run it. For every package in
the file (or those named with ``--package``) it reads the index's simple API
page once (PEP 691 JSON, falling back to the HTML form), finds the first final
release that published a musllinux wheel for the chosen architecture and
whether the package publishes Linux wheels at all, and prints what differs
from the file. ``--write`` rewrites the file, keeping notes and the header.

The index is whatever pip is configured to use (``pip config list``:
``index-url`` and ``extra-index-url``), else pip's own default index, so no
host is named here.

    python scripts/refresh_musllinux.py                 # show differences
    python scripts/refresh_musllinux.py --package numpy
    python scripts/refresh_musllinux.py --write
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

DATA = (
    Path(__file__).resolve().parents[1] / "src" / "pydolint" / "knowledge" / "musllinux_wheels.toml"
)
ACCEPT = "application/vnd.pypi.simple.v1+json, text/html;q=0.1"


def pip_index_urls() -> list[str]:
    """Index URLs from pip's configuration, or pip's default index."""
    listing = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], check=False, capture_output=True, text=True
    ).stdout
    main: list[str] = []
    extra: list[str] = []
    for line in listing.splitlines():
        key, _, value = line.partition("=")
        urls = value.strip().strip("'\"").split()
        if key.endswith(".index-url"):
            main = urls
        elif key.endswith(".extra-index-url"):
            extra += urls
    if not main:
        main = [
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "from pip._internal.models.index import PyPI; print(PyPI.simple_url)",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        ]
    return main + extra


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self._in_a = False

    def handle_starttag(self, tag, attrs):
        self._in_a = tag == "a"

    def handle_data(self, data):
        if self._in_a and data.strip():
            self.names.append(data.strip())

    def handle_endtag(self, tag):
        self._in_a = False


def filenames(index: str, package: str) -> list[str]:
    """Every distribution file name the index lists for ``package``."""
    url = f"{index.rstrip('/')}/{canonicalize_name(package)}/"
    candidates = [url + "index.html"] if url.startswith("file:") else [url]
    for candidate in candidates:
        request = urllib.request.Request(candidate, headers={"Accept": ACCEPT})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                body = response.read().decode()
                kind = (
                    response.headers.get("Content-Type", "") if hasattr(response, "headers") else ""
                )
        except (urllib.error.URLError, OSError):
            continue
        if "json" in (kind or ""):
            return [f["filename"] for f in json.loads(body)["files"] if not f.get("yanked")]
        parser = _Anchors()
        parser.feed(body)
        return parser.names
    return []


@dataclass
class Finding:
    first_musllinux: Version | None = None
    policy: str | None = None
    versions: set[Version] = field(default_factory=set)
    linux: set[Version] = field(default_factory=set)  # versions with a Linux wheel

    @property
    def linux_wheels(self) -> bool:
        """Whether the newest final release has a Linux wheel of any kind."""
        finals = [v for v in self.versions if not v.is_prerelease]
        return bool(finals) and max(finals) in self.linux


def scan(names: list[str], arch: str) -> Finding:
    found = Finding()
    for name in names:
        try:
            if name.endswith(".whl"):
                _, version, _, tags = parse_wheel_filename(name)
            elif name.endswith((".tar.gz", ".zip")):
                found.versions.add(parse_sdist_filename(name)[1])
                continue
            else:
                continue
        except (ValueError, InvalidVersion):
            continue
        found.versions.add(version)
        platforms = {tag.platform for tag in tags}
        if any("linux" in p for p in platforms):
            found.linux.add(version)
        musl = sorted(p for p in platforms if p.startswith("musllinux") and p.endswith(arch))
        earlier = found.first_musllinux is None or version < found.first_musllinux
        if musl and not version.is_prerelease and earlier:
            found.first_musllinux = version
            found.policy = re.sub(rf"_{arch}$", "", musl[0])
    return found


def probe(package: str, indexes: list[str], arch: str) -> Finding:
    names: list[str] = []
    for index in indexes:
        names += filenames(index, package)
    return scan(names, arch)


def render(header: str, checked: str, source: str, packages: dict[str, dict]) -> str:
    lines = [header.rstrip("\n"), "", f"checked = {checked}", f"source = {json.dumps(source)}", ""]
    for name in sorted(packages):
        entry = packages[name]
        lines.append(f"[packages.{json.dumps(name)}]")
        for key in ("first_musllinux", "musllinux_policy", "never_wheels", "note"):
            value = entry.get(key)
            if isinstance(value, bool):
                lines.append(f"{key} = {str(value).lower()}")
            elif value is not None:
                lines.append(f"{key} = {json.dumps(value)}")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", action="append", help="only this package (repeatable)")
    parser.add_argument("--arch", default="x86_64", help="wheel architecture (default x86_64)")
    parser.add_argument("--write", action="store_true", help="rewrite the data file")
    args = parser.parse_args()

    text = DATA.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    header = text.split("\nchecked", 1)[0]
    packages: dict[str, dict] = data["packages"]
    indexes = pip_index_urls()
    print(f"indexes: {' '.join(indexes)}", file=sys.stderr)

    changed = False
    for name in args.package or sorted(packages):
        finding = probe(name, indexes, args.arch)
        if not finding.versions:
            print(f"{name}: not found on the index, left as it is")
            continue
        entry = packages.setdefault(name, {})
        new = {
            "first_musllinux": str(finding.first_musllinux) if finding.first_musllinux else None,
            "musllinux_policy": finding.policy,
            "never_wheels": not finding.linux_wheels,
        }
        for key, value in new.items():
            if entry.get(key) != value:
                print(f"{name}: {key} {entry.get(key)!r} -> {value!r}")
                entry[key] = value
                changed = True
    if args.write and changed:
        today = datetime.date.today().isoformat()
        DATA.write_text(render(header, today, data["source"], packages), encoding="utf-8")
        print(f"wrote {DATA}")
    elif not changed:
        print("no differences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
