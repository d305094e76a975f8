""""Did you mean ...?" suggestions, as BuildKit makes them (util/suggest).

The closest option by Levenshtein distance wins if it is fewer than three
edits away; an exact match means there is nothing to suggest.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_DISTANCE = 2


def distance(a: str, b: str) -> int:
    """Levenshtein edit distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def closest(value: str, options: Iterable[str], case_sensitive: bool = True) -> str | None:
    """The option nearest to ``value`` (at most two edits away), or None.

    Ties go to the option listed first; sort ``options`` for stable output.
    """
    wanted = value if case_sensitive else value.lower()
    best, best_distance = None, MAX_DISTANCE + 1
    for option in options:
        candidate = option if case_sensitive else option.lower()
        if candidate == wanted:
            return None
        if abs(len(candidate) - len(wanted)) > MAX_DISTANCE:
            continue  # cannot be close: skip the quadratic distance
        d = distance(wanted, candidate)
        if d < best_distance:
            best, best_distance = option, d
    return best
