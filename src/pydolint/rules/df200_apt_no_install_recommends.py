"""An apt install also installs every package its packages recommend.

## What it does
Reports `apt-get install` and `apt install` (also in ONBUILD) without
`--no-install-recommends`. The flag counts in any position, and so do
`-o APT::Install-Recommends=false` (or `0`, `no`, `off`) and an
`APT::Install-Recommends "false";` line that an earlier instruction, or the
same RUN, writes to /etc/apt/apt.conf.d. When an earlier COPY or ADD put a
file there whose content pydolint cannot see, nothing is reported.

## Why it matters
By default apt also installs what the requested packages merely recommend:
documentation tools, X11 and font libraries, a mail server for `cron`... They
are not needed for the packages to work, often double the install, and make
the image contain more than anyone asked for.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```
"""

from pydolint.analysis.packages import (
    apt_config_unseen,
    apt_setting,
    insert_after_subcommand,
    package_calls,
    with_onbuild,
)
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for call in package_calls(document, with_onbuild(document.instructions), ("apt",)):
        if call.subcommand not in ("install", "satisfy"):
            continue
        if apt_setting(document, call, "APT::Install-Recommends") is False \
                or apt_config_unseen(document, call.instruction):
            continue
        names = [p.word.text for p in call.packages]
        shown = " ".join(names[:3]) + (" ..." if len(names) > 3 else "")
        what = (f"the packages that {shown} recommend{'s' * (len(names) == 1)}" if names
                else "recommended packages")
        example = f"{call.shown} --no-install-recommends {shown}".strip()
        yield Finding(call.span,
                      f"`{call.shown}` also installs {what}; add --no-install-recommends "
                      f"(`{example}`), naming any recommended package you do need",
                      fix=insert_after_subcommand(call, "--no-install-recommends",
                                                  "add --no-install-recommends", "unsafe"))


RULE = Rule(code="DF200", name="apt-no-install-recommends", severity="warning", check=check,
            doc=__doc__, aliases=("DL3015", "DS-0029"), fixable=True, tags=("image-size",))
