"""A stage downloads with both curl and wget.

## What it does
Within each stage, finds the RUN commands that call `curl` and those that
call `wget` (in `&&` chains, pipelines, `sh -c` strings and heredocs). When
both tools are used, it reports every use of the one that appears second,
pointing at the first use of the other.

## Why it matters
Each tool has to be installed, with its libraries, and both do the same
job: keeping two of them makes the image bigger and the Dockerfile harder to
read. Pick one and use it for every download.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl wget \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
RUN wget -q -O /tmp/b.tar.gz https://example.com/b.tar.gz
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
RUN curl -fsSLo /tmp/b.tar.gz https://example.com/b.tar.gz
```
"""

from pydolint.analysis.programs import calls
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

EQUIVALENT = {"curl": "`wget -q -O FILE URL`", "wget": "`curl -fsSLo FILE URL`"}


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        uses = list(calls(document, stage.instructions, "curl", "wget"))
        tools = list(dict.fromkeys(call.name for call in uses))
        if len(tools) < 2:
            continue
        kept, second = tools
        first = next(call for call in uses if call.name == kept)
        for call in uses:
            if call.name == second:
                yield Finding(call.script.word_span(call.command.argv[0]),
                              f"this stage already downloads with {kept} (line "
                              f"{first.instruction.start_line}); use {kept} here too, e.g. "
                              f"{EQUIVALENT[second]}, and install only one of the two tools")


RULE = Rule(code="DF212", name="curl-and-wget", severity="style", check=check, doc=__doc__,
            aliases=("DL4001", "DS-0014"), tags=("image-size", "style"))
