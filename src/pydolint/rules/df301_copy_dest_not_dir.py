"""COPY or ADD of several sources into a destination without a trailing `/`.

## What it does
Reports COPY and ADD instructions with more than one source (files,
directories, URLs or inline heredocs) whose destination does not end with
`/`. With a build context, a single wildcard source (`*.py`) that matches
several entries counts as several sources. Destinations `.` and `..` are
directories already. The fix appends the `/`.

## Why it matters
Docker's reference requires the destination of several sources to be a
directory written with a trailing slash, and the legacy builder refuses the
instruction without it. BuildKit copies the sources one after another: unless
the path already exists as a directory in the image, each file is written to
that same path and only the last one survives.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt constraints.txt /app
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY requirements.txt constraints.txt /app/
```
"""

from pydolint import gopath
from pydolint.analysis.copy_instructions import copies
from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.rule import Rule


def check(ctx):
    for copy in copies(ctx.document):
        if copy.destination_text is None or copy.into_directory:
            continue
        target = copy.destination_text
        if len(copy.sources) > 1:
            why = f"{copy.instruction.keyword} has {len(copy.sources)} sources"
        else:
            matched = _matches(ctx, copy)
            if len(matched) < 2:
                continue
            shown = ", ".join(matched[:3]) + (", ..." if len(matched) > 3 else "")
            why = (f"`{copy.sources[0].text}` matches {len(matched)} entries in the build "
                   f"context ({shown})")
        yield Finding(copy.destination.span, f"{why} but the destination `{target}` does not "
                                             f"end with `/`; write `{target}/` so they are "
                                             "copied into that directory", fix=_fix(copy))


def _matches(ctx, copy) -> list[str]:
    source = copy.sources[0]
    if ctx.build_context is None or copy.from_ is not None or source.kind != "local" \
            or source.text is None or not any(gopath.has_wildcards(part)
                                               for part in source.text.split("/")):
        return []
    return ctx.build_context.glob(source.text)


def _fix(copy) -> Fix:
    span, word = copy.destination.span, copy.destination.text
    quoted = copy.instruction.form == "exec" or word[-1:] in ("'", '"')
    column = span.end_column - (1 if quoted else 0)
    at = Span(span.end_line, column, span.end_line, column)
    return Fix((Edit(at, "/"),), description="end the destination with /")


RULE = Rule(code="DF301", name="copy-dest-not-dir", severity="error", check=check,
            doc=__doc__, aliases=("DL3021", "DS-0011"), fixable=True, tags=("correctness",))
