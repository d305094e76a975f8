"""A python or pypy tag does not pin the patch version.

## What it does
Reports `python` and `pypy` images whose tag pins the minor version but not
the patch release: `python:3.12-slim` rather than `python:3.12.13-slim`
(for pypy, the PyPy release: `pypy:3.11-7.3.22`). A digest-pinned reference
is never reported, nor a tag that is no longer rebuilt. Tags without a minor
version are PY100's job, pre-releases PY103's. Off by default: following
patch releases is a reasonable choice for images rebuilt often.

## Why it matters
`python:3.12-slim` is rebuilt for every 3.12.x release and every Debian
update, so two builds of the same commit can differ. Production images are
best pinned to the patch release (`python:3.12.13-slim-bookworm`) or a
digest, and upgraded deliberately.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "-c", "print('hi')"]
```

## Use instead
```dockerfile
FROM python:3.12.13-slim-bookworm
CMD ["python", "-c", "print('hi')"]
```
"""

from pydolint import knowledge
from pydolint.analysis.python_tags import frozen, python_image_uses
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    for item in python_image_uses(ctx.document):
        tag = item.tag
        if (item.is_latest or item.digest or tag.minor is None or not tag.known
                or tag.prerelease is not None or frozen(tag, ctx.today)):
            continue
        if tag.implementation == "pypy":
            if tag.pypy_version is not None and tag.pypy_version.count(".") == 2:
                continue
            newest = knowledge.image_tags("pypy").pypy_versions.get(tag.minor_version)
            example = item.retagged(f"{tag.minor_version}-{newest}") if newest else None
            what = "the PyPy release"
        else:
            if tag.patch is not None:
                continue
            info = knowledge.python_version(tag.minor_version)
            newest = info.latest if info is not None and info.latest else None
            example = item.retagged(newest) if newest and newest[-1].isdigit() else None
            what = f"the {tag.minor_version}.x patch release"
        pin = f"pin it, e.g. '{example}', or pin a digest" if example else "pin it or a digest"
        yield Finding(item.span, f"image {item.shown} does not pin {what}: each rebuild may "
                                 f"get a different interpreter and base system; {pin}")


RULE = Rule(code="PY101", name="python-tag-no-patch", severity="info", check=check,
            doc=__doc__, enabled=False, tags=("python", "reproducibility"))
