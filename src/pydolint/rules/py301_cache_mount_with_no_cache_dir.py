"""A RUN mounts a pip or uv cache and then turns the cache off.

## What it does
Reports pip and uv installs that disable their download cache (`--no-cache-dir`,
uv's `--no-cache`, or `PIP_NO_CACHE_DIR` / `UV_NO_CACHE` set by ENV, ARG,
`export` or inline) in a RUN that also mounts a build cache
(`--mount=type=cache`) on that tool's cache directory.

## Why it matters
A cache mount keeps downloaded wheels between builds without putting them in
the image. With the cache turned off, the mount stays empty and every build
downloads everything again. Each one keeps the image small on its own:
choose one.

## Example
```dockerfile
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --no-cache-dir flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install flask==3.0.3
```
"""

import posixpath

from pydolint.analysis.caches import cache_dir, cache_mount_targets, covers
from pydolint.analysis.commands import installer_calls
from pydolint.analysis.dependencies import CACHE_OFF, CACHING, setting_origin, truthy
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for instruction, script, call in installer_calls(document, document.instructions):
        tool = CACHING.get((call.tool, call.subcommand))
        mounts = cache_mount_targets(instruction) if tool else []
        directory = cache_dir(document, instruction, tool) if mounts else None
        used = [t for t in mounts if (directory is not None and covers(t, directory))
                or posixpath.basename(t) == tool or t.endswith("/.cache")]
        if not used:
            continue
        option, variable = CACHE_OFF[tool]
        off = None
        words = call.option_words.get(option)
        inline, exported = call.env(variable), script.script.exports.get(variable)
        if words:
            span, off = script.word_span(words[0]), f"`{words[0].text}`"
        elif _off(tool, inline):
            span, off = script.command_span(call.command), f"the inline `{variable}={inline}`"
        elif _off(tool, exported):
            span, off = script.command_span(call.command), f"`export {variable}={exported}`"
        elif _off(tool, instruction.variables.get(variable)):
            origin = setting_origin(document, instruction, variable)
            where = f" on line {origin.start_line}" if origin else ""
            span = next(f.span for f in instruction.flags if f.mount and f.mount.target
                        and posixpath.normpath(f.mount.target) == used[0])
            off = f"`{variable}` (set by {origin.keyword if origin else 'ENV'}{where})"
        if off:
            yield Finding(span, f"{off} turns off the {tool} cache that the cache mount on "
                                f"{used[0]} keeps between builds, so every build downloads "
                                f"everything again; drop {off.split(' (')[0]} (the mount "
                                "already keeps the cache out of the image) or drop the mount")


def _off(tool: str, value: str | None) -> bool:
    """pip turns its cache off for any value of PIP_NO_CACHE_DIR; uv reads a boolean."""
    return value is not None and (tool == "pip" or truthy(value))


RULE = Rule(code="PY301", name="cache-mount-with-no-cache-dir", severity="info", check=check,
            doc=__doc__, tags=("python", "performance"))
