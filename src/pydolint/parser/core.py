"""From source text to instructions, following BuildKit's parser line by line.

BuildKit reads physical lines, joins continuations into one logical line,
skips comment and blank lines inside them, then reads heredoc bodies that
follow the logical line. We do the same, keeping for every logical line the
source position of each joined piece so that offsets map back to the file.
"""

from __future__ import annotations

import re

from pydolint.model import Comment, Directive, Heredoc, Instruction, Span, SyntaxIssue
from pydolint.parser import instructions
from pydolint.parser.heredocs import HEREDOC_KEYWORDS, find_markers
from pydolint.shellwords import GO_SPACE, LexError

MAX_LINE = 65535  # bufio.MaxScanTokenSize - 1
DIRECTIVE = re.compile(r"([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z", re.DOTALL)
KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})


def _lstrip(text: str) -> int:
    """How many leading characters Go's unicode.IsSpace would trim."""
    i = 0
    while i < len(text) and text[i] in GO_SPACE:
        i += 1
    return i


class _Directives:
    """BuildKit's directive parser: only leading ``# key=value`` lines count."""

    def __init__(self, errors: list[SyntaxIssue]) -> None:
        self.done = False
        self.found: dict[str, Directive] = {}
        self.escape = "\\"
        self.errors = errors
        self._set_continuation()

    def _set_continuation(self) -> None:
        e = re.escape(self.escape)
        self.continuation = re.compile(rf"([^{e}]){e}[ \t]*\Z|^{e}[ \t]*\Z", re.DOTALL)

    def feed(self, text: str, line: int) -> bool:
        """Offer one line (newline trimmed); True if it was a directive."""
        if self.done:
            return False
        if not text.startswith("#"):
            self.done = True
            return False
        match = DIRECTIVE.match(text, _lstrip(text[1:]) + 1)
        name = match.group(1).lower() if match else ""
        if name not in KNOWN_DIRECTIVES:
            self.done = True
            return False
        column = text.index(match.group(1)) + 1
        if name in self.found:
            self._error(f"only one {name} parser directive can be used", line, column)
            return True
        value = match.group(2)
        self.found[name] = Directive(name, value, line)
        if name == "escape":
            if value in ("\\", "`"):
                self.escape = value
                self._set_continuation()
            else:
                self._error(f"invalid escape token '{value}' does not match ` or \\", line, column)
        return True

    def _error(self, message: str, line: int, column: int) -> None:
        self.errors.append(SyntaxIssue(message, Span.line(line, column, column + 1)))


class Parser:
    def __init__(self, lines: list[str], first_line: int = 1) -> None:
        self.lines = lines  # physical lines with their line endings
        self.errors: list[SyntaxIssue] = []
        self.comments: list[Comment] = []
        self.empty_continuation_lines: list[int] = []
        self.directives = _Directives(self.errors)
        self.instructions: list[Instruction] = []

    def error(self, message: str, span: Span, code: str = "DF000") -> None:
        self.errors.append(SyntaxIssue(message, span, code))

    def _comment(self, text: str, line: int) -> None:
        lead = _lstrip(text)
        self.comments.append(Comment(line, lead + 1, text[lead + 1 :].strip()))

    def run(self) -> None:
        lines, n, i = self.lines, len(self.lines), 0
        last_end_line = 0
        while i < n:
            content = lines[i].rstrip("\r\n")
            i += 1
            line_no = i
            if len(content) > MAX_LINE:
                self.error(f"line is longer than BuildKit's limit of {MAX_LINE} bytes",
                           Span.line(line_no, 1, 2))
            lead = _lstrip(content)
            stripped = content[lead:]
            if self.directives.feed(stripped, line_no):
                continue
            if stripped.startswith("#"):
                self._comment(content, line_no)
                continue
            piece, ends = self._trim_continuation(stripped)
            if ends and not piece:
                continue
            start_line = line_no
            pieces = [piece]
            segments = [(0, line_no, lead + 1)]
            length = len(piece)
            while not ends and i < n:
                content = lines[i].rstrip("\r\n")
                i += 1
                self.directives.feed(content, i)
                if content[_lstrip(content):].startswith("#"):
                    self._comment(content, i)
                    continue
                if _lstrip(content) == len(content):
                    self.empty_continuation_lines.append(i)
                    continue
                piece, ends = self._trim_continuation(content)
                segments.append((length, i, 1))
                pieces.append(piece)
                length += len(piece)
            logical = "".join(pieces)
            instruction = instructions.build(logical, tuple(segments), self.directives.escape, self)
            for node in (instruction, instruction.sub_instruction):
                if node is not None:
                    node.start_line, node.end_line = start_line, i
                    node._end_column = len(lines[i - 1].rstrip("\r\n")) + 1
            if instruction.sub_instruction is not None:  # it starts where its keyword stands
                instruction.sub_instruction.start_line = instruction.sub_instruction.keyword_line
            i = self._read_heredocs(instruction, logical, i)
            self._note_broken_continuation(instruction, last_end_line)
            instruction.index = len(self.instructions)
            self.instructions.append(instruction)
            last_end_line = instruction.end_line

    def _trim_continuation(self, text: str) -> tuple[str, bool]:
        match = self.directives.continuation.search(text)
        if match is None:
            return text, True
        return text[: match.start()] + (match.group(1) or ""), False

    def _read_heredocs(self, instruction: Instruction, logical: str, i: int) -> int:
        target = instruction.sub_instruction or instruction
        if target.keyword not in HEREDOC_KEYWORDS or target.form == "exec" or "<<" not in logical:
            return i
        try:
            markers = find_markers(logical)
        except LexError as exc:
            self.error(str(exc), instruction.span)
            return i
        heredocs = []
        for marker in markers:
            body: list[str] = []
            start = i + 1
            terminated = False
            while i < len(self.lines):
                raw = self.lines[i]
                i += 1
                candidate = raw.rstrip("\r\n")
                if marker.chomp:
                    candidate = candidate.lstrip("\t")
                if candidate == marker.name:
                    terminated = True
                    break
                body.append(raw)
            if not terminated:
                self.error(
                    f"unterminated heredoc: no line '{marker.name}' ends the heredoc "
                    f"started on line {instruction.start_line}",
                    Span.line(instruction.start_line, instruction.column,
                              instruction.column + len(instruction.keyword)),
                )
            heredocs.append(Heredoc(marker.name, "".join(body), marker.expand, marker.chomp,
                                    marker.fd, min(start, i), i))
        instruction.heredocs = tuple(heredocs)
        if target is not instruction:
            target.heredocs = instruction.heredocs
        if heredocs:
            for node in (instruction, target):
                node.end_line = i
                node._end_column = len(self.lines[i - 1].rstrip("\r\n")) + 1
        return i

    def _note_broken_continuation(self, instruction: Instruction, previous_end: int) -> None:
        if instruction.keyword in instructions.KNOWN:
            return
        word = instruction.keyword_as_written or "(nothing: a lone continuation)"
        message = f"unknown instruction: {word}"
        hint = self._continuation_hint(instruction.start_line, previous_end)
        self.error(message + hint, instruction.keyword_span, code="DF001")

    def _continuation_hint(self, line: int, previous_end: int) -> str:
        """Explain the usual cause: the previous instruction's continuation broke."""
        escape = self.directives.escape
        for number in range(line - 1, previous_end - 1, -1):
            body = self.lines[number - 1].rstrip("\r\n").rstrip(" \t")
            if not body.strip():
                return ""
            if body.lstrip().startswith("#"):
                continue
            if re.search(re.escape(escape) + r"[ \t]+#", body):
                return (f" (line {number} has a comment after its '{escape}', so the "
                        f"continuation ended there and this line became an instruction)")
            if not body.endswith(escape) and self._looks_like_arguments(line):
                return (f" (line {number} does not end with '{escape}', so the instruction "
                        f"above ended there; a '{escape}' is probably missing)")
            return ""
        return ""

    def _looks_like_arguments(self, line: int) -> bool:
        word = self.lines[line - 1].strip().split(" ", 1)[0]
        return word.islower() or word.startswith(("-", "&", "|", ";"))
