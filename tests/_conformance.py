"""Shared machinery for comparing pydolint's parser with BuildKit's.

The oracle is the ``dockerfile`` wheel: a binding of BuildKit 0.12.5's Go
parser. pydolint follows *current* BuildKit, so a few inputs are parsed
differently on purpose; each such input is recognised by a predicate in
``PREDICATES`` whose reason names the current BuildKit source that justifies
it. Everything else must match exactly.

Binding artefacts (not BuildKit behaviour) that are normalised here:

* Strings cross into Python as C strings, so every string the oracle returns
  is cut at its first NUL. pydolint's strings are cut the same way before
  comparing.
* Output strings are decoded as strict UTF-8, so a file with invalid UTF-8
  makes the binding raise ``UnicodeDecodeError``. Such input is given to the
  oracle with invalid bytes replaced by U+FFFD (what pydolint reads them as).
* For ONBUILD the binding reports the *wrapper's* flags and the *wrapped*
  node's heredocs (always empty: BuildKit attaches heredocs to the ONBUILD
  node). The wrapped instruction's flags and heredocs are therefore checked
  by parsing the wrapped instruction's source text on its own.
* Parse errors come back as bare messages without a location. The line where
  BuildKit notices the problem is found by parsing ever longer prefixes of
  the file (see ``oracle_error_line``).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field

KNOWN_INSTRUCTIONS = frozenset({
    "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck",
    "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
})
HEREDOC_INSTRUCTIONS = frozenset({"add", "copy", "run"})

# Go's unicode.IsSpace: what BuildKit trims and splits words on.
GO_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Go's regexp ``\s`` (RE2 Perl class): what 0.12.5's directive regexp allowed.
RE2_SPACE = "\t\n\f\r "


def go_lower(text: str) -> str:
    """strings.ToLower: simple case mapping, one rune to one rune."""
    return "".join("i" if ch == "\u0130" else (ch.lower() if len(ch.lower()) == 1 else ch)
                   for ch in text)


def expected_keyword(cmd: str) -> str:
    """The keyword pydolint should report for BuildKit's node value ``cmd``.

    BuildKit dispatches on strings.ToLower(cmd); when that names a known
    instruction, pydolint reports its canonical upper-case name, otherwise the
    word upper-cased.
    """
    lowered = go_lower(cmd)
    if lowered in KNOWN_INSTRUCTIONS:
        return lowered.upper()
    return cmd.upper()


def cut_nul(value):
    """Apply the binding's C-string truncation to a string or nested lists."""
    if isinstance(value, str):
        return value.split("\0", 1)[0]
    if isinstance(value, (list, tuple)):
        return [cut_nul(v) for v in value]
    return value


def as_bytes(source: str | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    return source.encode("utf-8", "surrogatepass")


def as_oracle_text(value: str) -> str:
    """What the oracle can return for a pydolint string: NUL-cut, U+FFFD for bad bytes."""
    value = cut_nul(value)
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# --------------------------------------------------------------------------
# The oracle


@dataclass
class OracleHeredoc:
    name: str
    content: str


@dataclass
class OracleCommand:
    cmd: str
    sub_cmd: str | None
    json: bool
    original: str
    start_line: int
    end_line: int
    flags: list[str]
    value: list[str]
    heredocs: list[OracleHeredoc]


@dataclass
class OracleResult:
    commands: list[OracleCommand] = field(default_factory=list)
    error: str | None = None
    replaced_invalid_utf8: bool = False
    unrepresentable: bool = False  # the binding could not return BuildKit's (non-UTF-8) output


def _oracle_raw(data: bytes):
    import dockerfile

    fd, path = tempfile.mkstemp(suffix=".Dockerfile")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return dockerfile.parse_file(path)
    finally:
        os.unlink(path)


def oracle_parse(source: str | bytes) -> OracleResult:
    """Parse with BuildKit 0.12.5 through the ``dockerfile`` wheel."""
    import dockerfile

    data = as_bytes(source)
    replaced = False
    try:
        commands = _oracle_raw(data)
    except dockerfile.GoParseError as exc:
        return OracleResult(error=str(exc))
    except UnicodeDecodeError:
        fixed = data.decode("utf-8", "replace").encode("utf-8")
        if fixed == data:
            # BuildKit split a multi-byte character itself (it reads some parts byte by
            # byte, e.g. HEALTHCHECK's type and builder flags), so its output is not
            # UTF-8 and the binding cannot return it.
            return OracleResult(unrepresentable=True)
        data, replaced = fixed, True
        try:
            commands = _oracle_raw(data)
        except dockerfile.GoParseError as exc:
            return OracleResult(error=str(exc), replaced_invalid_utf8=True)
        except UnicodeDecodeError:
            return OracleResult(unrepresentable=True, replaced_invalid_utf8=True)
    result = OracleResult(replaced_invalid_utf8=replaced)
    for c in commands:
        result.commands.append(OracleCommand(
            cmd=c.cmd or "", sub_cmd=c.sub_cmd, json=c.json, original=c.original or "",
            start_line=c.start_line, end_line=c.end_line, flags=list(c.flags),
            value=list(c.value),
            heredocs=[OracleHeredoc(h.name, h.content) for h in c.heredocs],
        ))
    return result


def split_lines(data: bytes) -> list[bytes]:
    """Physical lines as BuildKit's scanner sees them (``\\n`` kept)."""
    return re.findall(rb"[^\n]*\n|[^\n]+\Z", data)


def oracle_error_line(data: bytes, message: str) -> tuple[int, int] | None:
    """Lines (lo, hi) between which BuildKit reports ``message``.

    ``hi`` is the first line from which every longer prefix of the file fails
    with the same message: the line where BuildKit notices the problem (a
    shorter prefix may fail the same way for another reason, such as a heredoc
    cut short). ``lo`` is the line after the last instruction that prefix
    ``hi - 1`` parsed completely (instructions ending on line ``hi - 1`` are
    not counted: they may be the failing one, cut short). None when even the
    empty prefix fails the same way (``file with no instructions``).
    """
    lines = split_lines(data)
    n = len(lines)
    while n > 0 and oracle_parse(b"".join(lines[:n - 1])).error == message:
        n -= 1
    if n == 0:
        return None
    previous = oracle_parse(b"".join(lines[:n - 1]))
    ends = [c.end_line for c in previous.commands if c.end_line < n - 1]
    return (max(ends) + 1 if ends else 1), n


# --------------------------------------------------------------------------
# Directive scanning, 0.12.5 versus current, to recognise inputs where the two
# disagree (see PREDICATES).


def _trim_newline(line: str) -> str:
    return line.rstrip("\r\n")


def _go_lstrip(line: str) -> str:
    i = 0
    while i < len(line) and line[i] in GO_SPACE:
        i += 1
    return line[i:]


_DIRECTIVE_0125 = re.compile(
    rf"#[{RE2_SPACE}]*([a-zA-Z][a-zA-Z0-9]*)[{RE2_SPACE}]*=[{RE2_SPACE}]*(.+?)[{RE2_SPACE}]*\Z",
    re.DOTALL,
)
_DIRECTIVE_CURRENT = re.compile(
    rf"([a-zA-Z][a-zA-Z0-9]*)[{RE2_SPACE}]*=[{RE2_SPACE}]*(.+?)[{RE2_SPACE}]*\Z", re.DOTALL
)


def scan_directives(text: str, current: bool) -> tuple[str, str | None]:
    """(escape token, error) per BuildKit 0.12.5 (current=False) or current."""
    escape = "\\"
    seen: set[str] = set()
    known = {"syntax", "escape", "check"} if current else {"syntax", "escape"}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i == 0 and line.startswith("\ufeff"):
            line = line[1:]
        line = _go_lstrip(_trim_newline(line))
        if current:
            if not line.startswith("#"):
                break
            match = _DIRECTIVE_CURRENT.match(_go_lstrip(line[1:]))
        else:
            match = _DIRECTIVE_0125.match(line)
        if not match or match.group(1).lower() not in known:
            break
        name = match.group(1).lower()
        if name in seen:
            return escape, f"only one {name} parser directive can be used"
        seen.add(name)
        if name == "escape":
            if match.group(2) not in ("`", "\\"):
                return escape, "invalid escape token"
            escape = match.group(2)
    return escape, None


# --------------------------------------------------------------------------
# Documented differences between the 0.12.5 oracle and current BuildKit.
# Each predicate looks at the input text and the oracle's result.

_HEREDOC_SPACE = re.compile(r"<<-?[ \t]+|<<[ \t]*-[ \t]")
_NESTED_EXPANSION = re.compile(r"\$\{[A-Za-z0-9_]*[:+\-?#%/]")


def _candidate_lines(text: str, result: OracleResult, heredoc_capable: bool = False):
    """Logical lines the oracle parsed; every physical line when it failed."""
    if result.error is not None:
        yield from text.split("\n")
        return
    for c in result.commands:
        kind = go_lower(c.sub_cmd or "") if go_lower(c.cmd) == "onbuild" else go_lower(c.cmd)
        if heredoc_capable and (kind not in HEREDOC_INSTRUCTIONS or c.json):
            continue
        yield c.original.split("\n", 1)[0]


def _json_then_text(line: str) -> bool:
    decoder = json.JSONDecoder()
    for match in re.finditer(r"\[", line):
        try:
            value, end = decoder.raw_decode(line, match.start())
        except ValueError:
            continue
        if isinstance(value, list) and line[end:].strip(" \t\n\r\v\f"):
            return True
    return False


def _json_with_trailing_text(text: str, result: OracleResult) -> bool:
    if result.error is not None:
        return any(_json_then_text(line) for line in text.split("\n"))
    return any(c.json and _json_then_text(c.original.split("\n", 1)[0])
               for c in result.commands)


def _heredoc_whitespace(text: str, result: OracleResult) -> bool:
    return any(_HEREDOC_SPACE.search(line) for line in _candidate_lines(text, result, True))


def _heredoc_line_with_expansion(text: str, result: OracleResult) -> bool:
    return any("<<" in line and _NESTED_EXPANSION.search(line)
               for line in _candidate_lines(text, result, True))


def _directives_differ(text: str, result: OracleResult) -> bool:
    return scan_directives(text, current=False) != scan_directives(text, current=True)


def _leading_flags(rest: str) -> str:
    end = 0
    while rest.startswith("--", end):
        quote = None
        i = end
        while i < len(rest):
            ch = rest[i]
            if quote:
                quote = None if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch in "\\`":
                i += 1
            elif ch in GO_SPACE:
                break
            i += 1
        end = i
        while end < len(rest) and rest[end] in GO_SPACE:
            end += 1
    return rest[:end]


def _flags_region(line: str) -> str:
    """The builder flags of a logical line: after the keyword, and for ONBUILD both its
    own flags and those after the wrapped keyword."""
    words = line.lstrip().split(None, 1)
    if len(words) < 2:
        return ""
    rest = words[1].lstrip()
    region = _leading_flags(rest)
    if go_lower(words[0]) == "onbuild":
        inner = rest.split(None, 1)
        region += _leading_flags(inner[1].lstrip() if len(inner) == 2 else "")
    return region


def _flag_escape_backtick(text: str, result: OracleResult) -> bool:
    if scan_directives(text, current=True)[0] != "`":
        return False
    if result.error is not None:
        return any(re.search(r"\s--", line) and re.search(r"[\\`]", line)
                   for line in text.split("\n"))
    return any(re.search(r"[\\`]", _flags_region(c.original.split("\n", 1)[0]))
               for c in result.commands)


@dataclass(frozen=True)
class Predicate:
    name: str
    applies: Callable[[str, OracleResult], bool]
    reason: str


PREDICATES: tuple[Predicate, ...] = (
    Predicate(
        "json-trailing-text", _json_with_trailing_text,
        "a JSON array followed by more text is shell form: current parseJSON "
        "(parser/line_parsers.go) uses json.Unmarshal on the whole rest; 0.12.5 used "
        "json.NewDecoder(...).Decode, which stops after the first value",
    ),
    Predicate(
        "heredoc-whitespace", _heredoc_whitespace,
        "`<< EOF` is a heredoc in current BuildKit: shell/lex.go processPossibleHeredoc "
        "keeps the blanks after << in the word and reHeredoc (parser/parser.go) is "
        "^(\\d*)<<(-?)\\s*([^<]*)$ (commit 0b77373ab); 0.12.5 split `<<` and `EOF` apart",
    ),
    Predicate(
        "heredoc-line-expansion", _heredoc_line_with_expansion,
        "heredoc detection lexes the whole line with shell.Lex: current lex.go supports "
        "${v#p} ${v%p} ${v/p/r} (0.12.5 failed the whole line, finding no heredoc) and "
        "its processStopOn resets the shared wordsBuffer when a ${v:-x} is expanded "
        "inside a word, dropping the `<<NAME` part before it",
    ),
    Predicate(
        "directives", _directives_differ,
        "parser directives: current directives.go knows `check` (0.12.5 stopped at it, "
        "so a later `escape` was a comment and a repeated `check` was no error) and "
        "trims any unicode.IsSpace after `#` (0.12.5's regexp allowed only [\\t\\n\\f\\r ])",
    ),
    Predicate(
        "flag-escape-token", _flag_escape_backtick,
        "builder flags honour the escape directive in current split_command.go "
        "(extractBuilderFlags compares with d.escapeToken); 0.12.5 always used `\\`",
    ),
)


def differences(text: str, result: OracleResult) -> list[Predicate]:
    return [p for p in PREDICATES if p.applies(text, result)]


# --------------------------------------------------------------------------
# Comparison


def _onbuild_inner_source(data: bytes, command: OracleCommand, escape: str) -> bytes | None:
    """The wrapped instruction's own source: ONBUILD's lines without the keyword."""
    lines = split_lines(data)
    body = lines[command.start_line - 1:command.end_line]
    if not body:
        return None
    first = body[0].decode("utf-8", "replace")
    match = re.match(r"[\s\ufeff]*\S+[\t\v\f\r ]*", first)
    if not match or go_lower(match.group(0).strip(" \t\v\f\r\ufeff")) != "onbuild":
        return None
    rest = first[match.end():]
    if rest.lstrip().startswith("--"):
        return None  # ONBUILD carries flags of its own; not worth untangling
    prefix = "# escape=`\n" if escape == "`" else ""
    return prefix.encode() + rest.encode() + b"".join(body[1:])


def _heredocs(items) -> list[tuple[str, str]]:
    return [(as_oracle_text(h["name"]), as_oracle_text(h["content"])) for h in items]


def compare(source: str | bytes, oracle: OracleResult, doc: dict) -> list[str]:
    """Differences between the oracle's result and pydolint's dump, as text."""
    data = as_bytes(source)
    problems: list[str] = []
    if oracle.unrepresentable:
        return ["the oracle cannot return BuildKit's result for this input (not UTF-8)"]
    got = doc["instructions"]
    if oracle.error is not None:
        if not doc["errors"]:
            problems.append(f"oracle fails with {oracle.error!r}; pydolint reports no error")
        return problems
    if len(got) != len(oracle.commands):
        problems.append(
            f"instruction count: oracle {len(oracle.commands)} "
            f"{[(c.cmd, c.start_line) for c in oracle.commands]}, pydolint {len(got)} "
            f"{[(i['keyword'], i['start_line']) for i in got]}"
        )
    text = data.decode("utf-8", "replace")
    escape = scan_directives(text, current=True)[0]
    for index, (want, have) in enumerate(zip(oracle.commands, got, strict=False)):
        where = f"instruction {index + 1} (oracle line {want.start_line}: {want.original[:60]!r})"

        def check(what, expected, actual, where=where):
            if expected != actual:
                shown = (repr(expected), repr(actual))
                if shown[0] == shown[1]:
                    shown = (ascii(expected), ascii(actual))
                problems.append(f"{where}: {what}: oracle {shown[0]}, pydolint {shown[1]}")

        check("keyword", expected_keyword(want.cmd), as_oracle_text(have["keyword"]))
        check("start_line", want.start_line, have["start_line"])
        check("end_line", want.end_line, have["end_line"])
        check("flags", want.flags, [as_oracle_text(f) for f in have["flags"]])
        check("value", want.value, [as_oracle_text(v) for v in have["value"]])
        is_onbuild = go_lower(want.cmd) == "onbuild"
        if not is_onbuild:
            check("form", "exec" if want.json else "shell", have["form"])
            check("heredocs", [(h.name, h.content) for h in want.heredocs],
                  _heredocs(have["heredocs"]))
            continue
        sub = have.get("sub_instruction")
        if want.sub_cmd is None:
            check("sub_instruction", None, sub and sub["keyword"])
            continue
        if sub is None:
            problems.append(f"{where}: ONBUILD {want.sub_cmd!r} has no sub_instruction")
            continue
        check("sub_instruction keyword", expected_keyword(want.sub_cmd),
              as_oracle_text(sub["keyword"]))
        check("sub_instruction value", want.value, [as_oracle_text(v) for v in sub["value"]])
        check("sub_instruction form", "exec" if want.json else "shell", sub["form"])
        inner_source = _onbuild_inner_source(data, want, escape)
        if inner_source is None:
            continue
        inner = oracle_parse(inner_source)
        if inner.error is not None or len(inner.commands) != 1:
            continue
        (alone,) = inner.commands
        if expected_keyword(alone.cmd) != expected_keyword(want.sub_cmd):
            continue
        check("sub_instruction flags", alone.flags, [as_oracle_text(f) for f in sub["flags"]])
        expected_heredocs = [(h.name, h.content) for h in alone.heredocs]
        check("heredocs (on the ONBUILD)", expected_heredocs, _heredocs(have["heredocs"]))
        if sub["heredocs"]:
            check("sub_instruction heredocs", expected_heredocs, _heredocs(sub["heredocs"]))
    return problems


def compare_error_line(source: str | bytes, oracle: OracleResult, doc: dict) -> list[str]:
    """When BuildKit fails, pydolint must report an error where BuildKit notices it."""
    if oracle.error is None or not doc["errors"]:
        return []
    data = as_bytes(source)
    if oracle.replaced_invalid_utf8:
        data = data.decode("utf-8", "replace").encode("utf-8")
    span = oracle_error_line(data, oracle.error)
    if span is None:
        return []
    lo, hi = span
    lines = sorted({e["line"] for e in doc["errors"]})
    if any(lo <= line <= hi for line in lines):
        return []
    message = (f"oracle fails with {oracle.error!r}, noticed on line {hi} (instruction from "
               f"line {lo}); pydolint errors are on lines {lines}: {doc['errors']}")
    return [message]
