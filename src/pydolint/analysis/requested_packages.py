"""The packages an installer call asks for: on its command line and in its requirements files.

``requested_packages`` lists them with the place a finding should point at:
the package word on the command line, or the ``-r`` word of the install for a
line of a requirements file (with that line as a related location). The
requirements files are read once per call and document through
``call_requirements``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydolint.analysis.installers import PackageArg, PipInvocation, parse_package
from pydolint.analysis.requirements import RequirementLine, requirement_files_of
from pydolint.analysis.run import RunScript
from pydolint.analysis.shell import ShellWord
from pydolint.context import BuildContext
from pydolint.diagnostics import RelatedLocation
from pydolint.model import Document, Instruction, Span


@dataclass(frozen=True, slots=True)
class RequestedPackage:
    package: PackageArg  # name (normalised), extras, specifier
    span: Span  # the package word, or the ``-r FILE`` word that reads it
    requirement: RequirementLine | None = None  # its line in a requirements file

    @property
    def origin(self) -> str:
        """`` (from requirements.txt line 3)`` for a requirements-file line, else ""."""
        line = self.requirement
        return f" (from {line.path} line {line.line})" if line is not None else ""

    @property
    def related(self) -> tuple[RelatedLocation, ...]:
        return () if self.requirement is None else (self.requirement.related(),)


def call_requirements(document: Document, instruction: Instruction, call: PipInvocation,
                      context: BuildContext | None):
    """``requirement_files_of`` for one installer call, computed once per document."""
    return document.cached(("call_requirements", id(call), id(context)),
                           lambda: requirement_files_of(document, instruction, call, context))


def requested_packages(document: Document, instruction: Instruction, script: RunScript,
                       call: PipInvocation, context: BuildContext | None
                       ) -> list[RequestedPackage]:
    """Named packages of the call's operands and of the requirements files it reads."""
    found = [RequestedPackage(p, script.word_span(p.word)) for p in call.packages if p.name]
    for word, loaded in call_requirements(document, instruction, call, context):
        for line in loaded.lines if loaded else ():
            if line.name and not line.option:
                package = parse_package(ShellWord(line.text, line.text, 0, len(line.text)))
                if package.name:
                    found.append(RequestedPackage(package, script.word_span(word), line))
    return found
