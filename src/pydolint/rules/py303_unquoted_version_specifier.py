"""An unquoted `>` or `<` in a package specifier is a shell redirect.

## What it does
Reports installer commands (pip, uv, poetry, pipenv, pdm) where a version
specifier such as `requests>=2`, `numpy<2` or `django>=4,<5` is written
without quotes, so the shell reads `>` and `<` as redirects: a `>` or `<`
right after a package name, or followed by a version.

## Why it matters
`pip install requests>=2` runs `pip install requests` with its output sent to
a new file named `=2`: requests is installed with no version constraint at
all, and a stray file lands in the image. `numpy<2` reads pip's input from a
file named `2`, which does not exist, so the build fails.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir requests>=2.32
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir "requests>=2.32"
```
"""

import re

from pydolint.analysis.commands import installer_calls
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

VERSION_LIKE = re.compile(r"^=?\s*v?\d")


def check(ctx):
    document = ctx.document
    for _instruction, script, call in installer_calls(document, document.instructions):
        words = call.command.argv[1:]
        groups = []
        for redirect in call.command.redirects:
            target = redirect.target.text if redirect.target is not None else ""
            if redirect.operator not in (">", "<"):
                continue
            if groups and groups[-1][-1].end == redirect.start:
                groups[-1].append(redirect)  # ``>=2,<3``: one specifier, two redirects
            elif any(w.end == redirect.start for w in words) or VERSION_LIKE.match(target):
                groups.append([redirect])
        for group in groups:
            start = group[0].start
            word = max((w for w in words if w.end <= start
                        and not script.text[w.end:start].strip()), key=lambda w: w.end,
                       default=None)
            specifier = script.text[start:group[-1].end].replace(" ", "")
            written = (word.text if word is not None else "") + specifier
            reads = [r.target.text for r in group if r.operator == "<" and r.target]
            if reads:
                effect = (f"reads its input from a file named `{reads[0]}`, which fails the "
                          "build unless such a file exists")
            else:
                writes = [r.target.text for r in group if r.target]
                effect = (f"creates a file named `{writes[0]}` and installs "
                          f"{word.text if word else 'the package'} with no version constraint")
            yield Finding(script.span(word.start if word else start, group[-1].end),
                          f"`{script.text[word.start if word else start:group[-1].end]}` is "
                          f"not quoted, so the shell takes `{group[0].operator}` as a "
                          f"redirect: the command {effect}; quote the specifier: \"{written}\"")


RULE = Rule(code="PY303", name="unquoted-version-specifier", severity="error", check=check,
            doc=__doc__, tags=("python", "correctness"))
