"""A requirements file is installed without hash checking.

## What it does
Reports each `-r` file of `pip install`, `uv pip install` and `uv pip sync`
when no hash checking is in effect: no `--require-hashes` (or
`PIP_REQUIRE_HASHES` / `UV_REQUIRE_HASHES`) and no `--hash` in the file or
the files it includes. The files are read from the build context (or a
`COPY <<EOF` heredoc); a file that cannot be read is not reported.

## Why it matters
Pinned versions say which release to install, not which bytes: without
hashes pip accepts whatever file the index or a mirror serves under that
name and version. With hashes in the file, pip checks every download and
refuses anything else, which guards against a compromised index or proxy.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```
```text file=requirements.txt
flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```
```text file=requirements.txt
flask==3.0.3 \
    --hash=sha256:34e815dfaa43340d1d15a5c3a02b8476004037eb4840b34910c6e21679d288f3
```
"""

from pydolint.analysis.dependencies import hashes_required, installs, requirement_files
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

INSTALLS = {("pip", "install"), ("uv-pip", "install"), ("uv-pip", "sync")}


def check(ctx):
    document = ctx.document
    for install in installs(document, document.instructions):
        if (install.tool, install.subcommand) not in INSTALLS:
            continue
        loaded = requirement_files(document, install, ctx.build_context)
        if hashes_required(install, loaded):
            continue
        for word, path in install.requirements:
            files = [f for f in loaded if f.word is word and not f.constraint]
            if not files or any(f.file is None for f in files):
                continue  # not read: whether it has hashes is unknown
            yield Finding(install.script.word_span(word),
                          f"{path} is installed without hashes, so the installer accepts "
                          "whatever files the index serves for these versions; generate the "
                          "file with hashes (`pip-compile --generate-hashes` or `uv pip "
                          "compile --generate-hashes`) and the installer checks every download")


RULE = Rule(code="PY406", name="requirements-without-hashes", severity="info", check=check,
            doc=__doc__, enabled=False, tags=("python", "security"))
