"""Heredoc markers (``<<EOF``, ``<<-'EOF'``, ``3<<EOF``) found the way BuildKit finds them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydolint.shellwords import Lexer, LexError

HEREDOC_WORD = re.compile(r"^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)\Z")
HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})

_LINE_LEXER = Lexer("\\", raw_quotes=True, raw_escapes=True, skip_unset=True)
_NAME_LEXER = Lexer("\\", skip_unset=True)
_RAW_NAME_LEXER = Lexer("\\", raw_quotes=True, skip_unset=True)


@dataclass(frozen=True, slots=True)
class Marker:
    name: str
    expand: bool
    chomp: bool
    fd: int


def find_markers(line: str) -> list[Marker]:
    """Markers in a logical line; raises LexError where BuildKit fails the build."""
    try:
        words = _LINE_LEXER.process(line).words
    except LexError:
        return []  # BuildKit ignores lexing errors of the whole line here
    markers = []
    for word in words:
        match = HEREDOC_WORD.match(word)
        if match is None or not match.group(3):
            continue
        rest = match.group(3)
        names = _NAME_LEXER.process(rest).words
        if len(names) != 1:
            continue
        raw_names = _RAW_NAME_LEXER.process(rest).words
        if len(raw_names) != 1:
            raise LexError(f"internal lexing of heredoc produced inconsistent results: {rest}")
        name, raw = names[0], raw_names[0]
        quotes = name.count("'") + name.count('"')
        raw_quotes = raw.count("'") + raw.count('"')
        markers.append(
            Marker(name, quotes == raw_quotes, match.group(2) == "-", int(match.group(1) or 0))
        )
    return markers
