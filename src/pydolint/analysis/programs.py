"""Programs that RUN scripts call: unwrapped, deduplicated, with their options and pipelines.

``calls`` yields each command once (a ``sh -c "$(curl ...)"`` string is parsed
both as a substitution and as a nested script, so the same command can appear
twice) with ``sudo``/``env``/... wrappers removed. ``parse_options`` splits a
command's words into options and operands with the usual getopt conventions
(clusters such as ``-fsSL``, ``-oFILE``, ``--opt=value``, ``--``).
``pipelines`` groups a script's commands into the pipelines they form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydolint.analysis.commands import run_scripts
from pydolint.analysis.run import RunScript
from pydolint.analysis.shell import ShellWord, SimpleCommand, unwrap
from pydolint.model import Document, Instruction


@dataclass(frozen=True, slots=True)
class Call:
    instruction: Instruction
    script: RunScript
    command: SimpleCommand  # unwrapped: argv[0] is the program that really runs
    written: SimpleCommand  # as written, wrappers included

    @property
    def name(self) -> str:
        return self.command.basename


def script_calls(script: RunScript) -> list[tuple[SimpleCommand, SimpleCommand]]:
    """(unwrapped, as written) for each command of one script, in source order."""
    return [(unwrap(command), command) for command in script.script.commands]


def calls(document: Document, instructions: Iterable[Instruction], *names: str):
    """Every distinct command of these RUNs (only those named ``names``, if given)."""
    for instruction in instructions:
        if instruction.keyword != "RUN":
            continue
        for script in run_scripts(document, instruction):
            for command, written in document.cached(("programs.calls", id(script)),
                                                    lambda s=script: script_calls(s)):
                if not names or command.basename in names:
                    yield Call(instruction, script, command, written)


# --- options ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Option:
    name: str  # "-k" or "--insecure", as spelled (one letter of a cluster: "-k")
    word: ShellWord  # the word it was found in
    value: ShellWord | None = None


@dataclass(frozen=True, slots=True)
class Options:
    options: tuple[Option, ...]
    operands: tuple[ShellWord, ...]

    def find(self, *names: str) -> Option | None:
        """The last option spelled as one of ``names``."""
        found = None
        for option in self.options:
            if option.name in names:
                found = option
        return found

    def has(self, *names: str) -> bool:
        return self.find(*names) is not None


def parse_options(words: Iterable[ShellWord], value_shorts: str = "",
                  value_longs: Iterable[str] = (), whole: Iterable[str] = ()) -> Options:
    """Split the words after a program name into options and operands.

    ``value_shorts``: letters that take a value (``-o FILE``, ``-oFILE``);
    ``value_longs``: long options that take one (``--output FILE``, ``--output=FILE``);
    ``whole``: words that are one option even though they look like a cluster (``-nv``).
    Options may follow operands, as GNU tools allow; ``--`` ends them.
    """
    value_longs, whole = frozenset(value_longs), frozenset(whole)
    words = list(words)
    options: list[Option] = []
    operands: list[ShellWord] = []
    i = 0
    while i < len(words):
        word = words[i]
        text = word.text
        following = words[i + 1] if i + 1 < len(words) else None
        if text == "--":
            operands.extend(words[i + 1:])
            break
        if text in whole:
            options.append(Option(text, word))
        elif text.startswith("--"):
            name, equals, value = text.partition("=")
            if equals:
                options.append(Option(name, word, _tail(word, len(name) + 1, value)))
            elif name in value_longs and following is not None:
                options.append(Option(name, word, following))
                i += 1
            else:
                options.append(Option(name, word))
        elif text.startswith("-") and len(text) > 1 and not word.has_expansion:
            for j, letter in enumerate(text[1:], start=1):
                if letter in value_shorts:
                    rest = text[j + 1:]
                    if rest:
                        options.append(Option("-" + letter, word, _tail(word, j + 1, rest)))
                    elif following is not None:
                        options.append(Option("-" + letter, word, following))
                        i += 1
                    else:
                        options.append(Option("-" + letter, word))
                    break
                options.append(Option("-" + letter, word))
        else:
            operands.append(word)
        i += 1
    return Options(tuple(options), tuple(operands))


def _tail(word: ShellWord, offset: int, text: str) -> ShellWord:
    """The end of a word (``--opt=VALUE``, ``-oVALUE``); exact offsets when unquoted."""
    if word.raw == word.text:
        return ShellWord(text, text, word.start + offset, word.end, word.quoted,
                         word.has_expansion)
    return ShellWord(text, text, word.start, word.end, word.quoted, word.has_expansion)


# --- pipelines ----------------------------------------------------------------

def pipelines(script: RunScript) -> list[list[SimpleCommand]]:
    """The script's pipelines of two or more commands, each in order (commands as written).

    A command joined by ``|`` continues the pipeline open at its own nesting
    level, or the most recent one when it follows a subshell (``(a; b) | sh``).
    """
    groups: list[list[SimpleCommand]] = []
    current: dict[tuple[bool, str | None], list[SimpleCommand] | None] = {}
    recent: list[SimpleCommand] | None = None
    for _, command in script_calls(script):
        key = (command.in_subshell, command.via)
        if command.connector_before in ("|", "|&"):
            group = current.get(key) or recent
            if group is None:
                group = []
                groups.append(group)
            group.append(command)
        elif command.pipeline_position is not None:
            group = [command]
            groups.append(group)
        else:
            group = None
        current[key] = group
        recent = group or recent
    return [group for group in groups if len(group) > 1]


# --- failure ------------------------------------------------------------------

CANNOT_FAIL = frozenset({"echo", "printf", "yes", "true", ":", "set"})


def cannot_fail(command: SimpleCommand) -> bool:
    """Commands whose failure does not matter: ``echo``, ``true``, ``set -x``, ``cat <<EOF``."""
    command = unwrap(command)
    return command.name in CANNOT_FAIL or command.name == "cat" and len(command.argv) == 1 \
        and any(r.operator.lstrip("0123456789").startswith("<<") for r in command.redirects)


def has_pipefail(script: RunScript, pipeline: list[SimpleCommand]) -> bool:
    """Whether ``pipefail`` is on for this pipeline: in the script, on the shell that runs
    it, or, for a pipeline inside ``sh -c '...'``, in that inner shell."""
    from pydolint.analysis.shell import shell_call

    first = pipeline[0]
    if first.via is None:
        return script.pipefail
    for outer in script.script.commands:
        call = shell_call(unwrap(outer))
        word = call.script if call is not None else None
        if word is not None and word.start <= first.start < word.end:
            return "pipefail" in call.set_options or any(
                c.name == "set" and "pipefail" in c.words() and word.start <= c.start < first.start
                for c in script.script.commands)
    return False
