"""`MAINTAINER` is deprecated.

## What it does
Reports the `MAINTAINER` instruction and offers to replace it with
`LABEL maintainer="..."`, which sets the same `maintainer` label that
`docker inspect` and registries show. (`org.opencontainers.image.authors`
is the OCI standard label, if you follow those annotations.)

## Why it matters
`MAINTAINER` has been deprecated since Docker 1.13; BuildKit warns on every
build (`MaintainerDeprecated`). A label carries the same information,
can be queried with `docker inspect`, and sits with the image's other
metadata.

## Example
```dockerfile
FROM python:3.12-slim
MAINTAINER Jane Doe <jane@example.org>
```

## Use instead
```dockerfile
FROM python:3.12-slim
LABEL maintainer="Jane Doe <jane@example.org>"
```
"""

from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.rule import Rule


def check(ctx):
    for instruction in ctx.document.instructions:
        if instruction.keyword != "MAINTAINER" or not instruction.value:
            continue
        value = instruction.value[0].strip()
        if value[:1] == value[-1:] and value[:1] in "\"'" and len(value) > 1:
            value = value[1:-1]
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        label = f'LABEL maintainer="{escaped}"'
        fix = None
        if not any(c in value for c in '"\\`$') and instruction.start_line == instruction.end_line:
            span = Span(instruction.start_line, instruction.column, instruction.end_line,
                        instruction.end_column)
            fix = Fix((Edit(span, label),), description=f"write {label}")
        yield Finding(instruction.keyword_span, f"MAINTAINER is deprecated: write `{label}` "
                                                "instead", fix=fix)


RULE = Rule(code="DF502", name="maintainer-deprecated", severity="warning", check=check,
            doc=__doc__, aliases=("DL4000", "MaintainerDeprecated", "CKV_DOCKER_6", "DS-0022"), fixable=True,
            tags=("style",))
