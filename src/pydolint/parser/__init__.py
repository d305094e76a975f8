"""Read a Dockerfile exactly as BuildKit reads it: ``parse(source) -> Document``."""

from __future__ import annotations

from pydolint.model import Document, Span, SyntaxIssue

BOM = "\ufeff"


def decode(source: str | bytes) -> tuple[str, bool, list[SyntaxIssue]]:
    """Text without BOM, whether there was one, and decoding problems."""
    issues: list[SyntaxIssue] = []
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = source.count(b"\n", 0, exc.start) + 1
            issues.append(SyntaxIssue(
                f"the file is not valid UTF-8 (byte 0x{source[exc.start]:02x} on line {line}); "
                "invalid bytes were read as U+FFFD", Span.line(line, 1, 2), warning=True))
            text = source.decode("utf-8", errors="replace")
    else:
        text = source
    bom = text.startswith(BOM)
    return (text[1:] if bom else text), bom, issues


def parse(source: str | bytes, path: str | None = None,
          build_args: dict[str, str] | None = None) -> Document:
    """Parse Dockerfile text or bytes. Never raises; problems become ``errors``.

    ``build_args`` override ARG defaults, as ``docker build --build-arg`` does.
    """
    from pydolint.parser.core import Parser
    from pydolint.parser.stages import build_stages

    text, bom, errors = decode(source)
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    physical = [line + "\n" for line in raw_lines]
    if physical and not text.endswith("\n"):
        physical[-1] = physical[-1][:-1]
    document = Document(
        path=path, text=text, lines=[line.rstrip("\r\n") for line in physical],
        instructions=[], comments=[], directives={}, escape="\\", stages=[], errors=errors,
        empty_continuation_lines=[], bom=bom, line_ending=_line_ending(physical),
    )
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        # BuildKit reads such files anyway, so we parse them too, after saying so
        what = ("this looks like a binary file, not a Dockerfile" if _looks_binary(text)
                else "a Dockerfile has no use for NUL bytes")
        document.errors.append(SyntaxIssue(
            f"line {line} contains a NUL byte: {what}", Span.line(line, 1, 2), warning=True))
    parser = Parser(physical)
    parser.run()
    document.instructions = parser.instructions
    document.comments = parser.comments
    document.directives = parser.directives.found
    document.escape = parser.directives.escape
    document.empty_continuation_lines = parser.empty_continuation_lines
    document.errors.extend(parser.errors)
    if not document.instructions:
        last = max(len(physical), 1)
        document.errors.append(SyntaxIssue(
            "the file has no instructions: a Dockerfile needs at least a FROM line",
            Span.line(last, 1, 2)))
    document.stages, document.global_args = build_stages(
        document.instructions, document.escape, build_args, document.errors)
    document.errors.sort(key=lambda issue: (issue.span.start_line, issue.span.start_column))
    return document


def _looks_binary(text: str) -> bool:
    """Many NULs or control bytes: a binary file, whose "instructions" would be noise."""
    sample = text[:8192]
    control = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    return control > max(8, len(sample) // 50)


def _line_ending(lines: list[str]) -> str:
    crlf = sum(1 for line in lines if line.endswith("\r\n"))
    lf = sum(1 for line in lines if line.endswith("\n")) - crlf
    if crlf and lf:
        return "mixed"
    return "\r\n" if crlf else "\n"
