"""What every output format renders: one immutable ``Report`` of a whole run."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydolint import __version__
from pydolint.diagnostics import Diagnostic
from pydolint.rule import Rule


@dataclass(frozen=True)
class Report:
    """The results of one run, as handed to ``render(report) -> str``.

    ``diagnostics`` are already sorted. A suppressed diagnostic (silenced by a
    pragma) is only present when ``include_suppressed`` is set; formats that
    have no notion of suppression leave such diagnostics out.
    """

    diagnostics: tuple[Diagnostic, ...] = ()
    #: Metadata of every rule that was active (SARIF's ``tool.driver.rules``).
    rules: tuple[Rule, ...] = ()
    #: Every linted path, clean or not (junit's per-file test suites).
    files: tuple[str, ...] = ()
    #: ``(path, message)`` for every file that could not be read.
    errors: tuple[tuple[str, str], ...] = ()
    #: path -> source lines without line endings (context display, fingerprints).
    sources: dict[str, list[str]] = field(default_factory=dict, compare=False)
    color: bool = False
    show_context: bool = False
    tool_version: str = __version__
    include_suppressed: bool = False
    #: False for --quiet: no closing summary line in the text format.
    summary: bool = True

    @property
    def fixable_count(self) -> int:
        """Unsuppressed diagnostics that carry a fix."""
        return sum(1 for d in self.diagnostics if d.fix is not None and not d.suppressed)

    @property
    def active(self) -> tuple[Diagnostic, ...]:
        """The diagnostics that are not suppressed."""
        return tuple(d for d in self.diagnostics if not d.suppressed)
