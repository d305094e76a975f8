"""`--extra-index-url` invites dependency confusion.

## What it does
Reports `--extra-index-url`, `PIP_EXTRA_INDEX_URL`, `pip config set
global.extra-index-url` and `--extra-index-url` lines in the requirements
files an install reads. uv's `--extra-index-url`, `--index`,
`UV_EXTRA_INDEX_URL` and `UV_INDEX` are reported only with an unsafe index
strategy (`--index-strategy unsafe-best-match` or `unsafe-first-match`): by
default uv takes each package from the first index that has it, which is
what prevents dependency confusion.

## Why it matters
pip merges all indexes and installs the highest version it finds anywhere.
If a package name that only exists on your private index is registered on
PyPI with a higher version, pip installs the attacker's package: this is how
the 2022 `torchtriton` compromise of PyTorch nightly builds worked. Use a
single `--index-url` pointing at a proxy that serves both your packages and
PyPI (devpi, Artifactory, Nexus), or uv with the private index pinned
(`[[tool.uv.index]]` with `explicit = true`).

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir \
    --extra-index-url https://pypi.corp.example/simple corp-utils==1.4.0
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir \
    --index-url https://proxy.corp.example/pypi/simple corp-utils==1.4.0
```
"""

from pydolint.analysis.indexes import index_settings, masked_url
from pydolint.diagnostics import Finding
from pydolint.rule import Rule


def check(ctx):
    settings = index_settings(ctx.document, ctx.build_context)
    unsafe = [s for s in settings if s.kind == "index-strategy"
              and (s.resolved(s.value) or "").startswith("unsafe")]
    for setting in settings:
        if setting.kind != "extra-index-url" or not setting.urls or setting.tool not in (
                "pip", "uv"):
            continue
        if setting.tool == "uv" and not (
                (setting.instruction.variables.get("UV_INDEX_STRATEGY") or "").startswith("unsafe")
                or any(s.instruction is setting.instruction for s in unsafe)
                or (setting.instruction.keyword != "RUN" and unsafe)):
            continue  # uv's default first-index strategy prevents dependency confusion
        how = ("with an unsafe index strategy uv picks versions across indexes" if
               setting.tool == "uv" else "pip installs the highest version found on any index")
        yield Finding(setting.span, f"{setting.where} adds "
                                    f"{', '.join(map(masked_url, setting.urls))} next to PyPI and "
                                    f"{how}: whoever publishes one of your internal package "
                                    "names on PyPI gets their code installed (dependency "
                                    "confusion); use one --index-url on a proxy that serves both, "
                                    "or uv with the index pinned ([[tool.uv.index]] with "
                                    "explicit = true)", related=setting.related)


RULE = Rule(code="PY204", name="extra-index-url", severity="info", check=check, doc=__doc__,
            tags=("python", "security", "supply-chain"))
