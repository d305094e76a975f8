"""Package downloads without TLS certificate checks.

## What it does
Reports settings that let pip, uv or poetry download packages without
verifying who serves them: `--trusted-host` and `PIP_TRUSTED_HOST`, uv's
`--allow-insecure-host` and `UV_INSECURE_HOST`, `PYTHONHTTPSVERIFY=0`, poetry's
`certificates.<name>.cert false`, and `http://` index URLs (`--index-url`,
`-i`, `--extra-index-url`, `--find-links`, `PIP_INDEX_URL`,
`PIP_EXTRA_INDEX_URL`, `UV_INDEX_URL`, `UV_EXTRA_INDEX_URL`,
`UV_DEFAULT_INDEX`, `pip config set`, `poetry source add`). It looks in ENV,
ARG, RUN (options, inline assignments, `export`) and in the requirements files
an install reads from the build context.

## Why it matters
Without TLS verification anyone on the network path (a proxy, a compromised
Wi-Fi, a DNS hijack) can hand the build a different package, and it runs with
full rights inside the image. Fix the certificate problem instead: add the
company CA with `--cert`/`PIP_CERT`, `SSL_CERT_FILE` or `UV_NATIVE_TLS=1`.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir --trusted-host pypi.corp.example \
    --index-url http://pypi.corp.example/simple flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY corp-ca.pem /usr/local/share/ca-certificates/corp-ca.crt
RUN pip install --no-cache-dir --cert /usr/local/share/ca-certificates/corp-ca.crt \
    --index-url https://pypi.corp.example/simple flask==3.0.3
```
"""

from pydolint.analysis.indexes import index_settings, masked_url
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

INSECURE_HOSTS = "turns off certificate checks for {}: anyone on the network path can serve " \
                 "the build altered packages; fix the certificate (add your CA with --cert, " \
                 "PIP_CERT or SSL_CERT_FILE) instead"


def check(ctx):
    for setting in index_settings(ctx.document, ctx.build_context):
        value = setting.resolved(setting.value)
        if setting.kind in ("trusted-host", "insecure-host") and setting.value.strip():
            message = INSECURE_HOSTS.format(", ".join(setting.value.split()))
        elif setting.kind == "https-verify" and value == "0":
            message = ("turns off certificate checks for every HTTPS request Python makes in "
                       "this image; remove it and add the CA the server needs to the trust store")
        elif setting.kind == "cert" and (value or "").lower() == "false":
            message = INSECURE_HOSTS.format("that poetry source")
        else:
            resolved = [setting.resolved(url) or "" for url in setting.urls]
            plain = [masked_url(url) for url in resolved if url.lower().startswith("http://")]
            if not plain:
                continue
            message = (f"downloads packages over plain http ({', '.join(plain)})"
                       ": nothing stops a machine on the way from altering them; use https")
        yield Finding(setting.span, f"{setting.where} {message}", related=setting.related)


RULE = Rule(code="PY202", name="tls-verification-disabled", severity="error", check=check,
            doc=__doc__, tags=("python", "security"))
