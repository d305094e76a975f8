"""The image's tag names a Debian or Alpine release past its end of life.

## What it does
Reports images whose tag names a Debian or Alpine release that stopped
getting security updates before the lint date: python tags such as
`python:3.11-slim-buster` or `python:3.12-alpine3.18`, the distributions
themselves (`debian:buster`, `debian:10-slim`, `alpine:3.15`), and other
images whose tag carries a codename or an `alpineX.Y` token
(`node:18-buster-slim`). Debian counts as supported until its LTS ends,
Alpine until its branch's end of support. Tags that name no release follow
the image's default and are not reported.

## Why it matters
A release past its end of life gets no security fixes: every CVE found in
OpenSSL, glibc or zlib from then on stays in your image, and scanners report
them all. Its package mirrors also move to archive servers, so `apt-get
update` in such images eventually fails.

## Example
```dockerfile
FROM python:3.11-slim-buster
CMD ["python", "-c", "print('hi')"]
```

## Use instead
```dockerfile
FROM python:3.11-slim-bookworm
CMD ["python", "-c", "print('hi')"]
```
"""

from pydolint.analysis.distros import named_release, supported_releases
from pydolint.analysis.images import image_uses
from pydolint.diagnostics import Finding
from pydolint.imageref import parse_image_ref
from pydolint.pythontag import parse_python_tag
from pydolint.rule import Rule


def check(ctx):
    for use in image_uses(ctx.document):
        python = parse_python_tag(use.ref) if use.ref is not None else None
        if python is not None and not python.known:
            continue  # PY109: the tag does not exist
        release = named_release(use.ref) if use.ref is not None else None
        if release is None or release.supported_on(ctx.today):
            continue
        supported = supported_releases(release.distro, ctx.today)
        advice = f"move to a supported release ({', '.join(supported)})"
        example = _replacement(use.ref, release, supported)
        if example:
            advice += f", e.g. '{example}'"
        shown = f"'{use.text}'" + (f" (resolves to '{use.resolved}')" if use.via_variable else "")
        yield Finding(use.span, f"image {shown} is based on {release.label}, which is past its "
                                f"end of life ({release.detail}): it gets no security updates; "
                                f"{advice}")


def _replacement(ref, release, supported):
    """The same tag on the newest supported release, when the python image publishes it."""
    if parse_python_tag(ref) is None:
        return None
    for name in reversed(supported):
        token = name if release.distro == "debian" else f"alpine{name}"
        candidate = parse_image_ref(f"{ref.familiar_name}:"
                                    f"{ref.tag.replace(release.token, token)}")
        tag = parse_python_tag(candidate) if candidate is not None else None
        if tag is not None and tag.known:
            return candidate.familiar
    return None


RULE = Rule(code="PY104", name="distro-release-eol", severity="warning", check=check,
            doc=__doc__, tags=("security",))
