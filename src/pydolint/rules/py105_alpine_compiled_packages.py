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

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from pydolint.analysis.commands import installer_calls
from pydolint.analysis.python import base_distro
from pydolint.analysis.requirements import requirement_files_of
from pydolint.diagnostics import Finding, RelatedLocation
from pydolint.knowledge import musllinux
from pydolint.model import Span
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        if base_distro(document, stage) != "alpine":
            continue
        for instruction, script, call in installer_calls(document, stage.instructions):
            if (call.tool, call.subcommand) not in (("pip", "install"), ("uv-pip", "install")):
                continue
            wanted = [(p.name, p.specifier, None) for p in call.packages if p.name]
            for _word, loaded in requirement_files_of(document, instruction, call,
                                                      ctx.build_context):
                for line in loaded.all_lines() if loaded else ():
                    if line.name and not line.option:
                        wanted.append((line.name, line.specifier, line))
            reasons = [r for r in (_no_wheel(*w[:2]) for w in wanted) if r]
            if reasons:
                related = tuple(RelatedLocation(line.path, Span.line(line.line, line.column,
                                                                     line.end_column), line.text)
                                for name, spec, line in wanted if line and _no_wheel(name, spec))
                yield Finding(script.command_span(call.command),
                              f"on Alpine, pip compiles from source: {'; '.join(reasons)}; this "
                              "needs a compiler and headers and makes the build slow and the "
                              f"image big; use {_slim(document, stage)}, which has manylinux wheels",
                              related=related)


def _slim(document, stage) -> str:
    from pydolint.analysis.stages import root_stage
    from pydolint.pythontag import parse_python_tag

    ref = root_stage(document, stage).image_ref
    tag = parse_python_tag(ref) if ref is not None else None
    if tag is None or not tag.version:
        return "a -slim base such as python:3.12-slim"
    return f"{tag.implementation if tag.implementation == 'pypy' else 'python'}:{tag.version}-slim"


def _no_wheel(name: str, specifier: str) -> str | None:
    info = musllinux(name)
    if info is None:
        return None
    if info.never_wheels or info.first_musllinux is None:
        return f"{name} has no musllinux wheels at all"
    try:
        allowed = SpecifierSet(specifier)
    except InvalidSpecifier:
        return None
    probes = [info.first_musllinux, Version("9999")]
    for clause in allowed:
        try:
            probes.append(Version(clause.version))
        except InvalidVersion:
            continue
    if any(v >= info.first_musllinux and allowed.contains(v, prereleases=True) for v in probes):
        return None
    return f"{name}{specifier} predates its first musllinux wheel ({info.first_musllinux})"


RULE = Rule(code="PY105", name="alpine-compiled-packages", severity="warning", check=check,
            doc=__doc__, tags=("python", "performance", "image-size"))
