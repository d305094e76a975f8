"""Shell scripts as lists of simple commands, parsed with tree-sitter-bash.

``parse_script`` turns a POSIX/bash script into a flat, source-ordered list of
``SimpleCommand``s: commands nested in lists, pipelines, groups, loops,
functions, command substitutions and ``sh -c '...'`` strings are all there,
each word with character offsets into the script that was parsed.

Parsing never raises. tree-sitter is imported on first use, not at import.

tree-sitter-bash (0.25) quirks this module smooths over:

- ``cmd > f arg`` hangs ``arg`` on the redirect as a second destination; with
  two leading redirects (``>/dev/null 2>&1 pip install x``) there is no command
  node at all. Such words are put back into argv.
- ``$"text"`` arrives as two arguments, "$" and a string; adjacent nodes with no
  space between them are joined into one word.
- ``cat <<EOF | grep x && echo`` nests the rest of the line under the heredoc
  redirect, with ``grep x && echo`` bound tighter than the pipe.
- A ``<<EOF`` without its body (a Dockerfile command line) is an ERROR; callers
  pass ``heredoc_names`` and the markers are blanked before parsing.
- Offsets are UTF-8 bytes; they are converted to code points.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"})
_MAX_NESTING = 8  # ``sh -c "sh -c '...'"`` depth we still look into


@dataclass(frozen=True, slots=True)
class ShellWord:
    """One shell word.

    ``text`` has quotes and escapes removed; expansions (``$X``, ``$(cmd)``)
    stay as written. ``raw`` is the word as the (innermost) shell sees it;
    ``start``/``end`` are offsets into the outermost parsed script.
    """

    text: str
    raw: str
    start: int
    end: int
    quoted: bool = False
    has_expansion: bool = False


@dataclass(frozen=True, slots=True)
class Redirect:
    operator: str  # with its descriptor: ">", ">>", "2>", "&>", "<<", "<<-", "<<<", ...
    target: ShellWord | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SimpleCommand:
    argv: tuple[ShellWord, ...]  # never empty; argv[0] is the command word
    start: int
    end: int
    assignments: tuple[tuple[str, str], ...] = ()  # ``VAR=x cmd`` prefixes
    redirects: tuple[Redirect, ...] = ()
    pipeline_position: int | None = None
    in_subshell: bool = False  # ( ), $( ), backticks, <( ) or a nested ``sh -c``
    via: str | None = None  # "sh -c", "bash -c", ... when found inside such a string
    connector_before: str | None = None  # "&&", "||", ";", "|", "|&", "&"
    wrapped_by: tuple[str, ...] = ()  # wrappers ``unwrap`` removed, outermost first

    @property
    def name(self) -> str:
        return self.argv[0].text

    @property
    def basename(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    @property
    def in_pipeline(self) -> bool:
        return self.pipeline_position is not None

    @property
    def args(self) -> tuple[ShellWord, ...]:
        return self.argv[1:]

    def words(self) -> list[str]:
        return [word.text for word in self.argv]


@dataclass(frozen=True, slots=True)
class Script:
    text: str
    commands: tuple[SimpleCommand, ...]
    has_error: bool = False
    exports: Mapping[str, str] = dataclasses.field(default_factory=dict)  # read-only
    sets_errexit: bool = False
    sets_pipefail: bool = False

    def commands_named(self, *names: str) -> list[SimpleCommand]:
        """Commands (unwrapped) whose basename is one of ``names``."""
        found = []
        for command in self.commands:
            command = unwrap(command)
            if command.basename in names:
                found.append(command)
        return found


# --- public entry point -----------------------------------------------------

def parse_script(script: str, heredoc_names: Iterable[str] = ()) -> Script:
    """Parse ``script``; never raises.

    ``heredoc_names``: delimiters of heredocs whose bodies are *not* part of
    ``script`` (a Dockerfile ``RUN cat <<EOF > f`` line). Their ``<<EOF``
    markers become ``Redirect("<<", ...)`` on the command they feed.
    """
    return _parse_cached(script, tuple(heredoc_names))


@lru_cache(maxsize=1024)
def _parse_cached(script: str, heredoc_names: tuple[str, ...]) -> Script:
    try:
        return _parse(script, heredoc_names, None, 0, None)
    except Exception:  # noqa: BLE001 - a linter must survive any input: call it unparsable
        return Script(text=script, commands=(), has_error=True)


# --- tree-sitter ------------------------------------------------------------

_local = threading.local()  # tree-sitter parsers are not thread-safe


def _parser() -> Any:
    parser = getattr(_local, "parser", None)
    if parser is None:
        import tree_sitter
        import tree_sitter_bash

        parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))
        _local.parser = parser
    return parser


def _parse(script: str, heredoc_names: tuple[str, ...], outer: list[int] | None,
           depth: int, via: str | None) -> Script:
    markers: list[tuple[int, int, str, str, str]] = []
    source = script
    if heredoc_names:
        source, markers = _blank_heredoc_markers(script, heredoc_names)
    data = source.encode("utf-8", "surrogatepass")
    tree = _parser().parse(data if source.isascii() else _ascii_stand_in(source))
    builder = _Builder(source, data, outer, depth, via)
    builder.visit(tree.root_node, _Ctx(None, via is not None, via is None))
    commands = builder.commands
    if markers:
        _attach_heredoc_markers(commands, markers, builder)
    # `sh -c "$(curl ...)"`: the outer shell runs the substitution, and the parse of the
    # -c string finds it again; keep one, the outer one
    unique: dict[tuple, SimpleCommand] = {}
    for command in commands:
        key = (command.start, command.end, tuple(command.words()))
        if key not in unique or (unique[key].via != via and command.via == via):
            unique[key] = command
    commands = sorted(unique.values(), key=lambda c: c.start)
    own = [c for c in commands if c.via == via]
    return Script(
        text=script,
        commands=tuple(commands),
        has_error=tree.root_node.has_error,
        exports=MappingProxyType(builder.exports),
        sets_errexit=any(_set_enables(c, "e", "errexit") for c in own),
        sets_pipefail=any(_set_enables(c, None, "pipefail") for c in own),
    )


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii_stand_in(text: str) -> bytes:
    """``text`` as UTF-8 with each non-ASCII character replaced by as many "a"s as it has bytes.

    tree-sitter-bash's scanner calls ``isdigit()`` on the code point after ``{``;
    above 255 that reads outside the C ctype table and can crash the process
    (``{`` followed by U+F0D6A does). Byte offsets stay the same, and bash treats
    these characters as ordinary word characters anyway.
    """
    return _NON_ASCII.sub(lambda m: "a" * len(m.group().encode("utf-8", "surrogatepass")),
                          text).encode("utf-8")


class _Ctx(NamedTuple):
    pipeline_position: int | None
    in_subshell: bool
    top: bool  # assignments here persist for the rest of the script


_EXPANSIONS = frozenset({"simple_expansion", "expansion", "command_substitution",
                         "process_substitution", "arithmetic_expansion"})
_REDIRECTS = frozenset({"file_redirect", "heredoc_redirect", "herestring_redirect"})
_CONNECTORS = {"&&": "&&", "||": "||", ";": ";", "&": "&", "|": "|", "|&": "|&",
               ";;": ";", ";&": ";", ";;&": ";", "\n": ";"}
# Parents whose operator tokens separate commands (not ``[[ a && b ]]``).
_SEQUENCES = frozenset({"program", "list", "compound_statement", "subshell", "do_group",
                        "if_statement", "elif_clause", "else_clause", "case_item",
                        "while_statement", "for_statement", "c_style_for_statement",
                        "heredoc_redirect", "ERROR", "function_definition",
                        "redirected_statement", "negated_command"})
_PLAIN = frozenset({"word", "number"})
_LEAVES = frozenset({"word", "number", "raw_string", "ansi_c_string", "simple_expansion",
                     "comment", "variable_name", "extglob_pattern", "$"})
_SKIP = frozenset({"comment", "heredoc_start", "heredoc_end", "heredoc_content",
                   "variable_name", "test_operator", "file_descriptor"})


class _Builder:
    """Walks one tree; collects commands and top-level assignments."""

    def __init__(self, source: str, data: bytes, outer: list[int] | None,
                 depth: int, via: str | None) -> None:
        self.source = source  # what tree-sitter saw (heredoc markers blanked)
        self.outer = outer  # char offset here -> offset in the outermost script
        self.depth = depth
        self.via = via
        self.commands: list[SimpleCommand] = []
        self.exports: dict[str, str] = {}
        self.pending: str | None = None  # connector seen since the last command
        # redirects tree-sitter hangs on a whole `a && b` list, keyed by the node of the
        # list's last command, which is where the shell applies them
        self.trailing: dict[int, list[Any]] = {}
        self.b2c = None if source.isascii() else _byte_to_char(source, data)

    # offsets ------------------------------------------------------------
    def char(self, byte: int) -> int:
        return byte if self.b2c is None else self.b2c[byte]

    def out_start(self, pos: int) -> int:
        return pos if self.outer is None else self.outer[min(pos, len(self.outer) - 1)]

    def out_end(self, start: int, end: int) -> int:
        """Exclusive end: where the source of the next character begins."""
        if self.outer is None:
            return end
        if end <= start:
            return self.out_start(start)
        return self.outer[min(end, len(self.outer) - 1)]

    # traversal ----------------------------------------------------------
    def visit(self, node: Any, ctx: _Ctx) -> None:
        kind = node.type
        if kind == "command":
            self.command(node, (), ctx)
        elif kind == "redirected_statement":
            self.redirected(node, ctx)
        elif kind == "pipeline":
            self.pipeline(node, ctx)
        elif kind == "list":
            self.command_list(node, ctx)
        elif kind in ("command_substitution", "process_substitution"):
            saved, self.pending = self.pending, None
            self.children(node, _Ctx(None, True, False))
            self.pending = saved
        elif kind == "subshell":
            self.children(node, ctx._replace(in_subshell=True, top=False))
        elif kind == "function_definition":
            self.children(node, ctx._replace(top=False))
        elif kind in ("variable_assignment", "declaration_command"):
            if ctx.top:
                self.record_export(node)
            self.children(node, ctx._replace(top=False))
        else:
            self.children(node, ctx)

    def children(self, node: Any, ctx: _Ctx) -> None:
        sequence = node.type in _SEQUENCES
        for child in node.children:
            if child.is_named:
                if child.type not in _SKIP:
                    self.visit(child, ctx)
            elif sequence and child.type in _CONNECTORS:
                self.pending = _CONNECTORS[child.type]

    def command_list(self, node: Any, ctx: _Ctx) -> None:
        """``a && b || c`` nests to the left; walk the chain without deep recursion."""
        chain = [node]
        while chain[-1].child_count and chain[-1].children[0].type == "list":
            chain.append(chain[-1].children[0])
        for link in reversed(chain):
            for index, child in enumerate(link.children):
                if index == 0 and child.type == "list":
                    continue  # already walked: it is the next link down the chain
                if child.is_named:
                    if child.type not in _SKIP:
                        self.visit(child, ctx)
                elif child.type in _CONNECTORS:
                    self.pending = _CONNECTORS[child.type]

    def pipeline(self, node: Any, ctx: _Ctx) -> None:
        stage = ctx.pipeline_position or 0
        for child in node.children:
            if child.is_named:
                self.visit(child, ctx._replace(pipeline_position=stage))
            elif child.type in ("|", "|&"):
                stage += 1
                self.pending = child.type

    def redirected(self, node: Any, ctx: _Ctx) -> None:
        body = node.child_by_field_name("body")
        redirects = [c for c in node.children if c.type in _REDIRECTS]
        if any(_continues_pipeline(r) for r in redirects) and ctx.pipeline_position is None:
            ctx = ctx._replace(pipeline_position=0)  # ``cat <<EOF | grep x``
        if body is None or body.type == "command":
            self.command(body, redirects, ctx)
            return
        last = body
        while last.type in ("list", "pipeline") and last.named_child_count:
            last = last.named_children[-1]
        files = [r for r in redirects if r.type == "file_redirect"]
        if body.type in ("list", "pipeline") and last.type == "command" and files:
            self.trailing[last.id] = files  # ``a && pip install x>1``, ``a | b > out``
            redirects = [r for r in redirects if r.type != "file_redirect"]
        self.visit(body, ctx)  # a compound statement: its other redirects belong to no command
        for redirect in redirects:
            self.visit_redirect_contents(redirect, ctx)

    # commands -----------------------------------------------------------
    def command(self, node: Any | None, extra_redirects: Iterable[Any], ctx: _Ctx) -> None:
        assignments: list[Any] = []
        words: list[Any] = []
        redirect_nodes: list[Any] = []
        nested: list[Any] = []  # nodes that may hold command substitutions
        for child in node.children if node is not None else ():
            kind = child.type
            if kind == "variable_assignment" and not words:
                assignments.append(child)
            elif kind == "command_name":
                words.append(child.children[0] if child.child_count == 1 else child)
            elif kind in _REDIRECTS:
                redirect_nodes.append(child)
            elif kind not in ("comment", "ERROR"):
                words.append(child)
            if kind != "comment":
                nested.append(child)
        if node is not None and node.id in self.trailing:
            extra_redirects = [*extra_redirects, *self.trailing.pop(node.id)]
        redirect_nodes.extend(extra_redirects)
        redirects = []
        for redirect in redirect_nodes:
            parsed, spill = self.redirect(redirect)
            redirects.extend(parsed)
            words.extend(spill)  # tree-sitter hangs later arguments on a redirect
        words.sort(key=lambda n: n.start_byte)
        groups = _adjacent_groups(words)
        argv = tuple(self.word_group(group) for group in groups)
        if argv:
            # Span: the words and redirect operators, not heredoc bodies.
            starts = [part.start for part in argv + tuple(redirects)]
            ends = [part.end for part in argv + tuple(redirects)]
            if node is not None:
                start = self.char(node.start_byte)
                starts.append(self.out_start(start))
                ends.append(self.out_end(start, self.char(node.end_byte)))
            command = SimpleCommand(
                argv=argv,
                start=min(starts),
                end=max(ends),
                assignments=tuple(self.assignment(a) for a in assignments),
                redirects=tuple(redirects),
                pipeline_position=ctx.pipeline_position,
                in_subshell=ctx.in_subshell,
                via=self.via,
                connector_before=self.pending,
            )
            self.commands.append(command)
            self.pending = None
            self.nested_shell(command, groups)
        inner = ctx._replace(top=False)
        for child in nested:
            if child.type not in _LEAVES:
                self.visit(child, inner)
        for redirect in extra_redirects:
            self.visit_redirect_contents(redirect, ctx)
        if argv:
            self.pending = ";"  # a following newline-separated command runs next

    def visit_redirect_contents(self, redirect: Any, ctx: _Ctx) -> None:
        """Commands inside a redirect: substitutions and, for heredocs, the rest of the line."""
        if redirect.type == "heredoc_redirect":
            after = ctx._replace(pipeline_position=None)
            for child in redirect.children:
                if child.type == "pipeline":
                    self.heredoc_pipeline(child, ctx.pipeline_position or 0, after)
                elif child.is_named and child.type not in _SKIP and child.type not in _REDIRECTS:
                    self.visit(child, after)
                elif child.type in _REDIRECTS:
                    self.children(child, ctx._replace(top=False))
                elif child.type in _CONNECTORS:
                    self.pending = _CONNECTORS[child.type]
        else:
            self.children(redirect, ctx._replace(top=False))

    def heredoc_pipeline(self, node: Any, stage: int, after: _Ctx) -> None:
        """``cat <<EOF | grep x && echo done``: tree-sitter nests ``grep x && echo done``
        under the pipe; only the list's first command is really in the pipeline."""
        for child in node.children:
            if child.type in ("|", "|&"):
                stage += 1
                self.pending = child.type
            elif child.type == "list":
                self.pipeline_head(child, after._replace(pipeline_position=stage), after)
            elif child.is_named:
                self.visit(child, after._replace(pipeline_position=stage))

    def pipeline_head(self, node: Any, head: _Ctx, after: _Ctx) -> None:
        first = True
        for child in node.children:
            if child.is_named and first:
                first = False
                if child.type == "list":
                    self.pipeline_head(child, head, after)
                else:
                    self.visit(child, head)
            elif child.is_named:
                self.visit(child, after)
            elif child.type in _CONNECTORS:
                self.pending = _CONNECTORS[child.type]

    def redirect(self, node: Any) -> tuple[list[Redirect], list[Any]]:
        """The redirects and the words tree-sitter wrongly made extra destinations."""
        if node.type == "heredoc_redirect":
            # ``cat <<EOF > out``: the file redirect hangs inside the heredoc one
            found = [self.heredoc_redirect(node)]
            spill: list[Any] = []
            for child in node.children:
                if child.type in ("file_redirect", "herestring_redirect"):
                    more, extra = self.redirect(child)
                    found.extend(more)
                    spill.extend(extra)
            return found, spill
        descriptor = ""
        operator = ""
        targets: list[Any] = []
        for child in node.children:
            if child.type == "file_descriptor":
                descriptor = self.text_of(child)
            elif not child.is_named:
                operator = operator or child.type
            elif child.type not in ("comment", "ERROR"):
                targets.append(child)
            elif child.type == "ERROR" and child.named_child_count:
                targets.append(child.named_children[0])  # ``<<< "x"`` after other redirects
        groups = _adjacent_groups(targets)
        target = self.word_group(groups[0]) if groups else None
        start = self.char(node.start_byte)
        end = self.char(groups[0][-1].end_byte if groups else node.end_byte)
        redirect = Redirect(descriptor + operator, target, self.out_start(start),
                            self.out_end(start, end))
        spill = [n for group in groups[1:] for n in group]
        return [redirect], spill

    def heredoc_redirect(self, node: Any) -> Redirect:
        operator = "<<"
        target = None
        for child in node.children:
            if child.type in ("<<", "<<-"):
                operator = child.type
            elif child.type == "heredoc_start":
                target = self.word_group([child])
        start = self.char(node.start_byte)
        end = target.end if target is not None else self.out_end(start, start + len(operator))
        return Redirect(operator, target, self.out_start(start), end)

    def assignment(self, node: Any) -> tuple[str, str]:
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        name_text = self.text_of(name) if name is not None else ""
        return name_text, (self.word_group([value]).text if value is not None else "")

    def record_export(self, node: Any) -> None:
        if node.type == "declaration_command":
            if node.child_count and node.children[0].type == "local":
                return
            assignments = [c for c in node.children if c.type == "variable_assignment"]
        else:
            assignments = [node]
        for assignment in assignments:
            name = assignment.child_by_field_name("name")
            if name is None or name.type != "variable_name":
                continue
            operator = self.text_of(assignment)[len(self.text_of(name)):][:1]
            if operator == "=":
                key, value = self.assignment(assignment)
                self.exports[key] = value

    # words --------------------------------------------------------------
    def text_of(self, node: Any) -> str:
        return self.source[self.char(node.start_byte):self.char(node.end_byte)]

    def word_group(self, nodes: list[Any]) -> ShellWord:
        """One word from adjacent nodes (``$"x"`` arrives as two)."""
        if len(nodes) == 1 and nodes[0].type in _PLAIN:
            start, end = self.char(nodes[0].start_byte), self.char(nodes[0].end_byte)
            raw = self.source[start:end]
            if "\\" not in raw:  # the common case, kept fast
                return ShellWord(raw, raw, self.out_start(start), self.out_end(start, end))
        return self.finish(nodes, _Decoder(self, want_map=False))

    def decode_mapped(self, nodes: list[Any]) -> tuple[ShellWord, list[int], int]:
        """The word, the source offset of each of its characters, and where its text ends."""
        decoder = _Decoder(self, want_map=True)
        word = self.finish(nodes, decoder)
        return word, decoder.omap or [], decoder.end

    def finish(self, nodes: list[Any], decoder: _Decoder) -> ShellWord:
        for index, node in enumerate(nodes):
            if node.type == "$" and index + 1 < len(nodes) and nodes[index + 1].type == "string":
                continue  # ``$"text"`` (a translated string) arrives as "$" + string
            decoder.node(node)
        start = self.char(nodes[0].start_byte)
        end = self.char(nodes[-1].end_byte)
        return ShellWord(
            text="".join(decoder.out),
            raw=self.source[start:end],
            start=self.out_start(start),
            end=self.out_end(start, end),
            quoted=decoder.quoted,
            has_expansion=decoder.expanded,
        )

    # ``sh -c '...'`` ----------------------------------------------------
    def nested_shell(self, command: SimpleCommand, groups: list[list[Any]]) -> None:
        if self.depth >= _MAX_NESTING:
            return
        call = shell_call(unwrap(command))
        if call is None or call.script is None:
            return
        index = next(i for i, w in enumerate(command.argv) if w is call.script)
        word, omap, decoder_end = self.decode_mapped(groups[index])
        omap.append(decoder_end)  # the closing quote: where the text's end maps
        if self.outer is not None:  # compose with our own mapping to the outermost script
            omap = [self.outer[min(i, len(self.outer) - 1)] for i in omap]
        inner = _parse(word.text, (), omap, self.depth + 1, f"{call.shell} -c")
        self.commands.extend(inner.commands)


class _Decoder:
    """Quote removal over tree-sitter nodes, optionally with a char -> source map."""

    def __init__(self, builder: _Builder, want_map: bool) -> None:
        self.b = builder
        self.src = builder.source
        self.out: list[str] = []
        self.omap: list[int] | None = [] if want_map else None
        self.quoted = False
        self.expanded = False
        self.end = 0

    def node(self, node: Any) -> None:
        b = self.b
        start, end = b.char(node.start_byte), b.char(node.end_byte)
        kind = node.type
        if kind in _EXPANSIONS or kind == "brace_expression":
            self.expanded = True
            self.copy(start, end)
        elif kind == "raw_string":
            self.quoted = True
            close = end - 1 if end - start >= 2 and self.src[end - 1] == "'" else end
            self.copy(start + 1, close)
        elif kind in ("string", "translated_string"):
            self.quoted = True
            pos = start + (2 if kind == "translated_string" else 1)
            close = end - 1 if end - pos >= 1 and self.src[end - 1] == '"' else end
            for child in node.children:
                if child.type in _EXPANSIONS:
                    child_start, child_end = b.char(child.start_byte), b.char(child.end_byte)
                    self.literal(pos, child_start, _DOUBLE_QUOTE_ESCAPES)
                    self.expanded = True
                    self.copy(child_start, child_end)
                    pos = child_end
            self.literal(pos, close, _DOUBLE_QUOTE_ESCAPES)
        elif kind == "ansi_c_string":
            self.quoted = True
            close = end - 1 if self.src[end - 1] == "'" and end - start >= 3 else end
            text = _ansi_c(self.src[start + 2:close])
            self.out.append(text)
            if self.omap is not None:
                self.omap.extend([start] * len(text))  # escapes: map to the string's start
            self.end = close
        elif kind == "concatenation":
            pos = start
            for child in node.children:
                child_start = b.char(child.start_byte)
                self.literal(pos, child_start, None)
                self.node(child)
                pos = b.char(child.end_byte)
            self.literal(pos, end, None)
        else:  # word, number, heredoc_start, a stray "$", ...
            if kind == "heredoc_start":
                raw = self.src[start:end]
                if raw[:1] in "'\"" and raw[-1:] == raw[:1] and len(raw) >= 2:
                    self.quoted = True
                    self.copy(start + 1, end - 1)
                    return
            self.literal(start, end, None)

    def copy(self, start: int, end: int) -> None:
        self.out.append(self.src[start:end])
        if self.omap is not None:
            self.omap.extend(range(start, end))
        self.end = end

    def literal(self, start: int, end: int, escapes: frozenset[str] | None) -> None:
        """Source text with backslash escapes removed (``escapes``: None = any char)."""
        self.end = max(self.end, end)
        if start >= end:
            return
        chunk = self.src[start:end]
        if "\\" not in chunk:
            self.copy(start, end)
            return
        i = start
        while i < end:
            ch = self.src[i]
            if ch == "\\" and i + 1 < end:
                nxt = self.src[i + 1]
                if nxt == "\n":
                    i += 2  # line continuation
                    continue
                if escapes is None or nxt in escapes:
                    self.quoted = True
                    self.out.append(nxt)
                    if self.omap is not None:
                        self.omap.append(i)  # the backslash: spans cover the whole escape
                    i += 2
                    continue
            self.out.append(ch)
            if self.omap is not None:
                self.omap.append(i)
            i += 1


_DOUBLE_QUOTE_ESCAPES = frozenset('$`"\\\n')
_ANSI_C = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b",
           "f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}


def _ansi_c(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ANSI_C.get(m.group(1), m.group(0)), body, flags=re.DOTALL)


def _adjacent_groups(nodes: list[Any]) -> list[list[Any]]:
    """Nodes with no whitespace between them form one shell word."""
    groups: list[list[Any]] = []
    for node in nodes:
        if groups and groups[-1][-1].end_byte == node.start_byte:
            groups[-1].append(node)
        else:
            groups.append([node])
    return groups


def _continues_pipeline(redirect: Any) -> bool:
    if redirect.type != "heredoc_redirect":
        return False
    return any(c.type == "pipeline" and c.child_count and c.children[0].type in ("|", "|&")
               for c in redirect.children)


def _byte_to_char(text: str, data: bytes) -> list[int]:
    """Index: UTF-8 byte offset -> code point offset (continuation bytes map to their char)."""
    mapping = [0] * (len(data) + 1)
    pos = 0
    for index, ch in enumerate(text):
        width = len(ch.encode("utf-8", "surrogatepass"))
        for k in range(width):
            mapping[pos + k] = index
        pos += width
    mapping[pos] = len(text)
    return mapping


# --- heredoc markers in a body-less command line ---------------------------

def _blank_heredoc_markers(script: str, names: tuple[str, ...]
                           ) -> tuple[str, list[tuple[int, int, str, str, str]]]:
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True) if n)
    if not alternatives:
        return script, []
    # ``cat<<EOF``, ``3<<EOF`` (fd 3), ``<<-'EOF'``; not ``<<<EOF`` (a here-string)
    pattern = re.compile(
        rf"(?<!<)(?:(?<!\w)(\d+))?<<(-?)(([\"']?)(?:{alternatives})\4)(?!\w)")
    markers = []
    chars = list(script)
    for match in pattern.finditer(script):
        markers.append((match.start(), match.end(), match.group(1) or "", "<<" + match.group(2),
                        match.group(3)))
        chars[match.start():match.end()] = " " * (match.end() - match.start())
    return "".join(chars), markers


def _attach_heredoc_markers(commands: list[SimpleCommand],
                            markers: list[tuple[int, int, str, str, str]],
                            builder: _Builder) -> None:
    """Give each blanked ``<<EOF`` to the command it feeds, as a redirect."""
    text = builder.source
    for start, end, fd, operator, raw in markers:
        quoted = raw[:1] in "'\""
        name = raw[1:-1] if quoted else raw
        name_start = end - len(raw)
        target = ShellWord(name, raw, builder.out_start(name_start),
                           builder.out_end(name_start, end), quoted=quoted)
        redirect = Redirect(fd + operator, target, builder.out_start(start),
                            builder.out_end(start, end))
        best = None
        for index, command in enumerate(commands):
            if command.via is not None:
                continue
            if command.start <= start < command.end:
                best = index  # innermost wins: later commands start later
            elif best is None and (
                    command.end <= start and not text[command.end:start].strip()  # cmd <<EOF
                    or command.start >= end and not text[end:command.start].strip()):  # <<EOF cmd
                best = index
        if best is not None:
            command = commands[best]
            commands[best] = dataclasses.replace(
                command,
                redirects=tuple(sorted(command.redirects + (redirect,), key=lambda r: r.start)),
                start=min(command.start, redirect.start),
                end=max(command.end, redirect.end),
            )


# --- set -e / set -o pipefail ----------------------------------------------

def _set_enables(command: SimpleCommand, letter: str | None, long_name: str) -> bool:
    if command.name != "set":
        return False
    words = command.words()[1:]
    enabled = False
    i = 0
    while i < len(words):
        word = words[i]
        if word in ("--", "-") or word[:1] not in "-+" or len(word) < 2:
            break
        on = word[0] == "-"
        for j, ch in enumerate(word[1:]):
            if ch == "o":
                i += 1
                if word[j + 2:] == "" and i < len(words) and words[i] == long_name:
                    enabled = on
                break
            if letter is not None and ch == letter:
                enabled = on
        i += 1
    return enabled


# --- shells and wrappers ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class ShellCall:
    """``sh``/``bash``/... with its options: ``bash -eo pipefail -c 'script' arg0``."""

    shell: str  # basename
    flags: str  # single-letter options turned on, e.g. "ex"
    set_options: tuple[str, ...]  # names turned on with ``-o``
    script: ShellWord | None  # the ``-c`` argument
    operands: tuple[ShellWord, ...]  # a script file and its args, or $0... after ``-c``

    @property
    def reads_stdin(self) -> bool:
        """The script comes from stdin (``bash <<EOF``, ``sh -s arg``)."""
        return self.script is None and (not self.operands or "s" in self.flags)


def shell_call(command: SimpleCommand) -> ShellCall | None:
    """How a POSIX shell is invoked, or None when ``command`` is not one."""
    if command.basename not in SHELLS:
        return None
    argv = command.argv
    flags = ""
    set_options: list[str] = []
    has_c = False
    i = 1
    while i < len(argv):
        word = argv[i].text
        if word in ("-", "--"):
            i += 1
            break
        if word.startswith("--"):
            i += 2 if word in ("--rcfile", "--init-file") else 1
            continue
        if len(word) < 2 or word[0] not in "-+":
            break
        for ch in word[1:]:
            if ch in "oO":
                i += 1
                if i < len(argv) and word[0] == "-" and ch == "o":
                    set_options.append(argv[i].text)
            elif ch == "c":
                has_c = True
            elif word[0] == "-":
                flags += ch
        i += 1
    rest = argv[i:]
    if has_c:
        return ShellCall(command.basename, flags, tuple(set_options),
                         rest[0] if rest else None, tuple(rest[1:]))
    return ShellCall(command.basename, flags, tuple(set_options), None, tuple(rest))


class _Wrapper(NamedTuple):
    value_shorts: str = ""  # short options that take a value
    value_longs: frozenset[str] = frozenset()  # long options that take a value (without ``=``)
    positionals: int = 0  # operands before the command (``timeout 5``, ``gosu user``)
    assignments: bool = False  # ``NAME=value`` words set the command's environment


_WRAPPERS = {
    "sudo": _Wrapper("ugChpDrtTU", frozenset({"--user", "--group", "--close-from", "--host",
                                               "--prompt", "--chdir", "--role", "--type",
                                               "--command-timeout", "--other-user"}),
                     assignments=True),
    "doas": _Wrapper("uC"),
    "env": _Wrapper("uCPS", frozenset({"--unset", "--chdir", "--split-string"}),
                    assignments=True),
    "exec": _Wrapper("a"),
    "nice": _Wrapper("n", frozenset({"--adjustment"})),
    "nohup": _Wrapper(),
    "time": _Wrapper("fo", frozenset({"--format", "--output"})),
    "timeout": _Wrapper("sk", frozenset({"--signal", "--kill-after"}), positionals=1),
    "xargs": _Wrapper("adELnPs", frozenset({"--arg-file", "--delimiter", "--max-args",
                                            "--max-procs", "--max-chars",
                                            "--process-slot-var"})),
    "su-exec": _Wrapper(positionals=1),
    "gosu": _Wrapper(positionals=1),
    "command": _Wrapper(),
    "builtin": _Wrapper(),
}
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def unwrap(command: SimpleCommand) -> SimpleCommand:
    """The command that really runs: ``sudo -E env X=1 nice pip ...`` -> ``pip ...``.

    ``env``/``sudo`` assignments are added to ``assignments``; ``start`` moves to
    the real command word. Returns ``command`` itself when nothing is wrapped.
    """
    current = command
    for _ in range(len(command.argv)):
        spec = _WRAPPERS.get(current.basename)
        if spec is None:
            return current
        argv = current.argv
        if current.basename == "command" and any(w.text in ("-v", "-V") for w in argv[1:2]):
            return current  # ``command -v pip`` only looks pip up
        assignments = list(current.assignments)
        i = _skip_wrapper_options(argv, spec, assignments)
        i += spec.positionals
        if i >= len(argv):
            return current
        current = dataclasses.replace(
            current,
            argv=argv[i:],
            start=argv[i].start,
            assignments=tuple(assignments),
            wrapped_by=current.wrapped_by + (current.basename,),
        )
    return current


def _skip_wrapper_options(argv: tuple[ShellWord, ...], spec: _Wrapper,
                          assignments: list[tuple[str, str]]) -> int:
    i = 1
    while i < len(argv):
        word = argv[i].text
        if spec.assignments and _ASSIGNMENT.match(word):
            name, _, value = word.partition("=")
            assignments.append((name, value))
        elif word == "--":
            return i + 1
        elif word.startswith("--"):
            if "=" not in word and word in spec.value_longs:
                i += 1
        elif word.startswith("-") and len(word) > 1:
            for j, ch in enumerate(word[1:]):
                if ch in spec.value_shorts:
                    if j == len(word) - 2:
                        i += 1  # the value is the next word
                    break
        elif word == "-" and spec.assignments:
            pass  # ``env -``: empty environment
        else:
            return i
        i += 1
    return i
