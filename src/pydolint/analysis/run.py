"""The shell scripts an instruction runs, with positions mapped back to the Dockerfile.

One RUN can hold several scripts: its command line, a heredoc body fed to a
shell (``RUN <<EOF``, ``RUN bash <<EOF``), or the ``-c`` string of an exec-form
``["sh", "-c", "..."]``. Each ``RunScript`` knows where its characters came from.
"""

from __future__ import annotations

import re
import shlex
from bisect import bisect_right
from dataclasses import dataclass

from pydolint.analysis.shell import (
    Script,
    ShellCall,
    ShellWord,
    SimpleCommand,
    parse_script,
    shell_call,
    unwrap,
)
from pydolint.model import Heredoc, Instruction, Span

DEFAULT_SHELL = ("/bin/sh", "-c")
WINDOWS_SHELLS = frozenset({"powershell", "pwsh", "cmd"})


@dataclass(frozen=True, slots=True, eq=False)
class RunScript:
    script: Script
    kind: str  # "shell" (command line), "heredoc", "exec-shell" (["sh","-c",...]) or "exec"
    instruction: Instruction
    shell: tuple[str, ...]  # the SHELL the command line runs with
    heredoc: Heredoc | None
    invocation: ShellCall | None  # the shell running it: SHELL, ``bash -e <<EOF``, ["sh","-c"]
    _mapper: _ToOriginal | _ToHeredoc

    @property
    def text(self) -> str:
        return self.script.text

    @property
    def errexit(self) -> bool:
        """``set -e`` in the script or ``-e`` on the shell running it."""
        call = self.invocation
        return self.script.sets_errexit or (
            call is not None and ("e" in call.flags or "errexit" in call.set_options))

    @property
    def pipefail(self) -> bool:
        """``set -o pipefail`` in the script or on the shell running it."""
        call = self.invocation
        return self.script.sets_pipefail or (call is not None and "pipefail" in call.set_options)

    def position(self, offset: int) -> tuple[int, int]:
        """Source (line, column) of a character offset into ``text``."""
        return self._mapper.position(max(0, min(offset, len(self.text))))

    def span(self, start: int, end: int) -> Span:
        """Source span of ``text[start:end]`` (end column exclusive)."""
        size = len(self.text)
        return self._mapper.span(max(0, min(start, size)), max(0, min(end, size)))

    def command_span(self, command: SimpleCommand) -> Span:
        return self.span(command.start, command.end)

    def word_span(self, word: ShellWord) -> Span:
        return self.span(word.start, word.end)


class _ToOriginal:
    """Text offsets -> offsets in ``instruction.original`` -> source positions."""

    def __init__(self, instruction: Instruction, base: int = 0,
                 offsets: list[int] | None = None) -> None:
        self.instruction = instruction
        self.base = base
        self.offsets = offsets  # one per character plus one for the end; None: base + offset

    def original(self, offset: int) -> int:
        if self.offsets is None:
            return self.base + offset
        return self.offsets[min(offset, len(self.offsets) - 1)]

    def position(self, offset: int) -> tuple[int, int]:
        return self.instruction.position(self.original(offset))

    def span(self, start: int, end: int) -> Span:
        first = self.original(start)
        return self.instruction.span_of(first, max(first, self.original(end)))


class _ToHeredoc:
    """Body offsets -> source positions: body line i is source line ``start_line + i``."""

    def __init__(self, heredoc: Heredoc) -> None:
        # ``Heredoc.text`` strips tabs per ``splitlines`` piece; only "\n" ends a source line.
        self.starts: list[int] = []  # offset in heredoc.text where each piece starts
        self.places: list[tuple[int, int]] = []  # source (line, column) of that offset
        offset, line, column = 0, heredoc.start_line, 1
        for piece in heredoc.content.splitlines(keepends=True) or [""]:
            stripped = len(piece) - len(piece.lstrip("\t")) if heredoc.chomp else 0
            self.starts.append(offset)
            self.places.append((line, column + stripped))
            offset += len(piece) - stripped
            if piece.endswith("\n"):
                line, column = line + 1, 1
            else:
                column += len(piece)

    def position(self, offset: int) -> tuple[int, int]:
        index = max(bisect_right(self.starts, offset) - 1, 0)
        line, column = self.places[index]
        return line, column + offset - self.starts[index]

    def span(self, start: int, end: int) -> Span:
        start_line, start_column = self.position(start)
        if end <= start:
            return Span(start_line, start_column, start_line, start_column)
        end_line, end_column = self.position(end - 1)
        return Span(start_line, start_column, end_line, end_column + 1)


def is_windows_shell(shell: tuple[str, ...] | list[str] | None) -> bool:
    if not shell:
        return False
    executable = re.split(r"[\\/]", shell[0])[-1].lower()
    return executable.removesuffix(".exe") in WINDOWS_SHELLS


def scripts_for(instruction: Instruction, shell: tuple[str, ...] | None = None) -> list[RunScript]:
    """The POSIX shell scripts in a RUN (or CMD/ENTRYPOINT); [] under a Windows SHELL."""
    shell = tuple(shell) if shell else DEFAULT_SHELL
    if is_windows_shell(shell) or not instruction.value:
        return []
    if instruction.form == "exec":
        if instruction.keyword not in ("RUN", "CMD", "ENTRYPOINT"):
            return []
        return [_exec_script(instruction, shell)]
    if instruction.keyword not in ("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"):
        return []
    return _shell_form_scripts(instruction, shell)


def _call(argv: list[str] | tuple[str, ...]) -> ShellCall | None:
    """``shell_call`` for a list of strings (SHELL, exec form)."""
    words = tuple(ShellWord(text, text, 0, 0) for text in argv)
    return shell_call(unwrap(SimpleCommand(words, 0, 0))) if words else None


# --- shell form and heredocs ------------------------------------------------

def _shell_form_scripts(instruction: Instruction, shell: tuple[str, ...]) -> list[RunScript]:
    command = instruction.command
    heredocs = instruction.heredocs if instruction.keyword == "RUN" else ()
    script = parse_script(command, [h.name for h in heredocs])
    found = []
    if not heredocs or _leftover(script, heredocs):  # not just ``RUN <<EOF``
        base = _command_offset(instruction.original, command)
        mapper = (_ToOriginal(instruction, base) if base is not None
                  else _ToOriginal(instruction, offsets=[0]))  # cannot place it: the keyword
        found.append(RunScript(script, "shell", instruction, shell, None, _call(shell), mapper))
    for index, heredoc in enumerate(heredocs):
        invocation = _heredoc_shell(heredoc, index, script, shell)
        if invocation is not None:
            body = parse_script(heredoc.text)
            found.append(RunScript(body, "heredoc", instruction, shell, heredoc, invocation,
                                   _ToHeredoc(heredoc)))
    return found


def _leftover(script: Script, heredocs: tuple[Heredoc, ...]) -> bool:
    """Something besides heredoc markers is on the command line."""
    text = script.text
    for heredoc in heredocs:
        text = re.sub(rf"\d*<<-?([\"']?){re.escape(heredoc.name)}\1", "", text)
    return bool(text.strip())


def _command_offset(original: str, command: str) -> int | None:
    """Where the command string starts in ``original`` (BuildKit trims whitespace)."""
    stripped = original.rstrip()
    if stripped.endswith(command):
        return len(stripped) - len(command)
    index = original.rfind(command)
    return index if index >= 0 else None


def _heredoc_shell(heredoc: Heredoc, index: int, line: Script,
                   shell: tuple[str, ...]) -> ShellCall | None:
    """The shell that runs this heredoc body as its script, if any."""
    for command in line.commands:
        for redirect in command.redirects:
            operator = redirect.operator.lstrip("0123456789")
            fd = redirect.operator[:len(redirect.operator) - len(operator)]
            if (operator in ("<<", "<<-") and redirect.target is not None
                    and redirect.target.text == heredoc.name):
                call = shell_call(unwrap(command))  # ``bash -e <<EOF``, not ``python <<EOF``
                return call if fd in ("", "0") and call is not None and call.reads_stdin else None
    if line.commands or index > 0:
        return None
    # ``RUN <<EOF`` alone: BuildKit runs the body with its shebang, else with the SHELL.
    first_line = heredoc.text.split("\n", 1)[0]
    if first_line.startswith("#!"):
        return _call(_shebang(first_line[2:]))
    return _call(shell)


def _shebang(interpreter: str) -> list[str]:
    """``/usr/bin/env -S bash -e`` -> ["bash", "-e"]."""
    words = interpreter.split()
    if words and _basename(words[0]) == "env":
        words = words[1:]
        while words and (words[0].startswith("-") or "=" in words[0]):
            words = words[1:]
    return words


def _basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]


# --- exec form --------------------------------------------------------------

def _exec_script(instruction: Instruction, shell: tuple[str, ...]) -> RunScript:
    elements = list(instruction.value)
    maps = _json_element_maps(instruction.original, elements)
    fallback = _ToOriginal(instruction, offsets=[_array_start(instruction)])
    call = _call(elements)
    if call is not None and call.script is not None:  # ["sh", "-c", "script"]
        index = len(elements) - len(call.operands) - 1  # the script is before its operands
        mapper = _ToOriginal(instruction, offsets=maps[index]) if maps else fallback
        return RunScript(parse_script(call.script.text), "exec-shell", instruction, shell, None,
                         call, mapper)
    # Plain argv: quote it back into a one-command script so the same rules see it.
    text = shlex.join(elements)
    if maps is None:
        return RunScript(parse_script(text), "exec", instruction, shell, None, None, fallback)
    offsets: list[int] = []
    for element, omap in zip(elements, maps):
        if offsets:
            offsets.append(offsets[-1] + 1)  # the space: the exclusive end of the word before
        offsets.extend(_quoted_element_map(element, shlex.quote(element), omap))
    offsets.append(offsets[-1] + 1 if offsets else _array_start(instruction))
    return RunScript(parse_script(text), "exec", instruction, shell, None, None,
                     _ToOriginal(instruction, offsets=offsets))


def _quoted_element_map(element: str, quoted: str, omap: list[int]) -> list[int]:
    """Offsets in ``original`` for each character of ``shlex.quote(element)``."""
    opening, closing = omap[0] - 1, omap[-1]  # the JSON string's quotes
    if quoted == element:
        return omap[:-1]
    if quoted == f"'{element}'":
        return [opening] + omap[:-1] + [closing]
    return [opening] * (len(quoted) - 1) + [closing]  # quotes inside: span the element


def _array_start(instruction: Instruction) -> int:
    return max(instruction.original.find("["), 0)


def _json_element_maps(original: str, elements: list[str]) -> list[list[int]] | None:
    """For each JSON string element, the ``original`` offset of each decoded character
    (plus one for its closing quote); None when the array cannot be found."""
    start = original.find("[")
    while start >= 0:
        scanned = _scan_json_array(original, start)
        if scanned is not None and [text for text, _ in scanned] == elements:
            return [omap for _, omap in scanned]
        start = original.find("[", start + 1)
    return None


_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                 "t": "\t"}


def _scan_json_array(text: str, i: int) -> list[tuple[str, list[int]]] | None:
    items: list[tuple[str, list[int]]] = []
    try:
        i = _skip_space(text, i + 1)
        if text[i] == "]":
            return items
        while True:
            i = _skip_space(text, i)
            if text[i] != '"':
                return None
            i += 1
            chars: list[str] = []
            omap: list[int] = []
            while text[i] != '"':
                omap.append(i)
                if text[i] != "\\":
                    chars.append(text[i])
                    i += 1
                elif text[i + 1] == "u":
                    code = int(text[i + 2:i + 6], 16)
                    i += 6
                    if 0xD800 <= code < 0xDC00 and text[i:i + 2] == "\\u":  # surrogate pair
                        low = int(text[i + 2:i + 6], 16)
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    chars.append(chr(code))
                else:
                    chars.append(_JSON_ESCAPES[text[i + 1]])
                    i += 2
            omap.append(i)
            items.append(("".join(chars), omap))
            i = _skip_space(text, i + 1)
            if text[i] == "]":
                return items
            if text[i] != ",":
                return None
            i += 1
    except (IndexError, KeyError, ValueError):
        return None


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i
