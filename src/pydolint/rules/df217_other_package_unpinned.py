"""npm, gem, go or cargo installs a package without a version.

## What it does
Reports each package that `npm install`, `gem install`, `go install`,
`go get`, `go run` and `cargo install` fetch without a version:
`npm install pkg` (pin `pkg@1.2.3`), `gem install pkg` (pin `-v 1.2.3` or
`pkg:1.2.3`), `go install example.com/cmd` (pin `@v1.2.3`), `cargo install
pkg` (pin `--version 1.2.3` or `pkg@1.2.3`). Floating versions count as
unpinned: `@latest`, `@next`, go's `@upgrade`, `@patch` and branch names
`@master`/`@main`. Not reported: local paths and tarballs, git URLs with a
`#ref`, `npm install` without packages (it reads the lockfile), and `go
install`/`go run` without `@version` when a go.mod was copied or
bind-mounted first (the module pins the version). Off by default.

## Why it matters
Without a version each build installs the newest release of the day, so the
image changes without the Dockerfile changing, and a broken or malicious
release goes straight in.

## Example
```dockerfile
FROM node:22-slim
RUN npm install -g typescript
```

## Use instead
```dockerfile
FROM node:22-slim
RUN npm install -g typescript@5.6.3
```
"""

from pydolint.analysis.indexes import masked_url
from pydolint.analysis.packages import go_module_present, package_calls, with_onbuild
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

PIN = {"npm": "`{shown} {name}@<version>`", "gem": "`{shown} {name} -v <version>`",
       "go": "`{shown} {name}@v<version>`", "cargo": "`{shown} {name}@<version>`"}


def check(ctx):
    document = ctx.document
    for call in package_calls(document, with_onbuild(document.instructions),
                              ("npm", "gem", "go", "cargo")):
        if not call.installs:
            continue
        for package in call.packages:
            if package.kind not in ("package", "git") or package.pinned:
                continue
            if call.family == "go" and package.version is None and call.subcommand != "get" \
                    and go_module_present(document, call.instruction):
                continue
            shown = masked_url(package.word.text)
            if package.kind == "git":
                advice = f"add `#<commit or tag>` to `{shown}`"
            elif call.family == "cargo" and call.has("--git"):
                advice = "pin the checkout with `--tag <tag>` or `--rev <commit>`"
            else:
                advice = "use " + PIN[call.family].format(shown=call.shown, name=package.name)
            floating = f" (`{package.operator}{package.version}` moves)" if package.version else ""
            yield Finding(call.word_span(package.word),
                          f"`{call.shown}` fetches `{shown}` without a fixed "
                          f"version{floating}; {advice}")


RULE = Rule(code="DF217", name="other-package-unpinned", severity="info", check=check,
            doc=__doc__, enabled=False, aliases=("DL3016", "DL3028", "DL3062"),
            tags=("reproducibility",))
