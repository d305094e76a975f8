"""A RUN calls a command that makes no sense while building an image.

## What it does
Reports `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`,
`mount` and `ifconfig` called in RUN scripts (also after `sudo`, in `sh -c`
strings and heredocs). Arguments are not commands: `apt-get install vim` is
not reported. Windows stages are skipped.

## Why it matters
A RUN step runs once, without a terminal, in a throw-away container whose
processes end with the step. Interactive tools hang or fail, daemons started
with `service` are gone before the image is saved, and process or network
inspection describes the builder, not the container that will run. Such
commands are leftovers from a shell session, or a sign that something meant
for run time belongs in CMD or ENTRYPOINT.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
RUN service nginx start
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
CMD ["nginx", "-g", "daemon off;"]
```
"""

from pydolint.analysis.programs import calls
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

WHY = {
    "ssh": "a build has no terminal and no keys unless they are baked in; fetch with "
           "`RUN --mount=type=ssh` or COPY the files instead",
    "vim": "an interactive editor cannot run in a build; edit with `sed` or COPY the edited file",
    "shutdown": "a build step cannot shut anything down; remove it",
    "service": "the daemon it starts ends with this RUN and never runs in the container; start "
               "it from CMD or ENTRYPOINT",
    "ps": "it lists this build step's processes, not the container's; remove it",
    "free": "it shows the builder's memory, not the container's; remove it",
    "top": "it shows the builder's processes and load, not the container's; remove it",
    "kill": "nothing started in a RUN outlives it, so there is nothing to kill later; remove it",
    "mount": "a build step has no privilege to mount; use `RUN --mount=type=...` instead",
    "ifconfig": "it shows the builder's network, not the container's; remove it",
}


def check(ctx):
    document = ctx.document
    for call in calls(document, document.instructions, *WHY):
        yield Finding(call.script.word_span(call.command.argv[0]),
                      f"`{call.command.argv[0].text}` makes no sense in a RUN: {WHY[call.name]}")


RULE = Rule(code="DF214", name="pointless-command", severity="info", check=check,
            doc=__doc__, aliases=("DL3001",), tags=("best-practice",))
