"""The image's Python version is past its end of life.

## What it does
Reports `python` images whose Python version reached its end of life before
the lint date, `python:2` and `python:3.8-slim` alike, and `pypy` images
whose series PyPy no longer builds. Floating tags count as the version they
point to. The dates come from a dated data file; the message gives the
end-of-life date and the oldest version still supported.

## Why it matters
An end-of-life Python gets no security fixes, and its image is no longer
rebuilt, so the Debian or Alpine packages under it stop getting fixes too.
New releases of your dependencies drop it, so upgrades get harder every
month you wait.

## Example
```dockerfile
FROM python:3.8-slim
CMD ["python", "-c", "print('hi')"]
```

## Use instead
```dockerfile
FROM python:3.13-slim
CMD ["python", "-c", "print('hi')"]
```
"""

from pydolint import knowledge
from pydolint.analysis.python_tags import points_to, python_image_uses, series_frozen
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    oldest = knowledge.oldest_supported_python(ctx.today)
    for item in python_image_uses(ctx.document):
        tag = item.tag
        if item.is_latest or not tag.known:
            continue
        version = points_to(tag)
        if tag.implementation == "pypy":
            stopped = series_frozen(tag, ctx.today)
            if stopped is not None:
                newest = knowledge.image_tags("pypy").latest
                yield Finding(item.span, f"image {item.shown} is PyPy for Python {version}, "
                                         f"whose images stopped being updated on {stopped}: "
                                         "PyPy no longer supports it and it gets no security "
                                         f"fixes; move to '{item.retagged(newest, False)}'")
            continue
        info = knowledge.python_version(version or "")
        if info is None or info.eol >= ctx.today:
            continue
        yield Finding(item.span, f"image {item.shown} is Python {version}, which reached its "
                                 f"end of life on "
                                 f"{info.eol} and gets no security fixes; the oldest supported "
                                 f"version on {ctx.today} is {oldest}: move to "
                                 f"'{item.retagged(oldest, False)}' or newer")


RULE = Rule(code="PY102", name="python-eol", severity="warning", check=check, doc=__doc__,
            tags=("python", "security"))
