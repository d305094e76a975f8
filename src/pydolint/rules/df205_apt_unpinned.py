"""An apt install names a package without a version.

## What it does
Reports each package of `apt-get install` and `apt install` given without
`=version` (`curl=7.88.1-10+deb12u8`). Local `.deb` files and paths,
variables that hold a whole package list (`$PACKAGES`) and pins through a
variable (`python3=${PY_VERSION}`) are not reported. A release selection
(`curl/bookworm-backports`) is not a version pin. Off by default: exact
versions disappear from Debian's mirrors with each point release, so pinning
everything trades reproducibility for builds that break.

## Why it matters
Without a version the build installs whatever the index offers that day, so
two builds of the same Dockerfile can contain different software.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    && rm -rf /var/lib/apt/lists/*
```
"""

from pydolint.analysis.packages import package_calls, with_onbuild
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for call in package_calls(document, with_onbuild(document.instructions), ("apt",)):
        if call.subcommand != "install":
            continue
        for package in call.packages:
            if package.kind == "package" and not package.pinned:
                yield Finding(call.word_span(package.word),
                              f"`{package.word.text}` is not pinned; install "
                              f"`{package.name}=<version>` (`apt-cache policy {package.name}` "
                              "lists the versions)")


RULE = Rule(code="DF205", name="apt-unpinned", severity="info", check=check, doc=__doc__,
            enabled=False, aliases=("DL3008",), tags=("reproducibility",))
