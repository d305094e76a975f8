"""A RUN changes directory where a WORKDIR belongs.

## What it does
Looks at `cd` at the top level of RUN scripts (not in `( ... )` subshells
or nested `sh -c` strings) and reports it in two cases only:

- a RUN script that does nothing but `cd` (`RUN cd /app`): the change of
  directory ends with the RUN, so it has no effect at all;
- a RUN script that starts with `cd DIR` when an earlier RUN of the same
  stage started with the same `cd DIR` (no WORKDIR in between): the
  directory is the stage's working directory in all but name.

A `cd` that serves one RUN, such as `cd /tmp/src && ./configure && make &&
cd ..` or `(cd vendor && make)`, is how a build step works in place and is
not reported. Windows stages are skipped.

## Why it matters
A `cd` lasts only as long as its RUN. Repeating it in every RUN is easy to
get wrong when one RUN forgets it, and a lone `cd` silently does nothing;
`WORKDIR` sets the directory once for every later RUN, COPY, CMD and
ENTRYPOINT, and creates it if needed.

## Example
```dockerfile
FROM python:3.12-slim
RUN mkdir -p /app
RUN cd /app && python -m venv .venv
RUN cd /app && .venv/bin/pip install --no-cache-dir flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
RUN python -m venv .venv
RUN .venv/bin/pip install --no-cache-dir flask==3.0.3
RUN cd /tmp && python -c "print('built in place')" && cd -
```
"""

from pydolint.analysis.commands import run_scripts
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        first_seen: dict[str, int] = {}
        for instruction in stage.instructions:
            if instruction.keyword == "WORKDIR":
                first_seen.clear()
            if instruction.keyword != "RUN":
                continue
            for script in run_scripts(document, instruction):
                top = [c for c in script.script.commands if not c.in_subshell and c.via is None]
                if not top or top[0].name != "cd":
                    continue
                first = top[0]
                target = first.argv[1].text if len(first.argv) == 2 else None
                workdir = f"`WORKDIR {target}`" if target else "WORKDIR"
                if all(c.name == "cd" for c in top):
                    yield Finding(script.command_span(first),
                                  f"`{' '.join(first.words())}` has no effect: the directory "
                                  f"change ends with this RUN; use {workdir} instead")
                elif target is None or first.argv[1].has_expansion:
                    continue
                elif target in first_seen:
                    yield Finding(script.command_span(first),
                                  f"this RUN starts with `cd {target}` like the RUN at line "
                                  f"{first_seen[target]}; set {workdir} once before them "
                                  "instead of repeating `cd`")
                else:
                    first_seen[target] = instruction.start_line


RULE = Rule(code="DF210", name="cd-instead-of-workdir", severity="info", check=check,
            doc=__doc__, aliases=("DL3003", "DS-0013"), tags=("best-practice",))
