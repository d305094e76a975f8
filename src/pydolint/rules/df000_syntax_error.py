"""Input that BuildKit rejects before the build starts.

## What it does
Reports what Docker's parser would refuse: an unterminated heredoc, an
instruction without its arguments, a JSON array of non-strings, a duplicate
parser directive, a bad `# escape=` value, an unknown flag, an instruction
before the first FROM, an image name that is no valid reference, a line over
BuildKit's 64 KiB limit. Parsing goes on after an error, so the rest of the
file is still checked. Bytes BuildKit reads but no Dockerfile should hold
(invalid UTF-8, NUL bytes) are reported as warnings.

## Why it matters
`docker build` stops at the first of these, usually after minutes of CI time.
Finding them while editing is cheaper.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY requirements.txt /app/
```
"""

from pydolint.diagnostics import Finding, Severity
from pydolint.rule import Rule


def check(ctx):
    for issue in ctx.document.errors:
        if issue.code == "DF000":
            yield Finding(issue.span, issue.message,
                          severity=Severity.WARNING if issue.warning else None)


RULE = Rule(code="DF000", name="syntax-error", severity="error", check=check, doc=__doc__,
            aliases=("DL1000", "DL3043", "DL3061"), tags=("correctness",))
