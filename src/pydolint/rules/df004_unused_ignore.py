"""A `# pydolint ignore=` comment suppresses nothing.

## What it does
Runs after every other rule and reports each code or rule name in a
`# pydolint ignore=` or `# pydolint global ignore=` comment that silenced no
finding: nothing of that rule on the next instruction (or, for a global
comment, in the whole file). Only rules that ran can be judged, so a name
whose rule is off, ignored or not selected is left alone; so is every comment
under `--no-ignore-comments`. Comments of other tools (`# hadolint
ignore=`, `# check=skip=`, `# checkov:skip=`) are left alone: the other tool
may still need them. The fix deletes the name, or the whole comment when it
names nothing else.

## Why it matters
A suppression outlives the problem it silenced. Once the Dockerfile is
fixed, the stale comment would hide the problem if it came back, and it
tells readers something that is no longer true.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
# pydolint ignore=DF400
USER app
CMD ["python", "-m", "http.server"]
```

```toml file=.pydolint.toml
extend-select = ["DF400"]  # DF004 judges only rules that ran
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
USER app
CMD ["python", "-m", "http.server"]
```
"""

from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.pragmas import suppressions
from pydolint.registry import default_registry
from pydolint.rule import Rule

CODE = "DF004"


def check(ctx):
    if not ctx.pragmas_enabled:
        return  # --no-ignore-comments: no comment suppresses anything, by request
    registry = default_registry()
    for pragma in suppressions(ctx.document, registry).pragmas:
        if pragma.tool != "pydolint":
            continue
        for name in pragma.names:
            rule = registry.get(name)
            rules = [rule] if rule else registry.by_alias(name)
            if (not rules or any(r.code == CODE for r in rules)
                    or any(r.code in pragma.used for r in rules)
                    or not any(r.code in ctx.active_codes for r in rules)):
                continue  # only a rule that ran can show that the comment is unused
            where = ("in this file" if pragma.lines is None else
                     f"on the next instruction (line {pragma.lines[0]})" if pragma.lines[1] > 0
                     else "(no instruction follows)")
            named = ", ".join(f"{r.code} {r.name}" for r in rules)
            yield Finding(pragma.name_spans.get(name, pragma.span),
                          f"`{name}` in this ignore comment suppresses nothing: no finding of "
                          f"{named} {where}; remove it",
                          fix=_fix(ctx.document.lines, pragma, name))


def _fix(lines, pragma, name):
    if len(pragma.names) == 1:
        line = pragma.span.start_line
        return Fix((Edit(Span(line, 1, line + 1, 1), ""),), safety="unsafe",
                   description=f"delete the ignore comment on line {line}")
    span = pragma.name_spans.get(name)
    if span is None:
        return None
    text = lines[span.start_line - 1]
    start, end = span.start_column - 1, span.end_column - 1
    before = text[:start].rstrip()
    if before.endswith(","):
        start = len(before) - 1  # ", name"
    else:
        rest = text[end:]
        end += len(rest) - len(rest.lstrip(", \t"))  # "name, "
    return Fix((Edit(Span(span.start_line, start + 1, span.start_line, end + 1), ""),),
               safety="unsafe", description=f"remove {name} from the ignore comment")


RULE = Rule(code="DF004", name="unused-ignore", severity="info", check=check, doc=__doc__,
            enabled=False, fixable=True, after_all=True, tags=("maintenance",))
