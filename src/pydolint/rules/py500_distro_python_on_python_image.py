"""A stage built on the official python image installs the distribution's Python.

## What it does
On the official `python` images, reports apt and apk installs of the
distribution's own Python or packages for it: `python3`, `python3.11`,
`python-is-python3`, `python3-pip`, `python3-venv`, `python3-dev` and any
other `python3-*` package on Debian; `python3`, `python3-dev` and `py3-*`
packages on Alpine.

## Why it matters
The image's Python lives in /usr/local/bin and is first on PATH. The
distribution's packages install and serve a second interpreter,
/usr/bin/python3, usually another version: `python3-pip` is pip for that
interpreter, `python3-dev` holds its headers (the image already has its own),
and a `python3-yaml` module is invisible to the image's `python`. The image
grows by tens of megabytes and scripts end up on whichever interpreter comes
first.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3-pip \
    && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN python -m pip install --no-cache-dir --upgrade pip==24.2
```
"""

from fnmatch import fnmatchcase

from pydolint.analysis.packages import package_calls
from pydolint.analysis.python import base_image
from pydolint.diagnostics import Finding
from pydolint.knowledge import package_patterns
from pydolint.rule import Rule

ADVICE = {"pip": "the image already has pip: use `python -m pip`",
          "venv": "the image's Python has venv built in: `python -m venv /opt/venv`",
          "dev": "the image already has the headers of its own Python",
          "distutils": "install setuptools with pip for the image's Python",
          "setuptools": "install setuptools with pip for the image's Python"}


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        _, tag = base_image(document, stage)
        if tag is None or tag.implementation != "cpython" or tag.family == "windows":
            continue
        family = "alpine" if tag.family == "alpine" else "debian"
        patterns = package_patterns("distro_python", family)
        version = f" ({tag.minor_version})" if tag.minor_version else ""
        for call in package_calls(document, stage.instructions, ("apk", "apt")):
            for package in call.packages if call.installs else ():
                name = package.name or ""
                if package.kind != "package" or not any(fnmatchcase(name, p) for p in patterns):
                    continue
                suffix = name.split("-", 1)[1] if "-" in name else ""
                advice = ADVICE.get(suffix) or (
                    f"pip-install the PyPI package that provides `{suffix}` instead" if suffix
                    and not name.startswith("python-is") else
                    "the image's `python` and `python3` are already first on PATH")
                yield Finding(call.word_span(package.word),
                              f"`{package.word.text}` belongs to {family.title()}'s own Python "
                              f"at /usr/bin/python3, a second interpreter next to the image's "
                              f"/usr/local/bin/python{version}; {advice}")


RULE = Rule(code="PY500", name="distro-python-on-python-image", severity="warning",
            check=check, doc=__doc__, tags=("python", "image-size"))
