"""Files or directories are made writable by every user.

## What it does
Reports modes that give write permission to "others":

- `chmod` in RUN scripts with an octal mode whose last digit allows writing
  (`777`, `0666`, `-R 777`) or a symbolic one granting `w` to `o` or `a`
  (`a+w`, `o+w`, `a=rwx`, `ugo+rwX`);
- `mkdir -m`/`install -m` with such a mode;
- COPY and ADD `--chmod=777` (or a symbolic equivalent).

Modes with the sticky bit (`1777`, `+t`), the standard for shared scratch
directories like /tmp, are fine, and so is `+w` without a "who", which the
umask limits. Windows stages are skipped for RUN scripts.

## Why it matters
World-writable code or data lets any process in the container, whatever
user it runs as, replace the application or plant files for another
process to run. Give the files to the user that needs them (`chown`,
`COPY --chown`) and keep modes like 755 for directories and 644 for files.

## Example
```dockerfile
FROM python:3.12-slim
COPY --chmod=777 app.py /app/app.py
RUN mkdir -p /app/data && chmod -R 777 /app/data
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
COPY --chmod=644 app.py /app/app.py
RUN mkdir -p /app/data && chown app /app/data && chmod 1777 /tmp
```
"""

from pydolint.analysis.copy_instructions import copies
from pydolint.analysis.permissions import change, mode_word, sticky, world_writable
from pydolint.analysis.programs import calls
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

ADVICE = ("give the files to the user that needs them (`chown`, `COPY --chown`) and use "
          "755 for directories and 644 for files (1777 for a shared scratch directory)")


def check(ctx):
    document = ctx.document
    for call in calls(document, document.instructions, "chmod", "mkdir", "install"):
        changed = change(call.command)
        word = changed.setting if changed is not None else mode_word(call.command)
        if word is None or word.has_expansion or not _bad(word.text):
            continue
        shown = " ".join(call.command.words())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        yield Finding(call.script.word_span(word),
                      f"`{shown}` lets every user write there: any process in the container "
                      f"can change it; {ADVICE}")
    for copy in copies(document):
        for flag in copy.instruction.flags_named("chmod"):
            if flag.value and _bad(flag.value):
                yield Finding(flag.span, f"`--chmod={flag.value}` makes the copied files "
                                         f"writable by every user; {ADVICE}")


def _bad(mode: str) -> bool:
    return world_writable(mode) and not sticky(mode)


RULE = Rule(code="DF403", name="world-writable", severity="warning", check=check,
            doc=__doc__, tags=("security",))
