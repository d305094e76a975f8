"""The final stage is built on the full python image instead of `-slim`.

## What it does
Looks at the stage that becomes the image (the last one, or `--target`) and
the stage it is ultimately built `FROM`, and reports a full Debian `python`
or `pypy` image there: `python:3.12`, `python:3.12-bookworm`. Build stages
may use the full image freely; only what ships is reported. `python` and
`python:latest` are left to DF100 and DF101.

## Why it matters
The full image carries compilers, headers and hundreds of Debian packages
(`python:3.12` is about 1 GB) that the application does not need at run time:
larger pulls, slower deploys, and more packages for vulnerability scanners to
flag. `-slim` has the same Python and the same Debian release.

## Example
```dockerfile
FROM python:3.12
COPY app.py /app/
CMD ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12 AS build
RUN pip wheel --no-cache-dir --wheel-dir /wheels psycopg2==2.9.9

FROM python:3.12-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl
COPY app.py /app/
CMD ["python", "/app/app.py"]
```
"""

from pydolint.analysis.python_tags import python_image_uses
from pydolint.analysis.stages import root_stage, target_stage
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    stage = target_stage(document, ctx.target_stage)
    if stage is None:
        return
    base = root_stage(document, stage)
    for item in python_image_uses(document):
        tag = item.tag
        if (item.use.kind != "from" or item.use.instruction is not base.from_instruction
                or not tag.is_full_image or item.is_latest or not tag.known):
            continue
        slim = item.with_tag(f"{tag.tag}-slim" if not tag.distro_pinned else
                             tag.tag.removesuffix(tag.distro) + f"slim-{tag.distro}")
        via = "" if base is stage else f" through stage '{base.name or base.index}'"
        yield Finding(item.span, f"the final stage is built{via} on {item.shown}, the full "
                                 "Debian image with compilers and headers (about 1 GB); use "
                                 f"'{slim}' and build anything that needs a compiler in an "
                                 "earlier stage")


RULE = Rule(code="PY106", name="full-image-final-stage", severity="info", check=check,
            doc=__doc__, tags=("python", "image-size"))
