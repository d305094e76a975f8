"""A RUN activates a virtualenv that nothing after it in that RUN uses.

## What it does
Reports `. venv/bin/activate` and `source venv/bin/activate` when no other
command follows it in the same RUN (an `echo` or `set` does not count): a RUN
that only activates, or activation at the end of one, as if later
instructions would run inside the virtualenv. Activating and then running
commands in the same RUN is fine.

## Why it matters
Each RUN starts a new shell: what `activate` changes (`PATH`, `VIRTUAL_ENV`)
is gone when the RUN ends. Later `RUN pip install`, `CMD` and `ENTRYPOINT`
use the system Python, so packages land outside the virtualenv or are not
found at run time. `ENV` makes the virtualenv stick.

## Example
```dockerfile
FROM python:3.12-slim
RUN python -m venv /opt/venv
RUN . /opt/venv/bin/activate
RUN pip install --no-cache-dir flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir flask==3.0.3
```
"""

import posixpath
import re

from pydolint.analysis.commands import stage_commands
from pydolint.analysis.dependencies import directory_of, expand_word, place
from pydolint.analysis.shell import unwrap
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

ACTIVATE = re.compile(r"(^|/)bin/activate$")
HARMLESS = {"echo", "printf", "true", ":", "set", "exit"}


def check(ctx):
    document = ctx.document
    for instruction, script, raw in stage_commands(document, document.instructions):
        command = unwrap(raw)
        if command.name not in (".", "source") or len(command.argv) < 2 \
                or not ACTIVATE.search(command.argv[1].text):
            continue
        if any(other.start > command.start and unwrap(other).basename not in HARMLESS
               for other in script.script.commands):
            continue
        directory = directory_of(document, instruction, script, command)
        activate = place(directory, expand_word(instruction, command.argv[1]))
        venv = posixpath.dirname(posixpath.dirname(activate)) if activate else "/path/to/venv"
        yield Finding(script.command_span(command),
                      f"`{script.text[command.start:command.end]}` only lasts until the end of "
                      "this RUN, and nothing after it in the RUN uses it; later RUN, CMD and "
                      "ENTRYPOINT instructions do not run in the virtualenv; set "
                      f"`ENV VIRTUAL_ENV={venv} PATH=\"{venv}/bin:$PATH\"` instead")


RULE = Rule(code="PY305", name="venv-activate-in-run", severity="error", check=check,
            doc=__doc__, tags=("python", "correctness"))
