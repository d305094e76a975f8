"""A project install does not hold to its lock file.

## What it does
Reports `uv sync` without `--locked` or `--frozen` (and no true `UV_LOCKED`
or `UV_FROZEN`), `poetry install` when no `poetry.lock` reaches the
project directory in the image (not copied, absent from the build context,
or excluded by `.dockerignore`), and `pipenv install` without `--deploy`
or `--ignore-pipfile`.

## Why it matters
Without the lock enforced, the tool resolves again when the lock file is
stale or missing: `uv sync` rewrites `uv.lock`, `pipenv install` re-locks,
and `poetry install` without a lock picks the newest versions allowed. The
image then gets versions nobody tested, and builds of the same commit
differ. Enforcing the lock makes a stale lock fail the build instead.

## Example
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5.4 /uv /bin/
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --no-install-project
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5.4 /uv /bin/
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-install-project
```
"""

import posixpath

from pydolint.analysis.dependencies import installs, truthy
from pydolint.analysis.path_presence import presence
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for install in installs(document, document.instructions):
        call, span = install.call, install.script.command_span(install.call.command)
        if (call.tool, call.subcommand) == ("uv", "sync"):
            if not (call.has_option("--locked") or call.has_option("--frozen")
                    or truthy(install.setting("UV_LOCKED"))
                    or truthy(install.setting("UV_FROZEN"))):
                yield Finding(span, "`uv sync` rewrites uv.lock when it no longer matches "
                                    "pyproject.toml, or creates one, instead of failing; add "
                                    "`--locked` (or `--frozen` to install uv.lock as it is)")
        elif (call.tool, call.subcommand) == ("pipenv", "install") and not call.packages:
            if not (call.has_option("--deploy") or call.has_option("--ignore-pipfile")):
                yield Finding(span, "`pipenv install` re-locks when Pipfile.lock no longer "
                                    "matches the Pipfile instead of failing; add `--deploy` "
                                    "(or use `pipenv sync`)")
        elif (call.tool, call.subcommand) in (("poetry", "install"), ("poetry", "sync")) \
                and install.directory is not None:
            why = _no_lock(ctx, install)
            if why:
                yield Finding(span, f"`poetry {call.subcommand}` has no poetry.lock: {why}; "
                                    "without it poetry resolves the newest versions "
                                    "pyproject.toml allows on every build")


def _no_lock(ctx, install) -> str | None:
    lock = posixpath.join(install.directory, "poetry.lock")
    found = presence(ctx.document, install.instruction, lock, ctx.build_context,
                     install.call.command)
    if found.state == "missing":
        if found.ignored:
            return f".dockerignore excludes {found.context_path}"
        return (f"the build context has no {found.context_path} for the "
                f"{found.instruction.keyword} on line {found.instruction.start_line}; run "
                "`poetry lock` and commit the file")
    if found.state != "absent":
        return None
    manifest = presence(ctx.document, install.instruction, install.manifests[0],
                        ctx.build_context, install.call.command)
    context = ctx.build_context
    if manifest.context_path is not None and context is not None:
        beside = posixpath.join(posixpath.dirname(manifest.context_path), "poetry.lock")
        if not context.exists(beside):
            return f"the build context has no {beside}; run `poetry lock` and commit the file"
        if context.is_ignored(beside):
            return f".dockerignore excludes {beside}, and nothing copies it"
        where = manifest.instruction.start_line
        return f"{beside} is in the build context but is not copied: add it to line {where}"
    return f"nothing copies one into {install.directory} before this install"


RULE = Rule(code="PY309", name="lockfile-not-enforced", severity="info", check=check,
            doc=__doc__, tags=("python", "reproducibility"))
