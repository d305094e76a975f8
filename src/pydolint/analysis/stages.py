"""Stage queries shared by rules: lineage, final stage, base image, shell, env."""

from __future__ import annotations

from pydolint.model import Document, Instruction, Stage
from pydolint.variables import Variables


def target_stage(document: Document, target: str | None = None) -> Stage | None:
    """The stage that becomes the image: ``--target`` if given, else the last."""
    if target:
        named = document.stage_named(target)
        if named is not None:
            return named
    return document.final_stage


def lineage(document: Document, stage: Stage) -> list[Stage]:
    """The stage and the stages it is built FROM, nearest first."""
    chain, seen = [stage], {stage.index}
    while chain[-1].parent_stage is not None and chain[-1].parent_stage not in seen:
        parent = document.stages[chain[-1].parent_stage]
        chain.append(parent)
        seen.add(parent.index)
    return chain


def lineage_instructions(document: Document, stage: Stage) -> list[Instruction]:
    """Every instruction that shaped the stage, oldest first (ancestors included)."""
    def compute() -> list[Instruction]:
        result: list[Instruction] = []
        for ancestor in reversed(lineage(document, stage)):
            result.extend(ancestor.instructions)
        return result

    return document.cached(("lineage_instructions", stage.index), compute)


def _in_effect(document: Document, keyword: str, value) -> dict[int, object]:
    """For every instruction (by id), ``value(i)`` of the last ``keyword`` before it in
    its stage's lineage; one pass per stage, shared by all callers."""
    def compute() -> dict[int, object]:
        effect: dict[int, object] = {}
        for stage in document.stages:
            current = None
            for instruction in lineage_instructions(document, stage):
                if instruction.stage == stage.index:
                    effect[id(instruction)] = current
                    if instruction.sub_instruction is not None:
                        effect[id(instruction.sub_instruction)] = current
                if instruction.keyword == keyword:
                    current = value(instruction) or current
        return effect

    return document.cached(("in_effect", keyword), compute)


def root_stage(document: Document, stage: Stage) -> Stage:
    return lineage(document, stage)[-1]


def final_variables(stage: Stage) -> Variables:
    """ARG and ENV in effect after the stage's last instruction."""
    from pydolint.parser.stages import variables_after

    return variables_after(stage.instructions[-1])


def last_instruction(document: Document, stage: Stage, keyword: str) -> Instruction | None:
    for instruction in reversed(lineage_instructions(document, stage)):
        if instruction.keyword == keyword:
            return instruction
    return None


def shell_for(document: Document, instruction: Instruction) -> tuple[str, ...] | None:
    """The SHELL in effect for an instruction; None means the default ``/bin/sh -c``."""
    def shell_of(candidate: Instruction):
        return tuple(candidate.value) if candidate.form == "exec" and candidate.value else None

    return _in_effect(document, "SHELL", shell_of).get(id(instruction))


def is_windows_stage(document: Document, stage: Stage) -> bool:
    """Windows base images, or a PowerShell/cmd SHELL: POSIX rules do not apply."""
    return document.cached(("windows", stage.index), lambda: _is_windows(document, stage))


def _is_windows(document: Document, stage: Stage) -> bool:
    root = root_stage(document, stage)
    text = (root.resolved_image or root.image).lower()
    if any(word in text for word in ("windowsservercore", "nanoserver", "windows/servercore",
                                     "windows/nanoserver", "mcr.microsoft.com/windows")):
        return True
    return document.escape == "`" and any(
        i.keyword == "SHELL" for i in lineage_instructions(document, stage))


def stage_ships(document: Document, stage: Stage, target: str | None = None) -> bool:
    """Whether the stage's content can end up in an image someone runs.

    True for the final stage's lineage, for stages nothing refers to (they may
    be built with --target), and for any stage a shipping stage is built FROM;
    False for helper stages that are only copied from.
    """
    return stage.index in document.cached(("shipping", target),
                                          lambda: _shipping(document, target))


def _shipping(document: Document, target: str | None) -> set[int]:
    final = target_stage(document, target)
    shipping = set() if final is None else {s.index for s in lineage(document, final)}
    copied = {source.lower() for instruction in document.all_instructions()
              for flag in instruction.flags
              for source in [flag.value if flag.name == "from" else
                             (flag.mount.from_ if flag.mount is not None else None)]
              if source is not None}
    children: dict[int, list[int]] = {}
    for candidate in document.stages:
        if candidate.parent_stage is not None:
            children.setdefault(candidate.parent_stage, []).append(candidate.index)
    for candidate in reversed(document.stages):  # children come after their parents
        kids = children.get(candidate.index, [])
        referenced = {(candidate.name or "").lower(), str(candidate.index)} & copied
        if any(kid in shipping for kid in kids) or (not kids and not referenced):
            shipping.add(candidate.index)
    return shipping


def user_at(document: Document, instruction: Instruction) -> str | None:
    """The USER in effect when ``instruction`` runs (None: the image's default)."""
    def user_of(candidate: Instruction) -> str | None:
        if not candidate.value:
            return None
        expanded = candidate.variables.expand(candidate.value[0])
        return expanded.result if expanded is not None else candidate.value[0]

    return _in_effect(document, "USER", user_of).get(id(instruction))
