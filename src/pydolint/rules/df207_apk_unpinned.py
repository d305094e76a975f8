"""An apk install names a package without a version.

## What it does
Reports each package of `apk add` given without a version constraint
(`curl=8.9.1-r2`, `curl~8.9`, `curl>=8`). Not reported: `!name` conflicts
(`apk add !pyc`), the name of a `--virtual` group, local `.apk` files and
paths, and variables holding package lists. Off by default: Alpine removes
old package versions from its repositories, so exact pins break builds
unless they are kept up to date.

## Why it matters
Without a version the build installs whatever the repository offers that
day, so two builds of the same Dockerfile can contain different software. A
`~` constraint (`curl~8.9`) keeps the series and still takes security fixes.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl~8.9 'tzdata>=2024a'
```
"""

from pydolint.analysis.packages import package_calls, with_onbuild
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for call in package_calls(document, with_onbuild(document.instructions), ("apk",)):
        if call.subcommand != "add":
            continue
        for package in call.packages:
            if package.kind == "package" and not package.pinned:
                yield Finding(call.word_span(package.word),
                              f"`{package.word.text}` is not pinned; install "
                              f"`{package.name}=<version>` or `{package.name}~<major.minor>` "
                              f"(`apk policy {package.name}` lists the versions)")


RULE = Rule(code="DF207", name="apk-unpinned", severity="info", check=check, doc=__doc__,
            enabled=False, aliases=("DL3018",), tags=("reproducibility",))
