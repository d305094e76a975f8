"""Every rule's docstring is complete, its examples run, and rules/ is current."""

from dataclasses import replace

import pytest

from pydolint import docs
from pydolint.api import lint_text
from pydolint.config import Config, load_config
from pydolint.registry import default_registry

from conftest import ROOT

RULES = default_registry().rules


def _lint_example(rule, example, tmp_path):
    for name, content in example.files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    (tmp_path / "Dockerfile").write_text(example.dockerfile)
    config = Config()
    if ".pydolint.toml" in example.files:  # an example may show the configuration it needs
        config = load_config(tmp_path / ".pydolint.toml", default_registry())
    return lint_text(example.dockerfile, str(tmp_path / "Dockerfile"),
                     config=replace(config, select=(rule.code,)), context_dir=tmp_path)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_has_every_section(rule):
    found = docs.sections(rule)
    for section in docs.REQUIRED_SECTIONS:
        assert found.get(section), f"{rule.code} lacks '{section}'"
    assert set(found) <= set(docs.SECTIONS), f"{rule.code} has unknown sections {set(found)}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_example_raises_exactly_this_rule(rule, tmp_path):
    example = docs.example(rule, "Example")
    assert example is not None, f"{rule.code}: Example has no ```dockerfile block"
    found = _lint_example(rule, example, tmp_path)
    assert found, f"{rule.code}: its Example raises nothing"
    assert {d.code for d in found} == {rule.code}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_use_instead_raises_nothing_from_this_rule(rule, tmp_path):
    example = docs.example(rule, "Use instead")
    assert example is not None, f"{rule.code}: Use instead has no ```dockerfile block"
    assert [d for d in _lint_example(rule, example, tmp_path) if d.code == rule.code] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_documented_options_are_the_real_options(rule):
    assert docs.documented_options(rule) == [o.name for o in rule.options]


def test_generated_rule_pages_are_current(tmp_path):
    docs.write_docs(RULES, tmp_path)
    generated = {p.name: p.read_text() for p in tmp_path.glob("*.md")}
    committed = {p.name: p.read_text() for p in (ROOT / "rules").glob("*.md")}
    assert generated.keys() == committed.keys(), "run: pydolint rules --write-docs rules/"
    stale = sorted(name for name in generated if generated[name] != committed[name])
    assert stale == [], f"stale pages {stale}; run: pydolint rules --write-docs rules/"


def test_readme_rule_table_is_current():
    readme = (ROOT / "README.md").read_text()
    assert docs.readme_with_table(readme, RULES) == readme, \
        "run: pydolint rules --write-docs rules/"
