"""yum, dnf, microdnf or zypper waits for confirmation or leaves its cache in the image.

## What it does
Reports, for `yum`, `dnf`, `microdnf` and `zypper` (also behind `sudo`, in
`sh -c`, heredocs and ONBUILD):

- commands that install, upgrade or remove packages without their
  non-interactive switch: `-y`/`--assumeyes` for yum, dnf and microdnf;
  for zypper the global `-n`/`--non-interactive` before the command, or
  `-y`/`--no-confirm` after it (`zypper install -n` means `--name`);
- commands that download packages or metadata (`install`, `upgrade`,
  `makecache`, `zypper refresh`...) without a cleanup later in the same RUN:
  `yum clean all`, `dnf clean all`, `microdnf clean all`, `zypper clean`, or
  `rm -rf` of /var/cache/yum, /var/cache/dnf, /var/cache/libdnf5 or
  /var/cache/zypp; a cache or tmpfs mount there counts too. Reported once per
  RUN and package manager, and only in stages that reach the image;
- `zypper dist-upgrade`, which upgrades the whole distribution in a build;
- with `check-pinning`, packages installed without a version
  (`httpd-2.4.57`, zypper `httpd=2.4.57`); groups, modules, local `.rpm`
  files and paths are not reported.

## Why it matters
A build has no terminal: a confirmation prompt reads end of file and the
build fails. The metadata and package caches these tools keep are tens to
hundreds of megabytes that nothing in the container needs, and a cleanup in
a later RUN cannot shrink the layer that wrote them. A distribution upgrade
belongs in a newer base image, not in every build.

## Example
```dockerfile
FROM fedora:40
RUN dnf install httpd
```

## Use instead
```dockerfile
FROM fedora:40
RUN dnf install -y httpd && dnf clean all
```

## Options
- `check-pinning` (bool, default false): also report packages installed without a version.
"""

from pydolint.analysis.packages import cleaned_after, package_calls, with_onbuild
from pydolint.analysis.stages import stage_ships
from pydolint.diagnostics import Finding
from pydolint.rule import Option, Rule

CLEAN = {"rpm": ("rpm-cache", "clean all"), "zypper": ("zypper-cache", "clean")}


def check(ctx):
    document = ctx.document
    shipped = {id(i) for s in document.stages if stage_ships(document, s, ctx.target_stage)
               for i in with_onbuild(s.instructions)}
    reported = set()
    for call in package_calls(document, with_onbuild(document.instructions), CLEAN):
        zypper = call.family == "zypper"
        if call.prompts and not _non_interactive(call):
            switch = "-n (`zypper -n ...`)" if zypper else f"-y (`{call.shown} -y`)"
            yield Finding(call.span, f"`{call.shown}` without a non-interactive switch stops "
                                     f"at its confirmation prompt and the build fails; add "
                                     f"{switch}")
        what, clean = CLEAN[call.family]
        key = (id(call.instruction), call.manager)
        if call.fetches and id(call.instruction) in shipped \
                and key not in reported and not cleaned_after(document, call, what):
            reported.add(key)
            yield Finding(call.span, f"`{call.shown}` leaves its metadata and package cache "
                                     f"in this layer; end the same RUN with `{call.manager} "
                                     f"{clean}`")
        if zypper and call.subcommand == "dist-upgrade":
            yield Finding(call.span, "`zypper dist-upgrade` upgrades the whole distribution "
                                     "during the build; use a newer base image instead")
        if ctx.options.get("check-pinning") and call.installs:
            yield from _unpinned(call)


def _non_interactive(call) -> bool:
    if call.family == "zypper":  # after the command, -n is --name: parsed as such
        return call.has("--non-interactive", "--no-confirm")
    return call.has("--assumeyes")


def _unpinned(call):
    example = "{0}=<version>" if call.family == "zypper" else "{0}-<version>"
    for package in call.packages:
        if package.kind == "package" and not package.pinned:
            yield Finding(call.word_span(package.word),
                          f"`{package.word.text}` is not pinned; install "
                          f"`{example.format(package.name)}`")


RULE = Rule(code="DF208", name="rpm-hygiene", severity="warning", check=check, doc=__doc__,
            aliases=("DL3030", "DL3032", "DL3033", "DL3034", "DL3035", "DL3036", "DL3037", "DL3038", "DL3040", "DL3041", "DS-0015", "DS-0019", "DS-0020", "DS-0027"),
            options=(Option("check-pinning", "bool", False,
                            "also report packages installed without a version"),),
            tags=("reliability", "image-size"))
