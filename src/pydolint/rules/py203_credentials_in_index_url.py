"""Package index credentials are written into the image.

## What it does
Reports a user and password or a token in an index URL (`--index-url`,
`--extra-index-url`, `--find-links`, uv's `--index`, `PIP_INDEX_URL`,
`PIP_EXTRA_INDEX_URL`, `UV_INDEX_URL`, `UV_DEFAULT_INDEX`...), in ENV, ARG,
RUN or a requirements file the install reads, and poetry credentials
(`poetry config http-basic.<name> <user> <password>`, `pypi-token.<name>`,
`POETRY_HTTP_BASIC_<NAME>_PASSWORD`, `POETRY_PYPI_TOKEN_<NAME>`,
`UV_INDEX_<NAME>_PASSWORD`, `poetry source add` with a credentialed URL).
Credentials taken from an `ARG` or `ENV` (`https://user:${TOKEN}@...`, or an
`ARG` declaring such a password) are reported too; secrets read at build time
from a secret mount (`$(cat /run/secrets/token)`, `--mount=type=secret,env=`)
are not. Messages never show the secret: it is masked as `****`.

## Why it matters
ENV values are stored in the image config, RUN command lines and the build
arguments they use in the image history, and `poetry config` writes a file
into a layer: anyone who can pull the image can read the credentials with
`docker history` or `docker inspect`. Secret mounts give the build the
secret without recording it anywhere.

## Example
```dockerfile
FROM python:3.12-slim
ARG PYPI_TOKEN
RUN pip install --no-cache-dir \
    --index-url https://build:${PYPI_TOKEN}@pypi.corp.example/simple flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN --mount=type=secret,id=pip-index,env=PIP_INDEX_URL \
    pip install --no-cache-dir flask==3.0.3
```
"""

from pydolint.analysis.indexes import index_settings, url_credentials
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

SOURCES = {"literal": "is written out in plain text",
           "ARG": "comes from build argument {}, whose value the image history records",
           "ENV": "comes from ENV {}, which the image config keeps"}
SECRET_ENV = {"poetry": "POETRY_HTTP_BASIC_<NAME>_PASSWORD", "uv": "UV_INDEX_<NAME>_PASSWORD"}


def check(ctx):
    for setting in index_settings(ctx.document, ctx.build_context):
        variable = SECRET_ENV.get(setting.tool, "PIP_EXTRA_INDEX_URL" if setting.kind ==
                                  "extra-index-url" else "PIP_INDEX_URL")
        advice = ("pass it with a secret mount instead: `RUN --mount=type=secret,id=index,"
                  f"env={variable} ...`")
        if setting.kind == "password":
            if not setting.value and setting.instruction.keyword == "ARG":
                yield Finding(setting.span, f"{setting.where} takes a password as a build "
                                            "argument: its value is recorded in the image "
                                            f"history of every RUN that follows; {advice}")
                continue
            what = "the token" if "token" in setting.name.lower() else "the password"
            found = [(what, setting.credential_source(setting.value))]
        else:
            credentials = [c for c in map(url_credentials, setting.urls) if c is not None]
            found = [(f"the {'token' if c.user is None else 'password'} in '{c.masked}'",
                      setting.credential_source(c.secret)) for c in credentials]
        kept = "; ENV stores the expanded value in the image config" \
            if setting.instruction.keyword == "ENV" else ""
        for shown, source in found:
            if source is None:
                continue
            kind, _, name = source.partition(" ")
            yield Finding(setting.span, f"{setting.where} puts index credentials in the image: "
                                        f"{shown} {SOURCES[kind].format(name)}"
                                        f"{kept}; {advice}", related=setting.related)


RULE = Rule(code="PY203", name="credentials-in-index-url", severity="error", check=check,
            doc=__doc__, tags=("python", "security", "secrets"))
