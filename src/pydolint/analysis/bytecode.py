"""Does the image get its Python bytecode compiled at build time?

Used by PY201: an image whose ``.pyc`` files are compiled on purpose while it
is built (``python -m compileall``, ``pip install --compile``, uv's
``--compile-bytecode`` or ``UV_COMPILE_BYTECODE``) does not need
``PYTHONDONTWRITEBYTECODE``. The stage's own lineage counts, and so do the
stages it copies files from (``COPY --from=builder``), since the usual uv
pattern compiles in a builder stage and copies the virtualenv.
"""

from __future__ import annotations

import re

from pydolint.analysis.commands import installer_calls, stage_commands
from pydolint.analysis.stages import lineage
from pydolint.model import Document, Stage

_PYTHON = re.compile(r"^(python|pypy)[0-9.]*$")
_OFF = ("", "0", "false", "no", "off")


def compiles_bytecode(document: Document, stage: Stage) -> str | None:
    """Where bytecode is compiled deliberately for this stage ("line 7: ..."), or None."""
    for source in feeding_stages(document, stage):
        for instruction in source.instructions:
            for pair in instruction.key_values if instruction.keyword in ("ENV", "ARG") else ():
                if pair.key == "UV_COMPILE_BYTECODE" and (pair.value or "").lower() not in _OFF:
                    return f"{instruction.keyword} UV_COMPILE_BYTECODE on line " \
                           f"{instruction.start_line}"
        for instruction, _script, call in installer_calls(document, source.instructions):
            option = {"pip": "--compile", "uv": "--compile-bytecode",
                      "uv-pip": "--compile-bytecode"}.get(call.tool)
            if option is not None and call.has_option(option):
                return f"{option} on line {instruction.start_line}"
            if (call.env("UV_COMPILE_BYTECODE") or "").lower() not in _OFF:
                return f"UV_COMPILE_BYTECODE on line {instruction.start_line}"
        for instruction, _script, command in stage_commands(document, source.instructions):
            words = [w.text for w in command.argv]
            if _PYTHON.match(command.basename) and "compileall" in words[1:] + [
                    w[2:] for w in words[1:] if w.startswith("-m")]:
                return f"python -m compileall on line {instruction.start_line}"
    return None


def feeding_stages(document: Document, stage: Stage) -> list[Stage]:
    """The stage, the stages it is built FROM, and those they COPY --from, transitively."""
    found: list[Stage] = []
    pending = [stage]
    while pending:
        for member in lineage(document, pending.pop()):
            if member in found:
                continue
            found.append(member)
            for instruction in member.instructions:
                source = instruction.flag("from") if instruction.keyword in ("COPY", "ADD") \
                    else None
                named = document.stage_named(source.value) if source and source.value else None
                if named is not None and named.index < member.index:
                    pending.append(named)
    return found
