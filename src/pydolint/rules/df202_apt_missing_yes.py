"""An apt command that changes packages waits for a "Do you want to continue?" answer.

## What it does
Reports `apt-get` and `apt` commands that install, upgrade or remove
packages (`install`, `reinstall`, `upgrade`, `dist-upgrade`, `full-upgrade`,
`remove`, `purge`, `autoremove`, `build-dep`, `satisfy`) without `-y`. Any
spelling counts, in any position: `-y`, `--yes`, `--assume-yes`, combined
short flags such as `-qy`, quiet level 2 (`-qq`, `-q -q`, `-q=2`, which
implies `-y`), `-o APT::Get::Assume-Yes=true`, an `APT::Get::Assume-Yes
"true";` line written to /etc/apt/apt.conf.d before, and `yes |` in front.
`DEBIAN_FRONTEND=noninteractive` does not count: it silences debconf's
questions, not apt's confirmation. Simulations (`-s`) are not reported.

## Why it matters
A build has no terminal to answer on. As soon as apt wants to install one
package more than was named (a dependency) it asks, reads end of file and
aborts, and the build fails, sometimes only after a base image update.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get -qqy install --no-install-recommends git
```
"""

from pydolint.analysis.packages import (
    apt_config_unseen,
    apt_quiet,
    apt_setting,
    insert_after_subcommand,
    package_calls,
    piped_from,
    with_onbuild,
)
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for call in package_calls(document, with_onbuild(document.instructions), ("apt",)):
        if not call.prompts or call.has("--yes", "--simulate") \
                or apt_quiet(call) >= 2 or apt_config_unseen(document, call.instruction) \
                or apt_setting(document, call, "APT::Get::Assume-Yes"):
            continue
        feeder = piped_from(document, call)
        if feeder is not None and feeder.basename == "yes":
            continue
        yield Finding(call.span,
                      f"`{call.shown}` without -y stops at apt's confirmation prompt and the "
                      f"build aborts; add -y (`{call.shown} -y`); DEBIAN_FRONTEND does not "
                      "answer this prompt",
                      fix=insert_after_subcommand(call, "-y", "add -y"))


RULE = Rule(code="DF202", name="apt-missing-yes", severity="warning", check=check,
            doc=__doc__, aliases=("DL3014", "DS-0021"), fixable=True, tags=("reliability",))
