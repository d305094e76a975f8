"""A package named on the pip command line has no exact version.

## What it does
Reports packages named to `pip install` or `uv pip install` (in `RUN` or
`ONBUILD RUN`) without an exact `==` or `===` version (`flask`, `flask>=3`,
`requests==`), unless a constraints file is in effect (`-c`,
`PIP_CONSTRAINT` / `UV_CONSTRAINT`, or a `-c` line in a requirements file
the same install reads). Unlike hadolint, the named packages are checked
even when `-r` or `.` is also installed. Local paths, wheels, URLs, `.` and
`-e .` are not reported, nor are `pip`, `setuptools` and `wheel` in an
`--upgrade` (PY307 covers those).

## Why it matters
An unpinned package resolves to whatever is newest on the day of the build:
the same Dockerfile builds a different image next month, and a new major
release can break the app without any change to the code.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask "gunicorn>=22"
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3 gunicorn==23.0.0
```
"""

from pydolint.analysis.dependencies import constrained, installs, requirement_files
from pydolint.analysis.packages import with_onbuild
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

INSTALLS = {("pip", "install"), ("uv-pip", "install")}
UPGRADE_TOOLS = {"pip", "setuptools", "wheel"}  # PY307's


def check(ctx):
    document = ctx.document
    for install in installs(document, with_onbuild(document.instructions)):
        call = install.call
        if (call.tool, call.subcommand) not in INSTALLS or constrained(
                install, requirement_files(document, install, ctx.build_context)):
            continue
        upgrade = call.has_option("--upgrade")
        for package in call.packages:
            if package.name is None or package.is_url or package.is_local \
                    or (upgrade and package.name in UPGRADE_TOOLS):
                continue
            specifier = package.specifier.strip()
            if package.pinned and not specifier.endswith("="):
                continue
            if specifier.rstrip("=") == "":
                why = "has an empty version" if specifier else "has no version"
            else:
                why = "names a range of versions"
            yield Finding(install.script.word_span(package.word),
                          f"`{package.word.text}` {why}, so each build installs whatever is "
                          f"newest that day; pin it (`{package.name}==<version>`) or install "
                          "with a constraints file (`-c constraints.txt`)")


RULE = Rule(code="PY302", name="pip-unpinned-package", severity="warning", check=check,
            doc=__doc__, aliases=("DL3013",), tags=("python", "reproducibility"))
