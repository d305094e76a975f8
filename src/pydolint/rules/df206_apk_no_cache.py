"""`apk` keeps the package index in the image.

## What it does
Reports `apk add` without `--no-cache`, and `apk update`, when the index
they download stays in /var/cache/apk. It does not when the RUN has a cache
or tmpfs mount on /var/cache/apk, when a later command of the same RUN
deletes it (`rm -rf /var/cache/apk/*`), when `--no-network` keeps apk
offline, or when the packages go into a `--virtual` group that a later
`apk del` of the same RUN removes. Stages that are only copied from are
skipped.

## Why it matters
The index is a few megabytes per repository that nothing in the container
needs. `apk add --no-cache` fetches a fresh index, uses it and keeps
nothing, which also makes `apk update` and `--update` unnecessary.

## Example
```dockerfile
FROM alpine:3.20
RUN apk update && apk add curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
RUN --mount=type=cache,target=/var/cache/apk apk add git
```
"""

from pydolint.analysis.packages import (
    cleaned_after,
    insert_after_subcommand,
    package_calls,
    removed_later,
    with_onbuild,
)
from pydolint.analysis.stages import stage_ships
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    shipped = [i for s in document.stages if stage_ships(document, s, ctx.target_stage)
               for i in s.instructions]
    for call in package_calls(document, with_onbuild(shipped), ("apk",)):
        if call.subcommand not in ("add", "update") or call.has("--no-cache", "--no-network") \
                or cleaned_after(document, call, "apk-cache"):
            continue
        virtual = call.values("--virtual")
        if call.subcommand == "add" and virtual and virtual[-1] \
                and removed_later(document, call, virtual[-1]):
            continue
        if call.subcommand == "update":
            yield Finding(call.span, "`apk update` downloads the package index into "
                                     "/var/cache/apk in this layer; drop it and use `apk add "
                                     "--no-cache`, which fetches the index without keeping it")
            continue
        yield Finding(call.span, "`apk add` keeps the package index in /var/cache/apk in this "
                                 "layer; add --no-cache (`apk add --no-cache ...`), which also "
                                 "makes `apk update` and --update unnecessary",
                      fix=insert_after_subcommand(call, "--no-cache", "add --no-cache"))


RULE = Rule(code="DF206", name="apk-no-cache", severity="warning", check=check, doc=__doc__,
            aliases=("DL3019", "DS-0025"), fixable=True, tags=("image-size",))
