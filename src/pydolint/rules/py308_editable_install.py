"""The image's own code is installed in editable (development) mode.

## What it does
Reports `pip install -e` / `--editable` (and `uv pip install -e`,
`pipenv install -e`) in the stage that becomes the image (the last one, or
`--target`) and the stages it is built FROM. Builder stages are not
reported.

## Why it matters
An editable install only links the environment to the source directory: the
package works only while the source tree stays where it was copied, its
metadata is not what a release would contain, and package data that a build
would include may be missing. Editable mode is meant for live code changes,
which a built image never sees.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir .
```
"""

from pydolint.analysis.dependencies import installs
from pydolint.analysis.stages import lineage_instructions, target_stage
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    final = target_stage(document, ctx.target_stage)
    if final is None:
        return
    for install in installs(document, lineage_instructions(document, final)):
        call = install.call
        for option, target in zip(call.option_words.get("--editable", []), call.editables):
            where = next((path for word, path in install.projects if word is target), None)
            source = f" at {where}" if where else ""
            written = option.text if option.end >= target.end else f"{option.text} {target.text}"
            yield Finding(install.script.word_span(option),
                          f"`{written}` installs `{target.text}` in editable mode: the image "
                          f"only links to the source tree{source}, which must stay in place, "
                          "and the package is not built as a release would be; use "
                          f"`pip install {target.text}` in the image")


RULE = Rule(code="PY308", name="editable-install", severity="info", check=check, doc=__doc__,
            tags=("python",))
