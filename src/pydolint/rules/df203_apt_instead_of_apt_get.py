"""A RUN uses `apt`, the interactive front end, instead of `apt-get`.

## What it does
Reports every `apt` command in a RUN (also behind `sudo`, in `sh -c`
strings, heredocs and ONBUILD), whatever its subcommand.

## Why it matters
`apt` is made for people at a terminal: its output and behaviour may change
between releases, and it says so on every run ("WARNING: apt does not have a
stable CLI interface. Use with caution in scripts."). `apt-get` and
`apt-cache` are the stable interfaces for scripts. `apt upgrade` also
differs from `apt-get upgrade`: it installs new dependencies.

## Example
```dockerfile
FROM debian:12-slim
RUN apt update && apt install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```
"""

from pydolint.analysis.packages import package_calls, with_onbuild
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

APT_CACHE = {"search", "show", "showsrc", "policy", "depends", "rdepends", "showpkg"}
RENAMED = {"full-upgrade": "dist-upgrade"}


def check(ctx):
    document = ctx.document
    for call in package_calls(document, with_onbuild(document.instructions), ("apt",)):
        if call.manager != "apt":
            continue
        sub = call.subcommand or "<command>"
        if sub in APT_CACHE:
            instead = f"`apt-cache {sub}`"
        elif sub == "list":
            instead = "`dpkg-query --list` (installed) or `apt-cache policy`"
        else:
            instead = f"`apt-get {RENAMED.get(sub, sub)}`"
        yield Finding(call.word_span(call.command.argv[0]),
                      f"`apt {sub}` uses apt's interactive front end, whose command line is "
                      f"not stable for scripts; use {instead}")


RULE = Rule(code="DF203", name="apt-instead-of-apt-get", severity="warning", check=check,
            doc=__doc__, aliases=("DL3027", "CKV_DOCKER_9"), tags=("reliability",))
