"""One logical line to one Instruction: keyword, flags, form, values, spans.

The per-keyword argument parsing follows BuildKit's dispatch table
(frontend/dockerfile/parser/line_parsers.go); the checks at the end are the
ones BuildKit's instruction parser makes before a build starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydolint.model import Flag, Instruction, KeyValue, Span, Word
from pydolint.parser import lexing
from pydolint.parser.flags import KNOWN_FLAGS, split_flag
from pydolint.shellwords import GO_SPACE, unquote

if TYPE_CHECKING:
    from pydolint.parser.core import Parser

KNOWN = frozenset(
    ["ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"]
)
MAYBE_JSON = frozenset({"CMD", "ENTRYPOINT", "RUN", "SHELL"})
MAYBE_JSON_LIST = frozenset({"ADD", "COPY", "VOLUME"})
SINGLE_STRING = frozenset({"MAINTAINER", "STOPSIGNAL", "USER", "WORKDIR"})
NOT_ONBUILD_TRIGGERS = frozenset({"ONBUILD", "FROM", "MAINTAINER"})

Segments = tuple[tuple[int, int, int], ...]


def shift_segments(segments: Segments, base: int) -> Segments:
    """Segments for the substring of a logical line that starts at ``base``."""
    shifted = []
    for offset, line, column in segments:
        if offset <= base:
            shifted = [(0, line, column + base - offset)]
        else:
            shifted.append((offset - base, line, column))
    return tuple(shifted)


def build(line: str, segments: Segments, escape: str, parser: Parser,
          nested: bool = False) -> Instruction:
    (word, start, _end), rest_start, line_end = lexing.split_command(line)
    # Go's simple case mapping, which BuildKit uses to find the instruction
    lowered = word.replace("\u0130", "i").lower()
    instruction = Instruction(
        keyword=lowered.upper() if lowered.upper() in KNOWN else word.upper(),
        keyword_as_written=word, start_line=0, end_line=0, column=1,
        original=line, flags=(), form="shell", value=(), args=(), segments=segments,
    )
    instruction.keyword_line, instruction.column = instruction.position(start)
    instruction.start_line = instruction.end_line = segments[0][1] if segments else 0
    flag_pieces, args_start = ([], None)
    if rest_start is not None:
        flag_pieces, args_start = lexing.extract_flags(line[:line_end], rest_start, escape)
    instruction.flags = tuple(
        Flag(*split_flag(text), raw=text, span=instruction.span_of(s, e))
        for text, s, e in flag_pieces
    )
    a_start, a_end = (len(line), len(line)) if args_start is None else lexing.trim_space(line, args_start)
    _parse_arguments(instruction, line[a_start:a_end], a_start, escape, parser)
    if not (nested and instruction.keyword == "ONBUILD"):  # chaining is reported once, outside
        _check(instruction, parser)
    return instruction


def _words(instruction: Instruction, pieces: list[lexing.Piece]) -> tuple[Word, ...]:
    return tuple(Word(text, instruction.span_of(s, e)) for text, s, e in pieces)


def _parse_arguments(ins: Instruction, rest: str, base: int, escape: str, parser: Parser) -> None:
    keyword = ins.keyword
    if keyword in MAYBE_JSON or keyword in MAYBE_JSON_LIST:
        if not _try_json(ins, rest, base, parser):
            pieces = (lexing.split_whitespace(rest, base) if keyword in MAYBE_JSON_LIST
                      else ([(rest, base, base + len(rest))] if rest else []))
            ins.value = tuple(p[0] for p in pieces)
            ins.args = _words(ins, pieces)
    elif keyword in ("ENV", "LABEL"):
        _parse_key_values(ins, rest, base, escape, parser)
    elif keyword == "ARG":
        pieces = lexing.parse_words(rest, base, escape)
        ins.value = tuple(p[0] for p in pieces)
        ins.args = _words(ins, pieces)
        ins.key_values = tuple(_arg_pair(ins, p, escape) for p in pieces)
    elif keyword in ("EXPOSE", "FROM"):
        pieces = lexing.split_whitespace(rest, base)
        ins.value = tuple(p[0] for p in pieces)
        ins.args = _words(ins, pieces)
    elif keyword in SINGLE_STRING:
        ins.value = (rest,) if rest else ()
        ins.args = _words(ins, [(rest, base, base + len(rest))] if rest else [])
    elif keyword == "HEALTHCHECK":
        _parse_healthcheck(ins, rest, base, parser)
    elif keyword == "ONBUILD":
        if rest:
            sub = build(rest, shift_segments(ins.segments, base), escape, parser, nested=True)
            ins.sub_instruction = sub
            if sub.sub_instruction is not None:  # BuildKit nests that node: one "" value
                sub.value = ("",)
            ins.value, ins.args, ins.form = sub.value, sub.args, sub.form
    else:
        ins.value = ("",)  # BuildKit keeps unknown instructions with one empty value


def _try_json(ins: Instruction, rest: str, base: int, parser: Parser) -> bool:
    try:
        pieces = lexing.parse_json_array(rest, base)
    except lexing.NotStringArray as exc:
        parser.error(f"{ins.keyword}: {exc}", ins.span_of(base, base + len(rest)))
        pieces = None
    if pieces is None:
        return False
    ins.form = "exec"
    ins.value = tuple(p[0] for p in pieces)
    ins.args = _words(ins, pieces)
    return True


def _parse_key_values(ins: Instruction, rest: str, base: int, escape: str, parser: Parser) -> None:
    words = lexing.parse_words(rest, base, escape)
    if not words:
        return
    if "=" not in words[0][0]:
        match = lexing.WHITESPACE.search(rest)
        if match is None:
            parser.error(f"{ins.keyword} must have two arguments: write {ins.keyword} "
                         f"{rest}=<value>", ins.span_of(base, base + len(rest)))
            ins.value = (rest,)
            return
        key, value = rest[: match.start()], rest[match.end():]
        ins.value = (key, value)
        ins.args = _words(ins, [(rest, base, base + len(rest))])
        span = ins.span_of(base, base + len(rest))
        ins.key_values = (KeyValue(unquote(key, escape), unquote(value, escape), key, value,
                                   span, legacy=True),)
        return
    values, pairs = [], []
    for text, s, e in words:
        key, sep, value = text.partition("=")
        if not sep:
            parser.error(f"Syntax error - can't find = in {text!r}. Must be of the form: name=value",
                         ins.span_of(s, e))
            continue
        values += [key, value]
        pairs.append(KeyValue(unquote(key, escape), unquote(value, escape), key, value,
                              ins.span_of(s, e)))
    ins.value = tuple(values)
    ins.args = _words(ins, words)
    ins.key_values = tuple(pairs)


def _arg_pair(ins: Instruction, piece: lexing.Piece, escape: str) -> KeyValue:
    text, s, e = piece
    key, sep, value = text.partition("=")
    return KeyValue(key, unquote(value, escape) if sep else None, key, value if sep else None,
                    ins.span_of(s, e))


def _parse_healthcheck(ins: Instruction, rest: str, base: int, parser: Parser) -> None:
    sep = 0
    while sep < len(rest) and rest[sep] not in GO_SPACE:
        sep += 1
    if sep == 0:
        return
    nxt = sep
    while nxt < len(rest) and rest[nxt] in GO_SPACE:
        nxt += 1
    kind = (rest[:sep], base, base + sep)
    command = rest[nxt:]
    if command and _try_json(ins, command, base + nxt, parser):
        ins.value = (kind[0], *ins.value)
        ins.args = (Word(kind[0], ins.span_of(kind[1], kind[2])), *ins.args)
        return
    pieces = [kind] + ([(command, base + nxt, base + len(rest))] if command else [])
    ins.value = tuple(p[0] for p in pieces)
    ins.args = _words(ins, pieces)


def _check(ins: Instruction, parser: Parser) -> None:
    """The errors BuildKit's instruction parser raises before building."""
    keyword, value = ins.keyword, ins.value

    def fail(message: str, span: Span | None = None) -> None:
        parser.error(message, span or ins.keyword_span)

    if keyword not in KNOWN:
        return
    allowed = KNOWN_FLAGS.get(keyword, frozenset())
    for flag in ins.flags:
        if flag.name not in allowed:
            fail(f"unknown flag: --{flag.name} ({keyword} accepts "
                 f"{', '.join('--' + f for f in sorted(allowed)) or 'no flags'})", flag.span)
    if keyword == "ONBUILD" and ins.sub_instruction is not None:
        trigger = ins.sub_instruction.keyword
        if trigger in NOT_ONBUILD_TRIGGERS:
            fail(f"{trigger} isn't allowed as an ONBUILD trigger"
                 if trigger != "ONBUILD" else "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
                 ins.sub_instruction.keyword_span)
    elif keyword in ("ENV", "LABEL", "ARG", "EXPOSE", "VOLUME", "SHELL", "ONBUILD", "HEALTHCHECK") \
            and not value:
        fail(f"{keyword} requires at least one argument")
    elif keyword in SINGLE_STRING and not value:
        fail(f"{keyword} requires exactly one argument")
    elif keyword == "RUN" and not value:
        fail("RUN requires at least one argument: a command to run")
    elif keyword in ("COPY", "ADD") and len(value) < 2:
        fail(f"{keyword} requires at least two arguments, but only one was provided. "
             "Destination could not be determined")
    elif keyword == "FROM":
        _check_from(ins, fail)
    elif keyword == "SHELL" and ins.form != "exec":
        fail("SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]")
    elif keyword == "HEALTHCHECK":
        _check_healthcheck(ins, fail)
    if keyword in ("ARG", "ENV", "LABEL"):
        for pair in ins.key_values:
            if not pair.raw_key:
                fail(f"{keyword} names can not be blank", pair.span)
    if keyword == "VOLUME" and any(v == "" for v in value):
        fail("VOLUME specified can not be an empty string")


def _check_from(ins: Instruction, fail) -> None:
    import re

    value = ins.value
    if len(value) == 3 and value[1].lower() == "as":
        if not re.fullmatch(r"[a-z][a-z0-9\-_.]*", value[2].lower()):
            fail(f"invalid name for build stage: {value[2]!r}, name can't start with a number "
                 "or contain symbols", ins.args[2].span)
    elif len(value) != 1:
        fail("FROM requires either one or three arguments (FROM image [AS name])")


def _check_healthcheck(ins: Instruction, fail) -> None:
    kind = ins.value[0].upper()
    if kind == "NONE" and len(ins.value) > 1:
        fail("HEALTHCHECK NONE takes no arguments")
    elif kind == "CMD" and len(ins.value) < 2:
        fail("Missing command after HEALTHCHECK CMD")
    elif kind not in ("CMD", "NONE"):
        fail(f"Unknown type {ins.value[0]!r} in HEALTHCHECK (try CMD)", ins.args[0].span)
