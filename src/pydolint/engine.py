"""Run the active rules over one parsed document and apply suppressions.

The engine never executes anything from the Dockerfile and never touches the
network; rules read the document and, through BuildContext, the build context.
"""

from __future__ import annotations

from dataclasses import replace

from pydolint.config import ActiveRule
from pydolint.context import BuildContext
from pydolint.diagnostics import Diagnostic, Severity
from pydolint.model import Document
from pydolint.pragmas import suppressions
from pydolint.registry import Registry
from pydolint.rule import RuleContext, today


def lint_document(
    document: Document,
    path: str,
    active: list[ActiveRule],
    registry: Registry,
    *,
    build_context: BuildContext | None = None,
    use_pragmas: bool = True,
    trusted_registries: tuple[str, ...] = (),
    target_stage: str | None = None,
) -> tuple[list[Diagnostic], list[str]]:
    """Diagnostics (suppressed ones flagged, not dropped) and rule crash messages."""
    diagnostics: list[Diagnostic] = []
    crashes: list[str] = []
    lint_date = today()
    silencer = suppressions(document, registry) if use_pragmas else None
    active_codes = frozenset(entry.rule.code for entry in active)
    for group in ([e for e in active if not e.rule.after_all],
                  [e for e in active if e.rule.after_all]):
        found: list[Diagnostic] = []
        for entry in group:
            context = RuleContext(document, path, entry.options, build_context, lint_date,
                                  trusted_registries, target_stage, tuple(diagnostics),
                                  active_codes, use_pragmas)
            found += _run(entry, context, path, crashes)
        if silencer is not None:
            found = [replace(d, suppressed=True) if silencer.match(d.code, _anchor_line(d, path))
                     else d for d in found]
        diagnostics += found
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics, crashes


def _run(entry: ActiveRule, context: RuleContext, path: str, crashes: list[str]) -> list[Diagnostic]:
    rule = entry.rule
    try:
        return [Diagnostic(code=rule.code, name=rule.name,
                           severity=_severity(entry, finding),
                           message=finding.message, path=finding.path or path, span=finding.span,
                           fix=finding.fix, related=finding.related)
                for finding in rule.check(context)]
    except Exception as exc:  # noqa: BLE001 - one rule's bug must not stop the run
        crashes.append(f"internal error in rule {rule.code} ({rule.name}): "
                       f"{type(exc).__name__}: {exc}")
        return []


def _severity(entry: ActiveRule, finding) -> Severity:
    if finding.severity is None or entry.severity != entry.rule.severity:
        return entry.severity  # the rule's default, or the user's override for the rule
    return finding.severity


def _anchor_line(diagnostic: Diagnostic, path: str) -> int:
    """The Dockerfile line a pragma must precede; findings in other files use their RUN."""
    if diagnostic.path == path:
        return diagnostic.line
    for related in diagnostic.related:
        if related.path == path:
            return related.span.start_line
    return diagnostic.line
