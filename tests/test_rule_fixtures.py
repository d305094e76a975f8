"""Data-driven rule tests: every fixture under fixtures/rules/<CODE>/ with its expected findings.

A case is either ``<name>.Dockerfile`` (no build context) or a folder
``<name>/`` holding a ``Dockerfile`` and its build context. Its findings, with
only rule <CODE> selected, must equal ``<name>.expected`` line for line:
``line:col-end_line:end_col CODE message``. An optional ``<name>.toml`` holds
pydolint configuration for the case. ``UPDATE_GOLDEN=1`` rewrites the files.
"""

import os
from dataclasses import replace
from pathlib import Path

import pytest

from pydolint.api import lint_text
from pydolint.config import Config, parse_config
from pydolint.registry import default_registry

from conftest import FIXTURES

CASES_ROOT = FIXTURES / "rules"


def _cases():
    for code_dir in sorted(CASES_ROOT.iterdir()) if CASES_ROOT.exists() else []:
        for entry in sorted(code_dir.iterdir()):
            if entry.suffix == ".Dockerfile" or (entry.is_dir() and (entry / "Dockerfile").exists()):
                yield pytest.param(code_dir.name, entry, id=f"{code_dir.name}/{entry.stem}")


def render(diagnostics, dockerfile: Path) -> str:
    lines = []
    for d in diagnostics:
        where = "" if d.path == str(dockerfile) else f"{Path(d.path).name}:"
        lines.append(f"{where}{d.line}:{d.column}-{d.end_line}:{d.end_column} {d.code} {d.message}")
    return "\n".join(lines) + ("\n" if lines else "")


@pytest.mark.parametrize("code,case", list(_cases()))
def test_rule_fixture(code, case: Path):
    dockerfile = case / "Dockerfile" if case.is_dir() else case
    stem = case.with_suffix("") if case.is_file() else case
    config = Config()
    config_file = stem.parent / f"{stem.name}.toml"
    if config_file.exists():
        import tomllib

        config = parse_config(tomllib.loads(config_file.read_text()), config_file, "",
                              default_registry())
    config = replace(config, select=(code,))
    found = lint_text(dockerfile.read_bytes(), str(dockerfile), config=config,
                      context_dir=case if case.is_dir() else None)
    expected_file = stem.parent / f"{stem.name}.expected"
    actual = render(found, dockerfile)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(actual)
    assert actual == expected_file.read_text()
