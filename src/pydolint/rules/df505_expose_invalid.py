"""An `EXPOSE` port that is out of range, maps a host port or IP, or has a bad protocol.

## What it does
Checks each `EXPOSE` argument, after substituting ARG and ENV values, as
BuildKit reads it: `port`, `start-end` ranges and a `/tcp`, `/udp` or
`/sctp` suffix are valid. It reports ports outside 0-65535 or not numbers,
reversed ranges, unknown protocols (all build errors), protocols not in
lower case (`ExposeProtoCasing`) and host IPs or host ports such as
`80:8000` (`ExposeInvalidFormat`), which only `docker run -p` can set. Ports
whose variable has no value at lint time are skipped. The fixes for casing
and host mappings rewrite the argument to what BuildKit exposes anyway.

## Why it matters
`EXPOSE` only documents which container ports the app listens on. A host
mapping there is ignored (and will become an error), and an invalid port
fails the build.

## Example
```dockerfile
FROM python:3.12-slim
EXPOSE 80:8000/TCP
```

## Use instead
```dockerfile
FROM python:3.12-slim
EXPOSE 8000/tcp
```
"""

from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.rule import Rule


def check(ctx):
    for instruction in ctx.document.all_instructions():
        if instruction.keyword != "EXPOSE":
            continue
        for word in instruction.args:
            result = instruction.variables.expand(word.text)
            if result is None or result.unmatched:
                continue
            for port in result.words:
                problem, fixed = _problem(port)
                if problem is None:
                    continue
                fix = None
                if fixed is not None and "$" not in word.text and word.text == port:
                    fix = Fix((Edit(word.span, fixed),), description=f"write {fixed}")
                shown = port if port == word.text else f"{word.text} (= {port})"
                yield Finding(word.span, f"EXPOSE {shown}: {problem}", fix=fix)


def _problem(raw):
    """(what is wrong, the corrected argument or None), or (None, None)."""
    parts = raw.split(":")
    ip, host, container = ":".join(parts[:-2]), (parts[-2] if len(parts) > 1 else ""), parts[-1]
    port, _, proto = container.partition("/")
    if proto.lower() not in ("", "tcp", "udp", "sctp"):
        return f"unknown protocol '{proto}' (tcp, udp or sctp); the build fails", None
    error = _range_problem(port)
    if error:
        return f"{error}; the build fails", None
    if ip or host:
        fixed = f"{port}/{proto.lower()}" if proto else port
        mapping = "address and port" if ip else "port"
        return (f"EXPOSE declares container ports only; the host {mapping} mapping belongs to "
                f"`docker run -p {raw.split('/')[0]}`: write `EXPOSE {fixed}`"), fixed
    if proto != proto.lower():
        fixed = f"{port}/{proto.lower()}"
        return f"protocol '{proto}' should be lower case: write `EXPOSE {fixed}`", fixed
    return None, None


def _range_problem(port):
    if not port:
        return "no port given"
    start, dash, end = port.partition("-")
    for number in (start, end) if dash and start != end else (start,):
        if not number.isdigit():
            return f"'{number}' is not a port number"
        if int(number) > 65535:
            return f"port {number} is out of range (0-65535)"
    if dash and start != end and int(end) < int(start):
        return f"the range {port} ends before it starts"
    return None


RULE = Rule(code="DF505", name="expose-invalid", severity="error", check=check, doc=__doc__,
            aliases=("DL3011", "ExposeInvalidFormat", "ExposeProtoCasing", "DS-0008"), fixable=True,
            tags=("correctness",))
