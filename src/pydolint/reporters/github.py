"""GitHub Actions workflow commands (``--format github``): annotations on a PR.

One line per finding::

    ::warning file=Dockerfile,line=3,col=5,endLine=3,endColumn=25,title=DF012 apt-get-pin::message

The command is ``error`` for errors, ``warning`` for warnings and ``notice``
for info and style. ``col`` and ``endColumn`` (exclusive end, as in the
other formats) are given only when the finding starts and ends on the same
line, the only case GitHub's annotations support columns. A compose
service is appended to the message as `` (service: NAME)``.

Escaping follows GitHub's runner: in the message ``%`` -> ``%25``, ``\\r`` ->
``%0D``, ``\\n`` -> ``%0A``; property values additionally escape ``:`` ->
``%3A`` and ``,`` -> ``%2C``. Files that could not be read become
``::error file=PATH,title=pydolint: cannot read file::message``; suppressed
findings are not shown.

GitHub shows at most 10 annotations of each kind per step (50 per job); use
``sarif`` with code scanning for large reports.
"""

from __future__ import annotations

from pydolint.diagnostics import Severity

from ._common import message_with_service, severity_of
from .report import Report

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.STYLE: "notice",
}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    head = f"::{name} {props}" if props else f"::{name}"
    return f"{head}::{escape_data(message)}"


def render(report: Report) -> str:
    lines = []
    for path, message in report.errors:
        properties = {"file": path, "title": "pydolint: cannot read file"}
        lines.append(command("error", properties, message))
    for d in report.diagnostics:
        if d.suppressed:
            continue
        span = d.span
        properties: dict[str, object] = {"file": d.path, "line": span.start_line}
        if span.end_line == span.start_line:
            properties["col"] = span.start_column
            properties["endLine"] = span.end_line
            properties["endColumn"] = span.end_column
        else:
            properties["endLine"] = span.end_line
        properties["title"] = f"{d.code} {d.name}"
        lines.append(command(COMMANDS[severity_of(d)], properties, message_with_service(d)))
    return "".join(line + "\n" for line in lines)
