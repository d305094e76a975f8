"""Every image a Dockerfile pulls: FROM lines, COPY --from and RUN --mount from=."""

from __future__ import annotations

from dataclasses import dataclass

from pydolint.imageref import ImageRef, parse_image_ref
from pydolint.model import Document, Instruction, Span


@dataclass(frozen=True, slots=True)
class ImageUse:
    kind: str  # "from", "copy-from" or "mount-from"
    text: str  # as written
    resolved: str | None  # after ARG substitution; None when a variable has no value
    ref: ImageRef | None  # None for stages, scratch and unresolved text
    span: Span
    instruction: Instruction
    stage_index: int | None  # the earlier stage it names, if any

    @property
    def via_variable(self) -> bool:
        return "$" in self.text


def image_uses(document: Document) -> list[ImageUse]:
    return document.cached("image_uses", lambda: list(_collect(document)))


def _collect(document: Document):
    for stage in document.stages:
        words = stage.from_instruction.args
        span = words[0].span if words else stage.from_instruction.keyword_span
        yield ImageUse("from", stage.image, stage.resolved_image, stage.image_ref, span,
                       stage.from_instruction, stage.parent_stage)
    for instruction in document.all_instructions():
        for flag in instruction.flags:
            if flag.name == "from" and instruction.keyword in ("COPY", "ADD") and flag.value:
                yield _flag_use("copy-from", flag.value, flag.span, instruction, document)
            elif flag.name == "mount" and flag.mount is not None and flag.mount.from_:
                yield _flag_use("mount-from", flag.mount.from_, flag.span, instruction, document)


def _flag_use(kind: str, text: str, span: Span, instruction: Instruction, document: Document):
    expanded = instruction.variables.expand(text)
    resolved = expanded.result if expanded is not None and not expanded.unmatched else None
    stage = None
    if resolved is not None:
        named = document.stage_named(resolved)
        if named is not None:
            stage = named.index
    ref = None
    if resolved is not None and stage is None and resolved.lower() != "scratch":
        ref = parse_image_ref(resolved)
    return ImageUse(kind, text, resolved, ref, span, instruction, stage)
