"""The whole build context is copied and there is no .dockerignore.

## What it does
When the build context is known, reports COPY and ADD instructions that
send the whole context (`COPY . .`, `COPY ./ /app/`, `COPY * ./`) when the
context has no `.dockerignore` and the Dockerfile has no
`<Dockerfile>.dockerignore` of its own. `COPY --from=...` is not reported:
it reads another stage or image.

## Why it matters
Without an ignore file, everything in the directory goes to the builder and
into the image: the `.git` history, virtualenvs, `__pycache__`, test caches,
and secrets such as `.env` files and keys. The image grows, any change to an
unrelated file invalidates the layer cache, and credentials end up in a
layer anyone with the image can read.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
```

```text file=.dockerignore
.git
.venv
**/__pycache__
.env*
```
"""

from pydolint.analysis.context_leaks import leaks, whole_context_copies
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    context = ctx.build_context
    if context is None or context.dockerignore_path is not None:
        return
    for copy, source in whole_context_copies(ctx.document):
        found = [leak.example for leak in leaks(ctx.document, context)]
        here = f" (here: {', '.join(found[:4])})" if found else ""
        yield Finding(source.word.span,
                      f"`{copy.instruction.keyword} {source.word.text}` sends the whole build "
                      f"context but it has no .dockerignore, so .git, virtualenvs, caches and "
                      f"secrets such as .env files go into the image{here}; add a .dockerignore "
                      f"to the context root")


RULE = Rule(code="DF302", name="dockerignore-missing", severity="warning", check=check,
            doc=__doc__, tags=("security", "image-size"))
