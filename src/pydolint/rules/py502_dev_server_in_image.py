"""The image starts a development server, or turns on debug mode.

## What it does
Looks at what the stage that becomes the image starts (ENTRYPOINT and CMD
combined, wrappers and entrypoint scripts included) and reports `flask run`,
`manage.py runserver` / `django-admin runserver`, `fastapi dev`, and
`--reload` on uvicorn, gunicorn or hypercorn; and `FLASK_DEBUG=1`,
`FLASK_ENV=development` or a true `DJANGO_DEBUG` set by ENV in that stage or
the stages it is built FROM.

## Why it matters
Development servers are made for one developer: Flask's and Django's say
they are not for production (single process, little hardening), auto-reload
watches files that never change in an image and restarts workers, and debug
mode shows stack traces, settings and, with Flask's debugger, a console that
runs any Python code to whoever triggers an error.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["flask", "run", "--host=0.0.0.0"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
```
"""

from pydolint.analysis.dependencies import truthy
from pydolint.analysis.launch import find_program, launch_commands
from pydolint.analysis.stages import lineage_instructions, target_stage
from pydolint.diagnostics import Finding
from pydolint.model import Span
from pydolint.rule import Rule

SUBCOMMANDS = {  # program -> (dev subcommand, what to use instead)
    "flask": ("run", "a WSGI server such as gunicorn (`gunicorn --bind 0.0.0.0:8000 app:app`)"),
    "manage.py": ("runserver", "gunicorn or uvicorn with the project's WSGI or ASGI module"),
    "django-admin": ("runserver", "gunicorn or uvicorn with the project's WSGI or ASGI module"),
    "fastapi": ("dev", "`fastapi run`"),
}
RELOADERS = {"uvicorn", "gunicorn", "hypercorn"}
FLASK_DEBUGGER = ("turns on Flask's debugger in the image: an error page then runs any Python "
                  "code its visitor sends")
DEBUG_ENV = {"FLASK_DEBUG": FLASK_DEBUGGER, "FLASK_ENV": FLASK_DEBUGGER,
             "DJANGO_DEBUG": "is commonly read as Django's DEBUG: error pages then show "
                             "settings and source code to anyone who triggers an error"}


def check(ctx):
    document = ctx.document
    stage = target_stage(document, ctx.target_stage)
    if stage is None:
        return
    for words in launch_commands(document, stage):
        for program, (verb, instead) in SUBCOMMANDS.items():
            i = find_program(words, {program})
            j = next((k for k in range(i + 1, len(words)) if words[k].text == verb), None) \
                if i is not None else None
            if j is not None:
                first, last = words[i], words[j]
                span = Span(first.span.start_line, first.span.start_column, last.span.end_line,
                            last.span.end_column) if first.instruction is last.instruction \
                    else last.span
                yield Finding(span, f"`{program} {verb}` starts a development server in the "
                                    f"image, which is not made for production; serve with "
                                    f"{instead}")
        i = find_program(words, RELOADERS)
        for word in words[i + 1:] if i is not None else ():
            if word.text in ("--reload", "--reload=true"):
                yield Finding(word.span, f"`{words[i].text.rsplit('/', 1)[-1]} --reload` "
                                         "watches the source files and restarts the server on "
                                         "every change: a development feature that costs CPU and "
                                         "memory in an image whose code never changes; drop it")
    for name, kv in _debug_settings(document, stage):
        yield Finding(kv.span, f"ENV {name}={kv.value} {DEBUG_ENV[name]}; remove it from the "
                               "image")


def _debug_settings(document, stage):
    """(name, KeyValue) of the last ENV setting of each debug variable, when it is on."""
    last = {}
    for instruction in lineage_instructions(document, stage):
        for kv in instruction.key_values if instruction.keyword == "ENV" else ():
            if kv.key in DEBUG_ENV:
                last[kv.key] = kv
    for name, kv in last.items():
        on = kv.value == "development" if name == "FLASK_ENV" else truthy(kv.value)
        if on:
            yield name, kv


RULE = Rule(code="PY502", name="dev-server-in-image", severity="warning", check=check,
            doc=__doc__, tags=("python", "security"))
