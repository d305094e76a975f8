"""The container runs as root.

## What it does
Looks at the stage that becomes the image (the last one, or `--target`). It
reports when the last `USER` is root (`root`, `0`, `root:root`, `0:0`; user
names are case-sensitive, so `USER ROOT` is not root but a user the image
lacks), or when there is no `USER` at all and the base image is not known to
default to an unprivileged user. Images that do (distroless `:nonroot`,
Chainguard, Bitnami, the Jupyter stacks...) are listed in a data file. A
`gosu`, `su-exec` or `setpriv` drop in the `ENTRYPOINT` counts as switching
user.

## Why it matters
A process running as root in a container is root on the host's kernel: one
escape or mounted volume away from the host. Most apps need no privileges at
run time.

## Example
```dockerfile
FROM python:3.12-slim
COPY app.py /app/
CMD ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home --uid 10001 app
COPY app.py /app/
USER app
CMD ["python", "/app/app.py"]
```
"""

import re

from pydolint.analysis.stages import is_windows_stage, last_instruction, root_stage, target_stage
from pydolint.diagnostics import Finding
from pydolint.knowledge import default_user
from pydolint.rule import Rule

ROOT_USER = re.compile(r"^(root|0)(:(root|0))?$")  # names match /etc/passwd exactly
PRIVILEGE_DROPPERS = re.compile(r"(^|[\s/\"'])(gosu|su-exec|setpriv|runuser)([\s\"']|$)")


def check(ctx):
    document = ctx.document
    stage = target_stage(document, ctx.target_stage)
    if stage is None or is_windows_stage(document, stage):
        return
    entrypoint = last_instruction(document, stage, "ENTRYPOINT")
    if entrypoint and PRIVILEGE_DROPPERS.search(" ".join(entrypoint.value)):
        return
    user = last_instruction(document, stage, "USER")
    if user is not None:
        expanded = user.variables.expand(user.value[0] if user.value else "")
        if expanded is not None and not expanded.unmatched and ROOT_USER.match(
                expanded.result.strip()):
            yield Finding(user.span, f"the image runs as root (USER {expanded.result.strip()}); "
                                     "switch to an unprivileged user for the final USER")
        return
    base = root_stage(document, stage)
    ref = base.image_ref
    if ref is not None and default_user(ref) is not None:
        return
    if base.is_scratch:
        why = "'scratch' has no users, so processes run as UID 0"
    elif ref is None:
        why = f"the base image '{base.image}' is not known until build time"
    elif ref.is_official:
        why = f"'{ref.familiar}' runs as root by default"
    else:
        why = f"the default user of '{ref.familiar}' is unknown to pydolint"
    yield Finding(stage.from_instruction.span,
                  f"the image runs as root: the final stage has no USER and {why}; add "
                  "'USER <name>' after creating an unprivileged user")


RULE = Rule(code="DF400", name="runs-as-root", severity="warning", check=check, doc=__doc__,
            aliases=("DL3002", "CKV_DOCKER_3", "CKV_DOCKER_8", "DS-0002"), tags=("security",))
