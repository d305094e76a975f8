"""A command's redirects, including those the shell parse leaves off the command.

tree-sitter-bash reads ``a && pip install x>1`` as a redirect of the whole
``a && ...`` list, and ``analysis.shell`` then drops it (it has no command to
hang it on), although the shell applies it to the list's last command. This
module scans the script text right after such a command for what was left
off, so rules still see ``>1``.
"""

from __future__ import annotations

import re

from pydolint.analysis.run import RunScript
from pydolint.analysis.shell import Redirect, ShellWord, SimpleCommand

_TRAILING = re.compile(r"[ \t]*(\d*)(>>|>\||>|<)(?![&(<>])[ \t]*([^\s;&|<>()'\"`\\]*)")


def command_redirects(script: RunScript, command: SimpleCommand) -> list[Redirect]:
    """``command.redirects`` plus the ones written after it that the parse dropped."""
    found = list(command.redirects)
    text = script.text
    position = max([command.end] + [r.end for r in found])
    while True:
        match = _TRAILING.match(text, position)
        if match is None or match.end() == position or not match.group(3):
            return found
        target = ShellWord(match.group(3), match.group(3), match.start(3), match.end(3))
        found.append(Redirect(match.group(1) + match.group(2), target,
                              match.start(1) if match.group(1) else match.start(2), match.end()))
        position = match.end()
