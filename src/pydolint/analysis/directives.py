"""Parser-directive lookalikes: ``# syntax=``, ``# escape=`` and ``# check=`` comments.

Only leading comment lines are parser directives (``Document.directives``);
later ones are plain comments. BuildKit still reads a ``# check=`` comment
among the comments right before an instruction (the node's ``PrevComment``:
the comments since the previous instruction, reset by an empty ``#`` line)
and applies the first one to that instruction.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from pydolint.model import Comment, Document, Instruction

DIRECTIVE = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")
NAMES = ("syntax", "escape", "check")


@dataclass(frozen=True, slots=True)
class DirectiveComment:
    comment: Comment
    name: str  # lower case: syntax, escape or check
    value: str

    @property
    def text(self) -> str:
        return f"# {self.name}={self.value}"


def directive_comments(document: Document) -> list[DirectiveComment]:
    """Comments written like parser directives that are not parser directives."""
    found = []
    for comment in document.comments:
        match = DIRECTIVE.match(comment.text)
        if match and match.group(1).lower() in NAMES:
            found.append(DirectiveComment(comment, match.group(1).lower(), match.group(2)))
    return found


def check_comment_targets(document: Document) -> dict[int, Instruction | str]:
    """For each ``# check=`` comment line: the instruction BuildKit applies it to, or why none."""
    instructions = document.instructions
    starts = [i.start_line for i in instructions]
    groups: dict[int, list[Comment]] = {}  # instruction index -> its PrevComment; -1: inside one
    for comment in document.comments:
        index = bisect_left(starts, comment.line)
        inside = index > 0 and instructions[index - 1].end_line >= comment.line
        groups.setdefault(-1 if inside else index, []).append(comment)
    targets: dict[int, Instruction | str] = {}
    for index, comments in groups.items():
        first = None
        for comment in comments:
            match = DIRECTIVE.match(comment.text)
            if not comment.text:
                if first is not None:
                    targets[first] = f"the empty '#' line {comment.line} discards it"
                first = None
            elif match and match.group(1).lower() == "check":
                if first is None and 0 <= index < len(instructions):
                    first, targets[comment.line] = comment.line, instructions[index]
                else:
                    targets[comment.line] = (
                        "no instruction follows it" if index == len(instructions) else
                        "it stands inside a continued instruction" if index < 0 else
                        "only the first `# check=` comment before an instruction counts "
                        f"(line {first})")
    return targets
