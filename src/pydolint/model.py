"""The document model: what the parser produces and every rule reads.

Lines and columns are 1-based. Columns count Unicode code points, and an
end column is exclusive (it names the column just after the last character).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydolint.imageref import ImageRef
    from pydolint.variables import Variables


@dataclass(frozen=True, slots=True)
class Span:
    start_line: int
    start_column: int
    end_line: int
    end_column: int

    @classmethod
    def line(cls, line: int, start_column: int = 1, end_column: int | None = None) -> Span:
        return cls(line, start_column, line, end_column if end_column is not None else start_column)


@dataclass(frozen=True, slots=True)
class Directive:
    """A parser directive such as ``# syntax=docker/dockerfile:1``."""

    name: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class Comment:
    line: int
    column: int
    text: str  # after the ``#``, stripped


@dataclass(frozen=True, slots=True)
class SyntaxIssue:
    """Something BuildKit would reject; reported as DF000."""

    message: str
    span: Span
    code: str = "DF000"  # DF001 for unknown instructions
    warning: bool = False  # BuildKit accepts it, but it is almost certainly a mistake


@dataclass(frozen=True, slots=True)
class Mount:
    """A parsed ``--mount=...`` flag value."""

    type: str
    options: dict[str, str]

    @property
    def target(self) -> str | None:
        for key in ("target", "dst", "destination"):
            if key in self.options:
                return self.options[key]
        return None

    @property
    def source(self) -> str | None:
        return self.options.get("source", self.options.get("src"))

    @property
    def from_(self) -> str | None:
        return self.options.get("from")


@dataclass(frozen=True, slots=True)
class Flag:
    """A builder flag such as ``--from=builder`` (name ``from``)."""

    name: str
    value: str | None  # None for a bare flag like ``--link``
    raw: str  # the flag as BuildKit reports it, quotes removed
    span: Span

    @property
    def mount(self) -> Mount | None:
        if self.name != "mount" or self.value is None:
            return None
        from pydolint.parser.flags import parse_mount

        return parse_mount(self.value)


@dataclass(frozen=True, slots=True)
class Word:
    """One argument: its raw source text (quotes kept) and where it stands."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class KeyValue:
    """One ``key=value`` (or legacy ``key value``) pair of ENV, ARG or LABEL."""

    key: str  # quotes and escapes removed
    value: str | None  # quotes and escapes removed; None for ``ARG NAME``
    raw_key: str
    raw_value: str | None
    span: Span
    legacy: bool = False  # ``ENV KEY value`` without ``=``


@dataclass(frozen=True, slots=True)
class Heredoc:
    name: str
    content: str  # exactly as BuildKit keeps it: line endings and tabs intact
    expand: bool  # False when the delimiter was quoted
    chomp: bool  # ``<<-``: leading tabs are stripped when used
    fd: int | None
    start_line: int  # first body line (equals end_line for an empty body)
    end_line: int  # the terminator's line

    @property
    def text(self) -> str:
        """The body as the build uses it: tabs stripped for ``<<-``."""
        if not self.chomp:
            return self.content
        return "".join(line.lstrip("\t") for line in self.content.splitlines(keepends=True))


@dataclass(slots=True, eq=False)
class Instruction:
    keyword: str  # upper case
    keyword_as_written: str
    start_line: int
    end_line: int
    column: int
    original: str  # the logical line after joining continuations
    flags: tuple[Flag, ...]
    form: str  # "shell" or "exec"
    value: tuple[str, ...]  # BuildKit's node values
    args: tuple[Word, ...]
    heredocs: tuple[Heredoc, ...] = ()
    key_values: tuple[KeyValue, ...] = ()
    sub_instruction: Instruction | None = None  # what ONBUILD wraps
    index: int = -1
    stage: int | None = None  # index of the stage; None before the first FROM
    # (offset in ``original``, line, column) where each joined source piece starts
    segments: tuple[tuple[int, int, int], ...] = field(default=(), repr=False)
    _variables: Variables | None = field(default=None, repr=False)

    @property
    def span(self) -> Span:
        """From the keyword to the end of the instruction's last line."""
        return Span(self.start_line, self.column, self.end_line, self.end_column)

    @property
    def end_column(self) -> int:
        return self._end_column

    _end_column: int = 1
    keyword_line: int = 0  # where the keyword stands (after a lone continuation line, not start_line)

    @property
    def keyword_span(self) -> Span:
        line = self.keyword_line or self.start_line
        return Span(line, self.column, line, self.column + len(self.keyword_as_written))

    def flag(self, name: str) -> Flag | None:
        """The last flag with this name (BuildKit keeps the last one)."""
        found = None
        for flag in self.flags:
            if flag.name == name:
                found = flag
        return found

    def flags_named(self, name: str) -> list[Flag]:
        return [flag for flag in self.flags if flag.name == name]

    @property
    def command(self) -> str:
        """A shell-form command string (RUN, CMD, ENTRYPOINT); empty otherwise."""
        if self.form == "shell" and self.value:
            return self.value[-1] if self.keyword == "HEALTHCHECK" else self.value[0]
        return ""

    def position(self, offset: int) -> tuple[int, int]:
        """Source (line, column) of a character offset into ``original``."""
        if not self.segments:
            return self.start_line, self.column + offset
        keys = [seg[0] for seg in self.segments]
        i = max(bisect_right(keys, offset) - 1, 0)
        seg_offset, line, column = self.segments[i]
        return line, column + (offset - seg_offset)

    def span_of(self, start: int, end: int) -> Span:
        """Source span of ``original[start:end]``."""
        start_line, start_column = self.position(start)
        if end <= start:
            return Span(start_line, start_column, start_line, start_column)
        end_line, end_column = self.position(end - 1)
        return Span(start_line, start_column, end_line, end_column + 1)

    @property
    def variables(self) -> Variables:
        """ARG and ENV values in effect when this instruction runs."""
        assert self._variables is not None, "variables are attached by the parser"
        return self._variables


@dataclass(slots=True, eq=False)
class Stage:
    index: int
    name: str | None  # as written after AS
    from_instruction: Instruction
    image: str  # raw text after FROM and its flags
    resolved_image: str | None  # after substituting global ARG defaults
    unresolved: bool  # a variable in the image had no value
    image_ref: ImageRef | None  # parsed resolved image; None for stages and scratch-less failures
    platform: str | None
    parent_stage: int | None  # index of the stage this one is built FROM
    instructions: list[Instruction] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.from_instruction.start_line

    @property
    def is_scratch(self) -> bool:
        return self.resolved_image == "scratch"  # BuildKit knows only the lower-case name


@dataclass(slots=True, eq=False)
class Document:
    path: str | None
    text: str  # decoded source, BOM removed
    lines: list[str]  # source lines without their line endings
    instructions: list[Instruction]
    comments: list[Comment]
    directives: dict[str, Directive]
    escape: str
    stages: list[Stage]
    errors: list[SyntaxIssue]
    empty_continuation_lines: list[int]  # whitespace-only lines inside continuations
    bom: bool = False
    line_ending: str = "\n"  # "\n", "\r\n" or "mixed"
    global_args: list[Instruction] = field(default_factory=list)
    # derived analyses shared between rules (shell parses, pragmas), computed once
    analysis: dict = field(default_factory=dict, repr=False)

    def cached(self, key, compute):
        """``compute()`` once per document; rules share the result."""
        if key not in self.analysis:
            self.analysis[key] = compute()
        return self.analysis[key]

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def stage_named(self, name: str) -> Stage | None:
        """A stage by name (case-insensitive; the last of duplicates, as BuildKit) or index."""
        lowered = name.lower()
        for stage in reversed(self.stages):
            if stage.name is not None and stage.name.lower() == lowered:
                return stage
        if name.isdigit() and int(name) < len(self.stages):
            return self.stages[int(name)]
        return None

    def all_instructions(self):
        """Every instruction, with ONBUILD-wrapped ones after their wrapper."""
        for instruction in self.instructions:
            yield instruction
            if instruction.sub_instruction is not None:
                yield instruction.sub_instruction
