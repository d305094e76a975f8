"""A `$VAR` that Docker expands is never defined.

## What it does
Looks at the words Docker itself expands (ENV, LABEL, ARG defaults,
COPY/ADD paths and `--chown`/`--chmod`, WORKDIR, USER, VOLUME, STOPSIGNAL,
RUN `--mount` options; not RUN commands or CMD, which a shell expands when
they run) and reports variables that no `ARG` in the stage, no `ENV` of the
stage or the stages it is built `FROM`, and no ENV of the base image
defines, as BuildKit's `UndefinedVar` check does. It says why when it can:
a global ARG not re-declared in the stage, a predefined argument such as
`TARGETARCH` that needs `ARG TARGETARCH`, `HOME` (set only when a container
starts), or a close name ("did you mean"). The ENV of base images pydolint
knows (`python`, `pypy`, `debian`, `ubuntu`, `alpine`, `scratch`) counts as
defined. With another base image, whose ENV is unknown, only likely typos,
missing predefined ARGs and global ARGs not re-declared (unless the base
image's name uses that ARG, as in `FROM node:${NODE_VERSION}`, whose image
may well set it) are reported. Windows stages are skipped.

## Why it matters
Docker replaces an undefined variable by an empty string without a word:
`WORKDIR $HOME/app` builds into `/app`, `COPY app.py $APP_DIR/` copies to
`/`, and `ENV PATH=$VENV_PATH/bin:$PATH` breaks the PATH.

## Example
```dockerfile
ARG APP_VERSION=1.2.3
FROM python:3.12-slim
ENV VIRTUAL_ENV=/opt/venv
ENV PATH=$VIRTUALENV/bin:$PATH
LABEL org.opencontainers.image.version=$APP_VERSION
```

## Use instead
```dockerfile
ARG APP_VERSION=1.2.3
FROM python:3.12-slim
ARG APP_VERSION
ENV VIRTUAL_ENV=/opt/venv
ENV PATH=$VIRTUAL_ENV/bin:$PATH
LABEL org.opencontainers.image.version=$APP_VERSION
```
"""

from pydolint.analysis.expansion import (
    NON_ENV_ARGS,
    PLATFORM_ARGS,
    base_env,
    expanded_words,
    global_args,
    references,
    unset_means,
    variable_spans,
)
from pydolint.analysis.stages import is_windows_stage, root_stage
from pydolint.analysis.suggest import closest
from pydolint.diagnostics import Finding
from pydolint.rule import Rule

RUNTIME_ONLY = {"HOME", "USER", "HOSTNAME", "PWD"}


def check(ctx):
    document = ctx.document
    global_scope = global_args(document)
    for stage in document.stages:
        if is_windows_stage(document, stage):
            continue
        inherited = base_env(document, stage)
        base_image = root_stage(document, stage).image
        known_base = inherited or {"PATH"}
        for instruction in stage.instructions:
            variables = instruction.variables
            names = set()
            for text in expanded_words(instruction):
                result = variables.expand(text)
                names |= result.unmatched if result is not None else set()
            missing = sorted(n for n in names - NON_ENV_ARGS
                             if not variables.is_declared(n) and n not in known_base)
            if not missing:
                continue  # the common case: no need to list what is defined
            defined = sorted(set(variables.env) | set(variables.args) | known_base)
            for name in missing:
                suggestion = closest(name, defined)
                if name in PLATFORM_ARGS:
                    why = f"; predefined build arguments need `ARG {name}` in the stage first"
                elif _set_before_use(instruction, name):
                    why = (f"; {instruction.keyword} {name}=... takes effect only after this "
                           f"instruction: set {name} on an {instruction.keyword} line of its own "
                           "before")
                elif name in global_scope.declared and (inherited is not None
                                                        or name not in base_image):
                    line = global_scope.declared[name].start_line
                    why = (f"; the global `ARG {name}` on line {line} is only seen by FROM "
                           f"lines: re-declare `ARG {name}` inside this stage")
                elif suggestion and (inherited is not None or len(name) > 3):
                    why = f" (did you mean ${suggestion}?)"
                elif inherited is None:
                    continue  # the base image, unknown to pydolint, may set it
                elif any(pair.key == name for pair in instruction.key_values):
                    why = f"; the base image does not set {name} either: drop ${name} from the value"
                elif name in RUNTIME_ONLY:
                    why = f" ({name} is set when the container starts, not while it is built)"
                else:
                    why = "; define it with ARG or ENV before this line"
                spans = variable_spans(instruction, name)
                yield Finding(spans[0] if spans else instruction.keyword_span,
                              f"${name} is not defined when this {instruction.keyword} is "
                              f"built, so {unset_means(instruction, name)}{why}")


def _set_before_use(instruction, name):
    """``ENV A=1 B=$A``: an earlier pair of the same instruction sets the variable."""
    pairs = instruction.key_values
    return any(pair.key == name and any(references(later.raw_value or "", name)
                                        for later in pairs[i + 1:])
               for i, pair in enumerate(pairs))


RULE = Rule(code="DF507", name="undefined-variable", severity="warning", check=check,
            doc=__doc__, aliases=("UndefinedVar", "DL3044"), tags=("correctness",))
