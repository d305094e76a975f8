"""Every image a Dockerfile pulls: FROM lines, COPY --from and RUN --mount from=.

An ONBUILD instruction runs in another build, one whose Dockerfile starts FROM
this image: its ``from=`` names that build's stages and its variables are that
build's. So a name that could be a stage there (``--from=builder``) is not
taken for an image, and a value with a variable is not resolved here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydolint.imageref import ImageRef, parse_image_ref
from pydolint.model import Document, Instruction, Span

STAGE_NAME = re.compile(r"^[a-z][a-z0-9_.-]*$", re.IGNORECASE)  # BuildKit's, compared lower-cased


@dataclass(frozen=True, slots=True)
class ImageUse:
    kind: str  # "from", "copy-from" or "mount-from"
    text: str  # as written
    resolved: str | None  # after ARG substitution; None when a variable has no value (or is
    # an ONBUILD one, which the other build resolves)
    ref: ImageRef | None  # None for stages, stage indexes, scratch and unresolved text
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
    for instruction in document.instructions:
        yield from _flag_uses(instruction, document, downstream=False)
        if instruction.sub_instruction is not None:  # ONBUILD: runs in another build
            yield from _flag_uses(instruction.sub_instruction, document, downstream=True)


def _flag_uses(instruction: Instruction, document: Document, downstream: bool):
    for flag in instruction.flags:
        if flag.name == "from" and instruction.keyword in ("COPY", "ADD") and flag.value:
            yield _flag_use("copy-from", flag.value, flag.span, instruction, document, downstream)
        elif flag.name == "mount" and flag.mount is not None and flag.mount.from_:
            yield _flag_use("mount-from", flag.mount.from_, flag.span, instruction, document,
                            downstream)


def _flag_use(kind: str, text: str, span: Span, instruction: Instruction, document: Document,
              downstream: bool):
    if downstream:
        resolved = None if "$" in text else text
    else:
        expanded = instruction.variables.expand(text)
        resolved = expanded.result if expanded is not None and not expanded.unmatched else None
    stage = None
    if resolved is not None and not downstream:
        named = document.stage_named(resolved)
        if named is not None:
            stage = named.index
    ref = None
    if resolved is not None and stage is None and _may_be_image(kind, resolved, downstream):
        ref = parse_image_ref(resolved)
    return ImageUse(kind, text, resolved, ref, span, instruction, stage)


def _may_be_image(kind: str, value: str, downstream: bool) -> bool:
    """False for what BuildKit never pulls: scratch, a ``COPY --from`` number (always a stage
    index, in range or not) and, in ONBUILD, a name that may be a stage of the other build."""
    if value.lower() == "scratch" or (kind == "copy-from" and value.isdigit()):
        return False
    return not (downstream and STAGE_NAME.match(value))
