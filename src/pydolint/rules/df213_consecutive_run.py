"""Consecutive RUN instructions that could be one layer.

## What it does
Reports a RUN that directly follows another RUN of the same stage (comments
aside) with the same `--mount`, `--network` and `--security` flags, when
each of the two runs a single command. This is what hadolint's DL3059 does
(version 2.15): a RUN that already chains commands (`a && b`, `a; b`, a
pipe, a command substitution) or feeds a heredoc to another program
(`RUN python3 <<EOF`) is taken as a deliberate layer boundary, and
RUNs with different mounts cannot be merged as they are. Windows stages are
skipped. Off by default: splitting RUNs is sometimes the better trade
(cache reuse).

## Why it matters
Every RUN adds a layer and a cache step. Short consecutive RUNs are
usually one logical step split by accident; merging them makes the image
smaller when later commands delete what earlier ones created.

## Example
```dockerfile
FROM python:3.12-slim
RUN python -m venv /opt/venv
RUN /opt/venv/bin/pip install --no-cache-dir flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir flask==3.0.3
```
"""

from pydolint.analysis.commands import run_scripts
from pydolint.analysis.programs import script_calls
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

RUN_FLAGS = ("mount", "network", "security", "device")


def check(ctx):
    document = ctx.document
    previous = None
    for instruction in document.instructions:
        if instruction.keyword != "RUN":
            previous = None
            continue
        count = _commands(document, instruction)
        if (previous is not None and previous[0].stage == instruction.stage
                and _flags(previous[0]) == _flags(instruction) and count == previous[1] == 1):
            yield Finding(instruction.keyword_span,
                          f"this RUN follows the RUN at line {previous[0].start_line} with the "
                          "same flags and each runs one command; join them with `&&` into one "
                          "layer")
        previous = (instruction, count) if count else None


def _commands(document, instruction) -> int:
    """Commands the RUN runs, as hadolint counts them (an `export` counts, `sh -c '...'`
    is one command, a heredoc fed to Python is never one); 0 for a Windows shell."""
    scripts = run_scripts(document, instruction)
    run_bodies = [script.heredoc for script in scripts if script.heredoc is not None]
    if scripts and any(heredoc not in run_bodies for heredoc in instruction.heredocs):
        return 2
    count = sum(sum(1 for _, c in script_calls(s) if c.via is None) + bool(s.script.exports)
                for s in scripts)
    return max(count, 1) if scripts else 0


def _flags(instruction) -> list[str]:
    return sorted(flag.raw for flag in instruction.flags if flag.name in RUN_FLAGS)


RULE = Rule(code="DF213", name="consecutive-run", severity="info", check=check, doc=__doc__,
            enabled=False, aliases=("DL3059",), tags=("image-size", "style"))
