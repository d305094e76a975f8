"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (``--format sarif``).

One run whose ``tool.driver.rules`` describes every active rule (id, name,
short and full description from the rule's docstring, help text, help URI,
default level, tags). Each result has ``ruleId`` and ``ruleIndex``, a level
(error -> ``error``, warning -> ``warning``, info and style -> ``note``;
``properties.severity`` keeps pydolint's own name), one physical location,
``relatedLocations`` with ids and messages, a ``partialFingerprints``
entry ``pydolint/v1`` and, when the finding has a fix, ``fixes`` with
``artifactChanges`` / ``replacements``. Suppressed findings (when asked for)
carry ``suppressions: [{"kind": "inSource"}]``; GitHub shows them as
dismissed. Unreadable files become ``toolExecutionNotifications`` of level
``error`` in ``invocations[0]``.

Paths: a relative path becomes a percent-encoded URI with forward slashes and
``uriBaseId: "%SRCROOT%"`` (the directory pydolint ran from, which in CI is
the repository root: run pydolint from there); an absolute path becomes a
``file://`` URI. Columns count Unicode code points (``columnKind``
``unicodeCodePoints``) and ``endColumn`` is exclusive, as in SARIF.

Fingerprint ``pydolint/v1``: SHA-256 of (rule code, normalised path,
whitespace-normalised text of the flagged source line(s), index of this
finding among those with the same three). It stays the same when unrelated
lines are added or removed, so code scanning keeps tracking an alert.

GitHub's upload limits are enforced: at most 25,000 results per run (beyond
that the most severe are kept and a ``toolExecutionNotification`` warning
says so; GitHub displays only the top 5,000), 25,000 rules per run, 1,000
locations per result and 20 tags per rule. GitHub also rejects a SARIF file
larger than 10 MB once gzipped; pydolint's results are small (tens of bytes
each once gzipped: a test renders 5,000 findings and checks the size), so
even 25,000 results stay far below that.
"""

from __future__ import annotations

from typing import Any

from pydolint.diagnostics import Diagnostic, Severity
from pydolint.model import Span
from pydolint.rule import CODE_PATTERN, Rule

from ._common import (
    clean_doc,
    edit_path,
    fingerprints,
    message_with_service,
    normalise_path,
    rule_descriptions,
    service_of,
    severity_of,
)
from .report import Report

SARIF_VERSION = "2.1.0"
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL_NAME = "pydolint"
INFORMATION_URI = "https://github.com/pydolint/pydolint"
HELP_URI = "https://github.com/pydolint/pydolint/blob/main/rules/{code}.md"
FINGERPRINT_KEY = "pydolint/v1"
SRCROOT = "%SRCROOT%"

# GitHub code scanning's limits (larger uploads are rejected).
MAX_RESULTS = 25_000
MAX_RULES = 25_000
MAX_LOCATIONS_PER_RESULT = 1_000
MAX_TAGS_PER_RULE = 20

LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.STYLE: "note",
}


def _is_absolute(path: str) -> bool:
    return path.startswith("/") or (len(path) > 2 and path[1] == ":" and path[2] == "/")


def artifact_location(path: str) -> dict[str, str]:
    """The SARIF ``artifactLocation`` of a path as pydolint reports it."""
    from urllib.parse import quote

    path = path.replace("\\", "/")
    if _is_absolute(path):
        if path.startswith("//"):  # UNC: //server/share/...
            return {"uri": "file:" + quote(path, safe="/")}
        if path[1:2] == ":":  # C:/...
            return {"uri": "file:///" + path[:2] + quote(path[2:], safe="/")}
        return {"uri": "file://" + quote(path, safe="/")}
    return {"uri": quote(normalise_path(path), safe="/"), "uriBaseId": SRCROOT}


def region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.start_line,
        "startColumn": span.start_column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _physical(path: str, span: Span) -> dict[str, Any]:
    return {"artifactLocation": artifact_location(path), "region": region(span)}


def _help_uri(code: str) -> str | None:
    return HELP_URI.format(code=code) if CODE_PATTERN.match(code) else None


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    short, full = rule_descriptions(rule.doc, rule.name)
    doc = clean_doc(rule.doc or "") or full
    severity = rule.severity
    if not isinstance(severity, Severity):
        severity = Severity.parse(severity)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
    }
    help_uri = _help_uri(rule.code)
    if help_uri:
        descriptor["helpUri"] = help_uri
    configuration: dict[str, Any] = {"level": LEVELS[severity]}
    if not rule.enabled:
        configuration["enabled"] = False
    descriptor["defaultConfiguration"] = configuration
    descriptor["properties"] = {"tags": list(rule.tags[:MAX_TAGS_PER_RULE])}
    return descriptor


def _fallback_descriptor(d: Diagnostic) -> dict[str, Any]:
    """For a code reported without rule metadata (syntax errors, some plugins)."""
    descriptor: dict[str, Any] = {
        "id": d.code,
        "name": d.name or d.code,
        "shortDescription": {"text": d.name or d.code},
    }
    help_uri = _help_uri(d.code)
    if help_uri:
        descriptor["helpUri"] = help_uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[severity_of(d)]}
    return descriptor


def _rules(report: Report, diagnostics: list[Diagnostic]) -> tuple[list[dict], dict[str, int]]:
    by_code: dict[str, dict[str, Any]] = {}
    for rule in report.rules:
        by_code.setdefault(rule.code, rule_descriptor(rule))
    for d in diagnostics:
        if d.code not in by_code:
            by_code[d.code] = _fallback_descriptor(d)
    codes = list(by_code)
    if len(codes) > MAX_RULES:
        used = {d.code for d in diagnostics}
        room = MAX_RULES - len(used)
        keep = set(used)
        for code in codes:
            if room <= 0:
                break
            if code not in keep:
                keep.add(code)
                room -= 1
        codes = [code for code in codes if code in keep]
    return [by_code[code] for code in codes], {code: i for i, code in enumerate(codes)}


def _fixes(d: Diagnostic) -> list[dict[str, Any]]:
    assert d.fix is not None
    changes: dict[str, list[dict[str, Any]]] = {}
    for edit in d.fix.edits:
        replacement: dict[str, Any] = {"deletedRegion": region(edit.span)}
        if edit.replacement:
            replacement["insertedContent"] = {"text": edit.replacement}
        changes.setdefault(edit_path(edit, d), []).append(replacement)
    fix: dict[str, Any] = {}
    if d.fix.description:
        fix["description"] = {"text": d.fix.description}
    fix["artifactChanges"] = [
        {"artifactLocation": artifact_location(path), "replacements": replacements}
        for path, replacements in changes.items()
    ]
    return [fix]


def _result(d: Diagnostic, rule_index: int, fingerprint: str) -> dict[str, Any]:
    severity = severity_of(d)
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[severity],
        "message": {"text": message_with_service(d)},
        "locations": [{"physicalLocation": _physical(d.path, d.span)}],
    }
    if d.related:
        related = []
        for i, r in enumerate(d.related[: MAX_LOCATIONS_PER_RESULT - 1], start=1):
            location: dict[str, Any] = {"id": i, "physicalLocation": _physical(r.path, r.span)}
            if r.message:
                location["message"] = {"text": r.message}
            related.append(location)
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if d.fix is not None and d.fix.edits:
        result["fixes"] = _fixes(d)
    if d.suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    properties = {"severity": str(severity)}
    service = service_of(d)
    if service is not None:
        properties["service"] = service
    result["properties"] = properties
    return result


def build(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    diagnostics = list(report.diagnostics)
    prints = fingerprints(report, diagnostics)
    notifications: list[dict[str, Any]] = []
    for path, message in report.errors:
        notifications.append({
            "level": "error",
            "message": {"text": f"{path}: {message}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}],
            "descriptor": {"id": "pydolint/read-error"},
        })
    chosen = range(len(diagnostics))
    if len(diagnostics) > MAX_RESULTS:
        by_severity = sorted(chosen, key=lambda i: (-severity_of(diagnostics[i]), i))
        chosen = sorted(by_severity[:MAX_RESULTS])
        notifications.append({
            "level": "warning",
            "message": {
                "text": f"{len(diagnostics)} results were found; only the {MAX_RESULTS} most "
                        "severe are included, the most GitHub code scanning accepts in one run."
            },
            "descriptor": {"id": "pydolint/results-truncated"},
        })
    kept = [diagnostics[i] for i in chosen]
    rules, rule_index = _rules(report, kept)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {
            SRCROOT: {
                "description": {
                    "text": "The directory pydolint was run from; relative paths are "
                            "relative to it (the repository root in CI)."
                }
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(diagnostics[i], rule_index[diagnostics[i].code], prints[i])
                    for i in chosen],
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report) -> str:
    from .json_array import dumps

    return dumps(build(report), indent=2) + "\n"
