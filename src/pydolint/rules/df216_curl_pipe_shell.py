"""A RUN runs a script straight from the network without checking it.

## What it does
Reports downloads (`curl`, `wget`) that a RUN hands to a shell or to Python
without any checksum or signature check in the same RUN:

- piped: `curl ... | sh`, `wget -O- ... | bash`, `curl ... | sudo sh -s --`,
  `curl ... | python3 -`;
- substituted: `sh -c "$(curl ...)"`, `bash <(curl ...)`, `eval "$(curl ...)"`;
- saved and run: `curl -o install.sh ... && sh install.sh`.

A RUN that also checks a checksum or a signature (`sha256sum -c`,
`gpg --verify`, `cosign verify`, `minisign -V`...) is not reported. Windows
stages are skipped.

## Why it matters
Whatever the server sends runs as root in the build: a compromised or
hijacked site, a truncated download or a changed installer silently changes
the image. Pinning the script's checksum makes the build fail instead, and
installing the tool from a package or a pinned image (`COPY --from=`) is
easier still.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -sSL https://install.python-poetry.org | python3 -
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir poetry==1.8.3
```
"""

from pydolint.analysis.commands import all_run_scripts
from pydolint.analysis.downloads import executions, verifies
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

HOW = {"pipe": "pipes `{url}` into `{runner}`",
       "substitution": "feeds `{url}` to `{runner}` through a command substitution",
       "file": "saves `{url}` and runs it (`{runner}`)"}


def check(ctx):
    document = ctx.document
    for _instruction, script in all_run_scripts(document):
        if verifies(document, script):
            continue
        shown = set()
        for run in executions(document, script):
            fetched = run.download
            if run.how not in HOW or fetched.command.start in shown:
                continue
            shown.add(fetched.command.start)
            url = fetched.urls[0].text if fetched.urls else "the download"
            done = HOW[run.how].format(url=url, runner=run.interpreter.name)
            save = "" if run.how == "file" else "save it to a file, "
            yield Finding(script.command_span(fetched.command),
                          f"this RUN {done} without a checksum or signature check; {save}"
                          "check it with `sha256sum -c` against a pinned hash (or a "
                          "signature) before running it, or install the tool from a "
                          "package")


RULE = Rule(code="DF216", name="curl-pipe-shell", severity="warning", check=check,
            doc=__doc__, tags=("security",))
