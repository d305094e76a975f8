"""An image comes from a registry that is not in `trusted-registries`.

## What it does
When `trusted-registries` is configured, reports images in `FROM`,
`COPY --from` and `RUN --mount=from=` whose registry is not on the list.
With no list configured it reports nothing. Entries are registry host
names, matched case-insensitively; `*` matches any, `*.example.com` any host
ending in `.example.com`, and `registry.example.*` any host starting with
`registry.example.`. Images without a registry (`python:3.12`) come from
Docker Hub, which is trusted by `docker.io` (or `hub.docker.com`,
`index.docker.io`, `registry-1.docker.io`). `scratch`, stage references and
images whose ARG has no default are never reported.

## Why it matters
Organisations often allow base images only from their own registry or a
vetted mirror, for licence, supply-chain and availability reasons. A pull
from elsewhere bypasses scanning and can break when a public registry
rate-limits or disappears.

## Example
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5.4 /uv /bin/
```

```toml file=.pydolint.toml
trusted-registries = ["registry.example.com"]
```

## Use instead
```dockerfile
FROM registry.example.com/mirror/python:3.12-slim
COPY --from=registry.example.com/mirror/uv:0.5.4 /uv /bin/
```
"""

from pydolint.analysis.images import image_uses
from pydolint.diagnostics import Finding
from pydolint.imageref import DEFAULT_REGISTRY
from pydolint.rule import Rule

DOCKER_HUB = {"docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io"}


def check(ctx):
    trusted = [entry.strip().lower() for entry in ctx.trusted_registries if entry.strip()]
    if not trusted:
        return
    for use in image_uses(ctx.document):
        if use.ref is None:
            continue
        registry = use.ref.registry.lower()
        hosts = DOCKER_HUB if registry == DEFAULT_REGISTRY else {registry}
        if any(_matches(entry, host) for entry in trusted for host in hosts):
            continue
        where = "Docker Hub (docker.io)" if registry == DEFAULT_REGISTRY else registry
        yield Finding(use.span, f"image '{use.resolved}' comes from {where}, which is not a "
                                f"trusted registry ({', '.join(ctx.trusted_registries)}); pull "
                                "it from a trusted registry or mirror")


def _matches(entry, host):
    if entry == "*":
        return True
    if entry.startswith("*"):
        return host.endswith(entry[1:])
    if entry.endswith("*"):
        return host.startswith(entry[:-1])
    return host == entry


RULE = Rule(code="DF108", name="untrusted-registry", severity="warning", check=check,
            doc=__doc__, aliases=("DL3026",), tags=("security",))
