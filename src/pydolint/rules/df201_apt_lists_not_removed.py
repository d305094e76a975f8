"""`apt-get update` leaves the package lists in the image.

## What it does
Reports `apt-get update` and `apt update` in a RUN that does not delete
/var/lib/apt/lists afterwards. The lists are gone when a later command of
the same RUN runs `rm -rf /var/lib/apt/lists/*` (or removes a directory
above it) or `apt-get dist-clean`, or when the RUN has a cache or tmpfs
mount on /var/lib/apt/lists or a directory above it (/var/lib/apt).
Stages that are only copied from are skipped: their lists never reach the
image. A cache mount on /var/cache/apt alone does not count: it holds the
downloaded .deb files, not the lists.

## Why it matters
The lists are tens of megabytes of package indexes that nothing in the
running container needs. Deleted in a later RUN they still take up space in
the earlier layer, so the cleanup has to happen in the RUN that downloads
them.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends git
```
"""

from pydolint.analysis.packages import cleaned_after, mounted_over, package_calls, with_onbuild
from pydolint.analysis.stages import stage_ships
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    shipped = [i for s in document.stages if stage_ships(document, s, ctx.target_stage)
               for i in s.instructions]
    for call in package_calls(document, with_onbuild(shipped), ("apt",)):
        if call.subcommand != "update" or cleaned_after(document, call, "apt-lists"):
            continue
        mount = mounted_over(call.instruction, "/var/cache/apt")
        note = (f" (the cache mount on {mount} holds the .deb files, not the lists)"
                if mount else "")
        yield Finding(call.span,
                      f"`{call.shown}` leaves the package lists in /var/lib/apt/lists in this "
                      f"layer{note}; end the same RUN with `rm -rf /var/lib/apt/lists/*` (or "
                      "`apt-get dist-clean` on apt 3), or mount a cache on /var/lib/apt")


RULE = Rule(code="DF201", name="apt-lists-not-removed", severity="warning", check=check,
            doc=__doc__, aliases=("DL3009",), tags=("image-size",))
