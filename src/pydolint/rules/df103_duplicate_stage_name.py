"""Two stages have the same name.

## What it does
Reports a `FROM ... AS name` whose name an earlier stage already uses, in any
letter case (`AS build` and `AS Build` are the same name to Docker).

## Why it matters
BuildKit resolves every `COPY --from=name` and `RUN --mount=from=name` to
the last stage of that name, even a `COPY` written between the two stages,
while `FROM name` takes the nearest one above it. Which stage a reader
thinks is meant and which one the build uses easily differ.

## Example
```dockerfile
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim AS build
COPY --from=build /wheels /wheels
```

## Use instead
```dockerfile
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim AS runtime
COPY --from=build /wheels /wheels
```
"""

from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    seen = {}
    for stage in ctx.document.stages:
        if stage.name is None:
            continue
        first = seen.setdefault(stage.name.lower(), stage)
        if first is stage:
            continue
        words = stage.from_instruction.args
        span = words[2].span if len(words) == 3 else stage.from_instruction.span
        same = "" if first.name == stage.name else f" ('{first.name}': names ignore case)"
        yield Finding(span, f"stage name '{stage.name}' is already used by the stage on line "
                            f"{first.line}{same}; BuildKit resolves every --from={stage.name.lower()} "
                            "to the last stage of that name; rename one of them")


RULE = Rule(code="DF103", name="duplicate-stage-name", severity="error", check=check,
            doc=__doc__, aliases=("DL3024", "DuplicateStageName", "CKV_DOCKER_11", "DS-0012"), tags=("correctness",))
