"""The rule API shared by built-in and plugin rules.

A rule is one module that defines ``RULE = Rule(...)``. Its module docstring
is its documentation, in the sections What it does / Why it matters /
Example / Use instead / Options. ``check(ctx)`` yields ``Finding`` objects;
the engine adds code, name, severity and path.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydolint.diagnostics import Finding, Severity

if TYPE_CHECKING:
    from pydolint.context import BuildContext
    from pydolint.model import Document

CODE_PATTERN = re.compile(r"^(DF|PY)\d{3}$")
PLUGIN_CODE_PATTERN = re.compile(r"^[A-Z]{1,4}\d{3,4}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
OPTION_TYPES = {"str": str, "int": int, "bool": bool, "list[str]": list, "float": float}


@dataclass(frozen=True, slots=True)
class Option:
    name: str  # kebab-case, as written in [tool.pydolint.rules.<rule-name>]
    type: str  # one of OPTION_TYPES
    default: Any
    help: str

    def validate(self, value: Any) -> Any:
        """The value converted to the option's type; ValueError says what was expected."""
        expected = OPTION_TYPES[self.type]
        if self.type == "list[str]":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError("a list of strings")
            return tuple(value)
        if self.type == "int" and isinstance(value, bool):
            raise ValueError("an integer")
        if self.type == "float" and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, expected):
            raise ValueError({"str": "a string", "int": "an integer", "bool": "true or false",
                              "float": "a number"}[self.type])
        return value


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity | str
    check: Callable[[RuleContext], Iterable[Finding]]
    doc: str
    enabled: bool = True
    aliases: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    fixable: bool = False
    tags: tuple[str, ...] = ()
    # runs after every other rule and reads their diagnostics in ``ctx.prior`` (DF004)
    after_all: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.severity, str):
            object.__setattr__(self, "severity", Severity.parse(self.severity))

    def option(self, name: str) -> Option | None:
        for option in self.options:
            if option.name == name:
                return option
        return None

    @property
    def default_options(self) -> dict[str, Any]:
        return {o.name: (tuple(o.default) if o.type == "list[str]" else o.default)
                for o in self.options}


@dataclass(slots=True)
class RuleContext:
    """Everything a rule may read. Rules never touch the file system themselves."""

    document: Document
    path: str
    options: dict[str, Any] = field(default_factory=dict)
    build_context: BuildContext | None = None
    today: _dt.date = field(default_factory=lambda: today())
    trusted_registries: tuple[str, ...] = ()
    target_stage: str | None = None
    prior: tuple = ()  # other rules' diagnostics, suppressed ones marked (after_all rules only)
    active_codes: frozenset[str] = frozenset()  # every rule running on this file
    pragmas_enabled: bool = True  # False under --no-ignore-comments


_TODAY_OVERRIDE: _dt.date | None = None


def today() -> _dt.date:
    """The lint date: the one place that date-dependent rules read.

    ``PYDOLINT_TODAY=YYYY-MM-DD`` or ``set_today`` fixes it (tests, reproducible CI).
    """
    if _TODAY_OVERRIDE is not None:
        return _TODAY_OVERRIDE
    import os

    forced = os.environ.get("PYDOLINT_TODAY")
    if forced:
        return _dt.date.fromisoformat(forced)
    return _dt.date.today()


def set_today(value: _dt.date | None) -> None:
    global _TODAY_OVERRIDE
    _TODAY_OVERRIDE = value
