""".dockerignore semantics, as BuildKit applies them when it sends a build context.

Restated from moby/patternmatcher (``ignorefile.ReadAll`` + ``PatternMatcher``)
and the fsutil walker that uses it.  The parts people get wrong:

* Patterns are anchored at the context root: ``__pycache__/`` only matches
  the top-level directory; ``**/__pycache__`` matches it anywhere.
* A trailing ``/`` is cleaned away, so ``foo/`` also matches a *file* ``foo``.
* A pattern that matches a directory excludes everything below it, and a later
  ``!`` line can re-include files inside that directory.  The last matching
  line wins.
* Matching is not ``filepath.Match``: each pattern becomes a Go regular
  expression, so ``[[:digit:]]`` works, ``[!a]`` is *not* negated (``[^a]`` is),
  and ``\\b`` after a backslash is a word boundary.  ``**foo`` is a plain
  suffix test (it matches ``barfoo``).
* Only a ``#`` in column 1 starts a comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pydolint import gopath

__all__ = [
    "DockerIgnore",
    "MatchState",
    "Pattern",
    "find_ignore_file",
    "read_dockerignore",
]

# Go's strings.TrimSpace set (unicode.IsSpace); str.strip() also eats \x1c-\x1f.
_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One effective line of an ignore file."""

    line: int  # 1-based line number in the ignore file
    text: str  # the line as written, without its line break
    pattern: str  # cleaned pattern, without the leading "!"
    exception: bool  # a "!" line: re-includes what earlier lines excluded
    error: str | None = None  # why Docker rejects it (the whole build fails)
    _matcher: Callable[[str], bool] | None = field(default=None, repr=False, compare=False)

    def match(self, path: str) -> bool:
        """Whether the pattern itself matches *path* (no parent-directory logic)."""
        return self._matcher is not None and self._matcher(path)

    def __str__(self) -> str:
        return ("!" if self.exception else "") + self.pattern


# --------------------------------------------------------------------------
# Pattern -> Go regular expression (patternmatcher's compile step)

_EXACT, _PREFIX, _SUFFIX, _REGEX = range(4)
_GO_QUOTED = set(".+()|{}$")  # regex metacharacters with no glob meaning


def _go_regex(pattern: str) -> tuple[int, str]:
    """The match kind and the Go (RE2) regex patternmatcher builds for *pattern*."""
    out = ["^"]
    kind = _EXACT
    i, n, first = 0, len(pattern), True
    while i < n:
        ch = pattern[i]
        i += 1
        if ch == "*" and i < n and pattern[i] == "*":
            i += 1
            if i < n and pattern[i] == "/":  # "**/" behaves like "**"
                i += 1
            if i >= n:  # trailing "**" accepts everything, like .gitignore
                if kind == _EXACT:
                    kind = _PREFIX
                else:
                    out.append(".*")
                    kind = _REGEX
            else:  # any number of directories, zero included
                out.append("(.*/)?")
                kind = _REGEX
            if first:
                kind = _SUFFIX  # later tokens may still turn it into _REGEX
        elif ch == "*":
            out.append("[^/]*")
            kind = _REGEX
        elif ch == "?":
            out.append("[^/]")
            kind = _REGEX
        elif ch in _GO_QUOTED:
            out.append("\\" + ch)
        elif ch == "\\":
            if i < n:  # the escaped character is handed to RE2 as "\c"
                out.append("\\" + pattern[i])
                i += 1
                kind = _REGEX
            else:  # unreachable for valid patterns: Go rejects a trailing "\\"
                out.append("\\")
        elif ch in "[]":  # classes are handed to RE2 as they are
            out.append(ch)
            kind = _REGEX
        else:
            out.append(ch)
        first = False
    if kind == _REGEX:
        out.append("$")
    return kind, "".join(out)


# --------------------------------------------------------------------------
# RE2 -> Python `re`, for the subset _go_regex can produce


class _RegexError(ValueError):
    pass


_Ranges = tuple[tuple[str, str], ...]
_CONTROL = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_DIGIT: _Ranges = (("0", "9"),)
_WORD: _Ranges = (("0", "9"), ("A", "Z"), ("_", "_"), ("a", "z"))
_PERL: dict[str, _Ranges] = {  # RE2's Perl classes are ASCII-only
    "d": _DIGIT,
    "s": (("\t", "\n"), ("\f", "\r"), (" ", " ")),
    "w": _WORD,
}
_POSIX: dict[str, _Ranges] = {
    "alnum": (("0", "9"), ("A", "Z"), ("a", "z")),
    "alpha": (("A", "Z"), ("a", "z")),
    "ascii": (("\x00", "\x7f"),),
    "blank": (("\t", "\t"), (" ", " ")),
    "cntrl": (("\x00", "\x1f"), ("\x7f", "\x7f")),
    "digit": _DIGIT,
    "graph": (("!", "~"),),
    "lower": (("a", "z"),),
    "print": ((" ", "~"),),
    "punct": (("!", "/"), (":", "@"), ("[", "`"), ("{", "~")),
    "space": (("\t", "\r"), (" ", " ")),
    "upper": (("A", "Z"),),
    "word": _WORD,
    "xdigit": (("0", "9"), ("A", "F"), ("a", "f")),
}


def _set(ranges: _Ranges) -> str:
    return "".join(
        re.escape(lo) if lo == hi else f"{re.escape(lo)}-{re.escape(hi)}" for lo, hi in ranges
    )


def _escaped_char(rx: str, i: int) -> tuple[str, int]:
    """The character RE2 reads for ``\\`` + rx[i] (punctuation, octal, hex, control)."""
    c = rx[i]
    if c < "\x80" and not c.isalnum():
        return c, i + 1
    following = rx[i + 1 : i + 2]
    if c == "0" or (c in "1234567" and following != "" and following in "01234567"):
        end = i + 1
        while end < min(i + 3, len(rx)) and rx[end] in "01234567":
            end += 1
        return chr(int(rx[i:end], 8)), end
    if c == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", rx[i + 1 : i + 3]):
        return chr(int(rx[i + 1 : i + 3], 16)), i + 3
    if c in _CONTROL:
        return _CONTROL[c], i + 1
    raise _RegexError(f"invalid escape sequence: \\{c}")


def _class_to_python(rx: str, i: int) -> tuple[str, int]:
    """Translate the RE2 class whose body starts at *i* (just after ``[``)."""
    negated = rx.startswith("^", i)
    if negated:
        i += 1
    plain: list[tuple[str, str]] = []
    complemented: list[_Ranges] = []  # [:^alpha:], \D, \S, \W inside the class
    first = True
    while True:
        if i >= len(rx):
            raise _RegexError("missing closing ]")
        if rx[i] == "]" and not first:  # a leading "]" is a literal
            i += 1
            break
        first = False
        if rx.startswith("[:", i) and (end := rx.find(":]", i + 2)) >= 0:
            name = rx[i + 2 : end]
            ranges = _POSIX.get(name.removeprefix("^"))
            if ranges is None:
                raise _RegexError(f"invalid character class range: {rx[i : end + 2]}")
            if name.startswith("^"):
                complemented.append(ranges)
            else:
                plain.extend(ranges)
            i = end + 2
            continue
        if rx[i] == "\\" and rx[i + 1 : i + 2].lower() in _PERL:
            ranges = _PERL[rx[i + 1].lower()]
            if rx[i + 1].isupper():
                complemented.append(ranges)
            else:
                plain.extend(ranges)
            i += 2
            continue
        lo, i = _escaped_char(rx, i + 1) if rx[i] == "\\" else (rx[i], i + 1)
        hi = lo
        if rx.startswith("-", i) and i + 1 < len(rx) and rx[i + 1] != "]":
            nxt = i + 1
            hi, i = _escaped_char(rx, nxt + 1) if rx[nxt] == "\\" else (rx[nxt], nxt + 1)
            if hi < lo:
                raise _RegexError(f"invalid character class range: {lo}-{hi}")
        plain.append((lo, hi))
    if not complemented:
        return f"[{'^' if negated else ''}{_set(tuple(plain))}]", i
    # Python cannot nest a complemented set inside a class: spell out the union.
    if not negated:
        parts = [f"[{_set(tuple(plain))}]"] if plain else []
        parts += [f"[^{_set(c)}]" for c in complemented]
        return "(?:" + "|".join(parts) + ")", i
    ahead = f"(?![{_set(tuple(plain))}])" if plain else ""
    ahead += "".join(f"(?=[{_set(c)}])" for c in complemented)
    return ahead + "(?s:.)", i


def _re2_to_python(rx: str) -> str:
    """Rewrite a regex produced by :func:`_go_regex` so Python's ``re`` agrees with RE2."""
    out: list[str] = []
    i = 0
    while i < len(rx):
        c = rx[i]
        if c == "[":
            piece, i = _class_to_python(rx, i + 1)
            out.append(piece)
            continue
        if c == "\\":
            e = rx[i + 1]
            if e == "Q":  # \Q...\E quotes literally
                end = rx.find("\\E", i + 2)
                stop = len(rx) if end < 0 else end
                out.append(re.escape(rx[i + 2 : stop]))
                i = stop if end < 0 else end + 2
                continue
            if e in "AbB":
                out.append("\\" + e)
            elif e == "z":
                out.append(r"\Z")
            elif e.lower() in _PERL:
                body = _set(_PERL[e.lower()])
                out.append(f"[^{body}]" if e.isupper() else f"[{body}]")
            else:
                ch, i = _escaped_char(rx, i + 1)
                out.append(re.escape(ch))
                continue
            i += 2
            continue
        if c == "$":
            out.append(r"\Z")  # Go's $ never matches before a trailing newline
        elif c in "^().*?":
            out.append(c)  # our own constructs, or a raw "^" anchor as RE2 reads it
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _compile(pattern: str) -> Callable[[str], bool]:
    kind, rx = _go_regex(pattern)
    if kind == _EXACT:
        return pattern.__eq__
    if kind == _PREFIX:
        prefix = pattern[:-2]
        return lambda path: path.startswith(prefix)
    if kind == _SUFFIX:
        # Literal suffix test, so "**foo" also matches "barfoo" (patternmatcher quirk).
        suffix = pattern[2:]
        bare = suffix[1:] if suffix.startswith("/") else None
        return lambda path: path.endswith(suffix) or path == bare
    compiled = re.compile(_re2_to_python(rx), re.ASCII)  # ASCII: RE2's \b is ASCII
    return lambda path: compiled.match(path) is not None


def _make_pattern(line: int, text: str, raw: str) -> Pattern:
    """patternmatcher.New's per-pattern step: trim, clean, split off "!", validate."""
    cleaned = gopath.clean(raw.strip(_GO_SPACE))
    exception = cleaned.startswith("!")
    if exception:
        cleaned = cleaned[1:]
        if not cleaned:
            return Pattern(line, text, "", True, 'illegal exclusion pattern: "!"')
    error = gopath.glob_error(cleaned)
    matcher = None
    if error is None:
        try:
            matcher = _compile(cleaned)
        except (_RegexError, re.error, IndexError) as exc:
            error = f"syntax error in pattern: {exc}"
    return Pattern(line, text, cleaned, exception, error, matcher)


def read_dockerignore(text: str) -> list[Pattern]:
    """Parse an ignore file the way ``ignorefile.ReadAll`` + ``patternmatcher.New`` do."""
    patterns: list[Pattern] = []
    text = text.removeprefix("\ufeff")
    # Split on "\n" only (bufio.ScanLines), dropping one trailing "\r".
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.startswith("#"):  # a comment only in column 1, before trimming
            continue
        raw = line.strip(_GO_SPACE)
        if not raw:
            continue
        negated = raw.startswith("!")
        if negated:
            raw = raw[1:].strip(_GO_SPACE)
        if raw:
            raw = gopath.clean(raw)
            if len(raw) > 1 and raw.startswith("/"):  # "/foo" means "foo"
                raw = raw[1:]
        patterns.append(_make_pattern(number, line, "!" + raw if negated else raw))
    return patterns


# --------------------------------------------------------------------------
# Matching


class MatchState(NamedTuple):
    """A path's outcome plus what its children inherit (patternmatcher.MatchInfo)."""

    excluded: bool
    hits: tuple[bool, ...]  # per pattern: matched this path or was inherited
    decider: int | None  # index of the last pattern that matched


def _normalize(path: str) -> str:
    return gopath.clean(path.lstrip("/") or ".")


def _literal_prefix(pattern: str) -> tuple[str, bool]:
    """The literal head every match of *pattern* starts with, and whether that is all of it."""
    cut = re.search(r"[*?\[\]\\^]", pattern)
    return (pattern, True) if cut is None else (pattern[: cut.start()], False)


class DockerIgnore:
    """A compiled ignore file. Paths are relative to the context root, '/'-separated."""

    _CACHE_LIMIT = 1 << 16

    def __init__(self, patterns: Iterable[Pattern], source: Path | None = None) -> None:
        self.patterns: tuple[Pattern, ...] = tuple(patterns)
        self.source = source
        self._exceptions = [p for p in self.patterns if p.exception and p.error is None]
        self._cache: dict[str, MatchState] = {}

    @classmethod
    def from_text(cls, text: str, source: Path | None = None) -> DockerIgnore:
        return cls(read_dockerignore(text), source)

    @property
    def errors(self) -> list[Pattern]:
        """Patterns Docker rejects; any of them makes ``docker build`` fail."""
        return [p for p in self.patterns if p.error is not None]

    def state(self, path: str, parent: MatchState | None = None) -> MatchState:
        """Evaluate *path* given its parent directory's state (BuildKit walks top-down).

        This is ``MatchesUsingParentResults``: a pattern that matched the parent
        counts as matching the child, and a pattern that cannot change the
        outcome so far is not evaluated -- so ``a/b`` then ``!a`` keeps ``a/b``
        excluded, because ``!a`` was skipped while ``a`` was not yet excluded.
        """
        hits: list[bool] = []
        excluded = False
        decider = None
        for index, pattern in enumerate(self.patterns):
            hit = parent is not None and parent.hits[index]
            if not hit:
                if pattern.error is not None or pattern.exception != excluded:
                    hits.append(False)
                    continue
                hit = pattern.match(path)
                if not hit and parent is None and "/" in path:
                    # Without a parent state Go tries every ancestor directory.
                    parts = path.split("/")[:-1]
                    hit = any(pattern.match("/".join(parts[: k + 1])) for k in range(len(parts)))
            hits.append(hit)
            if hit:
                excluded = not pattern.exception
                decider = index
        return MatchState(excluded, tuple(hits), decider)

    def _state_of(self, path: str) -> MatchState:
        cached = self._cache.get(path)
        if cached is None:
            parent, _, _ = path.rpartition("/")
            cached = self.state(path, self._state_of(parent) if parent else None)
            if len(self._cache) >= self._CACHE_LIMIT:
                self._cache.clear()
            self._cache[path] = cached
        return cached

    def matches(self, path: str) -> bool:
        """Whether *path* is left out of the build context."""
        path = _normalize(path)
        return path != "." and self._state_of(path).excluded

    def matching_pattern(self, path: str) -> Pattern | None:
        """The line that decided *path*'s fate (an exception when it is re-included)."""
        path = _normalize(path)
        if path == ".":
            return None
        decider = self._state_of(path).decider
        return None if decider is None else self.patterns[decider]

    def excludes_dir_entirely(self, directory: str) -> bool:
        """True when *directory* and everything below it are excluded.

        Safe for pruning a walk: no ``!`` line can match anything inside.
        Patterns that matched the directory itself are already in its state,
        so only exceptions that could match a deeper path need checking.
        """
        directory = _normalize(directory)
        if directory == "." or not self._state_of(directory).excluded:
            return False
        inside = directory + "/"
        for exception in self._exceptions:
            head, literal = _literal_prefix(exception.pattern)
            if head.startswith(inside) or (not literal and inside.startswith(head)):
                return False
        return True


def find_ignore_file(context_dir: Path, dockerfile: Path | None = None) -> Path | None:
    """The ignore file BuildKit uses for this build, or None.

    ``<Dockerfile name>.dockerignore`` next to the Dockerfile wins over the
    context's ``.dockerignore``, even when it is empty. Without an explicit
    Dockerfile the default ``Dockerfile`` (hence ``Dockerfile.dockerignore``)
    is assumed.
    """
    dockerfile = dockerfile if dockerfile is not None else context_dir / "Dockerfile"
    specific = dockerfile.with_name(dockerfile.name + ".dockerignore")
    if specific.is_file():
        return specific
    general = context_dir / ".dockerignore"
    return general if general.is_file() else None
