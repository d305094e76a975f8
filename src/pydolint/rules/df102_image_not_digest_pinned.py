"""An image is pulled by tag, not pinned by digest.

## What it does
Reports images in `FROM`, `COPY --from` and `RUN --mount=from=` that carry no
`@sha256:` digest. `scratch`, references to stages of the same Dockerfile and
images whose ARG has no default are left alone. Off by default: pinning
every image is a policy choice, and pinned digests need a bot (Renovate,
Dependabot) to keep them current.

## Why it matters
A tag such as `python:3.12-slim` is moved to a new image every time the
Python patch release or the Debian base changes. Two builds of the same
commit can get different images; a digest makes the build reproducible and
protects against a tag being re-pointed at something malicious.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "-m", "http.server"]
```

## Use instead
```dockerfile
FROM python:3.12-slim@sha256:2a4d56b7a2e8f2f4ad12f77b0a2fba3d6e9b2a7b3e8e2cd6b10f71e5b1d4b0ad
CMD ["python", "-m", "http.server"]
```
"""

from pydolint.analysis.images import image_uses
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    for use in image_uses(ctx.document):
        if use.ref is None or use.ref.digest:
            continue
        shown = f"'{use.text}'" + (f" (resolves to '{use.resolved}')" if use.via_variable else "")
        yield Finding(use.span, f"image {shown} is not pinned by digest, so a rebuild can pull "
                                f"different content; pin it as '{use.resolved}@sha256:<digest>' "
                                f"(`docker buildx imagetools inspect {use.resolved}` prints the "
                                "digest)")


RULE = Rule(code="DF102", name="image-not-digest-pinned", severity="info", check=check,
            doc=__doc__, enabled=False, tags=("reproducibility", "security"))
