"""More than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in a stage.

## What it does
Reports every `CMD`, `ENTRYPOINT` and `HEALTHCHECK` that a later one of the
same kind in the same stage overrides. Only the last one takes effect, so
the earlier ones are the dead code reported, as BuildKit's
`MultipleInstructionsDisallowed` check does.

## Why it matters
The overridden instruction does nothing, yet readers take it at face value:
a debugging `CMD` left above the real one, or a `HEALTHCHECK` that was
meant to be combined with another, hides what the image really runs.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "-m", "http.server"]
COPY app.py /app/
CMD ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY app.py /app/
CMD ["python", "/app/app.py"]
```
"""

from pydolint.diagnostics import Finding
from pydolint.rule import Rule

KEYWORDS = ("CMD", "ENTRYPOINT", "HEALTHCHECK")


def check(ctx):
    for stage in ctx.document.stages:
        last = {}
        for instruction in stage.instructions:
            if instruction.keyword not in KEYWORDS:
                continue
            earlier = last.get(instruction.keyword)
            if earlier is not None:
                yield Finding(earlier.span, f"this {earlier.keyword} is overridden by the "
                                            f"{instruction.keyword} on line "
                                            f"{instruction.start_line}: only the last one in a "
                                            "stage takes effect; delete this one")
            last[instruction.keyword] = instruction


RULE = Rule(code="DF501", name="multiple-cmd-entrypoint-healthcheck", severity="warning",
            check=check, doc=__doc__,
            aliases=("DL4003", "DL4004", "DL3012", "MultipleInstructionsDisallowed", "DS-0007",
                     "DS-0016", "DS-0023"),
            tags=("correctness",))
