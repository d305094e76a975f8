"""pip must compile a package, but the stage has no compiler or headers for it.

## What it does
On the official `python` images, looks at the packages each `pip install`
(or `uv pip install`) names, on the command line and in the requirements
files it reads from the build context, and finds those pip will build from
source: packages that publish no Linux wheels (psycopg2, mysqlclient,
python-ldap, uwsgi, pycairo), on Alpine those without a musllinux wheel for
the version that will be installed (numpy below 1.25), and anything named
by `--no-binary`. For each it checks the system packages the build needs
(a C compiler, the C library headers, the library's own headers) against
what the stage has: what the base image ships (the full Debian variant
already has gcc and the headers of buildpack-deps: libpq-dev,
default-libmysqlclient-dev, libffi-dev, libssl-dev...), and what was
installed earlier in the stage or earlier in the same RUN, minus what was
removed again. Installs that read local wheels (`--no-index`,
`--find-links`) are skipped. Metapackages count for their members (`build-essential`,
`build-base`), and on Debian `gcc` installed with its recommendations
brings libc6-dev.

## Why it matters
The build fails: `pg_config executable not found`, `gcc: command not
found`, `Python.h`-style missing header errors, after minutes of
downloading. The fix is known ahead: install the packages first, or use a
package with wheels (`psycopg2-binary`, `psycopg[binary]`).

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir psycopg2==2.9.9
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev libpq-dev \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir psycopg2==2.9.9
```
"""

from pydolint.analysis.commands import installer_calls
from pydolint.analysis.packages import available_packages, order_of
from pydolint.analysis.python import base_image
from pydolint.analysis.wheels import requested, source_build_reason
from pydolint.diagnostics import Finding
from pydolint.knowledge import build_requirements, image_packages
from pydolint.rule import Rule

INSTALL = {"debian": "apt-get install -y --no-install-recommends", "alpine": "apk add --no-cache"}


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        _, tag = base_image(document, stage)
        if tag is None or tag.family not in INSTALL:
            continue
        shipped = image_packages("python-full") if tag.is_full_image else frozenset()
        for instruction, script, call in installer_calls(document, stage.instructions):
            if (call.tool, call.subcommand) not in (("pip", "install"), ("uv-pip", "install")) \
                    or call.has_option("--no-index") or call.has_option("--find-links"):
                continue  # wheels built elsewhere may be on hand
            have = available_packages(document, instruction,
                                      order_of(document, instruction, call.command),
                                      tag.family, shipped)
            reasons, missing, related = [], [], []
            for name, specifier, where in requested(document, instruction, call,
                                                    ctx.build_context):
                reason = source_build_reason(name, specifier, tag.family,
                                             call.option_values("--no-binary"))
                needs = build_requirements(name)
                lacking = needs.missing(tag.family, have) if reason and needs else []
                if lacking:
                    reasons.append(reason)
                    missing += [m for m in lacking if m not in missing]
                    related += [where] if where is not None else []
            if reasons:
                names = " ".join(m.split("|")[0] for m in missing)
                lacking = ", ".join(m.replace("|", " (or ", 1) + ")" * ("|" in m)
                                    for m in missing)
                yield Finding(script.command_span(call.command),
                              f"pip builds from source here ({'; '.join(reasons)}), but this "
                              f"stage lacks {lacking}, so the build fails; run "
                              f"`{INSTALL[tag.family]} {names}` before it",
                              related=tuple(related))


RULE = Rule(code="PY404", name="sdist-without-build-deps", severity="error", check=check,
            doc=__doc__, tags=("python", "reliability"))
