"""`WORKDIR` points into `/proc`, `/sys`, `/dev` or at a system directory.

## What it does
Reports a `WORKDIR` that resolves (variables substituted, relative paths
joined to the `WORKDIR` before) to a path in or under `/proc`, `/sys` or
`/dev`, which the container runtime mounts over, or exactly to an
operating-system directory such as `/usr`, `/bin`, `/etc`, `/lib` or `/var`
(subdirectories like `/etc/nginx` or `/usr/src/app` are fine).
Both lists live in a data file. Windows stages are skipped.

## Why it matters
Files written under `/proc`, `/sys` or `/dev` during the build disappear
when the container starts, because the runtime mounts fresh filesystems
there. An app put directly in `/usr` or `/etc` mixes with the system's own
files: `COPY . .` can overwrite them, and nobody can tell later which files
belong to the app.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /usr
COPY . .
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /usr/src/app
COPY . .
CMD ["python", "app.py"]
```
"""

from pydolint.analysis.stages import is_windows_stage
from pydolint.analysis.workdirs import system_paths, workdirs
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    mounted, system = system_paths()
    for stage in document.stages:
        if is_windows_stage(document, stage):
            continue
        for workdir in workdirs(document, stage):
            path = workdir.path
            if path is None or workdir.instruction not in stage.instructions:
                continue
            shown = workdir.written + (f" (= {path})" if path != workdir.written else "")
            under = next((m for m in mounted if path == m or path.startswith(m + "/")), None)
            if under is not None:
                yield Finding(workdir.instruction.args[0].span,
                              f"WORKDIR {shown} is under {under}, which the container runtime "
                              "mounts over: files put there during the build are gone when "
                              "the container runs; use a directory such as /app")
            elif path in system:
                yield Finding(workdir.instruction.args[0].span,
                              f"WORKDIR {shown} is a system directory: the app's files mix "
                              "with the operating system's and `COPY . .` can overwrite them; "
                              "use a directory of its own such as /app")

RULE = Rule(code="DF510", name="workdir-system-path", severity="warning", check=check,
            doc=__doc__, aliases=("DS-0030",), tags=("correctness",))
