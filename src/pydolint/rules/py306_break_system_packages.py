"""pip is told to break the system packages.

## What it does
Reports `--break-system-packages` on pip and `uv pip`, a true
`PIP_BREAK_SYSTEM_PACKAGES` or `UV_BREAK_SYSTEM_PACKAGES` set by ENV, ARG,
`export` or inline, and `pip config set global.break-system-packages`.

## Why it matters
The option overrides PEP 668's protection of a Python that the operating
system manages. On an official `python` image it is never needed: that
Python lives in `/usr/local` and is not marked externally managed. On a
distribution's Python (`apt-get install python3-pip`, `apk add py3-pip`),
pip then overwrites files that apt or apk own, which can break the
distribution's own tools and later package upgrades. A virtualenv gives pip
a Python of its own.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip \
    && pip install --no-cache-dir --break-system-packages flask==3.0.3
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3-venv \
    && python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir flask==3.0.3
```
"""

import re

from pydolint.analysis.commands import installer_calls, run_scripts
from pydolint.analysis.dependencies import truthy
from pydolint.analysis.python import base_image
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

VARIABLES = ("PIP_BREAK_SYSTEM_PACKAGES", "UV_BREAK_SYSTEM_PACKAGES")
OPTION = "--break-system-packages"


def check(ctx):
    document = ctx.document
    for instruction, script, call in installer_calls(document, document.instructions):
        for word in call.option_words.get(OPTION, []):
            yield Finding(script.word_span(word), _message(document, instruction, f"`{OPTION}`"))
        inline = [(n, call.env(n)) for n in VARIABLES if truthy(call.env(n))]
        if inline:
            yield Finding(script.command_span(call.command), _message(
                document, instruction, f"`{inline[0][0]}={inline[0][1]}`"))
        if call.tool == "pip" and call.subcommand == "config":
            for word in call.command.argv:
                if word.text.endswith(".break-system-packages"):
                    yield Finding(script.word_span(word),
                                  _message(document, instruction, f"`{word.text}`"))
    for instruction in document.instructions:
        for script in run_scripts(document, instruction) if instruction.keyword == "RUN" else ():
            for name in VARIABLES:
                match = re.search(rf"(?<![\w$]){name}=\S*", script.text)
                if truthy(script.script.exports.get(name)) and match:
                    yield Finding(script.span(match.start(), match.end()), _message(
                        document, instruction, f"`export {match.group()}`"))
    for instruction in document.instructions:
        if instruction.keyword in ("ENV", "ARG"):
            for kv in instruction.key_values:
                if kv.key in VARIABLES and truthy(kv.value):
                    yield Finding(kv.span, _message(document, instruction,
                                                    f"`{instruction.keyword} {kv.key}`"))


def _message(document, instruction, what: str) -> str:
    stage = document.stages[instruction.stage] if instruction.stage is not None else None
    ref, tag = base_image(document, stage) if stage is not None else (None, None)
    if tag is not None:
        return (f"{what} is never needed on '{ref.familiar}': its Python in /usr/local is not "
                "marked externally managed; remove it")
    return (f"{what} lets pip overwrite packages that the distribution's package manager "
            "owns, which can break the system's own Python tools; create a virtualenv "
            "(`python3 -m venv /opt/venv`, then `ENV PATH=\"/opt/venv/bin:$PATH\"`) and "
            "install into it")


RULE = Rule(code="PY306", name="break-system-packages", severity="warning", check=check,
            doc=__doc__, tags=("python", "correctness"))
