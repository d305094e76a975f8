"""`ENV KEY value` or `LABEL key value` without `=`.

## What it does
Reports `ENV` and `LABEL` written in the legacy space-separated form
(BuildKit's `LegacyKeyValueFormat`), which many Python guides still show
(`ENV PYTHONUNBUFFERED 1`). The fix rewrites it as `ENV PYTHONUNBUFFERED=1`,
quoting the value when it holds spaces so that it stays one value.

## Why it matters
The legacy form takes everything after the first space as the value, so
`ENV PATH /app/bin PYTHONUNBUFFERED 1` sets one variable with a surprising
value rather than two. It cannot set several variables at once, reads
differently from every other `KEY=value` in the file, and Docker's
documentation says it may be removed in a future release.

## Example
```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED 1
LABEL maintainer "Jane Doe <jane@example.org>"
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
LABEL maintainer="Jane Doe <jane@example.org>"
```
"""

import re

from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.rule import Rule

UNQUOTED_BLANK = re.compile(r"""^(?:[^\s"'\\`]|"[^"\\`]*"|'[^']*')*$""")


def check(ctx):
    for instruction in ctx.document.all_instructions():
        if instruction.keyword not in ("ENV", "LABEL"):
            continue
        for pair in instruction.key_values:
            if not pair.legacy:
                continue
            written = _rewritten(pair)
            fix = None
            if written is not None and pair.span.start_line == pair.span.end_line:
                fix = Fix((Edit(pair.span, written),), description=f"write {written}")
            wanted = written or f"{pair.raw_key}=<value>"
            yield Finding(pair.span, f"legacy `{instruction.keyword} {pair.raw_key} "
                                     f"{pair.raw_value}` without '=': write "
                                     f"`{instruction.keyword} {wanted}`", fix=fix)


def _rewritten(pair):
    """``KEY=value`` meaning the same as the legacy pair; None when unsure."""
    value = pair.raw_value or ""
    if UNQUOTED_BLANK.match(value):  # one word already: no blank outside quotes
        return f"{pair.raw_key}={value}"
    if not any(c in value for c in "\"'\\`"):
        return f'{pair.raw_key}="{value}"'
    if pair.value is not None and not any(c in pair.value for c in "\"\\`$"):
        return f'{pair.raw_key}="{pair.value}"'  # quotes inside: BuildKit removes them
    return None


RULE = Rule(code="DF504", name="legacy-key-value-format", severity="warning", check=check,
            doc=__doc__, aliases=("LegacyKeyValueFormat",), fixable=True, tags=("style",))
