"""`FROM --platform` with a fixed platform, or with the redundant `$TARGETPLATFORM`.

## What it does
Reports `FROM --platform=linux/amd64 ...` and other constant platforms
(BuildKit's `FromPlatformFlagConstDisallowed`, hadolint's DL3029), unless
the stage name mentions the platform's OS or architecture (`AS build-amd64`),
which marks a deliberate per-platform stage. It also reports
`--platform=$TARGETPLATFORM`, which only repeats the default
(`RedundantTargetPlatform`); the fix removes the flag. Variables such as
`$BUILDPLATFORM` (the cross-compilation idiom) or a platform ARG of your own
are fine.

## Why it matters
A constant platform pins the stage whatever the build asks for: on an
Apple Silicon laptop or an arm64 CI runner, every build of a
`--platform=linux/amd64` stage runs under emulation, many times slower, and
a multi-platform build silently ships amd64 binaries in its arm64 image.

## Example
```dockerfile
FROM --platform=linux/amd64 python:3.12-slim
CMD ["python", "-m", "http.server"]
```

## Use instead
```dockerfile
FROM --platform=$BUILDPLATFORM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels flask==3.0.3
FROM python:3.12-slim
COPY --from=build /wheels /wheels
```
"""

import re

from pydolint.analysis.expansion import global_args
from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.model import Span
from pydolint.rule import Rule

PLATFORM = re.compile(r"^[a-z0-9_.-]+(/[a-z0-9_.-]+){0,2}$", re.IGNORECASE)
OSES = {"linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos",
        "aix", "android", "ios", "plan9", "js", "wasip1"}
ARCHES = {"x86_64": "amd64", "x86-64": "amd64", "aarch64": "arm64", "armhf": "arm",
          "armel": "arm", "i386": "386", "i686": "386"}


def check(ctx):
    scope = global_args(ctx.document)
    for stage in ctx.document.stages:
        instruction = stage.from_instruction
        for flag in instruction.flags_named("platform"):
            result = scope.expand(flag.value or "")
            if result is None:
                continue
            if result.matched == {"TARGETPLATFORM"} and not result.unmatched \
                    and result.result == scope.values["TARGETPLATFORM"]:
                yield Finding(flag.span, f"--platform={flag.value} is redundant: FROM already "
                                         "uses the target platform; remove the flag",
                              fix=_remove(instruction, flag))
            elif not result.matched and not result.unmatched and PLATFORM.match(result.result):
                os_name, arch = _os_arch(result.result.lower())
                name = (stage.name or "").lower()
                if os_name in name or arch in name:
                    continue
                yield Finding(flag.span, f"--platform={flag.value} pins this stage to "
                                         f"{result.result} whatever platform is built: other "
                                         "machines run it under emulation and multi-platform "
                                         "builds get the wrong binaries; drop the flag, or use "
                                         "--platform=$BUILDPLATFORM for a build stage")


def _os_arch(platform):
    """BuildKit's (containerd's) reading of ``os[/arch[/variant]]`` or a bare ``arch``."""
    parts = platform.split("/")
    if len(parts) == 1:
        return (parts[0], "amd64") if parts[0] in OSES else ("linux", ARCHES.get(parts[0],
                                                                                  parts[0]))
    return parts[0], ARCHES.get(parts[1], parts[1])


def _remove(instruction, flag):
    """Delete the flag and the blanks after it, when both are on one line."""
    line = flag.span.start_line
    if flag.span.end_line != line:
        return None
    after = next((w.span for w in instruction.args if w.span.start_line == line
                  and w.span.start_column >= flag.span.end_column), None)
    end = after.start_column if after else flag.span.end_column
    return Fix((Edit(Span(line, flag.span.start_column, line, end), ""),),
               description=f"remove --platform={flag.value}")


RULE = Rule(code="DF107", name="platform-flag", severity="info", check=check, doc=__doc__,
            aliases=("FromPlatformFlagConstDisallowed", "RedundantTargetPlatform", "DL3029",
                     "DL3065"),
            fixable=True, tags=("portability",))
