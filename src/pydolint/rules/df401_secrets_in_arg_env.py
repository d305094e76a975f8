"""A secret is passed through ARG or ENV.

## What it does
Reports ARG and ENV variables that hold a secret, judged two ways:

- by name, as BuildKit's SecretsUsedInArgOrEnv check does: one of the
  name's `_`-separated words is `password`, `passwd`, `pword`, `secret`,
  `token`, `key`, `apikey`, `auth` or `credential(s)`, and none is `public`,
  `file` or `version` (`GITHUB_TOKEN`, `DB_PASSWORD`; not `PASSWORD_FILE` or
  `PUBLIC_KEY`). The `GPG_KEY` fingerprints of the official Python images are
  not secrets;
- by value, whatever the name: well-known credential shapes (AWS access key
  IDs, GitHub, GitLab, PyPI, npm, Hugging Face, Slack and Stripe tokens,
  private key blocks...) and URLs with a password
  (`postgres://user:pass@host`). Index URLs with credentials are also
reported by PY203.

ARGs declared before the first FROM only feed FROM lines and are not
reported, as in BuildKit. Messages never show a secret: at most its public
prefix (`ghp_****`). The patterns live in a dated data file.

## Why it matters
ENV values are stored in the image configuration and ARG values in the
build history: anyone who can pull the image can read them, long after the
build. BuildKit secret mounts make a secret available to one RUN without
storing it anywhere.

## Example
```dockerfile
FROM python:3.12-slim
ARG GITHUB_TOKEN
ENV DATABASE_URL=postgres://app:hunter2@db.internal/app
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install "git+https://${GITHUB_TOKEN}@github.com/acme/tools.git@v1.2.0"
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \
    --mount=type=cache,target=/root/.cache/pip \
    pip install "git+https://${GITHUB_TOKEN}@github.com/acme/tools.git@v1.2.0"
```
"""

from pydolint.analysis.secrets import secret_name, secret_values
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

KEPT = {"ENV": "the image configuration", "ARG": "the build history"}


def check(ctx):
    for instruction in ctx.document.all_instructions():
        if instruction.keyword not in KEPT or instruction.stage is None:
            continue  # ARGs before the first FROM only feed FROM lines
        for pair in instruction.key_values:
            found = secret_values(pair.value or "")
            if found:
                what = f"holds {' and '.join(found)}"
            elif secret_name(pair.key):
                what = "is named like a secret"
            else:
                continue
            secret_id = pair.key.lower()
            yield Finding(pair.span, f"{instruction.keyword} {pair.key} {what}; its value stays "
                                     f"in {KEPT[instruction.keyword]} for anyone who pulls the "
                                     f"image; use `RUN --mount=type=secret,id={secret_id},"
                                     f"env={pair.key}` with `docker build --secret "
                                     f"id={secret_id}` instead")


RULE = Rule(code="DF401", name="secrets-in-arg-env", severity="error", check=check,
            doc=__doc__, aliases=("DL3064", "SecretsUsedInArgOrEnv", "DS-0031"), tags=("security", "secrets"))
