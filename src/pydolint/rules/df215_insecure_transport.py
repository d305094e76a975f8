"""A download or package install skips the checks that make it trustworthy.

## What it does
Reports what turns off TLS certificate or package signature checks:

- `curl -k`/`--insecure`, `wget --no-check-certificate`, git's
  `http.sslVerify=false` (`git -c`, `git config`);
- `apk --allow-untrusted`; `apt-get`/`apt` `--allow-unauthenticated`,
  `--force-yes` or an `-o` setting that allows unauthenticated repositories;
  `dnf`/`yum`/`microdnf` `--nogpgcheck`, `zypper --no-gpg-checks`,
  `rpm --nosignature`;
- `GIT_SSL_NO_VERIFY` (any value) and `NODE_TLS_REJECT_UNAUTHORIZED=0`,
  set by ENV, ARG, `export` or inline (`VAR=x cmd`);
- plain `http://` downloads that are then run or installed: piped or
  substituted into a shell or Python (`curl http://... | sh`), saved and run
  (`sh x.sh`) or installed (`dpkg -i x.deb`, `rpm -i http://...`), and
  `ADD http://...` (also Git over `http://` or `git://`).

pip's `--trusted-host`, `http://` index URLs and `PYTHONHTTPSVERIFY=0` are
reported by PY202. Windows stages are skipped for RUN scripts.

## Why it matters
Without TLS verification or signatures, anyone on the network path (a
compromised mirror, proxy or Wi-Fi) can swap what the build downloads, and
the result runs as root inside your image. Fix the cause instead: install
`ca-certificates`, import the repository key, use `https://`.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -k -fsSLo /tmp/tool.tar.gz https://example.com/tool.tar.gz
ENV GIT_SSL_NO_VERIFY=1
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/tool.tar.gz https://example.com/tool.tar.gz
```
"""

from pydolint.analysis.commands import run_scripts
from pydolint.analysis.copy_instructions import copies
from pydolint.analysis.downloads import executions
from pydolint.analysis.programs import calls
from pydolint.analysis.transport import insecure_options, insecure_variable, plain_http_packages
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

FIX = "anyone on the network path can swap what the build gets"


def check(ctx):
    document = ctx.document
    for call in calls(document, document.instructions):
        script, command = call.script, call.command
        for word, shown, effect in insecure_options(command):
            yield Finding(script.word_span(word), f"`{shown}` {effect}: {FIX}; remove it "
                                                  "and install ca-certificates or the "
                                                  "repository key instead")
        for name, value in command.assignments:
            yield from _variable(script, call.written.start, name, value)
        for word in plain_http_packages(command):
            yield Finding(script.word_span(word), f"`{command.name}` installs `{word.text}` "
                                                  f"over plain HTTP: {FIX}; use https://")
    for instruction in document.instructions:
        for script in run_scripts(document, instruction) if instruction.keyword == "RUN" else ():
            for name, value in script.script.exports.items():
                yield from _variable(script, 0, name, value)
            shown = set()
            for run in executions(document, script):
                for url in run.download.urls:
                    if url.text.lower().startswith("http://") and url.start not in shown:
                        shown.add(url.start)
                        verb = "installed" if run.how == "install" else "run"
                        yield Finding(script.word_span(url), f"`{url.text}` is downloaded "
                                      f"over plain HTTP and {verb} by `{run.interpreter.name}`"
                                      f": {FIX}; use https:// and check a checksum")
        for pair in instruction.key_values if instruction.keyword in ("ENV", "ARG") else ():
            effect = insecure_variable(pair.key, pair.value)
            if effect:
                yield Finding(pair.span, f"{instruction.keyword} {pair.key} {effect}: {FIX}; "
                                         "remove it and install ca-certificates instead")
    for copy in copies(document):
        for source in copy.sources if copy.instruction.keyword == "ADD" else ():
            if source.kind != "heredoc" and (source.text or "").lower().startswith(
                    ("http://", "git://")):
                yield Finding(source.word.span, f"ADD fetches `{source.text}` without "
                                                f"encryption: {FIX}; use https://")


def _variable(script, start, name, value):
    effect = insecure_variable(name, value)
    at = script.text.find(f"{name}=", start) if effect else -1
    if at >= 0:
        yield Finding(script.span(at, at + len(name)),
                      f"{name} {effect}: {FIX}; remove it and install ca-certificates instead")


RULE = Rule(code="DF215", name="insecure-transport", severity="error", check=check,
            doc=__doc__, tags=("security",))
