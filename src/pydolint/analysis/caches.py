"""Where pip and uv keep their caches for the user a RUN runs as, and what removes them."""

from __future__ import annotations

import posixpath
import re

from pydolint.analysis.stages import user_at
from pydolint.model import Document, Instruction

CACHE_SUBDIR = {"pip": "pip", "uv": "uv"}
_HOME_PREFIX = re.compile(r"^(~|\$HOME|\$\{HOME\})(?=/|$)")


def home_of(user: str | None) -> str | None:
    """Home directory of a USER value; None when only the image knows it (a numeric UID)."""
    name = (user or "root").split(":", 1)[0].strip()
    if name in ("root", "0", ""):
        return "/root"
    if name.isdigit():
        return None
    return f"/home/{name}"


def home_at(document: Document, instruction: Instruction) -> str | None:
    return instruction.variables.get("HOME") or home_of(user_at(document, instruction))


def cache_dir(document: Document, instruction: Instruction, tool: str) -> str | None:
    """The cache directory ``tool`` ("pip" or "uv") uses in this RUN, if it can be known."""
    variables = instruction.variables
    explicit = variables.get("PIP_CACHE_DIR" if tool == "pip" else "UV_CACHE_DIR")
    if explicit:
        return posixpath.normpath(explicit)
    base = variables.get("XDG_CACHE_HOME")
    if not base:
        home = home_at(document, instruction)
        if home is None:
            return None
        base = f"{home}/.cache"
    return posixpath.normpath(f"{base}/{CACHE_SUBDIR[tool]}")


def cache_mount_targets(instruction: Instruction) -> list[str]:
    return [posixpath.normpath(flag.mount.target) for flag in instruction.flags
            if flag.mount is not None and flag.mount.type == "cache" and flag.mount.target]


def covers(target: str, directory: str) -> bool:
    return directory == target or directory.startswith(target.rstrip("/") + "/")


def removes_cache(rm_args: list[str], directory: str | None, home: str | None, tool: str) -> bool:
    """Whether ``rm`` with these arguments deletes the tool's cache directory."""
    for word in rm_args:
        if word.startswith("-"):
            continue
        path = _HOME_PREFIX.sub(home or "/root", word)
        path = posixpath.normpath(path.rstrip("*").rstrip("/") or "/")
        if directory is not None:
            if covers(path, directory):
                return True
        elif path.endswith((f"/.cache/{CACHE_SUBDIR[tool]}", "/.cache")):
            return True
    return False
