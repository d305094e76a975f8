"""Compilers and development headers stay in the final image.

## What it does
Looks at the stage that becomes the image (the last one, or `--target`) and
the stages it is built `FROM`, when it runs Python. Reports each apt, apk,
yum/dnf or zypper install of build tools (gcc, g++, clang, gfortran,
`build-essential`, `build-base`, `*-dev` and `*-devel` packages) that the
same RUN does not uninstall again: by name (`apt-get purge`, `apk del`,
`dnf remove`), through the `apk add --virtual` group they went into, or with
`apt-get purge --auto-remove`/`autoremove` after `apt-mark auto`. Packages
the base image already has (the full python images ship gcc and many
headers) are not reported: installing them changes nothing.

## Why it matters
Compilers and headers are only needed while pip builds wheels. In the
running image they are hundreds of megabytes of dead weight and tools an
attacker can use. A multi-stage build keeps them out: build the wheels (or a
virtualenv) in a builder stage and copy only the result into a slim final
stage. Removing them in a later RUN does not help: the earlier layer keeps
them.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libpq-dev \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir psycopg2==2.9.9
CMD ["python", "-m", "app"]
```

## Use instead
```dockerfile
FROM python:3.12-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libpq-dev \
    && rm -rf /var/lib/apt/lists/*
RUN pip wheel --no-cache-dir --wheel-dir /wheels psycopg2==2.9.9

FROM python:3.12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir /wheels/*.whl
CMD ["python", "-m", "app"]
```
"""

from fnmatch import fnmatchcase

from pydolint.analysis.packages import (
    DISTRO_OF_FAMILY,
    SYSTEM_FAMILIES,
    package_calls,
    removed_later,
)
from pydolint.analysis.python import base_image, runs_python
from pydolint.analysis.stages import lineage_instructions, target_stage
from pydolint.diagnostics import Finding
from pydolint.knowledge import image_packages, package_patterns
from pydolint.rule import Rule

REMOVE = {"apt": "`apt-get purge -y --auto-remove {names}`",
          "apk": "`apk add --virtual .build-deps {names}`, then `apk del .build-deps`",
          "rpm": "`dnf remove -y {names}`", "zypper": "`zypper -n remove {names}`"}


def check(ctx):
    document = ctx.document
    stage = target_stage(document, ctx.target_stage)
    if stage is None or not runs_python(document, stage):
        return
    _, tag = base_image(document, stage)
    shipped = image_packages("python-full") if tag is not None and tag.is_full_image \
        else frozenset()
    for call in package_calls(document, lineage_instructions(document, stage),
                              SYSTEM_FAMILIES):
        if not call.installs:
            continue
        patterns = package_patterns("build_tools", DISTRO_OF_FAMILY[call.family])
        tools = [p.name for p in call.packages if p.kind == "package"
                 and any(fnmatchcase(p.name, pattern) for pattern in patterns)
                 and p.name not in shipped and not removed_later(document, call, p.name)]
        if tools:
            yield Finding(call.span,
                          f"build tool{'s' * (len(tools) > 1)} {', '.join(tools)} "
                          f"stay{'s' * (len(tools) == 1)} in the final image; build "
                          "wheels in a builder stage (`pip wheel --wheel-dir /wheels ...`) and "
                          "copy them or the virtualenv into a slim final stage, or uninstall "
                          "them in this RUN with "
                          + REMOVE[call.family].format(names=" ".join(tools)))


RULE = Rule(code="PY405", name="build-tools-in-final-stage", severity="info", check=check,
            doc=__doc__, tags=("python", "image-size", "security"))
