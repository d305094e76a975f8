"""A whole-context COPY sends secrets or bloat that .dockerignore does not exclude.

## What it does
When the build context is known, looks at what a whole-context COPY or ADD
(`COPY . .`, `COPY ./ /app/`, `COPY * ./`) sends, after the ignore file is
applied, and reports files that should never reach an image:

- secrets (error): `.env` and `.env.*` files, `.envrc`, `*.pem`, `*.key`,
  `*.p12`, `*.pfx`, SSH keys (`id_rsa*`, `id_ed25519*`...), `.aws/`,
  `.pypirc`, `.npmrc`, `.netrc`, `.git-credentials`; templates such as
  `.env.example` and public keys (`*.pub`) do not count;
- bloat (warning): `.git/`, `.venv/`, `venv/`, `__pycache__/`, `*.pyc`,
  `.pytest_cache/`, `.mypy_cache/`, `.ruff_cache/`, `node_modules/`, `.tox/`,
  `.nox/`.

The message names a few of the paths found (never their contents) and the
lines to add to `.dockerignore`, with `**/` for names found below the
context root, since `.dockerignore` patterns are anchored at the root. The
lists live in a dated data file.

## Why it matters
Anything copied into a layer can be read by everyone who can pull the
image, even if a later step deletes it: a `.env` or a key in the context is
a leaked credential. Caches, virtualenvs and the `.git` history make the
image bigger and invalidate the layer cache on every commit.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
```

```text file=.env
DATABASE_URL=postgres://app@db/app
```

```text file=.dockerignore
.git
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
```

```text file=.env
DATABASE_URL=postgres://app@db/app
```

```text file=.dockerignore
.git
.env*
```
"""

from pydolint.analysis.context_leaks import leaks, whole_context_copies
from pydolint.diagnostics import Finding, Severity
from pydolint.rule import Rule

WHAT = {"secret": ("sends secrets into the image", None),
        "bloat": ("sends caches and tool folders that only bloat the image", Severity.WARNING)}


def check(ctx):
    context = ctx.build_context
    if context is None:
        return
    for copy, source in whole_context_copies(ctx.document):
        found = leaks(ctx.document, context)
        for kind, (what, severity) in WHAT.items():
            items = [leak for leak in found if leak.kind == kind]
            if not items:
                continue
            paths = ", ".join(leak.example for leak in items[:5])
            lines = ", ".join(f"`{line}`" for line in dict.fromkeys(i.ignore_line for i in items))
            ignore = context.dockerignore_path
            where = f"`{ignore.name}`" if ignore is not None else "a new .dockerignore"
            yield Finding(source.word.span,
                          f"`{copy.instruction.keyword} {source.word.text}` {what}: {paths}"
                          f"{', ...' if len(items) > 5 else ''}; add {lines} to {where}",
                          severity=severity)


RULE = Rule(code="DF303", name="dockerignore-gaps", severity="error", check=check,
            doc=__doc__, tags=("security", "image-size"))
