"""A python or pypy tag does not pin the minor version.

## What it does
Reports `python` and `pypy` images in `FROM`, `COPY --from` and
`RUN --mount=from=` whose tag names no minor version: `python:3`,
`python:3-slim`, `python:slim`, `python:alpine`, `python:bookworm`. ARG
defaults are substituted first. A digest pins the image whatever its tag
says, and a tag that is no longer rebuilt (`python:2`) cannot move, so
neither is reported. `python` and `python:latest` are left to DF100 and
DF101, pre-release tags to PY103 and tags that do not exist to PY109.

## Why it matters
`python:3-slim` follows the newest Python release. The day the next version
comes out, the same Dockerfile builds on a new interpreter: wheels for your
pinned packages may not exist yet, deprecated modules are gone, and a build
that worked yesterday fails, or worse, behaves differently.

## Example
```dockerfile
FROM python:3-slim
CMD ["python", "-c", "print('hi')"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
CMD ["python", "-c", "print('hi')"]
```
"""

from pydolint.analysis.python_tags import frozen, points_to, python_image_uses
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    for item in python_image_uses(ctx.document):
        tag = item.tag
        if (item.is_latest or item.digest or tag.minor is not None or not tag.known
                or tag.prerelease is not None or frozen(tag, ctx.today)):
            continue
        version = points_to(tag)
        implementation = "PyPy" if tag.implementation == "pypy" else "Python"
        follows = (f"the newest {implementation} {tag.major}.x" if tag.major is not None
                   else f"the newest {implementation}")
        yield Finding(item.span, f"image {item.shown} does not pin the minor version: it "
                                 f"follows {follows} ({version} today) and moves to the next "
                                 "release without warning; pin the minor version, e.g. "
                                 f"'{item.retagged(version)}'")


RULE = Rule(code="PY100", name="python-tag-floating", severity="warning", check=check,
            doc=__doc__, tags=("python", "reproducibility"))
