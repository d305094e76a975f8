"""`RUN chown -R`/`chmod -R` rewrites copied files into a second layer.

## What it does
Reports recursive `chown` and `chmod` in RUN scripts (`-R`,
`--recursive`) whose target overlaps what an earlier COPY or ADD of the
stage (or of a stage it is built FROM) wrote: the COPY destination itself, a
directory inside it, or a parent directory. Relative targets are resolved
against WORKDIR and variables are substituted. Windows stages are skipped.

## Why it matters
Image layers store whole files: changing the owner or mode of a file copied
in an earlier layer stores the file again in the RUN's layer, so the copied
tree takes twice its size in the image. `COPY --chown=user:group` and
`COPY --chmod=...` set ownership and mode as the files are copied, in one
layer (create the user before that COPY).

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
COPY . /app
RUN chown -R app:app /app
USER app
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
COPY --chown=app:app . /app
USER app
```
"""

import posixpath

from pydolint.analysis.copy_instructions import copies, workdir_at, written_paths
from pydolint.analysis.permissions import change
from pydolint.analysis.programs import calls
from pydolint.analysis.stages import lineage_instructions
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

FLAG = {"chown": "--chown", "chmod": "--chmod"}


def check(ctx):
    document = ctx.document
    for call in calls(document, document.instructions, "chown", "chmod"):
        changed = change(call.command)
        if changed is None or not changed.recursive or changed.setting is None:
            continue
        copied = _copied_before(ctx, call.instruction)
        workdir = workdir_at(document, call.instruction)
        for target in changed.targets:
            path = _resolve(call.instruction, workdir, target)
            hits = [(c, d) for c, d in reversed(copied) if path and _overlap(path, d)]
            if not hits:
                continue
            copy, destination = next(  # the latest COPY that does not set them already
                (hit for hit in hits if hit[0].instruction.flag(changed.tool) is None), hits[0])
            setting = changed.setting.text
            yield Finding(call.script.command_span(call.command),
                          f"`{changed.tool} -R {setting} {target.text}` stores the files "
                          f"{copy.instruction.keyword} put in {destination} (line "
                          f"{copy.instruction.start_line}) a second time in this layer; set "
                          f"them while copying with `{copy.instruction.keyword} "
                          f"{FLAG[changed.tool]}={setting}` instead")
            break


def _copied_before(ctx, instruction):
    """(COPY, path it wrote) for the COPY and ADD instructions that ran before ``instruction``."""
    document = ctx.document
    if instruction.stage is None:
        return []
    earlier = lineage_instructions(document, document.stages[instruction.stage])
    earlier = {id(i) for i in earlier[:next(n for n, i in enumerate(earlier) if i is instruction)]}
    return [(copy, path) for copy in copies(document) if id(copy.instruction) in earlier
            for path in written_paths(document, copy, ctx.build_context)]


def _resolve(instruction, workdir, word):
    text = word.text
    if word.has_expansion:
        expanded = instruction.variables.expand(text)
        if expanded is None or expanded.unmatched:
            return None
        text = expanded.result
    return posixpath.normpath(posixpath.join(workdir, text))


def _overlap(path: str, destination: str) -> bool:
    return path == destination or destination.startswith(path.rstrip("/") + "/") \
        or path.startswith(destination.rstrip("/") + "/")


RULE = Rule(code="DF306", name="chown-in-separate-layer", severity="info", check=check,
            doc=__doc__, tags=("image-size",))
