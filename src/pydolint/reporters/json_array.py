"""A JSON array of findings (``--format json``).

Every object has these keys, in this order::

    path, line, column, end_line, end_column, code, name, severity, message,
    fix, related

then ``service`` (compose findings only) and ``suppressed: true``
(suppressed findings, present only when they are asked for). Lines and
columns are 1-based; ``end_column`` is exclusive. ``fix`` is ``null`` or
``{"safety", "description", "edits": [{"path", "line", "column", "end_line",
"end_column", "replacement"}]}``; ``related`` is a list of ``{"path", "line",
"column", "end_line", "end_column", "message"}``.

The output is indented by two spaces and ends with a newline. Unreadable
files are not part of it (the text on stderr and the exit status tell).
"""

from __future__ import annotations

from typing import Any

from pydolint.diagnostics import Diagnostic

from ._common import edit_path, service_of, severity_of
from .report import Report


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    """The JSON object of one diagnostic (shared with ``json-lines``)."""
    fix = None
    if d.fix is not None:
        fix = {
            "safety": d.fix.safety,
            "description": d.fix.description,
            "edits": [
                {
                    "path": edit_path(edit, d),
                    "line": edit.span.start_line,
                    "column": edit.span.start_column,
                    "end_line": edit.span.end_line,
                    "end_column": edit.span.end_column,
                    "replacement": edit.replacement,
                }
                for edit in d.fix.edits
            ],
        }
    item: dict[str, Any] = {
        "path": d.path,
        "line": d.span.start_line,
        "column": d.span.start_column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "code": d.code,
        "name": d.name,
        "severity": str(severity_of(d)),
        "message": d.message,
        "fix": fix,
        "related": [
            {
                "path": r.path,
                "line": r.span.start_line,
                "column": r.span.start_column,
                "end_line": r.span.end_line,
                "end_column": r.span.end_column,
                "message": r.message,
            }
            for r in d.related
        ],
    }
    service = service_of(d)
    if service is not None:
        item["service"] = service
    if d.suppressed:
        item["suppressed"] = True
    return item


def dumps(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` keeping non-ASCII text readable, unless it holds lone
    surrogates (undecodable file names), which only ``\\u`` escapes can carry."""
    import json

    text = json.dumps(value, ensure_ascii=False, **kwargs)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = json.dumps(value, ensure_ascii=True, **kwargs)
    return text


def render(report: Report) -> str:
    return dumps([diagnostic_to_dict(d) for d in report.diagnostics], indent=2) + "\n"
