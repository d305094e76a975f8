"""`apt-get update` runs in a RUN that installs nothing.

## What it does
Reports `apt-get update` and `apt update` when nothing after it in the same
RUN uses the fresh index: no apt `install`, `upgrade`, `dist-upgrade`,
`build-dep`, `source`, `download` or `satisfy`, no `apt-cache`, and no script
whose effect pydolint cannot see (`./install.sh`, `curl ... | sh`, `make`).

## Why it matters
Docker caches each RUN as a layer. A RUN with only `apt-get update` is built
once and then reused, while the RUN that installs runs again whenever it
changes, against that old index: it installs outdated versions, or fails
because the versions it names have left the mirror. Updating and installing
in one RUN always installs from a current index.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```
"""

from pydolint.analysis.packages import package_calls, run_commands, runs_unseen_script, with_onbuild
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

USES_INDEX = {"install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "build-dep",
              "source", "download", "satisfy", "changelog"}
INDEX_READERS = {"apt-cache", "aptitude", "apt-file"}


def check(ctx):
    document = ctx.document
    for call in package_calls(document, with_onbuild(document.instructions), ("apt",)):
        if call.subcommand != "update":
            continue
        later = [command for order, _script, command
                 in run_commands(document, call.instruction) if order > call.order]
        if any(command.basename in INDEX_READERS or runs_unseen_script(command)
               for command in later):
            continue
        if any(other.family == "apt" and other.order > call.order and other.subcommand
               in USES_INDEX for other in package_calls(document, [call.instruction])):
            continue
        yield Finding(call.span,
                      f"`{call.shown}` installs nothing in this RUN, so a later RUN installs "
                      "from the index cached with this layer, however old; run "
                      "`apt-get update && apt-get install -y ...` in one RUN")


RULE = Rule(code="DF204", name="apt-update-alone", severity="warning", check=check,
            doc=__doc__, aliases=("CKV_DOCKER_5", "DS-0017"), tags=("reproducibility",))
