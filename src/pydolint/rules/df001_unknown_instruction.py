"""A line that is not a Dockerfile instruction, usually a broken continuation.

## What it does
Reports an instruction word Docker does not know. Most of these are not typos
but arguments that escaped from the instruction above: a comment after the
escape character, or a missing one, ends the continuation, and the next line
becomes an "instruction". The message names the line that broke it.

## Why it matters
`docker build` fails with `unknown instruction`, and the real cause sits one
line higher than the error.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
        curl
        git
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
        curl \
        git
```
"""

from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    for issue in ctx.document.errors:
        if issue.code == "DF001":
            yield Finding(issue.span, issue.message)


RULE = Rule(code="DF001", name="unknown-instruction", severity="error", check=check, doc=__doc__,
            tags=("correctness",))
