"""What a container starts: ENTRYPOINT and CMD combined as Docker combines them.

``launch_commands`` gives the commands of the stage that becomes the image,
each a list of words with their source spans. An exec-form ENTRYPOINT gets
the exec-form CMD appended (``ENTRYPOINT ["flask"]`` + ``CMD ["run"]`` is
``flask run``); a shell-form one ignores CMD; a CMD inherited from a parent
stage is dropped when a later stage sets ENTRYPOINT, as Docker does with a
base image's CMD. Shell forms and ``sh -c`` strings are split into their
commands, wrappers (``exec``, ``gosu``, ``env``) removed.

``find_program`` finds a Python program among a command's words, at any
position (after ``tini --``, an entrypoint script, ``uv run``...), including
``python -m module``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydolint.analysis.commands import run_scripts
from pydolint.analysis.shell import unwrap
from pydolint.analysis.stages import last_instruction
from pydolint.model import Document, Instruction, Span, Stage

_PYTHON = re.compile(r"^(python|pypy)(\d+(\.\d+)*)?$")


@dataclass(frozen=True, slots=True)
class LaunchWord:
    text: str
    span: Span
    instruction: Instruction  # the ENTRYPOINT or CMD it is written in


@dataclass(frozen=True, slots=True)
class Launch:
    entrypoint: Instruction | None
    cmd: Instruction | None  # None when there is none, or ENTRYPOINT drops it
    commands: tuple[tuple[LaunchWord, ...], ...]
    shell: bool = True  # PID 1 is a shell: shell form, or ["sh", "-c", "..."]


def launch(document: Document, stage: Stage) -> Launch:
    def compute():
        entrypoint = last_instruction(document, stage, "ENTRYPOINT")
        cmd = last_instruction(document, stage, "CMD")
        if entrypoint is not None and cmd is not None and cmd.stage != entrypoint.stage \
                and cmd.index < entrypoint.index:
            cmd = None  # a base stage's CMD: ENTRYPOINT resets it
        first = entrypoint or cmd
        scripts = run_scripts(document, first) if first is not None else []
        shell = not scripts or scripts[0].kind != "exec"
        if entrypoint is None:
            return Launch(None, cmd, tuple(_commands(document, cmd)) if cmd else (), shell)
        commands = _commands(document, entrypoint)
        if not shell and cmd is not None and cmd.form == "exec" and commands:
            commands[-1] += tuple(_words(document, cmd))
        return Launch(entrypoint, cmd if entrypoint.form == "exec" else None, tuple(commands),
                      shell)

    return document.cached(("launch", stage.index), compute)


def launch_commands(document: Document, stage: Stage) -> tuple[tuple[LaunchWord, ...], ...]:
    return launch(document, stage).commands


def find_program(words, names) -> int | None:
    """Index of the first word that runs one of ``names`` (a basename, or the module of
    ``python -m``); for ``python -m name`` the index of the module word."""
    for i, word in enumerate(words):
        base = word.text.rsplit("/", 1)[-1]
        if base in names:
            return i
        if word.text == "-m" and i > 0 and i + 1 < len(words) and words[i + 1].text in names \
                and _PYTHON.match(words[i - 1].text.rsplit("/", 1)[-1]):
            return i + 1
    return None


def _commands(document: Document, instruction: Instruction) -> list[tuple[LaunchWord, ...]]:
    found = []
    for script in run_scripts(document, instruction):
        for raw in script.script.commands:
            command = unwrap(raw)
            found.append(tuple(LaunchWord(w.text, script.word_span(w), instruction)
                               for w in command.argv))
    return found


def _words(document: Document, instruction: Instruction) -> list[LaunchWord]:
    """The exec-form elements as they are, unparsed (CMD arguments to an ENTRYPOINT)."""
    found = []
    for script in run_scripts(document, instruction):
        for raw in script.script.commands[:1]:
            found += [LaunchWord(w.text, script.word_span(w), instruction) for w in raw.argv]
    return found
