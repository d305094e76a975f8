r"""One line per finding, for editors and CI problem matchers. A stable format.

Grammar (each finding is exactly one line, ended by ``\n``)::

    line     = path ":" LINE ":" COLUMN ": " severity " " code " " message "\n"
    LINE     = 1*DIGIT                      ; 1-based
    COLUMN   = 1*DIGIT                      ; 1-based, in Unicode code points
    severity = "error" / "warning" / "info" / "style"
    code     = 1*4UPPER 3*4DIGIT            ; DF001, PY012, plugin codes
    message  = *CHAR                        ; may be empty

As a regular expression: ``^(.+?):(\d+):(\d+): (error|warning|info|style)
([A-Z]{1,4}\d{3,4}) (.*)$``. A compose service is appended to the message as
`` (service: NAME)``. Control characters in the path or the message (newline,
carriage return, tab, escape, ...) are written as backslash escapes (``\n``,
``\r``, ``\t``, ``\x1b``), so a finding never spans two lines.

Nothing else is printed: no colour, no context, no summary. Suppressed
findings and unreadable files are not listed (the exit status tells about
the latter). ``.github/pydolint-problem-matcher.json`` matches this format.
"""

from __future__ import annotations

from ._common import escape_control, message_with_service, severity_of
from .report import Report

PATTERN = r"^(.+?):(\d+):(\d+): (error|warning|info|style) ([A-Z]{1,4}\d{3,4}) (.*)$"


def render(report: Report) -> str:
    lines = [
        f"{escape_control(d.path)}:{d.line}:{d.column}: {severity_of(d)} {d.code} "
        f"{escape_control(message_with_service(d))}\n"
        for d in report.diagnostics
        if not d.suppressed
    ]
    return "".join(lines)
