r"""An empty line inside a line continuation.

## What it does
Reports whitespace-only lines between the lines of an instruction continued
with `\` (or the `# escape=` character). When the line after the blank is
itself a Dockerfile instruction, such as `COPY . .`, the finding says that
the blank line folded it into the instruction above: usually a forgotten
trailing `\` on the line before the blank. Lines inside heredocs are not
continuations and are never reported.

## Why it matters
BuildKit skips these lines today and warns (its `NoEmptyContinuation`
check); a future release will reject them. Worse, a blank line often hides
a mistake: in `RUN pip install flask \` followed by a blank line and
`COPY . .`, Docker runs `pip install flask COPY . .`, and the `COPY` never
happens.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir \
        flask==3.0.3 \

        gunicorn==23.0.0
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir \
        flask==3.0.3 \
        gunicorn==23.0.0
```
"""

from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.parser.instructions import KNOWN
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    lines = document.lines
    for line in document.empty_continuation_lines:
        owner = next((i for i in document.instructions if i.start_line <= line <= i.end_line),
                     None)
        if owner is None:
            continue
        before = next(n for n in range(line - 1, 0, -1)
                      if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#"))
        after = next((n for n in range(line + 1, owner.end_line + 1)
                      if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")),
                     None)
        span = Span.line(line, 1, len(lines[line - 1]) + 1)
        folded = _folded_instruction(lines[after - 1], owner) if after else None
        if folded is not None:
            yield Finding(span, f"empty continuation line: the blank line after line {before} "
                                f"makes `{folded}` (line {after}) part of the {owner.keyword} "
                                f"on line {owner.start_line}; end line {before} without "
                                f"'{document.escape}' if `{folded}` is meant as an instruction")
            continue
        yield Finding(span, f"empty continuation line inside the {owner.keyword} on line "
                            f"{owner.start_line}: BuildKit skips it today but will reject it "
                            "in a future release; delete the line",
                      fix=Fix((Edit(Span(line, 1, line + 1, 1), ""),),
                              description=f"delete empty line {line}"))


def _folded_instruction(text: str, owner) -> str | None:
    """The source line, shortened, when it reads as a Dockerfile instruction of its own."""
    stripped = text.strip()
    word = stripped.split(None, 1)[0]
    indent = len(text) - len(text.lstrip())
    if word.upper() not in KNOWN or not (word.isupper() or indent < owner.column):
        return None
    shown = stripped.rstrip("\\`").rstrip()
    return shown if len(shown) <= 40 else shown[:37] + "..."


RULE = Rule(code="DF002", name="empty-continuation-line", severity="warning", check=check,
            doc=__doc__, aliases=("NoEmptyContinuation",), fixable=True,
            tags=("correctness",))
