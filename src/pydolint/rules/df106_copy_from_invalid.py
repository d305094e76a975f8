"""`COPY --from` or `RUN --mount=from=` names its own stage, a later stage, or nothing valid.

## What it does
Checks the source of every `COPY --from=` and `RUN --mount=...,from=`:

- the stage the instruction is in (a stage cannot copy from itself);
- a stage defined further down the file, or a stage index that does not
  exist yet or at all;
- a name that is no stage and not a valid image reference either
  (`--from=Build_Stage`), or a bare name one typo away from a stage name
  (`--from=buidler`), which Docker would try to pull as an image;
- a variable in `COPY --from`, which BuildKit refuses to expand.

Image references are fine: `COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/`
copies out of an image (hadolint's DL3022 reports these by mistake), and
numeric indexes of earlier stages (`--from=0`) are valid.

## Why it matters
Each of these fails the build, or, for a misspelt stage name, pulls
whatever image of that name exists on Docker Hub. Forward references work
only with BuildKit and make the build order hard to follow.

## Example
```dockerfile
FROM python:3.12-slim AS builder
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim
COPY --from=buidler /wheels /wheels
```

## Use instead
```dockerfile
FROM python:3.12-slim AS builder
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim
COPY --from=builder /wheels /wheels
COPY --from=ghcr.io/astral-sh/uv:0.5.4 /uv /bin/
```
"""

from pydolint.analysis.images import image_uses
from pydolint.analysis.suggest import closest
from pydolint.diagnostics import Finding
from pydolint.imageref import parse_image_ref
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    names = sorted({s.name.lower() for s in document.stages if s.name})
    for use in image_uses(document):
        here = use.instruction.stage
        if use.kind == "from" or here is None or use.instruction.keyword == "ONBUILD" \
                or use.instruction not in document.stages[here].instructions:
            continue
        source, flag = use.text, ("--from=" if use.kind == "copy-from" else "from=")
        if "$" in source:
            if use.kind == "copy-from":
                yield Finding(use.span, f"COPY --from={source}: BuildKit does not expand "
                                        "variables in --from and fails; add a stage "
                                        f"`FROM {source} AS <name>` and copy --from=<name>")
            continue
        stage = _stage(document, source)
        if source.isdigit() and stage is None:
            yield Finding(use.span, f"{flag}{source} names stage index {source}, but the file "
                                    f"has only {len(document.stages)} stages (0 to "
                                    f"{len(document.stages) - 1})")
        elif stage is not None and stage.index == here:
            yield Finding(use.span, f"{flag}{source} names the stage it is in (line "
                                    f"{stage.line}): a stage cannot read from itself; name an "
                                    "earlier stage")
        elif stage is not None and stage.index > here:
            yield Finding(use.span, f"{flag}{source} names a stage defined later, on line "
                                    f"{stage.line}: move that stage above this one (only "
                                    "BuildKit accepts forward references)")
        elif stage is None and (ref := parse_image_ref(source)) is None:
            yield Finding(use.span, f"{flag}{source} names no stage and is not a valid image "
                                    f"reference{_did_you_mean(source, names)}")
        elif stage is None and "/" not in source and ref.tag is None and ref.digest is None \
                and (match := closest(source.lower(), names)):
            yield Finding(use.span, f"{flag}{source} names no stage (did you mean '{match}'?): "
                                    f"Docker would pull the image '{ref.familiar_name}' from "
                                    "Docker Hub instead")


def _stage(document, source):
    """The stage BuildKit resolves ``source`` to: the last of that name, or by index."""
    if source.isdigit():
        index = int(source)
        return document.stages[index] if index < len(document.stages) else None
    matching = [s for s in document.stages if s.name and s.name.lower() == source.lower()]
    return matching[-1] if matching else None


def _did_you_mean(source, names):
    match = closest(source.lower(), names)
    return f" (did you mean '{match}'?)" if match else (
        f"; stages are {', '.join(names)}" if names else "")


RULE = Rule(code="DF106", name="copy-from-invalid", severity="error", check=check,
            doc=__doc__, aliases=("DL3022", "DL3023", "DS-0006", "DS-0018"), tags=("correctness",))
