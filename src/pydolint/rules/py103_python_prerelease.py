"""The image is a pre-release of Python.

## What it does
Reports `python` images tagged with an alpha, beta or release candidate
(`python:3.15.0a3`, `python:3.15.0b2-slim`, `python:3.15.0rc1`) or a
floating pre-release tag (`python:3.15-rc-slim`, `python:rc`). When the final release is
out on the lint date, the message names its tag; otherwise it suggests the
newest stable version.

## Why it matters
Pre-releases change until the final release, get no security support once
it is out (the `-rc` tags stop being rebuilt), and many packages publish no
wheels for them, so builds compile from source or fail. They are for testing,
not for images you ship.

## Example
```dockerfile
FROM python:3.15-rc-slim
CMD ["python", "-c", "print('hi')"]
```

## Use instead
```dockerfile
FROM python:3.14-slim
CMD ["python", "-c", "print('hi')"]
```
"""

from pydolint import knowledge
from pydolint.analysis.python_tags import is_rc_alias, python_image_uses
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

KINDS = {"a": "an alpha", "b": "a beta", "r": "a release candidate"}


def check(ctx):
    for item in python_image_uses(ctx.document):
        tag = item.tag
        if tag.prerelease is None or not tag.known:
            continue
        stable = item.retagged(knowledge.image_tags(tag.image).latest)
        if is_rc_alias(tag):
            yield Finding(item.span, f"image {item.shown} follows the pre-releases of the next "
                                     "Python version: it changes with every alpha, beta and "
                                     "release candidate, gets no security support and often "
                                     f"lacks wheels; use a stable release, e.g. '{stable}'")
            continue
        kind = KINDS[tag.prerelease[0]] if tag.prerelease != "rc" else "the pre-release tag"
        info = knowledge.python_version(tag.minor_version)
        if info is not None and info.released <= ctx.today:
            advice = (f"Python {tag.minor_version}.0 was released on {info.released}: use "
                      f"'{item.retagged(tag.minor_version)}'")
        else:
            advice = f"use the newest stable release, e.g. '{stable}'"
        yield Finding(item.span, f"image {item.shown} is {kind} of Python {tag.minor_version}: "
                                 "pre-releases change until the final release, get no security "
                                 f"support and often lack wheels; {advice}")


RULE = Rule(code="PY103", name="python-prerelease", severity="warning", check=check,
            doc=__doc__, tags=("python", "reliability"))
