"""Splitting one logical line the way BuildKit's parser does.

Every function returns offsets into the logical line so that the caller can
map each argument back to its source position.
"""

from __future__ import annotations

import json
import re

from pydolint.shellwords import GO_SPACE

WHITESPACE = re.compile(r"[\t\v\f\r ]+")  # BuildKit's reWhitespace

Piece = tuple[str, int, int]  # text, start offset, end offset


class ArgumentError(ValueError):
    pass


class NotStringArray(ArgumentError):
    pass


def trim_space(line: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """Go's strings.TrimSpace on ``line[start:end]``, as offsets."""
    end = len(line) if end is None else end
    while start < end and line[start] in GO_SPACE:
        start += 1
    while end > start and line[end - 1] in GO_SPACE:
        end -= 1
    return start, end


def split_command(line: str) -> tuple[Piece, int | None, int]:
    """The instruction word, where its arguments start (None if none) and end.

    The end excludes trailing white space as Go's strings.TrimSpace sees it,
    which BuildKit strips before it scans the flags.
    """
    start, end = trim_space(line)
    match = WHITESPACE.search(line, start, end)
    if match is None:
        return (line[start:end], start, end), None, end
    return (line[start : match.start()], start, match.start()), match.end(), end


def extract_flags(line: str, pos: int, escape: str) -> tuple[list[Piece], int | None]:
    """Leading ``--flag`` words (quotes removed) and where the rest begins.

    BuildKit scans flags byte by byte, so a non-ASCII flag value comes out as
    its UTF-8 bytes read as Latin-1 (and byte 0xA0 counts as a space). We
    scan the same bytes to get the same result.
    """
    if line.isascii():
        return _extract_flags(line, pos, escape)
    data = line.encode("utf-8", "surrogatepass")
    view = data.decode("latin-1")
    byte_pos = len(line[:pos].encode("utf-8", "surrogatepass"))
    flags, rest = _extract_flags(view, byte_pos, escape)

    def char_offset(offset: int) -> int:
        return len(data[:offset].decode("utf-8", "ignore"))

    return ([(text, char_offset(s), char_offset(e)) for text, s, e in flags],
            None if rest is None else char_offset(rest))


_BYTE_SPACE = frozenset("\t\n\v\f\r \x85\xa0")


def _extract_flags(line: str, pos: int, escape: str) -> tuple[list[Piece], int | None]:
    flags: list[Piece] = []
    n = len(line)
    while True:
        while pos < n and line[pos] in _BYTE_SPACE:
            pos += 1
        if pos >= n:
            return flags, None
        if not line.startswith("--", pos):
            return flags, pos
        start = pos
        word: list[str] = []
        quote = None
        blank_ok = False
        while pos < n:
            ch = line[pos]
            if quote is None:
                if ch in _BYTE_SPACE:
                    break
                if ch in "'\"":
                    quote, blank_ok = ch, True
                    pos += 1
                    continue
            elif ch == quote:
                quote = None
                pos += 1
                continue
            if ch == escape:
                if pos + 1 == n:
                    pos += 1
                    continue
                pos += 1
                ch = line[pos]
            word.append(ch)
            pos += 1
        text = "".join(word)
        if text == "--":
            # "--" ends the flags only when followed by space; at the end it is dropped
            return flags, (pos if pos < n else None)
        if blank_ok or text:
            flags.append((text, start, pos))


def parse_words(rest: str, base: int, escape: str) -> list[Piece]:
    """BuildKit's parseWords: whitespace-separated words, quotes kept."""
    words: list[Piece] = []
    word: list[str] = []
    in_word = False
    quote = None
    blank_ok = False
    start = 0
    i, n = 0, len(rest)
    while i < n:
        ch = rest[i]
        if not in_word:
            if ch in GO_SPACE:
                i += 1
                continue
            in_word, start = True, i
        if quote is None:
            if ch in GO_SPACE:
                if blank_ok or word:
                    words.append(("".join(word), base + start, base + i))
                word, in_word, blank_ok = [], False, False
                i += 1
                continue
            if ch in "'\"":
                quote, blank_ok = ch, True
            if ch == escape:
                if i + 1 == n:
                    i += 1
                    continue
                word.append(ch)
                i += 1
                ch = rest[i]
            word.append(ch)
            i += 1
            continue
        if ch == quote:
            quote = None
        if ch == escape and quote != "'":
            if i + 1 == n:
                i += 1
                quote = None
                continue
            word.append(ch)
            i += 1
            ch = rest[i]
        word.append(ch)
        i += 1
    if in_word and (blank_ok or word):
        words.append(("".join(word), base + start, base + n))
    return words


def split_whitespace(rest: str, base: int) -> list[Piece]:
    """BuildKit's parseStringsWhitespaceDelimited."""
    if not rest:
        return []
    pieces: list[Piece] = []
    pos = 0
    for match in WHITESPACE.finditer(rest):
        pieces.append((rest[pos : match.start()], base + pos, base + match.start()))
        pos = match.end()
    pieces.append((rest[pos:], base + pos, base + len(rest)))
    return pieces


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _reject_constant(name: str):
    raise ValueError(name)


def parse_json_array(rest: str, base: int) -> list[Piece] | None:
    """The elements of a JSON string array, or None if ``rest`` is not JSON.

    Raises NotStringArray for a JSON array holding anything but strings,
    which BuildKit rejects outright.
    """
    start = 0
    while start < len(rest) and rest[start] in GO_SPACE:
        start += 1
    if not rest.startswith("[", start):
        return None
    try:
        data = json.loads(rest[start:], parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, list):
        return None
    if not all(isinstance(item, str) for item in data):
        raise NotStringArray("when using JSON array syntax, arrays must be comprised of strings only")
    tokens = list(_JSON_STRING.finditer(rest, start))
    pieces = []
    for item, token in zip(data, tokens):
        # Go replaces unpaired surrogates from \u escapes with U+FFFD
        clean = item.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        pieces.append((clean, base + token.start(), base + token.end()))
    return pieces
