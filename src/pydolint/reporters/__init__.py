"""Output formats: each one module with one pure ``render(report) -> str``.

Built-in formats are listed in ``FORMATS`` as ``"module:function"`` strings and
imported only when asked for. A third-party package adds a format through the
entry-point group ``pydolint.formats``::

    [project.entry-points."pydolint.formats"]
    teamcity = "pydolint_teamcity:render"

Entry points are looked up only for names that are not built in, so a plugin
cannot replace a built-in format. See ``SEVERITY.md`` beside this file for how
each format maps pydolint's severities.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import Report

    Renderer = Callable[[Report], str]

__all__ = [
    "ENTRY_POINT_GROUP",
    "FORMATS",
    "Report",
    "UnknownFormatError",
    "available_formats",
    "get_renderer",
]

ENTRY_POINT_GROUP = "pydolint.formats"

FORMATS: dict[str, str] = {
    "text": "pydolint.reporters.text:render",
    "concise": "pydolint.reporters.concise:render",
    "json": "pydolint.reporters.json_array:render",
    "json-lines": "pydolint.reporters.json_lines:render",
    "sarif": "pydolint.reporters.sarif:render",
    "github": "pydolint.reporters.github:render",
    "gitlab": "pydolint.reporters.gitlab:render",
    "junit": "pydolint.reporters.junit:render",
    "checkstyle": "pydolint.reporters.checkstyle:render",
}

_LOADED: dict[str, Renderer] = {}


class UnknownFormatError(ValueError):
    """No built-in format and no installed plugin has this name."""

    def __init__(self, name: str, choices: list[str]) -> None:
        self.name = name
        self.choices = choices
        super().__init__(f"unknown output format {name!r}; expected one of: {', '.join(choices)}")


def __getattr__(name: str):  # lazy re-export of Report
    if name == "Report":
        from .report import Report

        return Report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _import_target(target: str) -> Renderer:
    import importlib

    module_name, _, attribute = target.partition(":")
    obj = importlib.import_module(module_name)
    for part in attribute.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[return-value]


def _entry_points():
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


def get_renderer(name: str) -> Renderer:
    """The render function of the format called ``name``.

    Raises ``UnknownFormatError`` (a ``ValueError``) for an unknown name and
    ``TypeError`` when a plugin's entry point is not callable.
    """
    cached = _LOADED.get(name)
    if cached is not None:
        return cached
    if name in FORMATS:
        renderer = _import_target(FORMATS[name])
    else:
        matches = [ep for ep in _entry_points() if ep.name == name]
        if not matches:
            raise UnknownFormatError(name, available_formats())
        renderer = matches[0].load()
        if not callable(renderer):
            raise TypeError(f"output format {name!r} ({matches[0].value}) is not callable")
    _LOADED[name] = renderer
    return renderer


def available_formats() -> list[str]:
    """Built-in format names in their documented order, then plugin names sorted."""
    plugins = sorted({ep.name for ep in _entry_points()} - FORMATS.keys())
    return [*FORMATS, *plugins]
