"""`$VAR` in an exec-form `CMD`, `ENTRYPOINT`, `RUN` or `HEALTHCHECK`, where nothing expands it.

## What it does
Reports elements of a JSON-array (exec-form) `CMD`, `ENTRYPOINT`, `RUN` or
`HEALTHCHECK CMD` that contain `$NAME` or `${NAME}`. Exec form runs the
program directly, without a shell, so the program receives the text
`$PORT` itself. The `-c` script of a shell in the array
(`["sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app:app"]`, also behind
`env` or `tini --`) is expanded by that shell and is not reported; its
further arguments are. Windows shells (PowerShell, `cmd`) are skipped.

## Why it matters
`CMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"]` makes gunicorn try
to listen on a port literally named `$PORT`, and the container exits at
start. The variable looks fine in the Dockerfile, so the bug is easy to
miss in review.

## Example
```dockerfile
FROM python:3.12-slim
ENV PORT=8000
CMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV PORT=8000
CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app:app"]
```
"""

import json

from pydolint.analysis.execform import literal_variables, shell_join, shell_script_index
from pydolint.analysis.stages import is_windows_stage
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

KEYWORDS = ("CMD", "ENTRYPOINT", "RUN", "HEALTHCHECK")


def check(ctx):
    document = ctx.document
    for instruction in document.all_instructions():
        if instruction.keyword not in KEYWORDS or instruction.form != "exec" \
                or instruction.stage is None \
                or is_windows_stage(document, document.stages[instruction.stage]):
            continue
        offset = 1 if instruction.keyword == "HEALTHCHECK" else 0  # the CMD word
        elements = instruction.value[offset:]
        script = shell_script_index(elements)
        for index, names in literal_variables(elements):
            keyword = "HEALTHCHECK CMD" if offset else instruction.keyword
            variables = ", ".join(f"${name}" for name in names)
            command = shell_join(elements)
            instead = (f"use {variables} inside the shell's -c script instead" if script is not None else
                       f"write `{keyword} {command}`" if keyword in ("RUN", "HEALTHCHECK CMD")
                       else f"write `{keyword} " + json.dumps(["sh", "-c", f"exec {command}"])
                       + "`")
            yield Finding(instruction.args[index + offset].span,
                          f"{variables} in exec-form {keyword} reaches the program as the "
                          f"literal text {elements[index]!r}: no shell expands it; {instead}")

RULE = Rule(code="DF511", name="exec-form-variable", severity="warning", check=check,
            doc=__doc__, tags=("correctness",))
