"""The human format (the default).

One header line per finding::

    path:line:col: CODE [severity] message

With ``show_context`` the flagged source line follows, with a caret under the
first column of the span and tildes under the rest of it (on the first line
of a multi-line span, up to that line's end), then hint lines::

    Dockerfile:3:5: DF012 [warning] Pin versions in apt-get install
      |
    3 | RUN apt-get install curl
      |     ^~~~~~~~~~~~~~~~~~~~
      = note: related.txt:1:1: first seen here
      = fix (safe): pin the version
      = help: see `pydolint explain DF012` (apt-get-pin)

Files that could not be read are shown as ``path: error: message``. A
summary line ends the output: ``Found 3 problems (1 error, 2 warnings); 1
fixable.`` or ``All checks passed.``. Suppressed findings (shown only when
asked for) are marked ``(suppressed)`` and not counted.

ANSI colour is used only when ``report.color``. Control characters taken
from messages, paths or source lines are written as escapes (``\\x1b``), so a
linted file cannot drive the terminal.
"""

from __future__ import annotations

import unicodedata

from pydolint.diagnostics import Severity

from ._common import escape_control, message_with_service, plural, severity_of
from .report import Report

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
YELLOW = "\x1b[33m"
BLUE = "\x1b[34m"
MAGENTA = "\x1b[35m"
CYAN = "\x1b[36m"

SEVERITY_COLOR = {
    Severity.ERROR: RED,
    Severity.WARNING: YELLOW,
    Severity.INFO: CYAN,
    Severity.STYLE: MAGENTA,
}

TAB_WIDTH = 4


class _Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *codes: str) -> str:
        if not self.enabled or not codes or not text:
            return text
        return "".join(codes) + text + RESET


def _char_width(char: str) -> int:
    if char.isascii():
        return 1
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _display(line: str) -> tuple[str, list[int]]:
    """The line as shown (tabs expanded, controls escaped) and each code point's
    starting display column, plus one entry for the end of the line."""
    shown: list[str] = []
    starts: list[int] = []
    width = 0
    for char in line:
        starts.append(width)
        if char == "\t":
            piece = " " * (TAB_WIDTH - width % TAB_WIDTH)
            shown.append(piece)
            width += len(piece)
            continue
        escaped = escape_control(char)
        shown.append(escaped)
        width += len(escaped) if escaped != char else _char_width(char)
    starts.append(width)
    return "".join(shown), starts


def _secret_lines(report: Report) -> set[tuple[str, int]]:
    """Lines that hold a secret a rule found: never echoed, whatever else is reported there."""
    secret_rules = {rule.code for rule in report.rules if "secrets" in rule.tags}
    return {(d.path, line) for d in report.diagnostics if d.code in secret_rules
            for line in range(d.span.start_line, d.span.end_line + 1)}


def _context(report: Report, diagnostic, style: _Style, color: str,
             hidden: set[tuple[str, int]] = frozenset()) -> list[str]:
    lines = report.sources.get(diagnostic.path)
    span = diagnostic.span
    if not lines or not 1 <= span.start_line <= len(lines):
        return []
    if (diagnostic.path, span.start_line) in hidden:
        pad = " " * len(str(span.start_line))
        return [f"{pad} {style('|', BLUE, BOLD)} (line {span.start_line} is not shown: "
                "it holds a secret)"]
    source = lines[span.start_line - 1]
    shown, starts = _display(source)
    start_index = min(max(span.start_column - 1, 0), len(source))
    if span.end_line == span.start_line:
        end_index = min(max(span.end_column - 1, start_index), len(source))
    else:
        end_index = len(source)
    start = starts[start_index]
    width = max(starts[end_index] - start, 1)
    underline = "^" + "~" * (width - 1)
    number = str(span.start_line)
    pad = " " * len(number)
    bar = style("|", BLUE, BOLD)
    return [
        f"{pad} {bar}",
        f"{style(number, BLUE, BOLD)} {bar} {shown}".rstrip(),
        f"{pad} {bar} {' ' * start}{style(underline, color, BOLD)}",
    ]


def _header(diagnostic, style: _Style) -> str:
    severity = severity_of(diagnostic)
    color = SEVERITY_COLOR[severity]
    location = f"{escape_control(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}:"
    message = escape_control(message_with_service(diagnostic), keep_newlines=True)
    message = message.replace("\t", " ").replace("\n", "\n    ")
    suppressed = " (suppressed)" if diagnostic.suppressed else ""
    return (
        f"{style(location, BOLD)} {style(diagnostic.code, color, BOLD)} "
        f"{style(f'[{severity}]', color)} {message}{style(suppressed, DIM)}"
    )


def _hints(report: Report, diagnostic, style: _Style) -> list[str]:
    eq = style("=", BLUE, BOLD)
    hints = []
    for related in diagnostic.related:
        span = related.span
        where = f"{escape_control(related.path)}:{span.start_line}:{span.start_column}"
        text = f": {escape_control(related.message)}" if related.message else ""
        hints.append(f"  {eq} {style('note', BOLD)}: {where}{text}")
    if diagnostic.fix is not None:
        description = escape_control(diagnostic.fix.description) or "available"
        hints.append(f"  {eq} {style(f'fix ({diagnostic.fix.safety})', BOLD)}: {description}")
    hints.append(
        f"  {eq} {style('help', BOLD)}: see `pydolint explain {diagnostic.code}`"
        f" ({escape_control(diagnostic.name)})"
    )
    return hints


def _summary(report: Report, style: _Style) -> str:
    active = report.active
    suppressed = len(report.diagnostics) - len(active)
    parts = []
    if active:
        counts = {severity: 0 for severity in sorted(Severity, reverse=True)}
        for d in active:
            counts[severity_of(d)] += 1
        names = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"),
                 Severity.INFO: ("info", "info"), Severity.STYLE: ("style", "style")}
        breakdown = ", ".join(
            plural(count, *names[severity]) for severity, count in counts.items() if count
        )
        line = f"Found {plural(len(active), 'problem')} ({breakdown})"
        if report.fixable_count:
            line += f"; {report.fixable_count} fixable"
        if suppressed:
            line += f"; {suppressed} suppressed"
        parts.append(style(line + ".", BOLD))
    elif report.errors:
        extra = f" ({suppressed} suppressed)" if suppressed else ""
        parts.append(style(f"No problems found{extra}.", BOLD))
    else:
        extra = f" ({suppressed} suppressed)" if suppressed else ""
        parts.append(style(f"All checks passed{extra}.", GREEN, BOLD))
    if report.errors:
        count = len({path for path, _ in report.errors})
        parts.append(style(f"{plural(count, 'file')} could not be read.", RED, BOLD))
    return "\n".join(parts)


def render(report: Report) -> str:
    style = _Style(report.color)
    out: list[str] = []
    for path, message in report.errors:
        out.append(
            f"{style(escape_control(path) + ':', BOLD)} {style('error:', RED, BOLD)} "
            f"{escape_control(message)}"
        )
    hidden = _secret_lines(report) if report.show_context else set()
    for diagnostic in report.diagnostics:
        if report.show_context and out:
            out.append("")
        out.append(_header(diagnostic, style))
        if report.show_context:
            color = SEVERITY_COLOR[severity_of(diagnostic)]
            out.extend(_context(report, diagnostic, style, color, hidden))
            out.extend(_hints(report, diagnostic, style))
    if not report.summary:
        return "\n".join(out) + "\n" if out else ""
    if out:
        out.append("")
    out.append(_summary(report, style))
    return "\n".join(out) + "\n"
