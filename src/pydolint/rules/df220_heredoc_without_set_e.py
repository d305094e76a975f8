"""A multi-command RUN heredoc goes on after a failing command.

## What it does
Reports `RUN <<EOF` heredoc scripts run by sh or bash (`RUN <<EOF`,
`RUN bash <<EOF`, a `#!/bin/bash` line) that hold several statements (lines
or `;`-separated commands) but never turn on errexit: no `set -e` (`set -eux`,
`set -o errexit`...) in the script, no `-e` on the shell that runs it
(`bash -e <<EOF`, `#!/bin/sh -e`, a SHELL with `-e`). A heredoc with a
single statement, or whose commands are all chained with `&&`, is fine.
Statements that cannot fail (`set`, `echo`, `printf`, `true`, `:`) do not
count. This is hadolint issue #882.

## Why it matters
Unlike a one-line `RUN a && b`, a heredoc script is run line after line:
when `apt-get update` fails on line 2, line 3 still runs, and the build
only fails if the *last* command does. The image silently ships without
what the failed step should have done.

## Example
```dockerfile
FROM python:3.12-slim
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends libpq5
rm -rf /var/lib/apt/lists/*
EOF
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends libpq5
rm -rf /var/lib/apt/lists/*
EOF
```
"""

from pydolint.analysis.commands import all_run_scripts
from pydolint.analysis.programs import cannot_fail, script_calls
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for _instruction, script in all_run_scripts(document):
        if script.kind != "heredoc" or script.errexit:
            continue
        statements = _statements(script)
        risky = next((s for s in statements[:-1] if not all(map(cannot_fail, s))), None)
        if risky is None:
            continue
        span = script.span(risky[0].start, risky[-1].end)
        shown = " ".join(risky[0].words()[:2])
        yield Finding(span, f"if `{shown}` fails, this heredoc goes on and only "
                            "its last command decides whether the build fails; add "
                            f"`set -e` (or `set -eux`) at the top of the heredoc "
                            f"(line {script.heredoc.start_line})")


def _statements(script):
    """Top-level commands grouped into statements (split at newlines, `;` and `&`)."""
    statements = []
    for _, command in script_calls(script):
        if command.via is not None or command.in_subshell:
            continue
        if not statements or command.connector_before in (None, ";", "&"):
            statements.append([command])
        else:
            statements[-1].append(command)
    return statements


RULE = Rule(code="DF220", name="heredoc-without-set-e", severity="warning", check=check,
            doc=__doc__, tags=("correctness",))
