"""`CMD` or `ENTRYPOINT` in shell form, so signals do not reach the application.

## What it does
Reports `CMD` and `ENTRYPOINT` written as a plain command (shell form)
instead of a JSON array (exec form). When the text was meant as a JSON
array but is not valid JSON (single quotes, a trailing comma, a comment
after the closing `]`), it says so and offers the corrected array.
Otherwise, when the command uses no shell syntax, it offers the exec form.
Both fixes are marked unsafe. Not reported, as in BuildKit's
`JSONArgsRecommended`: stages with a `SHELL` instruction (bash, unlike dash,
hands its last command the process, and PowerShell has its own rules), and
Windows images; nor commands that run the app with `exec`
(`cd /app && exec gunicorn app:app`), where the shell replaces itself with
it.

## Why it matters
Docker runs a shell-form command as `/bin/sh -c "..."`, and the shell
becomes PID 1. Debian's `dash` does not pass `SIGTERM` on, so `docker stop`
waits ten seconds and then kills the app: no graceful shutdown, lost
requests, unflushed logs. A shell-form `ENTRYPOINT` also ignores `CMD` and
the arguments of `docker run`.

## Example
```dockerfile
FROM python:3.12-slim
CMD gunicorn --bind 0.0.0.0:8000 app:app
```

## Use instead
```dockerfile
FROM python:3.12-slim
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
```
"""

from pydolint.analysis.commands import run_scripts
from pydolint.analysis.execform import as_exec_form, broken_json
from pydolint.analysis.stages import is_windows_stage, shell_for
from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    for instruction in document.instructions:
        if instruction.keyword not in ("CMD", "ENTRYPOINT") or instruction.form != "shell" \
                or not instruction.args or instruction.stage is None:
            continue
        command = instruction.command
        if shell_for(document, instruction) is not None or _execs(document, instruction) \
                or is_windows_stage(document, document.stages[instruction.stage]):
            continue
        keyword = instruction.keyword
        broken = broken_json(command)
        if broken is not None:
            fixed = broken.corrected
            message = (f"{keyword} looks like an exec-form array but is not valid JSON "
                       f"({broken.problem}), so Docker runs `{command}` as a shell command"
                       + (f"; write `{keyword} {fixed}`" if fixed else "; use double quotes, "
                          "commas between the elements and no trailing comma"))
        else:
            fixed = as_exec_form(command)
            message = (f"shell-form {keyword} runs `{command}` through `/bin/sh -c`: the shell "
                       "(dash on Debian-based images) stays PID 1 and does not pass SIGTERM "
                       "on, so the app is killed without a graceful shutdown"
                       + ("; it also ignores CMD and `docker run` arguments"
                          if keyword == "ENTRYPOINT" else "")
                       + (f"; write `{keyword} {fixed}`" if fixed else
                          f"; use the exec form, or `{keyword} exec ...` to replace the shell"))
        span = instruction.args[0].span
        fix = None
        if fixed and span.start_line == span.end_line:
            fix = Fix((Edit(span, fixed),), safety="unsafe", description=f"write {keyword} {fixed}")
        yield Finding(span, message, fix=fix)


def _execs(document, instruction):
    """The shell replaces itself with the app: ``cd /app && exec gunicorn ...``."""
    return any(c.argv[0].text == "exec" and len(c.argv) > 1 and not c.in_subshell
               for script in run_scripts(document, instruction) for c in script.script.commands)


RULE = Rule(code="DF500", name="shell-form-entrypoint", severity="warning", check=check,
            doc=__doc__, aliases=("DL3025", "JSONArgsRecommended"), fixable=True,
            tags=("runtime",))
