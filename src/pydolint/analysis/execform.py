"""Exec form versus shell form of RUN, CMD, ENTRYPOINT and HEALTHCHECK.

- ``broken_json``: shell-form text that was meant as an exec-form JSON array
  but is not valid JSON, so Docker silently runs it through ``/bin/sh -c``;
- ``as_exec_form``: a simple shell command rewritten as an exec-form array;
- ``literal_variables``: ``$VAR`` in exec-form elements that no shell expands;
- ``shell_join``: exec-form elements as one shell command that expands them.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass

from pydolint.analysis.shell import SHELLS, ShellWord, SimpleCommand, shell_call, unwrap

_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")
_SHELL_SYNTAX = re.compile(r"[$|&;<>()`*?\[\]{}~#!\\\n]|^\s*[A-Za-z_][A-Za-z0-9_]*=")
_WINDOWS_SHELLS = frozenset({"powershell", "pwsh", "cmd"})


@dataclass(frozen=True, slots=True)
class BrokenJson:
    problem: str  # "single quotes", "a trailing comma", "a comment after the array", "invalid JSON"
    corrected: str | None  # the array as valid JSON, when the intent is clear


def _string_array(text: str) -> list[str] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def broken_json(command: str) -> BrokenJson | None:
    """Why a shell-form command that starts like a JSON array (``["`` or ``['``) is not one."""
    text = command.strip()
    if not re.match(r"^\[\s*[\"']", text):
        return None  # ``[ -f x ] && ...`` is the test command, not an array
    commented = re.match(r"^(\[.*\])\s+#.*$", text, re.DOTALL)
    if commented and _string_array(commented.group(1)) is not None:
        return BrokenJson("a comment after the array", commented.group(1))
    if '"' not in text and _string_array(text.replace("'", '"')) is not None:
        return BrokenJson("single quotes", text.replace("'", '"'))
    trimmed = re.sub(r",\s*\]$", "]", text)
    if trimmed != text and _string_array(trimmed) is not None:
        return BrokenJson("a trailing comma", trimmed)
    return BrokenJson("invalid JSON", None)


def as_exec_form(command: str) -> str | None:
    """``gunicorn -b :8000 app:app`` as ``["gunicorn", "-b", ":8000", "app:app"]``;
    None when the command uses shell syntax (variables, operators, globs, escapes)."""
    if not command.strip() or _SHELL_SYNTAX.search(command):
        return None
    try:
        return json.dumps(shlex.split(command))
    except ValueError:  # an unterminated quote
        return None


def shell_script_index(elements: tuple[str, ...] | list[str]) -> int | None:
    """Index of the ``-c`` script when the array runs a POSIX shell
    (``["sh", "-c", "..."]``, also behind ``env``, ``tini --`` and the like)."""
    words = tuple(ShellWord(text, text, i, i + 1) for i, text in enumerate(elements))
    for i, word in enumerate(words):
        if re.split(r"[\\/]", word.text)[-1] in SHELLS:
            call = shell_call(unwrap(SimpleCommand(words[i:], i, len(words))))
            return call.script.start if call is not None and call.script is not None else None
    return None


def literal_variables(elements: tuple[str, ...] | list[str]) -> list[tuple[int, list[str]]]:
    """(element index, variable names) for ``$VAR`` that reach the program literally.

    The ``-c`` script of a shell (see ``shell_script_index``) is expanded by
    that shell and skipped; its operands (``$0``, ``$1``...) are not. Windows
    shells expand their own syntax and are skipped entirely.
    """
    basenames = [re.split(r"[\\/]", e)[-1].lower().removesuffix(".exe") for e in elements]
    if any(name in _WINDOWS_SHELLS for name in basenames):
        return []
    script = shell_script_index(elements)
    found = []
    for i, element in enumerate(elements):
        names = [m.group(1) or m.group(2) for m in _VARIABLE.finditer(element)]
        if names and i != script:
            found.append((i, list(dict.fromkeys(names))))
    return found


_PLAIN = re.compile(r"^[A-Za-z0-9_@%+=:,./${}-]+$")


def shell_join(elements: tuple[str, ...] | list[str]) -> str:
    """The elements as a shell command line in which ``$VAR`` still expands:
    plain words stay bare, others go in double quotes."""
    quoted = []
    for element in elements:
        if _PLAIN.match(element):
            quoted.append(element)
        else:
            escaped = re.sub(r'(["\\`])', r"\\\1", element)
            quoted.append(f'"{escaped}"')
    return " ".join(quoted)
