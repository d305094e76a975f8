"""ADD is used where COPY would do, or fetches a URL without a checksum.

## What it does
Reports ADD instructions whose sources include local files or directories
that are not tar archives (or inline heredocs): COPY does the same without
ADD's extra behaviour. The fix turns the keyword into COPY when every source
is such a file and the ADD has no ADD-only flag. Local archives (`.tar`,
`.tar.gz`, `.tgz`, `.tar.xz`, `.tar.bz2`, `.tar.zst`...) are what ADD is
for and are fine. An ADD of a URL is reported unless it has `--checksum`;
Git sources (`git@host:repo.git`, `https://host/repo.git#ref`) are fine, as
COPY cannot fetch them (`--keep-git-dir` keeps their `.git` on purpose).

## Why it matters
ADD unpacks anything that looks like an archive and downloads URLs, so what
an ADD line does depends on the file it is given: rename a `.tar.gz` and
the image changes shape. COPY only copies. A downloaded URL without a
checksum can change under the same name at any time; `--checksum` makes
the build fail instead.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
ADD requirements.txt app.py ./
ADD https://example.com/tool.tar.gz /opt/
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt app.py ./
ADD vendor.tar.gz /opt/vendor/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/
```
"""

from pydolint.analysis.copy_instructions import copies
from pydolint.diagnostics import Edit, Finding, Fix
from pydolint.rule import Rule

ADD_ONLY_FLAGS = ("checksum", "keep-git-dir", "unpack")


def check(ctx):
    for copy in copies(ctx.document):
        instruction = copy.instruction
        if instruction.keyword != "ADD" or copy.from_ is not None:
            continue
        plain = [s for s in copy.sources if s.kind == "heredoc"
                 or s.kind == "local" and s.text is not None and not s.is_archive]
        if plain:
            only = len(plain) == len(copy.sources) and not any(
                instruction.flag(name) for name in ADD_ONLY_FLAGS)
            copy_word = "COPY" if instruction.keyword_as_written.isupper() else "copy"
            fix = Fix((Edit(instruction.keyword_span, copy_word),),
                      description="use COPY") if only else None
            names = ", ".join(f"`{s.word.text}`" + (f" (`{s.text}`)" if s.text != s.word.text
                                                     and s.kind != "heredoc" else "")
                              for s in plain)
            yield Finding(instruction.keyword_span,
                          f"ADD of {names}, which "
                          f"{'is not a tar archive' if len(plain) == 1 else 'are not tar archives'}"
                          "; use COPY, which only copies (ADD also unpacks archives and fetches "
                          "URLs)", fix=fix)
        if instruction.flag("checksum") is None:
            for source in copy.sources:
                if source.kind == "url":
                    yield Finding(source.word.span,
                                  f"ADD downloads `{source.text or source.word.text}` without "
                                  "checking it; add `--checksum=sha256:<digest>` or download "
                                  "it with curl and check it with `sha256sum -c`")


RULE = Rule(code="DF300", name="add-instead-of-copy", severity="warning", check=check,
            doc=__doc__, aliases=("DL3020", "CKV_DOCKER_4", "DS-0005"), fixable=True, tags=("best-practice",))
