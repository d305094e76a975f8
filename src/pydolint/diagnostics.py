"""What the engine reports: diagnostics, their locations and their fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from pydolint.model import Span


class Severity(IntEnum):
    STYLE = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; expected one of {SEVERITY_NAMES}") from None


SEVERITY_NAMES = ", ".join(str(s) for s in Severity)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text in ``span`` (end column exclusive) of ``path`` by ``replacement``."""

    span: Span
    replacement: str
    path: str | None = None  # None: the linted file itself


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    safety: str = "safe"  # "safe" or "unsafe"
    description: str = ""


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    path: str
    span: Span
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields; the engine adds the rule's code, name and severity."""

    span: Span
    message: str
    fix: Fix | None = None
    related: tuple[RelatedLocation, ...] = ()
    path: str | None = None  # set when the finding is in another file (a requirements file)
    # a finding more or less severe than the rule's default (DF303: secrets vs bloat);
    # a configured severity override for the rule still wins
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    span: Span
    fix: Fix | None = None
    related: tuple[RelatedLocation, ...] = ()
    suppressed: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def line(self) -> int:
        return self.span.start_line

    @property
    def column(self) -> int:
        return self.span.start_column

    @property
    def end_line(self) -> int:
        return self.span.end_line

    @property
    def end_column(self) -> int:
        return self.span.end_column

    def sort_key(self):
        return (self.path, self.span.start_line, self.span.start_column, self.code, self.message)
