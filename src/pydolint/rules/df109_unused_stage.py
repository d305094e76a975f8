"""A build stage that nothing uses.

## What it does
Reports stages that are not the stage the image is built from (the last
one, or `--target`) and that no `FROM`, `COPY --from` or `RUN
--mount=from=` of another stage refers to, by name or by index. A stage
meant to be built on its own with `docker build --target <name>` (a `test`
or `dev` stage) is reported too: silence it with `# pydolint ignore=DF109`
on its `FROM` line if that is the intent.

## Why it matters
BuildKit skips stages the target does not need, so an unused stage is dead
code: its `RUN` lines never execute, and a fix made there never reaches
the image. The legacy builder, on the other hand, still builds it and
wastes time. It is often the sign of a `COPY --from` pointing at the wrong
stage.

## Example
```dockerfile
FROM python:3.12-slim AS deps
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels gunicorn==23.0.0
FROM python:3.12-slim
COPY --from=build /wheels /wheels
```

## Use instead
```dockerfile
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels flask==3.0.3 gunicorn==23.0.0
FROM python:3.12-slim
COPY --from=build /wheels /wheels
```
"""

from pydolint.analysis.images import image_uses
from pydolint.analysis.stages import target_stage
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    final = target_stage(document, ctx.target_stage)
    used = {use.stage_index for use in image_uses(document)
            if use.stage_index is not None and use.instruction.stage != use.stage_index}
    for stage in document.stages:
        if stage is final or stage.index in used:
            continue
        skipped = (f"BuildKit skips it unless built with --target {stage.name}" if stage.name
                   else "BuildKit skips it (an unnamed stage cannot be a --target)")
        yield Finding(stage.from_instruction.keyword_span,
                      f"stage {repr(stage.name) if stage.name else stage.index} is never used: "
                      "it is not the final stage and no FROM, COPY --from or RUN --mount=from= "
                      f"refers to it, so {skipped}; delete it or copy from it")


RULE = Rule(code="DF109", name="unused-stage", severity="info", check=check, doc=__doc__,
            tags=("maintenance",))
