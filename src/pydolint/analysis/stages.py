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
    result: list[Instruction] = []
    for ancestor in reversed(lineage(document, stage)):
        result.extend(ancestor.instructions)
    return result


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
    if instruction.stage is None:
        return None
    stage = document.stages[instruction.stage]
    shell = None
    for candidate in lineage_instructions(document, stage):
        if candidate is instruction:
            break
        if candidate.keyword == "SHELL" and candidate.form == "exec" and candidate.value:
            shell = tuple(candidate.value)
    return shell


def is_windows_stage(document: Document, stage: Stage) -> bool:
    """Windows base images, or a PowerShell/cmd SHELL: POSIX rules do not apply."""
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
    final = target_stage(document, target)
    shipping = set() if final is None else {s.index for s in lineage(document, final)}
    copied = {source.lower() for instruction in document.all_instructions()
              for flag in instruction.flags
              for source in [flag.value if flag.name == "from" else
                             (flag.mount.from_ if flag.mount is not None else None)]
              if source is not None}
    for candidate in reversed(document.stages):  # children come after their parents
        children = [s for s in document.stages if s.parent_stage == candidate.index]
        referenced = {(candidate.name or "").lower(), str(candidate.index)} & copied
        if any(child.index in shipping for child in children) or (not children and not referenced):
            shipping.add(candidate.index)
    return stage.index in shipping


def user_at(document: Document, instruction: Instruction) -> str | None:
    """The USER in effect when ``instruction`` runs (None: the image's default)."""
    if instruction.stage is None:
        return None
    user = None
    for candidate in lineage_instructions(document, document.stages[instruction.stage]):
        if candidate is instruction:
            break
        if candidate.keyword == "USER" and candidate.value:
            expanded = candidate.variables.expand(candidate.value[0])
            user = expanded.result if expanded is not None else candidate.value[0]
    return user
