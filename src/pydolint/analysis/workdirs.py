"""WORKDIR instructions of a stage and its ancestors, resolved as the build resolves them."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache

from pydolint.model import Document, Instruction, Stage

_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:|\\)")


@dataclass(frozen=True, slots=True)
class Workdir:
    instruction: Instruction
    written: str  # as written
    expanded: str | None  # after ARG/ENV substitution; None when a variable has no value
    absolute: bool | None  # None when a variable hides whether it is
    path: str | None  # the absolute, normalised directory; None when unknown


def is_absolute(path: str) -> bool:
    """POSIX ``/app``, or Windows ``C:\\app``, ``C:/app`` and ``\\app``."""
    return path.startswith("/") or bool(_WINDOWS_ABSOLUTE.match(path))


def workdirs(document: Document, stage: Stage) -> list[Workdir]:
    """WORKDIRs that shaped the stage (ancestor stages first), each resolved
    against the one before; the base image's own working directory is unknown."""
    def compute() -> list[Workdir]:
        from pydolint.analysis.stages import lineage_instructions

        found, current = [], None
        for instruction in lineage_instructions(document, stage):
            if instruction.keyword != "WORKDIR" or not instruction.value:
                continue
            written = instruction.value[0]
            result = instruction.variables.expand(written)
            expanded = result.result if result is not None and not result.unmatched else None
            shown = expanded if expanded is not None else written
            absolute = is_absolute(shown) if expanded is not None or not shown.startswith(
                "$") else None
            if expanded is None:
                current = None
            elif absolute:
                current = _normal(expanded)
            elif current is not None:
                current = _normal(posixpath.join(current, expanded))
            found.append(Workdir(instruction, written, expanded, absolute, current))
        return found

    return document.cached(("workdirs", stage.index), compute)


def _normal(path: str) -> str:
    if _WINDOWS_ABSOLUTE.match(path):
        return path
    return posixpath.normpath(path).replace("//", "/")


@cache
def system_paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(paths mounted over at run time, operating-system directories) from the data file."""
    from pydolint.knowledge import load

    data = load("system_paths.toml")
    return tuple(data["mounted_at_runtime"]), tuple(data["system_directories"])
