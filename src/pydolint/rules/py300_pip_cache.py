"""A pip or uv install leaves its download cache in the image.

## What it does
Finds `pip install` (and `pip download` and `pip wheel`) however it is
called (`pip`, `pip3.12`, a path, `python -m pip`, inside `sh -c`, heredocs,
`&&` chains and `ONBUILD RUN`, flags anywhere) and `uv pip install`,
`uv sync` and `uv add`, and reports those that keep their cache. The cache
is gone when the install uses `--no-cache-dir` (or uv's `--no-cache`), when
`PIP_NO_CACHE_DIR` (any value, even `off`) or `UV_NO_CACHE` is set by ENV,
ARG, `export` or inline, when the RUN has a `--mount=type=cache` on the
cache directory of the user it runs as, or when the same RUN deletes that
directory afterwards. Stages that are only copied from are skipped: their
cache never reaches the image.

## Why it matters
pip keeps every downloaded wheel under `~/.cache/pip`. Baked into a layer,
that often doubles the size of the installed packages, and no later `rm` can
shrink the layer again.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3
RUN pip install --no-cache-dir gunicorn==23.0.0
```
"""

from pydolint.analysis.caches import cache_dir, cache_mount_targets, covers, home_at, removes_cache
from pydolint.analysis.commands import installer_calls
from pydolint.analysis.dependencies import CACHE_OFF, CACHING
from pydolint.analysis.packages import with_onbuild
from pydolint.analysis.stages import stage_ships
from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    shipped = [s for s in document.stages if stage_ships(document, s, ctx.target_stage)]
    for instruction, script, call in installer_calls(
            document, with_onbuild(i for s in shipped for i in s.instructions)):
        tool = CACHING.get((call.tool, call.subcommand))
        if tool is None:
            continue
        option, variable = CACHE_OFF[tool]
        if call.has_option(option) or call.env(variable) is not None \
                or variable in script.script.exports \
                or instruction.variables.get(variable) is not None:
            continue
        directory = cache_dir(document, instruction, tool)
        mounts = cache_mount_targets(instruction)
        if any(directory is None or covers(target, directory) for target in mounts):
            continue
        home = home_at(document, instruction)
        if any(c.argv[0].text == "rm" and c.start > call.command.start
               and removes_cache([w.text for w in c.argv[1:]], directory, home, tool)
               for c in script.script.commands):
            continue
        where = f" (a cache mount on {', '.join(mounts)} is not {directory})" if mounts else ""
        yield Finding(script.command_span(call.command),
                      f"{_shown(call)} keeps its cache in the "
                      f"image{where}; add {option}, set ENV {variable}=1, or use "
                      f"RUN --mount=type=cache,target={directory or '<cache dir>'}",
                      fix=_fix(call, script, option))


def _verb(call):
    last = call.subcommand.split()[-1] if call.subcommand else None
    return next((w for w in call.command.argv if w.text == last), None)


def _shown(call) -> str:
    words = call.command.argv
    verb = _verb(call)
    shown = words[: words.index(verb) + 1] if verb else words[:2]
    return " ".join(w.text for w in shown)


def _fix(call, script, option):
    if script.kind != "shell":
        return None
    verb = _verb(call)
    if verb is None:
        return None
    line, column = script.position(verb.end)
    return Fix((Edit(Span(line, column, line, column), f" {option}"),),
               description=f"add {option}")


RULE = Rule(code="PY300", name="pip-cache", severity="warning", check=check, doc=__doc__,
            aliases=("DL3042",), fixable=True, tags=("python", "image-size"))
