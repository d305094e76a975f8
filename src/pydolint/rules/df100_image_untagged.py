"""An image is pulled without a tag or digest, so it silently means `:latest`.

## What it does
Reports images in `FROM`, `COPY --from` and `RUN --mount=from=` that carry
neither a tag nor a digest. ARG defaults are substituted first, so
`ARG BASE=python` followed by `FROM $BASE` is caught; an image whose variable
has no default is left alone. `scratch`, references to earlier stages and
stage numbers (`COPY --from=1`) are never reported, nor, in an `ONBUILD`
instruction, a bare name such as `--from=builder`: it is resolved in the
build that uses this image, where it may be a stage.

## Why it matters
Without a tag Docker pulls `latest`, which moves with every upstream release:
the same Dockerfile builds a different image next week, and a Python 3.12
app may wake up on 3.14.

## Example
```dockerfile
FROM python
CMD ["python", "-c", "print('hi')"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
CMD ["python", "-c", "print('hi')"]
```
"""

from pydolint.analysis.images import image_uses
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    for use in image_uses(ctx.document):
        if use.ref is None or use.ref.tag or use.ref.digest:
            continue
        shown = f"'{use.text}'" + (f" (resolves to '{use.resolved}')" if use.via_variable else "")
        yield Finding(use.span, f"image {shown} has no tag, so Docker pulls "
                                f"'{use.resolved}:latest', which changes with every release; "
                                f"pin a tag such as '{use.resolved}:<version>' or a digest")


RULE = Rule(code="DF100", name="image-untagged", severity="warning", check=check, doc=__doc__,
            aliases=("DL3006", "CKV_DOCKER_7", "DS-0001"), tags=("reproducibility",))
