"""An image is pinned to the `latest` tag.

## What it does
Reports `FROM`, `COPY --from` and `RUN --mount=from=` images tagged `latest`
without a digest, after substituting ARG defaults (`ARG BASE=python:latest`
then `FROM $BASE` is caught).

## Why it matters
`latest` is not a version: it points at whatever was pushed last, so builds
are not reproducible and upgrades arrive unannounced.

## Example
```dockerfile
FROM python:latest
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
        if use.ref is None or use.ref.tag != "latest" or use.ref.digest:
            continue
        shown = f"'{use.text}'" + (f" (resolves to '{use.resolved}')" if use.via_variable else "")
        yield Finding(use.span, f"image {shown} uses the 'latest' tag, which moves with every "
                                "release; pin a version tag or a digest")


RULE = Rule(code="DF101", name="image-latest-tag", severity="warning", check=check, doc=__doc__,
            aliases=("DL3007", "CKV_DOCKER_7", "DS-0001"), tags=("reproducibility",))
