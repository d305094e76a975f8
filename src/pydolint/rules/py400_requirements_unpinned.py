"""A requirements file the image installs names a package without an exact version.

## What it does
Reads the requirements files that `pip install -r` (also `pip wheel`, `pip
download`, `uv pip install`, `uv pip sync`) installs, from the build context
or a `COPY <<EOF` heredoc, following WORKDIR, `cd`, COPY destinations and
nested `-r` files, and reports each requirement without an exact `==` or
`===` version. Nothing is reported when hashes are in effect (pip then
insists on pins itself) or a constraints file is (`-c` on the command line
or in a file, `PIP_CONSTRAINT`). Paths, URLs and editable lines are not
reported. The finding is at the line of the requirements file; the RUN that
installs it is given as a related location.

## Why it matters
An unpinned requirement resolves to whatever is newest on the day of the
build, so the same commit builds different images, and a release of any
dependency can break the app without a change to the code.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```
```text file=requirements.txt
flask>=3.0
gunicorn
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```
```text file=requirements.txt
flask==3.0.3
gunicorn==23.0.0
```
"""

from pydolint.analysis.context_files import requirement_location
from pydolint.analysis.dependencies import (
    constrained,
    hashes_required,
    installs,
    requirement_files,
)
from pydolint.diagnostics import Finding, RelatedLocation
from pydolint.rule import Rule

INSTALLS = {("pip", "install"), ("pip", "wheel"), ("pip", "download"), ("uv-pip", "install"),
            ("uv-pip", "sync")}


def check(ctx):
    document = ctx.document
    seen = set()
    for install in installs(document, document.instructions):
        if (install.tool, install.subcommand) not in INSTALLS:
            continue
        loaded = requirement_files(document, install, ctx.build_context)
        if constrained(install, loaded) or hashes_required(install, loaded):
            continue
        run = install.script.command_span(install.call.command)
        for found in loaded:
            for line in found.file.lines if found.file and not found.constraint else ():
                if line.option or line.name is None or line.url or line.vcs or line.local \
                        or line.pinned or (found.file.path, line.line) in seen:
                    continue
                seen.add((found.file.path, line.line))
                path, span = requirement_location(ctx, found, line)
                why = f"allows a range of versions (`{line.specifier}`)" if line.specifier \
                    else "has no version"
                yield Finding(span, f"`{line.text}` {why}, so each build installs whatever "
                                    "is newest that day; pin it "
                                    f"(`{line.name}==<version>`), e.g. with `pip-compile` or "
                                    "`uv pip compile`, or add a constraints file",
                              path=path,
                              related=(RelatedLocation(ctx.path, run, "installed here"),))


RULE = Rule(code="PY400", name="requirements-unpinned", severity="warning", check=check,
            doc=__doc__, tags=("python", "reproducibility"))
