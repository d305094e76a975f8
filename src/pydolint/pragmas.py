"""Suppression comments, on their own line because Dockerfiles have no others.

- ``# pydolint ignore=PY200,DF400``: the next instruction;
- ``# pydolint global ignore=...``: the whole file;
- ``# hadolint ignore=DL3042`` and ``# hadolint global ignore=...``;
- BuildKit's ``# check=skip=JSONArgsRecommended`` directive (whole file) and the
  same comment right before an instruction (that instruction);
- Checkov's ``# checkov:skip=CKV_DOCKER_3:reason`` (whole file, as Checkov does).

Codes map to rules by code, name or alias.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from pydolint.model import Document, Span
from pydolint.registry import Registry

_IGNORE = re.compile(
    r"^(?P<tool>pydolint|hadolint)\s+(?P<scope>global\s+)?ignore\s*=\s*"
    r"(?P<codes>[\w.-]+(?:\s*,\s*[\w.-]+)*)", re.IGNORECASE)
_CHECK = re.compile(r"^check\s*=\s*(?P<value>.+)$", re.IGNORECASE)
_BUILDKIT_NAME = re.compile(r"^[A-Z][A-Za-z]+$")  # BuildKit check names are CamelCase words
_CHECKOV = re.compile(r"^checkov:skip\s*=\s*(?P<codes>[\w-]+)", re.IGNORECASE)


@dataclass
class Pragma:
    tool: str  # pydolint, hadolint, buildkit, checkov
    span: Span  # where the comment stands
    names: list[str]  # as written
    codes: set[str]  # the rule codes they map to
    unknown: list[str]  # names no rule knows (reported for pydolint pragmas only)
    lines: tuple[int, int] | None  # instruction lines it covers; None: whole file
    used: set[str] = field(default_factory=set)
    name_spans: dict[str, Span] = field(default_factory=dict)  # where each name is written


@dataclass
class Suppressions:
    pragmas: list[Pragma]

    def match(self, code: str, line: int) -> Pragma | None:
        for pragma in self.pragmas:
            if code in pragma.codes and (pragma.lines is None
                                         or pragma.lines[0] <= line <= pragma.lines[1]):
                pragma.used.add(code)
                return pragma
        return None


def suppressions(document: Document, registry: Registry) -> Suppressions:
    return document.cached("pragmas", lambda: Suppressions(_collect(document, registry)))


def _collect(document: Document, registry: Registry) -> list[Pragma]:
    starts = [i.start_line for i in document.instructions]

    def next_instruction(line: int) -> tuple[int, int] | None:
        index = bisect_right(starts, line)
        if index == len(starts):
            return (0, -1)  # nothing follows: covers nothing
        following = document.instructions[index]
        return following.start_line, following.end_line

    pragmas = []
    check = document.directives.get("check")
    if check is not None:
        pragmas.append(_buildkit(check.value, Span.line(check.line, 1, 2), None, registry))
    for comment in document.comments:
        source = document.lines[comment.line - 1]
        span = Span.line(comment.line, comment.column, len(source.rstrip()) + 1)
        if match := _IGNORE.match(comment.text):
            tool = match.group("tool").lower()
            names = [c.strip() for c in match.group("codes").split(",") if c.strip()]
            lines = None if match.group("scope") else next_instruction(comment.line)
            codes, unknown = _resolve(names, registry, tool)
            pragma = Pragma(tool, span, names, codes, unknown, lines)
            start = source.find(match.group("codes"), comment.column)
            for name in names:
                at = source.find(name, start)
                pragma.name_spans[name] = Span.line(comment.line, at + 1, at + 1 + len(name))
            pragmas.append(pragma)
        elif (match := _CHECK.match(comment.text)) and _first_check_before_instruction(
                document, comment.line):
            pragmas.append(_buildkit(match.group("value"), span, next_instruction(comment.line),
                                     registry))
        elif match := _CHECKOV.match(comment.text):
            names = [match.group("codes")]
            codes, _ = _resolve(names, registry, "checkov")
            pragmas.append(Pragma("checkov", span, names, codes, [], None))
    return pragmas


def _first_check_before_instruction(document: Document, line: int) -> bool:
    """BuildKit reads a ``# check=`` comment only as the first one of the comment block
    right before an instruction; an empty ``#`` line starts a new block."""
    starts = [i.start_line for i in document.instructions]
    index = bisect_right(starts, line)
    end = starts[index] if index < len(starts) else len(document.lines) + 1
    before = document.instructions[index - 1].end_line if index > 0 else 0
    block = []
    for comment in document.comments:
        if before < comment.line < end:
            block = [] if not comment.text else block + [comment]
    checks = [c for c in block if _CHECK.match(c.text)]
    return bool(checks) and checks[0].line == line


def _resolve(names: list[str], registry: Registry, tool: str) -> tuple[set[str], list[str]]:
    codes: set[str] = set()
    unknown = []
    for name in names:
        rule = registry.get(name)
        rules = [rule] if rule else registry.by_alias(name)
        if rules:
            codes |= {r.code for r in rules}
        elif tool == "pydolint":
            unknown.append(name)  # other tools' codes we do not implement are not errors
    return codes, unknown


def _buildkit(value: str, span: Span, lines, registry: Registry) -> Pragma:
    names: list[str] = []
    for part in value.split(";"):
        key, _, items = part.partition("=")
        if key.strip().lower() == "skip":
            names += [n.strip() for n in items.split(",") if n.strip()]
    if any(n.lower() == "all" for n in names):
        codes = {r.code for r in registry.rules if any(_BUILDKIT_NAME.match(a) for a in r.aliases)}
    else:
        codes, _ = _resolve(names, registry, "buildkit")
    return Pragma("buildkit", span, names, codes, [], lines)
