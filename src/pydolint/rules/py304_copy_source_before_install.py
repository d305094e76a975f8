"""The whole source is copied before the dependencies are installed.

## What it does
Reports a `COPY . .`, `COPY . /app`, `ADD . .` (any copy of the whole build
context) that comes before the dependency install of the same stage:
`pip install -r`, `pip install .`, `poetry install`, `uv sync`,
`pipenv install`, `pdm install`. It is not reported when the dependencies
were already installed by an earlier instruction (say `COPY requirements.txt`
and `pip install -r` first, then `COPY . .` and `pip install --no-deps .`),
nor when the install reads its files only through bind mounts.

## Why it matters
Docker reuses a layer only while everything before it is unchanged. With the
whole source copied first, any code change invalidates the install layer and
every build downloads and installs all dependencies again. Copying the
requirements or lock files first keeps that layer cached until they change.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
```
"""

import posixpath

from pydolint.analysis.caches import covers
from pydolint.analysis.copy_instructions import workdir_at
from pydolint.analysis.dependencies import MANIFESTS, installs
from pydolint.analysis.path_presence import whole_context_sources
from pydolint.analysis.stages import lineage_instructions
from pydolint.diagnostics import Finding, RelatedLocation
from pydolint.rule import Rule

SPLIT = {"poetry": ("poetry install --no-root", "poetry install --only-root"),
         "uv": ("uv sync --locked --no-install-project", "uv sync --locked"),
         "pdm": ("pdm install --no-self", "pdm install"),
         "pipenv": ("pipenv install --deploy", None)}


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        deps = [i for i in installs(document, lineage_instructions(document, stage))
                if i.installs_dependencies]
        for copy in stage.instructions:
            sources = whole_context_sources(document, copy)
            if not sources or any(d.instruction.index < copy.index for d in deps):
                continue
            later = next((d for d in deps if d.instruction.index > copy.index
                          and d.instruction.stage == stage.index
                          and not _bind_mounted(document, d)), None)
            if later is None:
                continue
            where = later.script.command_span(later.call.command)
            yield Finding(sources[0].span,
                          f"`{copy.keyword} {' '.join(copy.value)}` copies the whole build "
                          f"context before the dependency install on line {where.start_line}, "
                          "so every code change re-installs all dependencies; "
                          f"{_advice(later)}",
                          related=(RelatedLocation(ctx.path, where, "the dependency install"),))


def _advice(install) -> str:
    if install.tool in SPLIT:
        first, then = SPLIT[install.tool]
        files = " and ".join(MANIFESTS[install.tool])
        then = f" and run `{then}`" if then else ""
        return f"copy {files} first and run `{first}`, then copy the rest{then}"
    if install.requirements:
        files = " ".join(w.text for w, _ in install.requirements)
        return f"copy {files} first and install it, then copy the rest"
    project = install.projects[0][0].text if install.projects else "."
    return ("copy pyproject.toml first and install the dependencies, then copy the rest and "
            f"run `pip install --no-deps {project}`")


def _bind_mounted(document, install) -> bool:
    """Everything the install reads comes from the RUN's bind mounts."""
    workdir = workdir_at(document, install.instruction)
    targets = [posixpath.normpath(posixpath.join(workdir, flag.mount.target))
               for flag in install.instruction.flags
               if flag.mount is not None and flag.mount.type == "bind" and flag.mount.target]
    reads = install.reads
    return bool(targets and reads) and all(any(covers(t, p) for t in targets) for p in reads)


RULE = Rule(code="PY304", name="copy-source-before-install", severity="warning", check=check,
            doc=__doc__, tags=("python", "performance"))
