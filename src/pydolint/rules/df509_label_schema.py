r"""Image labels break the configured label schema or Docker's key naming rules.

## What it does
Checks `LABEL` instructions against rules you configure, hadolint's label
checks in one rule:

- every key follows Docker's naming guidance: lower-case letters, digits,
  `.`, `-`, `_` and `/`, starting with a letter, ending with a letter or
  digit, no `..` or `--`, outside the reserved `com.docker.`, `io.docker.`
  and `org.dockerproject.` namespaces (DL3048);
- each label of `required` is set in the image (the last stage, or
  `--target`, including the stages it is built `FROM`) (DL3049);
- with `strict-labels`, no label outside `required` and `schema` (DL3050);
- a label of `schema` is not empty (DL3051) and has its format: `text`,
  `url` (DL3052), `rfc3339` (DL3053), `spdx` (DL3054), `hash` (a git commit,
  DL3055), `semver` (DL3056) or `email` (DL3058).

Values are checked after variable substitution; values that depend on an
ARG without a default are skipped. Key naming findings are of style
severity, the others warnings. Off by default.

## Why it matters
Registries, scanners and deployment tools read labels such as
`org.opencontainers.image.source` and `org.opencontainers.image.revision`
to link an image to its code. A missing, empty or malformed label breaks
that link silently.

## Example
```dockerfile
FROM python:3.12-slim
LABEL Maintainer="jane@example.org" com.docker.version="1.0"
```

## Use instead
```dockerfile
FROM python:3.12-slim
LABEL org.opencontainers.image.authors="jane@example.org" \
      org.opencontainers.image.version="1.0.0"
```

## Options
- `required` (list[str], default []): label keys the image must carry, e.g. `["org.opencontainers.image.source"]`.
- `schema` (list[str], default []): `"label=format"` entries, format one of text, url, rfc3339, semver, hash, spdx, email, e.g. `["org.opencontainers.image.created=rfc3339"]`.
- `strict-labels` (bool, default false): report labels that are neither in `required` nor in `schema`.
"""

from pydolint.analysis.labels import FORMATS, bad_format, image_labels, key_problem, labels
from pydolint.analysis.stages import target_stage
from pydolint.diagnostics import Finding, Severity
from pydolint.model import Span
from pydolint.rule import Option, Rule


def check(ctx):
    document = ctx.document
    schema = dict(entry.partition("=")[::2] for entry in ctx.options["schema"])
    for label, fmt in schema.items():
        if fmt not in FORMATS:
            yield Finding(Span.line(1, 1, 1), f"option schema of label-schema: unknown format "
                                              f"'{fmt}' for label '{label}' (expected one of "
                                              f"{', '.join(FORMATS)}); the label is not checked")
    known = set(schema) | set(ctx.options["required"])
    for instruction in document.instructions:
        for label in labels(instruction) if instruction.keyword == "LABEL" else ():
            span, key = label.pair.span, label.key
            if (problem := key_problem(key)) is not None:
                yield Finding(span, f"label key '{key}' {problem}", severity=Severity.STYLE)
            if ctx.options["strict-labels"] and key not in known:
                yield Finding(span, f"label '{key}' is not in the configured schema "
                                    "(strict-labels); remove it or add it to `schema`")
            fmt = schema.get(key)
            if fmt not in FORMATS or label.value is None:
                continue
            if not label.value.strip():
                yield Finding(span, f"label '{key}' is empty; set it to {FORMATS[fmt]}")
            elif bad_format(fmt, label.value):
                yield Finding(span, f"label '{key}' is '{label.value}', not {FORMATS[fmt]}")
    stage = target_stage(document, ctx.target_stage)
    present = image_labels(document, stage) if stage is not None else {}
    for key in ctx.options["required"] if stage is not None else ():
        if key not in present:
            yield Finding(stage.from_instruction.keyword_span,
                          f"the image lacks the required label '{key}': add `LABEL {key}=...` "
                          f"to the stage on line {stage.line}")


RULE = Rule(code="DF509", name="label-schema", severity="warning", check=check, doc=__doc__,
            enabled=False,
            aliases=("DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054",
                     "DL3055", "DL3056", "DL3058"),
            options=(
                Option("required", "list[str]", [], "label keys the image must carry"),
                Option("schema", "list[str]", [], "\"label=format\" entries; formats: text, "
                       "url, rfc3339, semver, hash, spdx, email"),
                Option("strict-labels", "bool", False,
                       "report labels in neither required nor schema"),
            ),
            tags=("metadata",))
