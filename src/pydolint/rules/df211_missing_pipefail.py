"""A pipe in RUN hides the failure of every command but the last.

## What it does
Reports the first pipe (`a | b`) of a RUN script that runs without
`pipefail`: neither `set -o pipefail` in the script (before a heredoc's
commands, say) nor `-o pipefail` on the shell that runs it (`SHELL
["/bin/bash", "-o", "pipefail", "-c"]`, `bash -o pipefail <<EOF`, a
`#!/bin/bash -o pipefail` line). Pipes inside a nested `sh -c '...'` need
the option in that shell. Pipes whose upstream commands cannot fail
(`echo`, `printf`, `yes`, `true`, `cat <<EOF`) are left alone. Windows
stages are skipped.

## Why it matters
A shell pipeline's status is its last command's: in
`RUN curl -fsSL https://example.com/x.tgz | tar xz` a failed download feeds
`tar` an empty stream, and if `tar` still exits 0 the build goes on with a
broken image. `/bin/sh` on Debian and Ubuntu images is dash, which only
supports `set -o pipefail` in recent releases, so the dependable fix is a
bash SHELL with `-o pipefail`. On Alpine, `/bin/sh` is BusyBox ash, which
supports `set -o pipefail`.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```

## Use instead
```dockerfile
FROM python:3.12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
RUN echo "done" | tee /tmp/log
```
"""

from pydolint.analysis.commands import all_run_scripts
from pydolint.analysis.programs import cannot_fail, has_pipefail, pipelines
from pydolint.analysis.python import base_distro
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

HAS_PIPEFAIL = frozenset({"bash", "zsh", "ksh", "mksh", "ash"})


def check(ctx):
    document = ctx.document
    reported = set()  # one finding per RUN, at its first unsafe pipe
    for instruction, script in all_run_scripts(document):
        if id(instruction) in reported:
            continue
        pipe = next((group for group in pipelines(script) if not all(
            cannot_fail(c) for c in group[:-1]) and not has_pipefail(script, group)), None)
        if pipe is None:
            continue
        at = script.text.find("|", pipe[0].end, pipe[1].start)
        span = script.span(at, at + 1) if at >= 0 else script.command_span(pipe[0])
        hidden = ", ".join(f"`{c.name}`" for c in pipe[:-1] if not cannot_fail(c))
        yield Finding(span, f"if {hidden} fails, this pipe still succeeds: only "
                            f"`{pipe[-1].name}`'s exit status counts; {_fix(ctx, script, pipe[0])}")
        reported.add(id(instruction))


def _fix(ctx, script, first) -> str:
    if first.via is not None:
        return f"run that script with `bash -o pipefail -c` instead of `{first.via}`"
    if script.kind == "exec-shell":
        return 'write the exec form as ["/bin/bash", "-o", "pipefail", "-c", "..."]'
    shell = script.invocation.shell if script.invocation is not None else "sh"
    if shell in HAS_PIPEFAIL:
        if script.kind == "heredoc":
            return "add `set -o pipefail` at the top of the heredoc"
        return (f"start the script with `set -o pipefail &&`, or add `-o pipefail` to the "
                f"{shell} SHELL")
    index = script.instruction.stage
    if index is not None and base_distro(ctx.document, ctx.document.stages[index]) == "alpine":
        return "start the script with `set -o pipefail &&` (BusyBox ash supports it)"
    return (f'add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before line '
            f"{script.instruction.start_line} (/bin/sh is dash on Debian and Ubuntu, and only "
            "recent dash releases support `set -o pipefail`)")


RULE = Rule(code="DF211", name="missing-pipefail", severity="warning", check=check,
            doc=__doc__, aliases=("DL4006",), tags=("correctness",))
