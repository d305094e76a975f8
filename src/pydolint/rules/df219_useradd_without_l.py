"""`useradd` with a high UID and without `-l` writes a huge /var/log/lastlog.

## What it does
Reports `useradd` commands in RUN scripts that set a UID of six digits or
more (`-u 100000`, `--uid=1000000`, also through an ARG such as
`-u "$APP_UID"`) without `-l`/`--no-log-init`, as hadolint's DL3046 does.
Windows stages are skipped. The fix adds `-l`.

## Why it matters
`useradd` reserves the new user's record in `/var/log/lastlog` and
`/var/log/faillog`, files indexed by UID. On a disk they are sparse, but
image layers store every byte: a UID of 1000000 adds a 292 MB file of zeros
to the layer. `-l` skips the lastlog and faillog entries, which a container
never needs.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --uid 1000000 --create-home app
USER app
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --no-log-init --uid 1000000 --create-home app
USER app
```
"""

from pydolint.analysis.programs import calls, parse_options
from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.rule import Rule

LASTLOG_RECORD = 292  # bytes per UID in /var/log/lastlog (glibc, 64-bit)
VALUE_SHORTS = "bcdefgGkKpRPsuZ"
VALUE_LONGS = ("--base-dir", "--comment", "--home-dir", "--expiredate", "--inactive", "--gid",
               "--groups", "--skel", "--key", "--password", "--root", "--prefix", "--shell",
               "--uid", "--selinux-user", "--selinux-range")


def check(ctx):
    document = ctx.document
    for call in calls(document, document.instructions, "useradd"):
        options = parse_options(call.command.args, VALUE_SHORTS, VALUE_LONGS)
        uid = options.find("-u", "--uid")
        if uid is None or uid.value is None or options.has("-l", "--no-log-init"):
            continue
        value = uid.value.text
        if uid.value.has_expansion:
            expanded = call.instruction.variables.expand(value)
            value = expanded.result if expanded is not None and not expanded.unmatched else ""
        if not value.isdigit() or len(value) <= 5:
            continue
        size = int(value) * LASTLOG_RECORD / 1e6
        yield Finding(call.script.command_span(call.command),
                      f"`useradd` with UID {value} and no `-l` writes a {size:,.0f} MB "
                      "/var/log/lastlog into the layer; add `-l` (`--no-log-init`)",
                      fix=_fix(call))


def _fix(call):
    if call.script.kind not in ("shell", "heredoc"):
        return None
    line, column = call.script.position(call.command.argv[0].end)
    return Fix((Edit(Span(line, column, line, column), " -l"),), description="add -l")


RULE = Rule(code="DF219", name="useradd-without-l", severity="info", check=check,
            doc=__doc__, aliases=("DL3046",), fixable=True, tags=("image-size",))
