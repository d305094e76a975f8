"""Finding Dockerfiles in directories."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

DOCKERFILE_PATTERNS = ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile",
                       "Containerfile", "Containerfile.*", "*.Containerfile")
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                       ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
                       ".hypothesis", "site-packages", ".eggs"})


def is_dockerfile_name(name: str) -> bool:
    if name.endswith((".dockerignore", ".md", ".orig", ".rej", "~", ".swp")):
        return False
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in DOCKERFILE_PATTERNS)


def _gitignore(directory: Path) -> list[tuple[str, bool, bool]]:
    """Simple .gitignore patterns: (pattern, anchored, directory-only); negations skipped."""
    try:
        text = (directory / ".gitignore").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    patterns = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")):
            continue
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        patterns.append((line.lstrip("/"), anchored, dir_only))
    return patterns


def _ignored(relative: str, name: str, is_dir: bool, patterns) -> bool:
    for pattern, anchored, dir_only in patterns:
        if dir_only and not is_dir:
            continue
        if fnmatch.fnmatchcase(relative if anchored else name, pattern):
            return True
    return False


def find_dockerfiles(root: Path) -> list[Path]:
    """Dockerfiles below ``root``, sorted, skipping VCS, virtualenvs and ignored paths."""
    return _walk(root, is_dockerfile_name)


def find_build_files(root: Path) -> list[Path]:
    """Compose and bake files below ``root``, sorted, skipping what find_dockerfiles skips.

    In one directory only the first compose file of ``compose.yaml``,
    ``compose.yml``, ``docker-compose.yml``, ``docker-compose.yaml`` counts,
    as ``docker compose`` itself chooses; ``docker-bake.json`` counts too.
    """
    from pydolint.buildfiles import BAKE_FILES, BUILD_FILE_NAMES, COMPOSE_FILES

    found = _walk(root, lambda name: name in BUILD_FILE_NAMES)
    chosen = []
    by_dir: dict[Path, list[Path]] = {}
    for path in found:
        by_dir.setdefault(path.parent, []).append(path)
    for paths in by_dir.values():
        names = {p.name: p for p in paths}
        compose = next((names[n] for n in COMPOSE_FILES if n in names), None)
        chosen += [p for p in (compose, *(names.get(n) for n in BAKE_FILES)) if p is not None]
    return sorted(chosen)


def _walk(root: Path, wanted) -> list[Path]:
    patterns = _gitignore(root)
    found = []
    for current, dirs, files in os.walk(root):
        here = Path(current)
        rel_dir = here.relative_to(root).as_posix()
        kept = []
        for name in sorted(dirs):
            relative = f"{rel_dir}/{name}" if rel_dir != "." else name
            if name in SKIP_DIRS or (here / name / "pyvenv.cfg").exists():
                continue
            if _ignored(relative, name, True, patterns):
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            relative = f"{rel_dir}/{name}" if rel_dir != "." else name
            if wanted(name) and not _ignored(relative, name, False, patterns):
                found.append(here / name)
    return sorted(found)
