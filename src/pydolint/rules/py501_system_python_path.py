"""A command runs `/usr/bin/python*` on an official python image.

## What it does
On `python` and `pypy` images, reports CMD, ENTRYPOINT and RUN commands that
run `/usr/bin/python`, `/usr/bin/python3` or `/usr/bin/python3.X`, directly,
through a wrapper or `sh -c`, or as the `-p`/`--python` of a virtualenv
tool. It is not reported when the stage installed the distribution's Python
itself (`apt-get install python3`, `apk add python3`) or linked the path.

## Why it matters
The official images install their Python in `/usr/local/bin`. `/usr/bin`
holds the distribution's interpreter, if any: the full images have Debian's
`python3`, another version without any of the packages pip installed; the
slim and alpine images have none, so the command fails.

## Example
```dockerfile
FROM python:3.12-slim
COPY app.py /app/
CMD ["/usr/bin/python3", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY app.py /app/
CMD ["python3", "/app/app.py"]
```
"""

import fnmatch
import re

from pydolint.analysis.commands import run_scripts
from pydolint.analysis.packages import available_packages, order_of
from pydolint.analysis.python import base_image
from pydolint.analysis.shell import unwrap
from pydolint.analysis.stages import lineage_instructions
from pydolint.diagnostics import Finding
from pydolint.knowledge import package_patterns, system_interpreters
from pydolint.rule import Rule

SYSTEM_PYTHON = re.compile(r"^/usr/bin/(python|pypy)(\d+(\.\d+)?)?$")
PYTHON_OPTIONS = {"-p", "--python"}


def check(ctx):
    document = ctx.document
    for stage in document.stages:
        ref, tag = base_image(document, stage)
        if tag is None or tag.family == "windows":
            continue
        shipped = system_interpreters(tag.image, tag.variant)
        for instruction in stage.instructions:
            if instruction.keyword not in ("RUN", "CMD", "ENTRYPOINT"):
                continue
            for script in run_scripts(document, instruction):
                for command in map(unwrap, script.script.commands):
                    words = command.argv
                    for i, word in enumerate(words):
                        if not SYSTEM_PYTHON.match(word.text) or not (
                                i == 0 or words[i - 1].text in PYTHON_OPTIONS) \
                                or _provided(document, instruction, command, tag, word.text):
                            continue
                        if shipped is not None and word.text in shipped:
                            why = (f"is the distribution's own Python on '{ref.familiar}', "
                                   "a separate interpreter without the packages pip installed")
                        else:
                            why = (f"does not exist on '{ref.familiar}', so the command "
                                   "fails")
                        yield Finding(script.word_span(word),
                                      f"`{word.text}` {why}; the image's Python is in "
                                      "/usr/local/bin: call `python3` (or "
                                      f"/usr/local/bin/{word.text.rsplit('/', 1)[1]})")


def _provided(document, instruction, command, tag, path) -> bool:
    """The stage installed the distribution's Python, or linked ``path``, before."""
    order = order_of(document, instruction, command) if instruction.keyword == "RUN" else None
    patterns = package_patterns("distro_python", tag.family)
    if any(fnmatch.fnmatchcase(name, p) for name in available_packages(
            document, instruction, order, tag.family) for p in patterns):
        return True
    for earlier in lineage_instructions(document, document.stages[instruction.stage]):
        for script in run_scripts(document, earlier) if earlier.keyword == "RUN" else ():
            for raw in script.script.commands:
                linked = unwrap(raw)
                if linked.basename in ("ln", "cp", "update-alternatives") \
                        and any(w.text == path for w in linked.argv[1:]) \
                        and (earlier is not instruction or raw.end <= command.start):
                    return True
        if earlier is instruction:
            break
    return False


RULE = Rule(code="PY501", name="system-python-path", severity="warning", check=check,
            doc=__doc__, tags=("python", "correctness"))
