"""BuildKit's word lexer: quote removal, ``$VAR`` expansion and word splitting.

Docker does not run a shell for instructions other than RUN; it expands
variables in FROM, COPY, ENV, WORKDIR... with its own small lexer. This module
follows that lexer's behaviour (moby/buildkit frontend/dockerfile/shell) so
that values resolve exactly as the build resolves them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)
SPECIAL_PARAMS = frozenset("@*#?-$!0")
_SPECIAL = re.compile(r"[$'\"<]")
_GO_BLANKS = "".join(sorted(GO_SPACE))
_GO_SPLIT = re.compile("[" + re.escape(_GO_BLANKS) + "]+")


class LexError(ValueError):
    pass


@dataclass(slots=True)
class LexResult:
    result: str
    words: list[str]
    matched: set[str] = field(default_factory=set)
    unmatched: set[str] = field(default_factory=set)


class _Words:
    """Word splitting state. BuildKit shares one word buffer between nested
    scans (``${V:-x}`` inside a word resets it), and so do we: it changes how
    such words split."""

    __slots__ = ("buf", "in_word", "words")

    def __init__(self, buf: list[str]) -> None:
        self.buf = buf
        self.words: list[str] = []
        self.in_word = False

    def add_char(self, ch: str) -> None:
        if ch in GO_SPACE:
            if self.in_word and self.buf:
                self.words.append("".join(self.buf))
                self.buf.clear()
                self.in_word = False
        else:
            self.add_raw(ch)

    def add_raw(self, text: str) -> None:
        self.buf.append(text)
        self.in_word = True

    def add_string(self, text: str) -> None:
        for ch in text:
            self.add_char(ch)

    def finish(self) -> list[str]:
        if self.buf:
            self.words.append("".join(self.buf))
            self.buf.clear()
        return self.words


class Lexer:
    """One pass over a word; mirrors BuildKit's ``shell.Lex``."""

    def __init__(
        self,
        escape: str = "\\",
        *,
        raw_quotes: bool = False,
        raw_escapes: bool = False,
        skip_unset: bool = False,
    ) -> None:
        self.escape = escape
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes
        self.skip_unset = skip_unset

    def process(self, text: str, env: Mapping[str, str] | None = None) -> LexResult:
        """Expand ``text``; raises LexError where BuildKit reports an error."""
        if not _SPECIAL.search(text) and self.escape not in text:
            # nothing to expand or unquote, the common case: only word splitting is left
            stripped = text.strip(_GO_BLANKS)
            return LexResult(text, _GO_SPLIT.split(stripped) if stripped else [])
        return self.process_slowly(text, env)

    def process_slowly(self, text: str, env: Mapping[str, str] | None = None) -> LexResult:
        """The full scan, character by character."""
        run = _Run(self, text, env or {})
        result, words = run.stop_on(None, self.raw_escapes)
        return LexResult(result, words, run.matched, run.unmatched)


class _Run:
    def __init__(self, lexer: Lexer, text: str, env: Mapping[str, str]) -> None:
        self.lx = lexer
        self.text = text
        self.pos = 0
        self.env = env
        self.raw_escapes = lexer.raw_escapes
        self.matched: set[str] = set()
        self.unmatched: set[str] = set()
        self.word_buffer: list[str] = []

    def peek(self) -> str | None:
        return self.text[self.pos] if self.pos < len(self.text) else None

    def next(self) -> str | None:
        if self.pos < len(self.text):
            self.pos += 1
            return self.text[self.pos - 1]
        return None

    def get_env(self, name: str) -> tuple[str, bool]:
        if name in self.env:
            self.matched.add(name)
            return self.env[name], True
        self.unmatched.add(name)
        return "", False

    def stop_on(self, stop: str | None, raw_escapes: bool) -> tuple[str, list[str]]:
        saved, self.raw_escapes = self.raw_escapes, raw_escapes
        try:
            return self._stop_on(stop)
        finally:
            self.raw_escapes = saved

    def _stop_on(self, stop: str | None) -> tuple[str, list[str]]:
        result: list[str] = []
        self.word_buffer.clear()
        words = _Words(self.word_buffer)
        esc = self.lx.escape
        while (ch := self.peek()) is not None:
            if stop is not None and ch == stop:
                self.next()
                return "".join(result), words.finish()
            if ch == "$":
                tmp = self.dollar()
                result.append(tmp)
                words.add_string(tmp)
            elif ch == "<":
                tmp = self.possible_heredoc()
                result.append(tmp)
                words.add_raw(tmp)
            elif ch == "'":
                tmp = self.single_quote()
                result.append(tmp)
                words.add_raw(tmp)
            elif ch == '"':
                tmp = self.double_quote()
                result.append(tmp)
                words.add_raw(tmp)
            else:
                ch = self.next()
                if ch == esc:
                    if self.raw_escapes:
                        words.add_raw(ch)
                        result.append(ch)
                    ch = self.next()
                    if ch is None:
                        break
                    words.add_raw(ch)
                else:
                    words.add_char(ch)
                result.append(ch)
        if stop is not None:
            raise LexError(f"unexpected end of statement while looking for matching {stop}")
        return "".join(result), words.finish()

    def single_quote(self) -> str:
        out = []
        ch = self.next()
        if self.lx.raw_quotes:
            out.append(ch)
        while True:
            ch = self.next()
            if ch is None:
                raise LexError("unexpected end of statement while looking for matching single-quote")
            if ch == "'":
                if self.lx.raw_quotes:
                    out.append(ch)
                return "".join(out)
            out.append(ch)

    def double_quote(self) -> str:
        out = []
        ch = self.next()
        if self.lx.raw_quotes:
            out.append(ch)
        esc = self.lx.escape
        while True:
            nxt = self.peek()
            if nxt is None:
                raise LexError("unexpected end of statement while looking for matching double-quote")
            if nxt == '"':
                ch = self.next()
                if self.lx.raw_quotes:
                    out.append(ch)
                return "".join(out)
            if nxt == "$":
                out.append(self.dollar())
                continue
            ch = self.next()
            if ch == esc:
                if self.raw_escapes:
                    out.append(ch)
                following = self.peek()
                if following is None:
                    continue
                if following in ('"', "$", esc):
                    ch = self.next()
            out.append(ch)

    def possible_heredoc(self) -> str:
        self.next()
        if self.peek() != "<":
            return "<"
        self.next()
        space = []
        while (ch := self.peek()) is not None and ch in " \t\n\r":
            space.append(ch)
            self.next()
        return "<<" + "".join(space)

    def name(self) -> str:
        out = []
        while (ch := self.peek()) is not None:
            if not out and ch.isdecimal():
                while (ch := self.peek()) is not None and ch.isdecimal():
                    out.append(self.next())
                return "".join(out)
            if not out and ch in SPECIAL_PARAMS:
                return self.next()
            if not (ch.isalpha() or ch.isdecimal() or ch == "_"):
                break
            out.append(self.next())
        return "".join(out)

    def dollar(self) -> str:
        self.next()
        if self.peek() != "{":
            name = self.name()
            if not name:
                return "$"
            value, found = self.get_env(name)
            if not found and self.lx.skip_unset:
                return "$" + name
            return value
        self.next()
        if self.peek() is None:
            raise LexError("syntax error: missing '}'")
        if self.peek() in ("{", "}", ":"):
            raise LexError("syntax error: bad substitution")
        name = self.name()
        ch = self.next()
        if ch == "}":
            value, found = self.get_env(name)
            if not found and self.lx.skip_unset:
                return "${" + name + "}"
            return value
        if ch in (":", "+", "-", "?", "#", "%"):
            return self._modifier(name, ch)
        if ch == "/":
            return self._replace(name)
        raise LexError(f"unsupported modifier ({ch or ''}) in substitution")

    def _modifier(self, name: str, ch: str) -> str:
        chs = ch
        null_is_unset = False
        if ch == ":":
            null_is_unset = True
            ch = self.next() or "\ufffd"
            chs += ch
        raw = ch in ("#", "%")
        if null_is_unset and raw:
            raise LexError(f"unsupported modifier ({chs}) in substitution")
        word = self._word_until_brace(raw)
        value, found = self.get_env(name)
        if self.lx.skip_unset and not found:
            return "${" + name + chs + word + "}"
        empty = not found or (null_is_unset and value == "")
        if ch == "-":
            return word if empty else value
        if ch == "+":
            return "" if empty else word
        if ch == "?":
            if not found:
                raise LexError(f"{name}: {word or 'is not allowed to be unset'}")
            if null_is_unset and value == "":
                raise LexError(f"{name}: {word or 'is not allowed to be empty'}")
            return value
        if ch in ("#", "%"):
            greedy = word.startswith(ch)
            if greedy:
                word = word[1:]
            trim = _trim_suffix if ch == "%" else _trim_prefix
            return trim(word, value, greedy)
        raise LexError(f"unsupported modifier ({chs}) in substitution")

    def _word_until_brace(self, raw_escapes: bool = False) -> str:
        try:
            word, _ = self.stop_on("}", raw_escapes)
        except LexError:
            if self.peek() is None:
                raise LexError("syntax error: missing '}'") from None
            raise
        return word

    def _replace(self, name: str) -> str:
        replace_all = self.peek() == "/"
        if replace_all:
            self.next()
        try:
            pattern, _ = self.stop_on("/", True)
        except LexError:
            if self.peek() is None:
                raise LexError("syntax error: missing '/' in ${}") from None
            raise
        replacement = self._word_until_brace(True)
        value, found = self.get_env(name)
        if self.lx.skip_unset and not found:
            return "${" + f"{name}/{pattern}/{replacement}" + "}"
        regex = _shell_pattern(pattern, greedy=True, anchored=False)
        if replace_all:
            return regex.sub(lambda _m: replacement, value)
        return regex.sub(lambda _m: replacement, value, count=1)


def _shell_pattern(pattern: str, greedy: bool, anchored: bool) -> re.Pattern[str]:
    out = ["^"] if anchored else []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        i += 1
        if ch == "*":
            out.append(".*" if greedy else ".*?")
        elif ch == "?":
            out.append(".")
        elif ch == "\\":
            if i < len(pattern) and pattern[i] in "}/":
                continue
            nxt = pattern[i] if i < len(pattern) else ""
            i += 1
            if nxt not in ("*", "?", "\\"):
                raise LexError(f"invalid pattern ({pattern}) in substitution: invalid escape '\\{nxt}'")
            out.append(re.escape(nxt))
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out), re.DOTALL)


def _trim_prefix(pattern: str, value: str, greedy: bool) -> str:
    match = _shell_pattern(pattern, greedy, anchored=True).search(value)
    return value[match.end():] if match else value


def _trim_suffix(pattern: str, value: str, greedy: bool) -> str:
    # A rightmost shortest match is a leftmost match on the reversed strings.
    reversed_pattern = _reverse_pattern(pattern)
    return _trim_prefix(reversed_pattern, value[::-1], greedy)[::-1]


def _reverse_pattern(pattern: str) -> str:
    out = [""] * len(pattern)
    last = len(pattern) - 1
    i = 0
    while i <= last:
        if pattern[i] == "\\" and i != last:
            out[last - i - 1] = pattern[i]
            out[last - i] = pattern[i + 1]
            i += 2
        else:
            out[last - i] = pattern[i]
            i += 1
    return "".join(out)


def unquote(text: str, escape: str = "\\") -> str:
    """Quote and escape removal as Docker applies it, leaving ``$VAR`` untouched."""
    try:
        return Lexer(escape, skip_unset=True).process(text).result
    except LexError:
        return text


def expand(text: str, env: Mapping[str, str], escape: str = "\\") -> LexResult | None:
    """Docker's variable substitution of one word; None where Docker would fail."""
    try:
        return Lexer(escape).process(text, env)
    except LexError:
        return None
