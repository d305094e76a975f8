r"""A parser directive (`# syntax=`, `# escape=`, `# check=`) that Docker ignores.

## What it does
Reports `# syntax=...`, `# escape=...` and `# check=...` comments that come
after the first instruction, comment or blank line, where they are no longer
parser directives but plain comments. A `# check=` comment right before an
instruction is kept: BuildKit (and pydolint) apply it to that instruction.
It is reported only where it does nothing (a second one before the same
instruction, one before an empty `#` line, one at the end of the file), or
where it stands in the header after another comment and so covers only the
first instruction instead of the whole file. The fix for `syntax` and
`escape` moves the line to the top of the file.

## Why it matters
Docker gives no warning: a misplaced `# syntax=docker/dockerfile:1` silently
builds with the built-in frontend, a misplaced `` # escape=` `` leaves `\` as
the escape character (breaking Windows paths), and a misplaced
`# check=skip=...` or `# check=error=true` changes nothing.

## Example
```dockerfile
# Build the web app
# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3
```

## Use instead
```dockerfile
# syntax=docker/dockerfile:1
# Build the web app
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3
```
"""

from pydolint.analysis.directives import check_comment_targets, directive_comments
from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.rule import Rule

IGNORED = {"syntax": "Docker builds with its built-in Dockerfile frontend instead",
           "escape": "'\\' stays the escape character"}


def check(ctx):
    document = ctx.document
    targets = check_comment_targets(document)
    for found in directive_comments(document):
        line, name, text = found.comment.line, found.name, found.text
        shown = f"'{text}'" if "`" in text else f"`{text}`"
        span = Span.line(line, found.comment.column, len(document.lines[line - 1].rstrip()) + 1)
        if name == "check":
            target = targets.get(line)
            if isinstance(target, str):
                yield Finding(span, f"{shown} does nothing: {target}; delete it, or put it "
                                    "right before the instruction it is meant for")
            elif target.start_line == document.instructions[0].start_line:
                yield Finding(span, f"{shown} is not a parser directive here: it applies only "
                                    f"to the {target.keyword} on line {target.start_line}, not to "
                                    "the whole file; move it to the top of the file, before any "
                                    "comment or blank line")
            continue
        kept = document.directives.get(name)
        if kept is not None:
            yield Finding(span, f"{shown} on line {line} is ignored: the {name} directive on "
                                f"line {kept.line} is the one Docker uses; delete this line")
            continue
        fix = Fix((Edit(Span(1, 1, 1, 1), text + "\n"), Edit(Span(line, 1, line + 1, 1), "")),
                  safety="unsafe", description=f"move {shown} to line 1")
        yield Finding(span, f"{shown} on line {line} is ignored: parser directives must come "
                            "first in the file, before any instruction, comment or blank line, "
                            f"so {IGNORED[name]}; move it to line 1", fix=fix)


RULE = Rule(code="DF006", name="misplaced-parser-directive", severity="warning", check=check,
            doc=__doc__, fixable=True, tags=("correctness",))
