"""EXPOSE publishes the SSH port 22.

## What it does
Reports EXPOSE instructions whose ports include 22 over TCP: `22`,
`22/tcp`, or a range such as `20-30`. Variables are substituted first.
`22/udp` is not SSH and is left alone.

## Why it matters
Exposing 22 means the container runs an SSH server: another daemon to keep
patched, keys or passwords to manage, and a way into the container that
bypasses Docker's own access control. `docker exec` (or `kubectl exec`)
gives a shell without any of that.

## Example
```dockerfile
FROM python:3.12-slim
EXPOSE 22 8000
CMD ["python", "-m", "http.server", "8000"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
EXPOSE 8000
CMD ["python", "-m", "http.server", "8000"]
```
"""

import re

from pydolint.diagnostics import Finding
from pydolint.rule import Rule

PORTS = re.compile(r"^(\d+)(?:-(\d+))?(?:/(\w+))?$")


def check(ctx):
    for instruction in ctx.document.all_instructions():
        if instruction.keyword != "EXPOSE":
            continue
        for word in instruction.args:
            expanded = instruction.variables.expand(word.text)
            text = expanded.result if expanded is not None else word.text
            match = PORTS.match(text.strip())
            if match is None or (match.group(3) or "tcp").lower() != "tcp":
                continue
            low, high = int(match.group(1)), int(match.group(2) or match.group(1))
            if low <= 22 <= high:
                shown = "" if text == word.text else f" (`{text}`)"
                yield Finding(word.span, f"`EXPOSE {word.text}`{shown} publishes port 22, SSH: "
                                         "do not run an SSH server in the container; use "
                                         "`docker exec` for a shell and drop port 22")


RULE = Rule(code="DF402", name="ssh-port-exposed", severity="warning", check=check,
            doc=__doc__, aliases=("CKV_DOCKER_1", "DS-0004"), tags=("security",))
