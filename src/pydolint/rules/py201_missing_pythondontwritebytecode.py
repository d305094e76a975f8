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
from pydolint.analysis.python import missing_python_env
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    missing = missing_python_env(ctx, "PYTHONDONTWRITEBYTECODE")
    if missing is None:
        return
    stage, reason, fix = missing
    if compiles_bytecode(ctx.document, stage) is not None:
        return
    yield Finding(
        stage.from_instruction.span,
        f"the final stage runs Python ({reason}) but PYTHONDONTWRITEBYTECODE is not set: "
        "Python writes __pycache__ files into the container's writable layer at run time; add "
        f"`ENV PYTHONDONTWRITEBYTECODE=1` after line {stage.from_instruction.end_line}, or "
        "compile bytecode at build time (`python -m compileall`, UV_COMPILE_BYTECODE=1)",
        fix=fix,
    )


RULE = Rule(code="PY201", name="missing-pythondontwritebytecode", severity="info", check=check,
            doc=__doc__, fixable=True, tags=("python",))
