"""A `# pydolint ignore=` comment names a rule that does not exist.

## What it does
Reports codes and names in pydolint suppression comments that match no rule
code, rule name or alias.

## Why it matters
A misspelt code suppresses nothing, so the finding it was meant to silence
keeps failing the build, and an obsolete comment goes unnoticed.

## Example
```dockerfile
FROM python:3.12-slim
# pydolint ignore=PY9999
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
# pydolint ignore=PY200
CMD ["python", "app.py"]
```
"""

from pydolint.diagnostics import Finding
from pydolint.pragmas import suppressions
from pydolint.registry import default_registry
from pydolint.rule import Rule


def check(ctx):
    for pragma in suppressions(ctx.document, default_registry()).pragmas:
        for name in pragma.unknown:
            yield Finding(pragma.name_spans.get(name, pragma.span), f"unknown rule {name!r} in ignore comment: it suppresses "
                                       "nothing (see `pydolint rules` for codes and names)")


RULE = Rule(code="DF003", name="unknown-ignore-code", severity="warning", check=check,
            doc=__doc__, tags=("correctness",))
