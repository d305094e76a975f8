"""A stage name is not lower case, or is a reserved word.

## What it does
Reports `FROM image AS Name` when the name has upper-case letters (BuildKit's
`StageNameCasing`; the fix lower-cases it, which keeps every reference
working because Docker compares stage names case-insensitively), and stage
names `scratch` and `context` (`ReservedStageName`).

## Why it matters
Docker lower-cases stage names, so `--target Build` and `COPY --from=BUILD`
silently mean `build`; writing them as Docker reads them avoids surprises.
BuildKit reserves `scratch` (the empty image) and `context` (the build
context) and never lets `--build-context` replace them; a stage of that name
makes `FROM scratch` or `--from=context` ambiguous to readers.

## Example
```dockerfile
FROM python:3.12-slim AS Build
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim
COPY --from=Build /wheels /wheels
```

## Use instead
```dockerfile
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim
COPY --from=build /wheels /wheels
```
"""

from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.rule import Rule

RESERVED = ("scratch", "context")


def check(ctx):
    for stage in ctx.document.stages:
        words = stage.from_instruction.args
        if stage.name is None or len(words) != 3:
            continue
        lowered = stage.name.lower()
        if lowered in RESERVED:
            yield Finding(words[2].span, f"stage name '{stage.name}' is reserved: "
                                         f"'{lowered}' already means "
                                         + ("the empty base image" if lowered == "scratch"
                                            else "the build context")
                                         + f"; rename the stage, e.g. '{lowered}-stage'")
        elif stage.name != lowered:
            yield Finding(words[2].span, f"stage name '{stage.name}' should be lower case: "
                                         f"Docker reads it as '{lowered}'; write "
                                         f"`AS {lowered}`",
                          fix=Fix((Edit(words[2].span, lowered),),
                                  description=f"write AS {lowered}"))


RULE = Rule(code="DF104", name="stage-name-invalid", severity="warning", check=check,
            doc=__doc__, aliases=("StageNameCasing", "ReservedStageName", "DL3063"), fixable=True,
            tags=("correctness", "style"))
