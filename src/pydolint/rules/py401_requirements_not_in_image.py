"""`pip install -r` names a file that is not in the image.

## What it does
Reports `-r` and `-c` files of `pip install` (also `pip wheel`, `pip
download`, `uv pip install`, `uv pip sync`, `uv pip compile`) that nothing
earlier in the stage, or in the stages it is built FROM, put in the image:
no COPY or ADD, bind mount or heredoc. The path follows WORKDIR and `cd`.
It is reported only when that can be known: not when a directory copy
without a build context to look into, `COPY --from`, an ADD of a URL or
archive, a command that may write the file (`git clone`, `curl -o`, `cp`,
`poetry export`...) or a base image other than an official one might supply
it. When a build context is available and the file would come from a copied
directory (`COPY . .`), it is reported if the context lacks it or
`.dockerignore` excludes it. Nested `-r`/`-c` lines of requirements files
read from the build context are checked too.

## Why it matters
pip stops with "Could not open requirements file": the build fails.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
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

from pydolint.analysis.dependencies import PIP_LIKE, installs, requirement_files
from pydolint.analysis.path_presence import presence
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document, context = ctx.document, ctx.build_context
    for install in installs(document, document.instructions):
        if install.tool not in PIP_LIKE:
            continue
        here, command = install.instruction, install.call.command
        named = [(word, path, "") for word, path in install.requirements + install.constraints]
        named += [(f.word, f.path, f" (named in {f.parent})")
                  for f in requirement_files(document, install, context)
                  if f.parent is not None and f.file is None]
        for word, path, via in named:
            found = presence(document, here, path, context, command) if path else None
            if found is None or found.state not in ("absent", "missing"):
                continue
            if found.state == "absent":
                source = word.text if not word.text.startswith("/") and not via \
                    else posixpath.basename(path)
                why = ("nothing earlier in the stage puts it in the image (no COPY, ADD, bind "
                       f"mount or heredoc); add `COPY {source} {path}` before line "
                       f"{here.start_line}")
            else:
                copy = found.instruction
                lacks = ("`.dockerignore` excludes" if found.ignored
                         else "the build context has no")
                why = (f"it would come from the {copy.keyword} on line {copy.start_line}, but "
                       f"{lacks} {found.context_path}")
            yield Finding(install.script.word_span(word),
                          f"{path}{via} is not in the image when this install reads it, so the "
                          f"build fails: {why}")


RULE = Rule(code="PY401", name="requirements-not-in-image", severity="error", check=check,
            doc=__doc__, tags=("python", "correctness"))
