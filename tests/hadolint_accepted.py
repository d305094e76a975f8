"""Differences from hadolint that are pydolint's improvements, each with its reason.

ACCEPTED lists single differences: (file, pydolint rule, instruction line,
"pydolint-only" | "hadolint-only") -> reason. ACCEPTED_KINDS lists whole kinds
of difference: (pydolint rule, side, predicate(instruction) -> bool, reason),
for improvements that show up in many files.
"""

ACCEPTED: dict[tuple[str, str, int, str], str] = {}

ACCEPTED_KINDS: list[tuple[str, str, object, str]] = []
