"""`/bin/sh` is replaced by another shell with `ln -s` instead of `SHELL`.

## What it does
Finds `ln -s` (also `-sf`, `--symbolic`, behind `sudo`, in `sh -c` strings
and heredocs) that links `/bin/sh` or `/usr/bin/sh` to another shell such as
bash, dash or zsh.

## Why it matters
`/bin/sh` belongs to the operating system: package maintainer scripts,
`apt-get`, system tools and the entrypoints of other images all run with
it. Pointing it at bash changes their behaviour for the whole image, and
the next base image update may restore it. The `SHELL` instruction changes
the shell of the following `RUN` lines only, which is usually what was
wanted.

## Example
```dockerfile
FROM python:3.12-slim
RUN ln -sf /bin/bash /bin/sh
RUN source /etc/os-release && echo "$VERSION_CODENAME"
```

## Use instead
```dockerfile
FROM python:3.12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN source /etc/os-release && echo "$VERSION_CODENAME"
```
"""

from pydolint.analysis.commands import stage_commands
from pydolint.analysis.shell import SHELLS, unwrap
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

SYSTEM_SH = {"/bin/sh", "/usr/bin/sh"}


def check(ctx):
    document = ctx.document
    for _instruction, script, command in stage_commands(document, document.instructions):
        command = unwrap(command)
        if command.basename != "ln":
            continue
        options = [w.text for w in command.args if w.text.startswith("-")]
        operands = [w.text for w in command.args if not w.text.startswith("-")]
        symbolic = any(o == "--symbolic" or (not o.startswith("--") and "s" in o)
                       for o in options)
        if not symbolic or len(operands) < 2 or operands[-1].rstrip("/") not in SYSTEM_SH:
            continue
        shell = operands[0].rsplit("/", 1)[-1]
        if shell == "sh" or shell not in SHELLS:
            continue
        path = operands[0] if "/" in operands[0] else f"/bin/{shell}"
        yield Finding(script.command_span(command),
                      f"`{' '.join(w.text for w in command.argv)}` replaces {operands[-1]} "
                      f"with {shell} for every program in the image; use "
                      f"`SHELL [\"{path}\", \"-c\"]` to run the following RUN lines with "
                      f"{shell} instead")


RULE = Rule(code="DF508", name="shell-via-ln", severity="warning", check=check, doc=__doc__,
            aliases=("DL4005",), tags=("correctness",))
