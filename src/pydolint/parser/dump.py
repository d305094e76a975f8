"""The parsed model as plain data: the stable ``pydolint parse`` interface."""

from __future__ import annotations

from pydolint.model import Document, Instruction


def instruction_to_dict(instruction: Instruction) -> dict:
    data = {
        "keyword": instruction.keyword,
        "start_line": instruction.start_line,
        "end_line": instruction.end_line,
        "column": instruction.column,
        "flags": [flag.raw for flag in instruction.flags],
        "form": instruction.form,
        "value": list(instruction.value),
        "heredocs": [
            {"name": h.name, "content": h.content, "start_line": h.start_line,
             "end_line": h.end_line}
            for h in instruction.heredocs
        ],
        "stage": instruction.stage,
    }
    if instruction.sub_instruction is not None:
        data["sub_instruction"] = instruction_to_dict(instruction.sub_instruction)
    return data


def document_to_dict(document: Document) -> dict:
    return {
        "directives": {name: d.value for name, d in document.directives.items()},
        "stages": [
            {
                "index": stage.index,
                "name": stage.name,
                "line": stage.line,
                "image": stage.image,
                "resolved_image": stage.resolved_image,
                "registry": stage.image_ref.registry if stage.image_ref else None,
                "repository": stage.image_ref.repository if stage.image_ref else None,
                "tag": stage.image_ref.tag if stage.image_ref else None,
                "digest": stage.image_ref.digest if stage.image_ref else None,
                "platform": stage.platform,
                "parent_stage": stage.parent_stage,
            }
            for stage in document.stages
        ],
        "instructions": [instruction_to_dict(i) for i in document.instructions],
        "errors": [
            {"line": e.span.start_line, "column": e.span.start_column, "message": e.message}
            for e in document.errors
        ],
    }


def document_to_text(document: Document) -> str:
    """A compact human-readable listing for debugging."""
    out = []
    for name, directive in document.directives.items():
        out.append(f"directive {name}={directive.value} (line {directive.line})")
    for stage in document.stages:
        image = stage.resolved_image or stage.image
        extra = f" (stage {stage.parent_stage})" if stage.parent_stage is not None else ""
        out.append(f"stage {stage.index} {stage.name or '-'}: {image}{extra} line {stage.line}")
    for ins in document.instructions:
        flags = " ".join(f.raw for f in ins.flags)
        out.append(f"{ins.start_line}-{ins.end_line}:{ins.column} {ins.keyword} [{ins.form}] "
                   f"{flags + ' ' if flags else ''}{list(ins.value)!r}")
        for h in ins.heredocs:
            out.append(f"    heredoc {h.name} lines {h.start_line}-{h.end_line}: {h.content!r}")
    for error in document.errors:
        out.append(f"error {error.span.start_line}:{error.span.start_column}: {error.message}")
    return "\n".join(out) + "\n"
