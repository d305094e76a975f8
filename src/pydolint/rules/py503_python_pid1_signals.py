"""The Python interpreter runs as PID 1 without an init.

## What it does
Looks at what the stage that becomes the image starts and reports an
exec-form ENTRYPOINT or CMD whose process is the Python interpreter itself
(`python app.py`, `python -m mypackage`, also after `gosu`/`su-exec`, which
exec it), with no init such as `tini` or `dumb-init` in front and no
`STOPSIGNAL SIGINT`. Servers that handle SIGTERM themselves (`python -m
gunicorn`, `uvicorn`, `celery`...) are not reported, nor is a shell-form
command, where the shell is PID 1 (DF500 covers that).

## Why it matters
The kernel gives PID 1 no default signal actions, and Python installs no
SIGTERM handler: `docker stop` sends SIGTERM, nothing happens, and after 10
seconds the container is killed without any cleanup. PID 1 also has to reap
orphaned child processes, which plain Python never does. An init forwards
signals and reaps children; `docker run --init` adds one too. With
`STOPSIGNAL SIGINT`, Python stops on its KeyboardInterrupt.

## Example
```dockerfile
FROM python:3.12-slim
COPY worker.py /app/
CMD ["python", "/app/worker.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
COPY worker.py /app/
ENTRYPOINT ["tini", "--"]
CMD ["python", "/app/worker.py"]
```
"""

import re

from pydolint.analysis.launch import launch
from pydolint.analysis.stages import is_windows_stage, last_instruction, target_stage
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

INTERPRETER = re.compile(r"^(python|pypy)(\d+(\.\d+)*)?$")
# Programs that install their own SIGTERM handling when run with ``python -m``.
HANDLES_SIGTERM = {"gunicorn", "uvicorn", "hypercorn", "daphne", "granian", "celery", "uwsgi",
                   "dramatiq", "rq", "huey"}
INTERRUPT = {"SIGINT", "INT", "2"}


def check(ctx):
    document = ctx.document
    stage = target_stage(document, ctx.target_stage)
    if stage is None or is_windows_stage(document, stage):
        return  # Windows has no PID 1 signal semantics
    started = launch(document, stage)
    if started.shell or len(started.commands) != 1:
        return  # shell form or ["sh", "-c", ...]: the shell is PID 1
    words = started.commands[0]
    if not words or not INTERPRETER.match(words[0].text.rsplit("/", 1)[-1]):
        return
    module = next((words[i + 1].text for i in range(len(words) - 1) if words[i].text == "-m"),
                  None)
    stop = last_instruction(document, stage, "STOPSIGNAL")
    if module in HANDLES_SIGTERM or (stop is not None and stop.value
                                     and stop.value[0].upper() in INTERRUPT):
        return
    yield Finding(words[0].span,
                  f"`{words[0].text}` runs as PID 1 with no init: Python ignores SIGTERM there "
                  "unless the code handles it, so `docker stop` waits 10 seconds and kills it, "
                  "and orphaned child processes are never reaped; start it under an init "
                  "(`ENTRYPOINT [\"tini\", \"--\"]`, or `docker run --init`), or set "
                  "`STOPSIGNAL SIGINT`")


RULE = Rule(code="PY503", name="python-pid1-signals", severity="info", check=check, doc=__doc__,
            enabled=False, tags=("python", "runtime"))
