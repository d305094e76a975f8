"""A COPY or ADD source does not exist in the build context.

## What it does
When the build context is known, reports COPY and ADD sources read from it
(not `--from`, not URLs, Git repositories or heredocs) that are not there:
a path that does not exist, or a wildcard that matches nothing. Variables
are substituted first; a source whose variable has no value is skipped.
Paths that exist but are excluded by `.dockerignore` are copy-ignored-file's
business. The message suggests a near match from the same directory.

## Why it matters
A missing path fails the build with "not found" after everything before it
has run; a wildcard that matches nothing makes BuildKit copy nothing
without a word, and the image lacks what the COPY was meant to bring.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirement.txt .
RUN pip install --no-cache-dir -r requirement.txt
```

```text file=requirements.txt
flask==3.0.3
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
"""

import posixpath

from pydolint import gopath
from pydolint.analysis.copy_instructions import copies
from pydolint.analysis.suggest import closest
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    context = ctx.build_context
    if context is None:
        return
    for copy in copies(ctx.document):
        for source in copy.context_sources:
            text = source.text
            if text is None or context.is_whole_context(text) or \
                    context.glob(text, respect_ignore=False):
                continue
            path = context.normalize(text)
            if path is None:
                problem = "climbs out of the build context, so it cannot be copied"
            elif any(gopath.has_wildcards(part) for part in path.split("/")):
                problem = "matches nothing in the build context, so it copies nothing"
            else:
                problem = "is not in the build context, so the build fails with \"not found\""
            near = _near(context, path) if path else None
            hint = f"; did you mean `{near}`?" if near else ""
            shown = f"`{text}`" if text == source.word.text else \
                f"`{source.word.text}` (`{text}`)"
            yield Finding(source.word.span, f"{shown} {problem}{hint}")


def _near(context, path: str) -> str | None:
    parent = posixpath.dirname(path)
    siblings = context.glob(posixpath.join(parent, "*") if parent else "*",
                            respect_ignore=False)
    return closest(path, siblings, case_sensitive=False)


RULE = Rule(code="DF305", name="copy-source-missing", severity="error", check=check,
            doc=__doc__, tags=("correctness",))
