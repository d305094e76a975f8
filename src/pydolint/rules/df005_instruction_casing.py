"""Instruction keywords are not all written in the same case.

## What it does
Counts the instructions written all upper case (`RUN`) and all lower case
(`run`); the majority wins (upper case on a tie), and every instruction in
the minority or in mixed case (`Run`) is reported, as BuildKit's
`ConsistentInstructionCasing` check does. It also reports the `AS` of
`FROM image AS name` when its case differs from the `FROM` keyword's
(`FromAsCasing`). The fix rewrites the keyword.

## Why it matters
Docker accepts any case, but a mix reads as carelessness and hides the
structure of the file. Both BuildKit checks warn during `docker build`.

## Example
```dockerfile
FROM python:3.12-slim as build
RUN pip wheel --wheel-dir /wheels flask==3.0.3
from python:3.12-slim
COPY --from=build /wheels /wheels
```

## Use instead
```dockerfile
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim
COPY --from=build /wheels /wheels
```
"""

from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.parser.instructions import KNOWN
from pydolint.rule import Rule


def check(ctx):
    instructions = [i for i in ctx.document.instructions if i.keyword in KNOWN]
    written = [i.keyword_as_written for i in instructions]
    lower = sum(w == w.lower() for w in written)
    upper = sum(w == w.upper() for w in written)
    majority = "lower" if lower > upper else "upper"
    count = lower if majority == "lower" else upper
    for instruction, word in zip(instructions, written):
        wanted = word.lower() if majority == "lower" else word.upper()
        if word != wanted:
            yield Finding(instruction.keyword_span,
                          f"`{word}` should be {majority} case like {count} of the "
                          f"{len(written)} instructions: write `{wanted}`",
                          fix=_rewrite(instruction.keyword_span, wanted))
        if instruction.keyword == "FROM" and len(instruction.args) == 3:
            as_word = instruction.args[1]
            as_wanted = "as" if wanted == wanted.lower() else "AS"
            if as_word.text.lower() == "as" and as_word.text != as_wanted:
                yield Finding(as_word.span,
                              f"`{as_word.text}` does not match the case of `{wanted}`: "
                              f"write `{wanted} ... {as_wanted} {instruction.args[2].text}`",
                              fix=_rewrite(as_word.span, as_wanted))


def _rewrite(span, text):
    return Fix((Edit(span, text),), description=f"write {text}")


RULE = Rule(code="DF005", name="instruction-casing", severity="style", check=check,
            doc=__doc__, aliases=("ConsistentInstructionCasing", "FromAsCasing"),
            fixable=True, tags=("style",))
