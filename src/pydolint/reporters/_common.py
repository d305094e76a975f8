"""Helpers shared by the output formats. Light imports only."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydolint.diagnostics import Diagnostic, Edit, Severity

from .report import Report

# C0 and C1 controls, DEL, line/paragraph separators, lone surrogates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONTROL_KEEP_TAB_NL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Characters XML 1.0 cannot contain at all, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED_ESCAPES.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_control(text: str, keep_newlines: bool = False) -> str:
    """``text`` with control characters written as visible escapes (``\\n``, ``\\x1b``).

    Keeps a terminal safe from escape sequences taken from a linted file and
    keeps one-line formats on one line. ``keep_newlines`` keeps ``\\n`` and ``\\t``.
    """
    pattern = _CONTROL_KEEP_TAB_NL if keep_newlines else _CONTROL
    return pattern.sub(_escape_char, text) if pattern.search(text) else text


def xml_safe(text: str) -> str:
    """``text`` without the characters that XML 1.0 forbids (written as escapes)."""
    return _XML_INVALID.sub(_escape_char, text) if _XML_INVALID.search(text) else text


def severity_of(diagnostic: Diagnostic) -> Severity:
    severity = diagnostic.severity
    return severity if isinstance(severity, Severity) else Severity.parse(str(severity))


def service_of(diagnostic: Diagnostic) -> str | None:
    service = diagnostic.extra.get("service") if diagnostic.extra else None
    return str(service) if service not in (None, "") else None


def message_with_service(diagnostic: Diagnostic) -> str:
    """The message, with `` (service: NAME)`` appended for compose services."""
    service = service_of(diagnostic)
    if service is None:
        return diagnostic.message
    return f"{diagnostic.message} (service: {service})"


def edit_path(edit: Edit, diagnostic: Diagnostic) -> str:
    return edit.path if edit.path is not None else diagnostic.path


def normalise_path(path: str) -> str:
    """Forward slashes and no leading ``./``: the form used in fingerprints and URIs."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:].lstrip("/") or "."
    return path


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural_word or word + 's')}"


# --------------------------------------------------------------------------- fingerprints

_WHITESPACE = re.compile(r"\s+")


def flagged_text(diagnostic: Diagnostic, report: Report) -> str | None:
    """The source line(s) under the diagnostic's span, whitespace-normalised.

    ``None`` when the source is not available (or the span is out of range).
    """
    lines = report.sources.get(diagnostic.path)
    if not lines:
        return None
    span = diagnostic.span
    first = span.start_line
    last = span.end_line
    # An exclusive end at column 1 of a later line does not include that line.
    if last > first and span.end_column <= 1:
        last -= 1
    if first < 1 or first > len(lines):
        return None
    last = min(max(last, first), len(lines), first + 50)
    return "\n".join(_WHITESPACE.sub(" ", line).strip() for line in lines[first - 1:last])


def fingerprints(report: Report, diagnostics: Iterable[Diagnostic] | None = None) -> list[str]:
    """A stable hash per diagnostic, in order, for SARIF and GitLab.

    Hashes (code, normalised path, normalised text of the flagged source
    line(s), occurrence index among diagnostics with the same three), so it
    survives unrelated lines moving. Without the source the message stands in
    for the text. Suppressed and unsuppressed diagnostics are counted apart so
    that showing suppressed ones does not renumber the others.
    """
    import hashlib

    seen: dict[tuple[str, str, str, bool], int] = {}
    result = []
    for d in report.diagnostics if diagnostics is None else diagnostics:
        text = flagged_text(d, report)
        if text is None:
            text = "\x00message:" + d.message
        key = (d.code, normalise_path(d.path), text, d.suppressed)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        payload = "\x1f".join((d.code, key[1], text, str(occurrence)))
        result.append(hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest())
    return result


# --------------------------------------------------------------------------- rule docs

from pydolint.docs import clean_doc, doc_sections, first_sentence  # noqa: E402, F401


def rule_descriptions(doc: str, fallback: str) -> tuple[str, str]:
    """(short, full) descriptions of a rule from its docstring."""
    sections = doc_sections(doc)
    what = sections.get("What it does") or sections.get("", "")
    why = sections.get("Why it matters", "")
    short = first_sentence(what) or fallback
    full = "\n\n".join(part for part in (what, why) if part) or short
    return short, full
