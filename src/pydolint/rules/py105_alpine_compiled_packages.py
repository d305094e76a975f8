"""An Alpine-based stage pip-installs packages that have no musllinux wheel.

## What it does
On `python:*-alpine` and other Alpine bases, looks at the packages each pip
install names, on the command line and in the requirements files it reads
from the build context, and reports those with no musllinux wheel for the
version that will be installed: packages that never publish one (psycopg2,
scikit-learn...) and pins older than the first version that did (numpy
below 1.25). An unpinned package resolves to the newest release, which may
have wheels, so it is not reported. The knowledge lives in a dated data file.

## Why it matters
Without a wheel pip compiles from source: the build needs a compiler and
headers, takes minutes instead of seconds (numpy and pandas take half an
hour), and the image grows. The `-slim` variant installs the same packages
from manylinux wheels.

## Example
```dockerfile
FROM python:3.12-alpine
RUN pip install --no-cache-dir numpy==1.24.4 psycopg2==2.9.9
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir numpy==1.24.4 psycopg2-binary==2.9.9
```
"""

from pydolint.analysis.commands import installer_calls
from pydolint.analysis.python import base_distro, base_image
from pydolint.analysis.wheels import requested, source_build_reason
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        if base_distro(document, stage) != "alpine":
            continue
        for instruction, script, call in installer_calls(document, stage.instructions):
            if (call.tool, call.subcommand) not in (("pip", "install"), ("uv-pip", "install")):
                continue
            no_binary = call.option_values("--no-binary")
            compiled = [(source_build_reason(name, spec, "alpine", no_binary), where)
                        for name, spec, where in requested(document, instruction, call,
                                                           ctx.build_context)]
            compiled = [(reason, where) for reason, where in compiled if reason]
            if compiled:
                reasons = [reason for reason, _ in compiled]
                fixed_by_slim = [r for r in reasons if "no Linux wheels" not in r]
                advice = (f"use {_slim(document, stage)}, which has manylinux wheels for them"
                          if len(fixed_by_slim) == len(reasons) else
                          f"{_slim(document, stage)} has wheels for those that predate or lack "
                          "musllinux ones; the others compile on every base"
                          if fixed_by_slim else
                          "these compile on every base: install their build dependencies in a "
                          "builder stage, or use a binary distribution (psycopg2-binary)")
                yield Finding(script.command_span(call.command),
                              f"on Alpine, pip compiles from source: {'; '.join(reasons)}; this "
                              "needs a compiler and headers and makes the build slow and the "
                              f"image big; {advice}",
                              related=tuple(where for _, where in compiled if where))


def _slim(document, stage) -> str:
    _, tag = base_image(document, stage)
    if tag is None or not tag.version:
        return "a -slim base such as python:3.12-slim"
    return f"{'pypy' if tag.implementation == 'pypy' else 'python'}:{tag.version}-slim"


RULE = Rule(code="PY105", name="alpine-compiled-packages", severity="warning", check=check,
            doc=__doc__, tags=("python", "performance", "image-size"))
