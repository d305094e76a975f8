"""Shell scripts of RUN instructions, parsed once per document and shared by rules."""

from __future__ import annotations

from pydolint.model import Document, Instruction


def run_scripts(document: Document, instruction: Instruction):
    """The parsed scripts of a RUN (command line and shell heredocs); [] for Windows shells."""
    def compute():
        from pydolint.analysis.run import scripts_for
        from pydolint.analysis.stages import is_windows_stage, shell_for

        if instruction.stage is None or is_windows_stage(
                document, document.stages[instruction.stage]):
            return []  # before any FROM (a build error, DF000) or under a Windows shell
        return scripts_for(instruction, shell_for(document, instruction))

    return document.cached(("run_scripts", id(instruction)), compute)


def all_run_scripts(document: Document, instructions=None):
    """(instruction, run_script) for every RUN of the document (or of ``instructions``)."""
    for instruction in document.instructions if instructions is None else instructions:
        if instruction.keyword == "RUN":
            for script in run_scripts(document, instruction):
                yield instruction, script


def stage_commands(document: Document, instructions):
    """(instruction, run_script, command) for every shell command in these RUNs."""
    for instruction in instructions:
        if instruction.keyword != "RUN":
            continue
        for script in run_scripts(document, instruction):
            for command in script.script.commands:
                yield instruction, script, command


def installer_calls(document: Document, instructions):
    """(instruction, run_script, invocation) for pip, uv, poetry... in these RUNs."""
    from pydolint.analysis.installers import pip_invocations

    for instruction in instructions:
        if instruction.keyword != "RUN":
            continue
        for script in run_scripts(document, instruction):
            calls = document.cached(("installers", id(script)),
                                    lambda s=script: pip_invocations(s.script))
            for call in calls:
                yield instruction, script, call
