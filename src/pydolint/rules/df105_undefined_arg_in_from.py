"""A FROM line uses an ARG that is not declared, or whose default makes the image invalid.

## What it does
Reports variables in a `FROM` image or its `--platform` that no global ARG
(an `ARG` before the first `FROM`) declares, with a "did you mean" for a
close name (BuildKit's `UndefinedArgInFrom`). BuildKit's predefined
arguments (`TARGETPLATFORM`, `BUILDPLATFORM`, `TARGETARCH`...) count as
declared. It also reports images that the global ARG defaults turn into an
invalid reference, such as `ARG TAG` without a default and
`FROM python:${TAG}`, which gives `python:` (`InvalidDefaultArgInFrom`).

## Why it matters
An undeclared variable expands to nothing, so `FROM python:${PYTHON_VERSION}-slim`
becomes `python:-slim` and the build fails, or worse pulls another image
than intended. An `ARG` declared after the first `FROM` is invisible to
later `FROM` lines, a frequent cause. An ARG without a default makes every
build depend on `--build-arg`.

## Example
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERISON}-slim
CMD ["python", "-m", "http.server"]
```

## Use instead
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim
CMD ["python", "-m", "http.server"]
```
"""

from pydolint.analysis.expansion import PLATFORM_ARGS, global_args, unset_means, variable_spans
from pydolint.analysis.suggest import closest
from pydolint.diagnostics import Finding
from pydolint.imageref import parse_image_ref
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    scope = global_args(document)
    known = sorted(set(scope.declared) | set(PLATFORM_ARGS))
    in_stage = {pair.key: i for i in document.instructions
                if i.keyword == "ARG" and i.stage is not None for pair in i.key_values}
    for stage in document.stages:
        instruction = stage.from_instruction
        if not instruction.args:
            continue
        texts = [(stage.image, instruction.args[0].span, "the image")] + [
            (flag.value, flag.span, "--platform") for flag in instruction.flags_named("platform")
            if flag.value]
        undefined = False
        for text, span, what in texts:
            result = scope.expand(text)
            for name in sorted(result.unmatched - set(known)) if result else ():
                undefined = True
                suggestion = closest(name, known)
                advice = (f"did you mean ${suggestion}?" if suggestion else
                          f"move `ARG {name}` (line {in_stage[name].start_line}) above the "
                          "first FROM: FROM lines cannot see ARGs declared inside a stage"
                          if name in in_stage else
                          f"declare `ARG {name}=<default>` above the first FROM")
                spans = variable_spans(instruction, name)
                yield Finding(spans[0] if spans else span,
                              f"${name} in {what} of FROM is not declared by an ARG before the "
                              f"first FROM, so {unset_means(instruction, name)} and --build-arg "
                              f"cannot set it; {advice}")
        result = scope.expand(stage.image)
        if undefined or result is None or "$" not in stage.image \
                or parse_image_ref(result.result) is not None:
            continue
        missing = sorted(result.unmatched)
        used = sorted(name for name in result.matched if name in scope.declared)
        why = (f"`ARG {missing[0]}` on line {scope.declared[missing[0]].start_line} has no "
               f"default, so the build fails unless --build-arg {missing[0]}=... is given; "
               "give it a default" if missing else "check the default of " + ", ".join(
                   f"`ARG {n}` on line {scope.declared[n].start_line}" for n in used))
        yield Finding(instruction.args[0].span,
                      f"with the global ARG defaults, FROM {stage.image} becomes "
                      f"'{result.result}', which is not a valid image reference: {why}")


RULE = Rule(code="DF105", name="undefined-arg-in-from", severity="warning", check=check,
            doc=__doc__, aliases=("UndefinedArgInFrom", "InvalidDefaultArgInFrom"),
            tags=("correctness",))
