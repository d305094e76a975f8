"""A `git+` requirement is installed in a stage that has no git.

## What it does
On `python` and `pypy` images without git (the `-slim` and `-alpine`
variants), reports `git+` requirements that pip or `uv pip` installs: on the
command line (`pip install git+https://...`, `name @ git+...`, `-e git+...`)
and in the requirements files it reads from the build context, unless git
was installed earlier in the stage or in the stages it is built FROM
(`apt-get install git`, `apk add git`, `alpine-sdk`) or earlier in the same
RUN. The full images ship git and are never reported.

## Why it matters
pip clones `git+` requirements with the git command. Without it the install
stops with "Cannot find command 'git'" and the build fails.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir "git+https://github.com/pallets/flask@3.0.3"
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir "git+https://github.com/pallets/flask@3.0.3"
```
"""

from pydolint.analysis.context_files import requirement_location
from pydolint.analysis.dependencies import INSTALLING, PIP_LIKE, installs, requirement_files
from pydolint.analysis.packages import available_packages, order_of
from pydolint.analysis.python import base_image
from pydolint.diagnostics import Finding, RelatedLocation
from pydolint.knowledge import image_packages
from pydolint.rule import Rule

INSTALL_GIT = {"debian": "apt-get install -y --no-install-recommends git",
               "alpine": "apk add --no-cache git"}


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        ref, tag = base_image(document, stage)
        if tag is None or tag.family not in INSTALL_GIT:
            continue
        shipped = image_packages("python-full") if tag.is_full_image else frozenset()
        for install in installs(document, stage.instructions):
            if install.tool not in PIP_LIKE or install.subcommand not in INSTALLING:
                continue
            wanted = _git_requirements(ctx, install)
            here = install.instruction
            if not wanted or "git" in available_packages(
                    document, here, order_of(document, here, install.call.command),
                    tag.family, shipped):
                continue
            for span, text, related in wanted:
                yield Finding(span, f"{text} is cloned with git, but '{ref.familiar}' has no "
                                    "git and nothing installs it earlier in the stage, so the "
                                    f"build fails; run `{INSTALL_GIT[tag.family]}` first, or "
                                    "install the package from a wheel or archive URL",
                              related=related)


def _git_requirements(ctx, install):
    """(span in the Dockerfile, requirement as shown, related locations) of each git+ one."""
    script, call = install.script, install.call
    found = [(script.word_span(p.word), f"`{p.word.text}`", ()) for p in call.packages
             if p.is_vcs and "git+" in p.word.text.lower()]
    found += [(script.word_span(w), f"`{w.text}`", ()) for w in call.editables
              if w.text.lower().startswith("git+")]
    for loaded in requirement_files(ctx.document, install, ctx.build_context):
        for line in loaded.file.lines if loaded.file and not loaded.constraint else ():
            if (line.url or "").lower().startswith("git+"):
                path, span = requirement_location(ctx, loaded, line)
                found.append((script.word_span(loaded.word),
                              f"`{line.text}` (line {line.line} of {loaded.path})",
                              (RelatedLocation(path, span, "the git+ requirement"),)))
    return found


RULE = Rule(code="PY402", name="vcs-requirement-without-git", severity="error", check=check,
            doc=__doc__, tags=("python", "correctness"))
