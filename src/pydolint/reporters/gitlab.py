"""GitLab Code Quality report (``--format gitlab``), a Code Climate subset.

A JSON array; each finding is::

    {
      "description": "DF012: message",
      "check_name": "DF012",
      "fingerprint": "<sha-256 hex>",
      "severity": "major",
      "location": {"path": "Dockerfile", "lines": {"begin": 3, "end": 3}}
    }

Severity: style -> ``info``, info -> ``minor``, warning -> ``major``, error ->
``critical``. ``blocker`` is not used: GitLab shows it above ``critical``
and pydolint has nothing graver than an error. The fingerprint is the one
of SARIF's ``pydolint/v1`` (rule code, normalised path, normalised text of
the flagged line(s), occurrence index), so it survives unrelated edits and
GitLab can tell new findings from fixed ones. Paths are written with
forward slashes and without a leading ``./``: run pydolint from the
repository root. A compose service is appended to the description.
Suppressed findings and unreadable files are not listed.

Use it in ``.gitlab-ci.yml``::

    artifacts:
      reports:
        codequality: gl-code-quality-report.json
"""

from __future__ import annotations

from pydolint.diagnostics import Severity

from ._common import fingerprints, message_with_service, normalise_path, severity_of
from .report import Report

SEVERITIES = {
    Severity.STYLE: "info",
    Severity.INFO: "minor",
    Severity.WARNING: "major",
    Severity.ERROR: "critical",
}


def render(report: Report) -> str:
    from .json_array import dumps

    active = report.active
    items = []
    for d, fingerprint in zip(active, fingerprints(report, active), strict=True):
        items.append({
            "description": f"{d.code}: {message_with_service(d)}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[severity_of(d)],
            "location": {
                "path": normalise_path(d.path),
                "lines": {"begin": d.span.start_line, "end": d.span.end_line},
            },
        })
    return dumps(items, indent=2) + "\n"
