"""COPY or ADD names a file that .dockerignore keeps out of the build context.

## What it does
When the build context and its ignore file are known, reports COPY and ADD
sources (not `--from`, not URLs or heredocs, variables substituted) that
exist on disk but that the ignore file excludes, with the line that
excludes them. A wildcard source is reported when everything it matches is
excluded. Unlike BuildKit's CopyIgnoredFile check, which gives up on ignore
files with `!` exceptions, the exceptions are applied exactly as the build
applies them.

## Why it matters
Excluded files never reach the builder: a COPY of one fails with "not
found", and a wildcard that matches only excluded files silently copies
nothing. The fix is in `.dockerignore`, not in the Dockerfile.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

```text file=requirements.txt
flask==3.0.3
```

```text file=.dockerignore
*.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

```text file=requirements.txt
flask==3.0.3
```

```text file=.dockerignore
*.txt
!requirements.txt
```
"""

from pydolint import gopath
from pydolint.analysis.context_files import display_path
from pydolint.analysis.copy_instructions import copies
from pydolint.diagnostics import Finding, RelatedLocation
from pydolint.model import Span
from pydolint.rule import Rule


def check(ctx):
    context = ctx.build_context
    if context is None or context.dockerignore is None:
        return
    for copy in copies(ctx.document):
        for source in copy.context_sources:
            text = source.text
            if text is None or context.is_whole_context(text) or context.glob(text):
                continue
            on_disk = context.glob(text, respect_ignore=False)
            if not on_disk:
                continue  # missing altogether: copy-source-missing
            pattern = context.dockerignore.matching_pattern(on_disk[0])
            line = f" line {pattern.line} (`{pattern.text}`)" if pattern is not None else ""
            name = context.dockerignore_path.name
            wildcard = any(gopath.has_wildcards(part) for part in text.split("/"))
            effect = (" and everything else it matches, so it copies nothing" if wildcard
                      else ", so the build fails with \"not found\"")
            related = () if pattern is None else (RelatedLocation(
                _where(ctx, context), Span.line(pattern.line, 1, len(pattern.text) + 1),
                "excluded here"),)
            yield Finding(source.word.span,
                          f"`{name}`{line} excludes `{on_disk[0]}`{effect}; remove that "
                          f"line or add `!{on_disk[0]}` after it", related=related)


def _where(ctx, context) -> str:
    path = context.dockerignore_path
    try:
        return display_path(ctx, str(path.relative_to(context.root)))
    except ValueError:  # a Dockerfile-specific ignore file outside the context
        return str(path)


RULE = Rule(code="DF304", name="copy-ignored-file", severity="error", check=check,
            doc=__doc__, aliases=("CopyIgnoredFile",), tags=("correctness",))
