r"""The first `WORKDIR` is a relative path.

## What it does
Reports a relative `WORKDIR` (such as `WORKDIR app`) when no absolute
`WORKDIR` comes before it in the stage or in the stages it is built `FROM`.
Variables are substituted first (`WORKDIR $APP_HOME` with
`ENV APP_HOME=/app` is absolute); a path hidden behind an ARG without a
default is left alone. Windows paths such as `C:\app` are absolute. Later
relative `WORKDIR`s are fine: they build on the first one, as in BuildKit's
`WorkdirRelativePath` check.

## Why it matters
A relative `WORKDIR` is resolved against the base image's working
directory, which this Dockerfile does not control: `/` for `python:3.12`
today, something else after a base image change, and every `COPY` and `RUN`
that follows moves with it.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR app
COPY . .
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
```
"""

from pydolint.analysis.stages import is_windows_stage
from pydolint.analysis.workdirs import workdirs
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        found = workdirs(document, stage)
        if not found or found[0].absolute is not False \
                or found[0].instruction not in stage.instructions:
            continue
        first = found[0]
        path = first.expanded if first.expanded is not None else first.written
        shown = first.written + (f" (= {path})" if path != first.written else "")
        suggestion = ("C:\\" if is_windows_stage(document, stage) else "/") + path.lstrip("./\\")
        yield Finding(first.instruction.args[0].span,
                      f"relative WORKDIR {shown} depends on the working directory of the base "
                      f"image, which can change; write an absolute path such as `WORKDIR "
                      f"{suggestion}`")


RULE = Rule(code="DF503", name="workdir-relative", severity="warning", check=check,
            doc=__doc__, aliases=("DL3000", "WorkdirRelativePath", "CKV_DOCKER_10", "DS-0009"), tags=("correctness",))
