"""File modes and ownership changes: chmod, chown, mkdir -m, install -m and ``--chmod``.

``change`` reads a ``chmod``/``chown``/``chgrp`` command (GNU and BusyBox
options; chmod modes such as ``-w`` are modes, not options). ``mode_word``
finds the mode ``mkdir -m``/``install -m`` set. ``world_writable`` and
``sticky`` read octal (``0777``) and symbolic (``a+w,o=rwx``) modes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydolint.analysis.programs import parse_options
from pydolint.analysis.shell import ShellWord, SimpleCommand

_OCTAL = re.compile(r"^[0-7]{1,4}$")
_CLAUSE = re.compile(r"^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$")
_DASH_MODE = re.compile(r"^-[rwxXst]+$")  # ``chmod -w file``: a mode, not an option
_CHANGE_VALUE_LONGS = ("--reference", "--from")


@dataclass(frozen=True, slots=True)
class Change:
    command: SimpleCommand
    tool: str  # "chmod", "chown" or "chgrp"
    recursive: bool
    setting: ShellWord | None  # the mode or the owner; None with ``--reference``
    targets: tuple[ShellWord, ...]


def change(command: SimpleCommand) -> Change | None:
    """The permission or ownership change an (unwrapped) command makes."""
    tool = command.basename
    if tool not in ("chmod", "chown", "chgrp"):
        return None
    words = [w for w in command.args if not (tool == "chmod" and _DASH_MODE.match(w.text))]
    modes = [w for w in command.args if tool == "chmod" and _DASH_MODE.match(w.text)]
    parsed = parse_options(words, value_longs=_CHANGE_VALUE_LONGS)
    operands = list(parsed.operands)
    if modes:
        operands = sorted(modes + operands, key=lambda w: w.start)
    referenced = parsed.has("--reference")
    setting = None if referenced or not operands else operands[0]
    targets = tuple(operands if referenced else operands[1:])
    return Change(command, tool, parsed.has("-R", "--recursive"), setting, targets)


def mode_word(command: SimpleCommand) -> ShellWord | None:
    """The mode ``mkdir -m MODE`` or ``install -m MODE`` sets."""
    if command.basename == "mkdir":
        parsed = parse_options(command.args, "m", ("--mode", "--context"))
    elif command.basename == "install":
        parsed = parse_options(command.args, "gmoSt", ("--mode", "--owner", "--group",
                                                      "--suffix", "--target-directory"))
    else:
        return None
    option = parsed.find("-m", "--mode")
    return option.value if option is not None else None


def world_writable(mode: str) -> bool:
    """Whether the mode lets every user write (others' write bit)."""
    mode = mode.strip()
    if _OCTAL.match(mode):
        return bool(int(mode, 8) & 0o002)
    for who, ops in _clauses(mode):
        if ("a" in who or "o" in who) and any(op in "+=" and "w" in perms for op, perms in ops):
            return True
    return False


def sticky(mode: str) -> bool:
    """Whether the mode sets the sticky bit (``1777``, ``+t``): a shared /tmp-style directory."""
    mode = mode.strip()
    if _OCTAL.match(mode):
        return bool(int(mode, 8) & 0o1000)
    return any(op in "+=" and "t" in perms for _, ops in _clauses(mode) for op, perms in ops)


def _clauses(mode: str) -> list[tuple[str, list[tuple[str, str]]]]:
    found = []
    for clause in mode.split(","):
        match = _CLAUSE.match(clause)
        if match:
            ops = re.findall(r"([-+=])([rwxXstugo]*)", match.group(2))
            found.append((match.group(1), ops))
    return found
