"""The final stage runs Python without `PYTHONDONTWRITEBYTECODE` set.

## What it does
Reports the stage that becomes the image when it runs Python (the same test
as PY200: a python base, a Python `CMD` or `ENTRYPOINT`, or pip and uv) and
`PYTHONDONTWRITEBYTECODE` is not set to a non-empty value by `ENV`, in that
stage or a stage it is built `FROM`. It stays quiet when bytecode is compiled
deliberately at build time, in the stage or in a stage it copies from:
`UV_COMPILE_BYTECODE=1`, `python -m compileall`, `pip install --compile` or
uv's `--compile-bytecode`.

## Why it matters
Without it, Python writes `__pycache__/*.pyc` files next to the application's
modules the first time each is imported, into the container's writable
layer: every container pays for the compilation again, the files are lost
when it stops, and on a read-only root filesystem the writes just fail. Either
turn them off or compile them into the image on purpose.

## Example
```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
COPY app.py .
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY app.py .
CMD ["python", "app.py"]
```
"""

from pydolint.analysis.bytecode import compiles_bytecode
from pydolint.analysis.python import runs_python
from pydolint.analysis.stages import final_variables, target_stage
from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.rule import Rule


def check(ctx):
    stage = target_stage(ctx.document, ctx.target_stage)
    if stage is None or final_variables(stage).env.get("PYTHONDONTWRITEBYTECODE"):
        return
    reason = runs_python(ctx.document, stage)
    if reason is None or compiles_bytecode(ctx.document, stage) is not None:
        return
    line = stage.from_instruction.end_line
    fix = Fix((Edit(Span(line + 1, 1, line + 1, 1), "ENV PYTHONDONTWRITEBYTECODE=1\n"),),
              description=f"add ENV PYTHONDONTWRITEBYTECODE=1 after line {line}")
    yield Finding(
        stage.from_instruction.span,
        f"the final stage runs Python ({reason}) but PYTHONDONTWRITEBYTECODE is not set: "
        "Python writes __pycache__ files into the container's writable layer at run time; add "
        f"`ENV PYTHONDONTWRITEBYTECODE=1` after line {line}, or compile bytecode at build time "
        "(`python -m compileall`, UV_COMPILE_BYTECODE=1)",
        fix=fix,
    )


RULE = Rule(code="PY201", name="missing-pythondontwritebytecode", severity="info", check=check,
            doc=__doc__, fixable=True, tags=("python",))
