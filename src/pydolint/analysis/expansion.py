"""Variables as BuildKit expands them outside RUN.

- ``global_args``: the ARGs before the first FROM, which FROM lines (and their
  ``--platform``) see, with BuildKit's predefined platform arguments;
- ``expanded_words``: the texts of an instruction that BuildKit expands
  itself and reports undefined variables in (its UndefinedVar check);
- ``base_env``: the names a stage inherits from its base image's ENV, when
  the base image is known;
- ``references`` and ``variable_spans``: whether and where ``$NAME`` or
  ``${NAME...}`` is written, and
  ``unset_means``: what an unset variable turns into there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pydolint.model import Document, Instruction, Span, Stage
from pydolint.shellwords import LexResult, expand

# BuildKit's predefined build arguments (dockerfile2llb/platform.go defaultArgs),
# with the values of a typical linux/amd64 build. FROM lines see them without an
# ARG; inside a stage they exist only after ``ARG NAME``.
PLATFORM_ARGS = {
    "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDOSVERSION": "",
    "BUILDARCH": "amd64", "BUILDVARIANT": "", "TARGETPLATFORM": "linux/amd64",
    "TARGETOS": "linux", "TARGETOSVERSION": "", "TARGETARCH": "amd64", "TARGETVARIANT": "",
    "TARGETSTAGE": "default",
}
# BuildKit never reports these (dockerfile2llb/convert.go nonEnvArgs).
NON_ENV_ARGS = frozenset({"BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"})


@dataclass(frozen=True)
class GlobalArgs:
    """The scope of FROM lines: global ARG defaults and predefined arguments."""

    values: dict[str, str]  # names with a value: defaults and PLATFORM_ARGS
    declared: dict[str, Instruction] = field(default_factory=dict)  # global ARG -> its ARG line
    escape: str = "\\"

    def expand(self, text: str) -> LexResult | None:
        """``text`` with the defaults substituted; None where BuildKit reports an error."""
        return expand(text, self.values, self.escape)


def global_args(document: Document) -> GlobalArgs:
    def compute() -> GlobalArgs:
        values, declared = dict(PLATFORM_ARGS), {}
        for instruction in document.global_args:
            for pair in instruction.key_values:
                declared[pair.key] = instruction
                if pair.raw_value is not None:  # ``ARG X`` keeps an earlier default
                    result = expand(pair.raw_value, values, document.escape)
                    values[pair.key] = result.result if result is not None else ""
        return GlobalArgs(values, declared, document.escape)

    return document.cached("global_args", compute)


def expanded_words(instruction: Instruction) -> list[str]:
    """The raw texts BuildKit expands for this instruction and reports unset variables in.

    ENV and LABEL keys and values, ARG defaults, COPY/ADD sources, destination,
    ``--chown``, ``--chmod`` (and ADD's ``--checksum``), WORKDIR, USER, VOLUME,
    STOPSIGNAL and RUN ``--mount`` options. Not FROM (see ``global_args``), not
    EXPOSE (expanded silently), not ``COPY --from`` (never expanded), and not
    commands, which a shell expands at run time.
    """
    keyword = instruction.keyword
    if keyword in ("ENV", "LABEL"):
        return [text for pair in instruction.key_values
                for text in (pair.raw_key, pair.raw_value or "")]
    if keyword == "ARG":
        return [pair.raw_value for pair in instruction.key_values if pair.raw_value]
    if keyword in ("COPY", "ADD"):
        names = ("chown", "chmod", "checksum") if keyword == "ADD" else ("chown", "chmod")
        flags = [f.value for f in instruction.flags if f.name in names and f.value]
        return flags + list(instruction.value)
    if keyword in ("WORKDIR", "USER", "VOLUME", "STOPSIGNAL"):
        return list(instruction.value)
    if keyword == "RUN":
        return [f.value for f in instruction.flags if f.name == "mount" and f.value]
    return []


_VARIABLE = r"\$(?:{name}(?![A-Za-z0-9_])|\{{{name}(?=[}}:#%/^,+?-]))"


def _occurrences(text: str, name: str, escape: str):
    for match in re.finditer(_VARIABLE.format(name=re.escape(name)), text):
        if match.start() == 0 or text[match.start() - 1] != escape:
            yield match


def references(text: str, name: str, escape: str = "\\") -> bool:
    """Whether ``text`` uses ``$name`` or ``${name...}`` (escaped ``$`` aside)."""
    return next(_occurrences(text, name, escape), None) is not None


def variable_spans(instruction: Instruction, name: str) -> list[Span]:
    """Where ``$name`` or ``${name...}`` appears in the instruction's text (escaped ``$`` skipped)."""
    text = instruction.original
    spans = []
    for match in _occurrences(text, name, instruction.variables.escape):
        end = match.end() + (1 if text[match.end():match.end() + 1] == "}" else 0)
        spans.append(instruction.span_of(match.start(), end))
    return spans


def unset_means(instruction: Instruction, name: str) -> str:
    """What an unset ``name`` gives in this instruction: its ``${NAME:-...}`` default or nothing."""
    if re.search(r"\$\{" + re.escape(name) + r":?-", instruction.original):
        return "its ${" + name + ":-...} default is always used"
    return "it expands to an empty string"


@cache
def _env_table() -> dict[str, frozenset[str]]:
    from pydolint.knowledge import load

    return {repository: frozenset(entry["env"]) for entry in load("image_env.toml")["images"]
            for repository in entry["repositories"]}


def base_env(document: Document, stage: Stage) -> frozenset[str] | None:
    """ENV names the stage's base image sets (PATH included); None when unknown.

    ``scratch`` sets nothing but BuildKit's PATH. Stages built from other stages
    look at the first stage of the chain.
    """
    from pydolint.analysis.stages import root_stage

    root = root_stage(document, stage)
    if root.is_scratch:
        return frozenset({"PATH"})
    if root.image_ref is None:
        return None
    return _env_table().get(root.image_ref.name)
