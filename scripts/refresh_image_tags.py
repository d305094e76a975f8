#!/usr/bin/env python3
"""Rebuild the per-version tag tables of ``python_image.toml`` from git history.

Maintainer tool; never run by tests or by the linter. It reads a local clone of
docker-library/python (or docker-library/pypy) and prints, for every version
directory, each variant directory with the date it first appeared on the main
branch and, when it is gone, the date it disappeared (the tag stopped being
rebuilt then: it is "frozen"). Paste the output over the ``[<image>.tags.*]``
tables of ``src/pydolint/knowledge/python_image.toml``.

    git clone https://github.com/docker-library/python /tmp/python
    python scripts/refresh_image_tags.py --repo /tmp/python --image python
"""

from __future__ import annotations

import argparse
import re
import subprocess
from datetime import date

VERSION_DIR = re.compile(r"^\d+\.\d+(-rc)?$")
SKIPPED = {"", "slim", "alpine", "onbuild"}  # pre-2017 unpinned layouts


def git(repo: str, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, *args], check=True, capture_output=True, text=True
    ).stdout


def variant_of(subdir: str) -> str | None:
    """``buster/slim`` -> ``slim-buster``, ``windows/x`` -> ``x``; None to skip."""
    parts = subdir.split("/")
    if parts[0] == "windows":
        parts = parts[1:]
    if parts[-1] == "onbuild":
        return None
    if len(parts) == 2 and parts[1] == "slim":
        return f"slim-{parts[0]}"
    name = "/".join(parts)
    return None if name in SKIPPED or "/" in name else name


def snapshot(repo: str, commit: str) -> set[tuple[str, str]]:
    found = set()
    for path in git(repo, "ls-tree", "-r", "--name-only", commit).splitlines():
        if not path.endswith("/Dockerfile"):
            continue
        version, _, rest = path[: -len("/Dockerfile")].partition("/")
        if VERSION_DIR.match(version):
            variant = variant_of(rest)
            if variant is not None:
                found.add((version, variant))
    return found


def history(repo: str) -> dict[tuple[str, str], list[date | None]]:
    log = git(repo, "log", "--first-parent", "--reverse", "--format=%H %cs", "HEAD")
    ranges: dict[tuple[str, str], list[date | None]] = {}
    previous: set[tuple[str, str]] = set()
    for line in log.splitlines():
        commit, day = line.split()
        when = date.fromisoformat(day)
        current = snapshot(repo, commit)
        for key in current - previous:
            if key in ranges and ranges[key][1] is not None:
                ranges[key][1] = None  # came back: keep the first start
            ranges.setdefault(key, [when, None])
        for key in previous - current:
            ranges[key][1] = when
        previous = current
    return ranges


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.removesuffix("-rc").split("."))


def render(image: str, ranges: dict[tuple[str, str], list[date | None]]) -> str:
    out = []
    for version in sorted({v for v, _ in ranges}, key=lambda v: (version_key(v), v)):
        out.append(f'[{image}.tags."{version}"]')
        rows = sorted((r[0], variant, r) for (v, variant), r in ranges.items() if v == version)
        for _, variant, (start, end) in rows:
            span = f"[{start}]" if end is None else f"[{start}, {end}]"
            out.append(f'"{variant}" = {span}')
        out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True, help="local clone of docker-library/<image>")
    parser.add_argument("--image", default="python", choices=["python", "pypy"])
    args = parser.parse_args()
    print(render(args.image, history(args.repo)))


if __name__ == "__main__":
    main()
