"""`sudo` in a RUN instruction.

## What it does
Reports `sudo` wherever a RUN script calls it: at the start of a command,
after `&&` or `|`, inside `sh -c '...'` strings, heredoc scripts and command
substitutions, or behind wrappers such as `env` or `nice`. Windows stages
(PowerShell, cmd) are skipped.

## Why it matters
RUN already runs as root unless a `USER` instruction switched to another
user, and a build has no terminal to answer a password prompt. `sudo` also
behaves unpredictably in a container: it resets `PATH` and the environment
according to `/etc/sudoers`, needs a TTY in some configurations, and once
installed it hands the runtime user a way back to root. Run privileged steps
before `USER`, or switch with `USER root` and back; to drop privileges in an
entrypoint, use `gosu` or `su-exec`.

## Example
```dockerfile
FROM python:3.12-slim
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
```
"""

from pydolint.analysis.programs import calls
from pydolint.analysis.stages import user_at
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

ROOT = ("", "root", "0")


def check(ctx):
    document = ctx.document
    for call in calls(document, document.instructions):
        if call.name != "sudo" and "sudo" not in call.command.wrapped_by:
            continue
        word = next(w for w in call.written.argv if w.text.rsplit("/", 1)[-1] == "sudo")
        user = (user_at(document, call.instruction) or "").split(":", 1)[0]
        if user.lower() in ROOT:
            advice = "this RUN already runs as root, so remove `sudo`"
        else:
            advice = (f"RUN runs as USER {user} here; run this step as root with `USER root` "
                      f"before it and `USER {user}` after it, and remove `sudo`")
        yield Finding(call.script.word_span(word), f"`sudo` in a build is unpredictable "
                                                   f"(environment reset, password prompts); "
                                                   f"{advice}")


RULE = Rule(code="DF209", name="sudo", severity="warning", check=check, doc=__doc__,
            aliases=("DL3004", "DS-0010"), tags=("security", "best-practice"))
