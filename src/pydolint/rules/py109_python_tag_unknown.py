"""A python or pypy tag that was never published.

## What it does
Reports `python` and `pypy` images whose tag matches no tag the official
image publishes or ever published, so the pull fails before the build
starts. The message explains why: an architecture in the tag
(`python:3.12-slim-arm64`; the architecture comes from `--platform`), parts
in the wrong order (`3.12-bookworm-slim`), a Debian or Alpine release that
was never built for that Python version (`python:3.12-slim-buster`: buster
images stopped before 3.12 came out), a version with no image yet. A
reference that also carries a digest is pulled by digest and not reported.

## Why it matters
The build fails at its first step with `manifest unknown` or `not found`,
often only in CI, after someone "fixed" a tag by hand. The published forms
are `<version>[-slim][-<codename>]`, `<version>-alpine[<X.Y>]` and
`<version>-windowsservercore[-<release>]`.

## Example
```dockerfile
FROM python:3.12-slim-arm64
CMD ["python", "-c", "print('hi')"]
```

## Use instead
```dockerfile
FROM --platform=linux/arm64 python:3.12-slim
CMD ["python", "-c", "print('hi')"]
```
"""

from pydolint.analysis.python_tags import python_image_uses, unknown_reason
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    for item in python_image_uses(ctx.document):
        if item.tag.known or item.digest:
            continue
        yield Finding(item.span, f"image {item.shown} does not exist, so the pull fails before "
                                 f"the build starts: {unknown_reason(item.tag, ctx.today)}")


RULE = Rule(code="PY109", name="python-tag-unknown", severity="error", check=check,
            doc=__doc__, tags=("python", "correctness"))
