"""A requirements or lock file is copied into a stage that never installs it.

## What it does
Reports `requirements*.txt`, `poetry.lock`, `uv.lock`, `Pipfile.lock` and
`pdm.lock` files that a COPY or ADD names one by one when no later
instruction of the stage, or of a stage built FROM it, reads them: no `-r`
or `-c` (nested includes followed through the build context), no `poetry`,
`uv`, `pipenv` or `pdm` command in that directory for a lock file, no
`pip install .` of a project holding a requirements file (setuptools may
read it), no other command naming the file, no `COPY --from` or mount taking
it to another stage. `pip install .` does not read lock files.

## Why it matters
The file is dead weight in the image and, worse, it suggests the versions it
lists are what is installed when they are not: a lock file copied next to a
plain `pip install .` pins nothing. Every change to it also invalidates the
layer cache for nothing.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN pip install --no-cache-dir .
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir poetry==1.8.4
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root
```
"""

import fnmatch
import posixpath

from pydolint.analysis.caches import covers
from pydolint.analysis.commands import stage_commands
from pydolint.analysis.dependencies import installs, requirement_files
from pydolint.analysis.path_presence import named_copies, taken_from
from pydolint.analysis.shell import unwrap
from pydolint.analysis.stages import is_windows_stage, lineage
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

INSTALL_WITH = {"requirements*.txt": "pip install -r {path}", "poetry.lock": "poetry install",
                "uv.lock": "uv sync --locked", "Pipfile.lock": "pipenv install --deploy",
                "pdm.lock": "pdm install"}
IMPLICIT_READERS = {"micropipenv", "pip-sync"}


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        if is_windows_stage(document, stage):
            continue
        users = {s.index for s in document.stages if stage in lineage(document, s)}
        for copy in stage.instructions:
            for named in named_copies(document, copy):
                name = posixpath.basename(named.path)
                kind = next((p for p in INSTALL_WITH if fnmatch.fnmatchcase(name, p)), None)
                later = [i for i in document.instructions
                         if i.stage in users and i.index > copy.index]
                if kind is None or _used(ctx, named.path, later, users):
                    continue
                hint = INSTALL_WITH[kind].format(path=named.path)
                yield Finding(named.word.span,
                              f"{named.source} is copied to {named.path}, but no later "
                              "instruction of this stage, or of a stage built FROM it, installs "
                              f"from it; use it (`{hint}`) or drop it from the {copy.keyword}")


def _used(ctx, path, later, users) -> bool:
    document, name = ctx.document, posixpath.basename(path)
    directory = posixpath.dirname(path)
    calls = set()
    for install in installs(document, later):
        calls.add((id(install.script), install.call.command.start))
        loaded = requirement_files(document, install, ctx.build_context)
        if path in install.reads or any(f.path == path for f in loaded) \
                or (install.directory is None and install.tool not in ("pip", "uv-pip")) \
                or any(f.file is None and posixpath.dirname(f.path) == directory for f in loaded) \
                or (name.endswith(".txt") and any(p and covers(p, path)
                                                  for _, p in install.projects)):
            return True
    for _instruction, script, command in stage_commands(document, later):
        command = unwrap(command)
        if (id(script), command.start) in calls:
            continue
        if command.basename in IMPLICIT_READERS or any(
                w.text == name or w.text.endswith("/" + name) for w in command.argv):
            return True
    return taken_from(document, path, users)


RULE = Rule(code="PY403", name="unused-requirements-copy", severity="info", check=check,
            doc=__doc__, tags=("python", "image-size"))
