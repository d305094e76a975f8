"""pip, setuptools or wheel is upgraded to whatever version is newest.

## What it does
Reports `pip install --upgrade pip` (or `-U`, `python -m pip`, `uv pip
install -U`) and the same for `setuptools` and `wheel`, when the package has
no exact `==` version.

## Why it matters
The upgrade installs the newest release on the day of the build, so two
builds of the same Dockerfile get different tools, and a new pip or
setuptools release (they drop old behaviour regularly) can break the build
without any change to the project. The `python` images already ship a
recent pip; pin what you upgrade to.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir --upgrade pip setuptools
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir --upgrade pip==24.3.1 setuptools==75.6.0
```
"""

from pydolint.analysis.commands import installer_calls
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

INSTALLS = {("pip", "install"), ("uv-pip", "install")}
TOOLS = {"pip", "setuptools", "wheel"}


def check(ctx):
    document = ctx.document
    for _instruction, script, call in installer_calls(document, document.instructions):
        if (call.tool, call.subcommand) not in INSTALLS or not call.has_option("--upgrade"):
            continue
        for package in call.packages:
            specifier = package.specifier.strip()
            if package.name in TOOLS and not (package.pinned and not specifier.endswith("=")):
                yield Finding(script.word_span(package.word),
                              f"`--upgrade {package.word.text}` installs the newest {package.name} "
                              "on the day of the build, so the build is not reproducible; pin "
                              f"it (`{package.name}==<version>`) or drop the upgrade")


RULE = Rule(code="PY307", name="pip-upgrade-unpinned", severity="info", check=check,
            doc=__doc__, tags=("python", "reproducibility"))
