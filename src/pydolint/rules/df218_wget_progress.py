"""wget prints a progress bar into the build log.

## What it does
Reports `wget` commands in RUN scripts with none of `--progress=...`,
`-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file` or
`-a`/`--append-output`, and whose standard error is not redirected. Windows
stages are skipped. Off by default.

## Why it matters
Without a terminal, GNU wget falls back to its "dot" progress display and
writes a line of dots for every few kilobytes: a large download fills the
build log with thousands of lines and hides the output that matters.
`--progress=dot:giga` prints one line per 32 MiB; BusyBox wget (Alpine)
only knows `-q`.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends wget \
    && rm -rf /var/lib/apt/lists/*
RUN wget -O /tmp/model.bin https://example.com/model.bin
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends wget \
    && rm -rf /var/lib/apt/lists/*
RUN wget --progress=dot:giga -O /tmp/model.bin https://example.com/model.bin
```
"""

from pydolint.analysis.downloads import download
from pydolint.analysis.programs import calls
from pydolint.analysis.python import base_distro
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

QUIET = ("--progress", "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file", "-a",
         "--append-output")


def check(ctx):
    document = ctx.document
    for call in calls(document, document.instructions, "wget"):
        fetched = download(call.command)
        if fetched.options.has(*QUIET) or any(
                r.operator.startswith(("2>", "&>")) for r in call.command.redirects):
            continue
        stage = document.stages[call.instruction.stage]
        fix = ("add `-q`" if base_distro(document, stage) == "alpine"
               else "add `--progress=dot:giga` (or `-q`/`-nv`)")
        yield Finding(call.script.word_span(call.command.argv[0]),
                      f"wget without a progress setting writes a line of dots every few "
                      f"kilobytes into the build log; {fix}")


RULE = Rule(code="DF218", name="wget-progress", severity="style", check=check, doc=__doc__,
            enabled=False, aliases=("DL3047",), tags=("style",))
