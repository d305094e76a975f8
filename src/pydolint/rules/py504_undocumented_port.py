"""The server listens on a port that no EXPOSE documents.

## What it does
Looks at what the stage that becomes the image starts (ENTRYPOINT and CMD
combined) and finds the ports gunicorn (`--bind 0.0.0.0:8000`, `-b :8000`),
uvicorn (`--port 8000`) and `flask run` (`--port 8000`, `-p 8000`) are told
to listen on, with ENV and ARG values substituted in shell form. A port that
no EXPOSE of the stage, or of the stages it is built FROM, lists (ranges
and `/tcp` included) is reported.

## Why it matters
EXPOSE is the image's documentation of where its service listens: `docker
run -P`, Compose and orchestrators' tooling read it, and so do people. A
port only mentioned deep in a CMD is easy to miss or get wrong.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
```
"""

import re

from pydolint.analysis.launch import find_program, launch_commands
from pydolint.analysis.stages import final_variables, lineage_instructions, target_stage
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

# program -> (options naming an address or a port, does the value hold a host?)
SERVERS = {"gunicorn": (("--bind", "-b"), True), "uvicorn": (("--port",), False),
           "flask": (("--port", "-p"), False)}
EXPOSED = re.compile(r"^(\d+)(?:-(\d+))?(?:/(tcp|udp|sctp))?$", re.IGNORECASE)


def check(ctx):
    document = ctx.document
    stage = target_stage(document, ctx.target_stage)
    if stage is None:
        return
    variables = final_variables(stage)
    exposed = _exposed(document, stage)
    for words in launch_commands(document, stage):
        for program, (options, address) in SERVERS.items():
            i = find_program(words, {program})
            if i is None or (program == "flask" and "run" not in [w.text for w in words[i:]]):
                continue
            for word, value in _values(words[i + 1:], options):
                expanded = variables.expand(value) if "$" in value else None
                if expanded is not None and not expanded.unmatched:
                    value = expanded.result
                port = value.rsplit(":", 1)[1] if address and ":" in value else (
                    None if address else value)
                if port and port.isdigit() and int(port) not in exposed \
                        and not value.startswith(("unix:", "fd://")):
                    yield Finding(word.span, f"{program} listens on port {port}, but no EXPOSE "
                                             "in the image documents it; add "
                                             f"`EXPOSE {port}`")


def _values(words, options):
    """(word holding the value, value) for each use of these options."""
    for k, word in enumerate(words):
        text = word.text
        for option in options:
            if text == option and k + 1 < len(words):
                yield words[k + 1], words[k + 1].text
            elif text.startswith(option + "="):
                yield word, text[len(option) + 1:]
            elif len(option) == 2 and text.startswith(option) and len(text) > 2:
                yield word, text[2:]


def _exposed(document, stage) -> set[int]:
    ports: set[int] = set()
    for instruction in lineage_instructions(document, stage):
        for value in instruction.value if instruction.keyword == "EXPOSE" else ():
            expanded = instruction.variables.expand(value)
            for item in (expanded.result if expanded else value).split():
                match = EXPOSED.match(item)
                if match and (match.group(3) or "tcp").lower() == "tcp":
                    first = int(match.group(1))
                    ports.update(range(first, int(match.group(2) or first) + 1))
    return ports


RULE = Rule(code="PY504", name="undocumented-port", severity="info", check=check, doc=__doc__,
            enabled=False, tags=("python", "documentation"))
