"""A Debian-based python tag does not name its Debian release.

## What it does
Reports `python` and `pypy` images on Debian whose tag does not name the
release: `python:3.12-slim` rather than `python:3.12-slim-trixie`. The
message says which release the tag points to on the lint date and when the
unpinned tags last moved. Digest-pinned references and tags that are no
longer rebuilt cannot move and are not reported; `python` and
`python:latest` are left to DF100 and DF101. Off by default.

## Why it matters
Unpinned tags follow the image's default Debian release and move without
notice when a new one comes out: `python:3.12-slim` went from bookworm to
trixie on 2025-08-11. System libraries, apt package names and glibc change
underneath the application, and `apt-get install` lines break.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "-c", "print('hi')"]
```

## Use instead
```dockerfile
FROM python:3.12-slim-trixie
CMD ["python", "-c", "print('hi')"]
```
"""

from pydolint import knowledge
from pydolint.analysis.python_tags import frozen, python_image_uses
from pydolint.diagnostics import Finding
from pydolint.pythontag import effective_debian
from pydolint.rule import Rule


def check(ctx):
    for item in python_image_uses(ctx.document):
        tag = item.tag
        if (tag.family != "debian" or tag.distro_pinned or item.digest or item.is_latest
                or not tag.known or frozen(tag, ctx.today)):
            continue
        current = effective_debian(tag, ctx.today)
        moves = [(name, since) for name, since in knowledge.image_tags(tag.image).default_debian
                 if since <= ctx.today]
        moved = ""
        if len(moves) > 1:
            moved = (f"; the unpinned {tag.image} tags moved from {moves[-2][0]} to "
                     f"{moves[-1][0]} on {moves[-1][1]} without notice")
        yield Finding(item.span, f"image {item.shown} does not name its Debian release: it is "
                                 f"{current} today{moved}, changing system libraries and apt "
                                 f"packages under the app; pin it, e.g. "
                                 f"'{item.with_tag(f'{tag.tag}-{current}')}'")


RULE = Rule(code="PY107", name="debian-release-floating", severity="info", check=check,
            doc=__doc__, enabled=False, tags=("python", "reproducibility"))
