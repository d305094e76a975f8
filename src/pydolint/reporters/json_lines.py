"""One compact JSON object per line (``--format json-lines``).

The objects are those of the ``json`` format (same keys, same order), written
without whitespace between tokens and each ended by ``\\n``; no findings give
empty output. Handy for ``jq -c``, log shippers and streaming consumers.
"""

from __future__ import annotations

from .json_array import diagnostic_to_dict, dumps
from .report import Report


def render(report: Report) -> str:
    return "".join(
        dumps(diagnostic_to_dict(d), separators=(",", ":")) + "\n" for d in report.diagnostics
    )
