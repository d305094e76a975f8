"""The final stage runs Python without `PYTHONUNBUFFERED` set.

## What it does
Reports the stage that becomes the image when it runs Python and
`PYTHONUNBUFFERED` is not set to a non-empty value by `ENV`, in that stage or
in a stage it is built `FROM`. A stage runs Python when its base is a
`python` or `pypy` image, when its `CMD` or `ENTRYPOINT` starts python,
gunicorn, uvicorn, celery and the like, or when it uses pip or uv.

## Why it matters
When stdout is not a terminal, Python buffers it in 8 KB blocks. In a
container that means `docker logs` shows nothing for a long time, log lines
arrive out of order with stderr, and whatever is buffered when the process
crashes is lost.

## Example
```dockerfile
FROM python:3.12-slim
COPY app.py .
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
COPY app.py .
CMD ["python", "app.py"]
```
"""

from pydolint.analysis.python import missing_python_env
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    missing = missing_python_env(ctx, "PYTHONUNBUFFERED")
    if missing is None:
        return
    stage, reason, fix = missing
    yield Finding(
        stage.from_instruction.span,
        f"the final stage runs Python ({reason}) but PYTHONUNBUFFERED is not set: Python "
        "buffers stdout when it is not a terminal, so `docker logs` shows output late and "
        f"loses it on a crash; add `ENV PYTHONUNBUFFERED=1` after line "
        f"{stage.from_instruction.end_line}",
        fix=fix,
    )


RULE = Rule(code="PY200", name="missing-pythonunbuffered", severity="warning", check=check,
            doc=__doc__, fixable=True, tags=("python", "observability"))
