r"""The image has no `HEALTHCHECK`.

## What it does
Reports the stage that becomes the image (the last one, or `--target`) when
neither it nor a stage it is built `FROM` has a `HEALTHCHECK`.
`HEALTHCHECK NONE` counts: it records that the check was left out on
purpose. Off by default: orchestrators such as Kubernetes ignore the
instruction and use their own probes.

## Why it matters
Without a health check, Docker and Compose only know whether the process
is running, not whether it answers: a deadlocked web server stays
"running" forever, and `depends_on: condition: service_healthy` cannot
work.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "-m", "http.server", "8000"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
HEALTHCHECK --interval=30s --timeout=3s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000')"
CMD ["python", "-m", "http.server", "8000"]
```
"""

from pydolint.analysis.stages import last_instruction, target_stage
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    stage = target_stage(ctx.document, ctx.target_stage)
    if stage is None or last_instruction(ctx.document, stage, "HEALTHCHECK") is not None:
        return
    name = f"stage '{stage.name}' (line {stage.line})" if stage.name else \
        f"the stage on line {stage.line}"
    yield Finding(stage.from_instruction.keyword_span,
                  f"the image built from {name} has no HEALTHCHECK: "
                  "Docker cannot tell a hung app from a healthy one; add a `HEALTHCHECK CMD ...` "
                  "that probes the app, or `HEALTHCHECK NONE` to record that none is wanted")


RULE = Rule(code="DF506", name="missing-healthcheck", severity="info", check=check,
            doc=__doc__, enabled=False, aliases=("DL3057", "CKV_DOCKER_2", "DS-0026"), tags=("runtime",))
