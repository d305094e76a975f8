"""`pydolint config import-hadolint`: a realistic .hadolint.yaml round-trips."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from pydolint.cli import main
from pydolint.config import load_config, parse_config
from pydolint.diagnostics import Severity
from pydolint.import_hadolint import convert, load_yaml, render
from pydolint.registry import Registry, default_registry
from pydolint.rule import Option, Rule

HADOLINT_YAML = """\
# the team's hadolint settings
failure-threshold: none
no-fail: true
no-color: false
format: sarif
ignored:
  - DL3042        # pip cache: we use a cache mount
  - DL3030
  - SC2086
  - DL3060
  - DL9999
override:
  error:
    - DL3002
    - DL3007
  warning:
    - DL3008
  info:
    - DL3006
  style:
    - DL3015
    - DL3059
trustedRegistries: docker.io
label-schema:
  maintainer: text
  org.opencontainers.image.source: url
  org.opencontainers.image.created: rfc3339
strict-labels: true
require-labels:
  - maintainer:text
"""


def stub(code: str, name: str, aliases: str, enabled: bool = True, options=()) -> Rule:
    return Rule(code=code, name=name, severity="warning", check=lambda ctx: (), doc="Stub.",
                enabled=enabled, aliases=tuple(aliases.split()), options=options)


# The rules as the rule packs define them (codes, names, defaults, aliases), so that the
# expected table does not move while rules land.
REGISTRY = Registry([
    stub("DF100", "image-untagged", "DL3006"),
    stub("DF101", "image-latest-tag", "DL3007"),
    stub("DF200", "apt-no-install-recommends", "DL3015"),
    stub("DF205", "apt-unpinned", "DL3008", enabled=False),
    stub("DF208", "rpm-hygiene", "DL3030 DL3032 DL3033 DL3034 DL3035 DL3036 DL3037 DL3038 "
                                 "DL3040 DL3041"),
    stub("DF213", "consecutive-run", "DL3059", enabled=False),
    stub("DF217", "other-package-unpinned", "DL3016 DL3028 DL3062", enabled=False),
    stub("DF218", "wget-progress", "DL3047", enabled=False),
    stub("DF400", "runs-as-root", "DL3002"),
    stub("DF506", "missing-healthcheck", "DL3057", enabled=False),
    stub("DF509", "label-schema", "DL3048 DL3049 DL3050 DL3051 DL3052 DL3053 DL3054 DL3055 "
                                  "DL3056 DL3058", enabled=False,
         options=(Option("required", "list[str]", [], "labels that must be set"),
                  Option("schema", "list[str]", [], "label=format"),
                  Option("strict-labels", "bool", False, "no other labels"))),
    stub("PY300", "pip-cache", "DL3042"),
])

EXPECTED = {
    "extend-select": ["DF205", "DF213", "DF509"],
    "ignore": ["PY300", "DF208"],
    "fail-level": "style",
    "trusted-registries": ["docker.io"],
    "severity": {"DF400": "error", "DF101": "error", "DF205": "warning", "DF100": "info",
                 "DF200": "style", "DF213": "style"},
    "rules": {"label-schema": {
        "required": ["maintainer", "org.opencontainers.image.source",
                     "org.opencontainers.image.created"],
        "schema": ["maintainer=text", "org.opencontainers.image.source=url",
                   "org.opencontainers.image.created=rfc3339"],
        "strict-labels": True,
    }},
}


def test_round_trip_through_toml_and_the_config_parser():
    text = render(convert(load_yaml(HADOLINT_YAML), REGISTRY), source=".hadolint.yaml")
    table = tomllib.loads(text)["tool"]["pydolint"]
    assert table == EXPECTED
    config = parse_config(table, Path("pyproject.toml"), "tool.pydolint", REGISTRY)
    assert config.extend_select == ("DF205", "DF213", "DF509")
    assert config.ignore == ("PY300", "DF208")
    assert config.fail_level == Severity.STYLE
    assert config.trusted_registries == ("docker.io",)
    assert dict(config.severity) == {code: Severity.parse(level)
                                     for code, level in EXPECTED["severity"].items()}
    assert dict(config.rule_options) == {"DF509": (
        ("required", tuple(EXPECTED["rules"]["label-schema"]["required"])),
        ("schema", tuple(EXPECTED["rules"]["label-schema"]["schema"])),
        ("strict-labels", True))}


def test_what_has_no_equivalent_is_listed_as_comments():
    text = render(convert(load_yaml(HADOLINT_YAML), REGISTRY), source=".hadolint.yaml")
    head, _, body = text.partition("[tool.pydolint]\n")
    comments = [line.removeprefix("#   ") for line in head.splitlines()[2:]]
    assert head.splitlines()[:2] == [
        "# Converted from .hadolint.yaml by `pydolint config import-hadolint`.",
        "# Not converted:"]
    assert comments == [
        "ignored: SC2086 is a ShellCheck code; pydolint does not run ShellCheck on RUN scripts",
        ("ignored: DL3060 (`yarn cache clean` missing after `yarn install` was run.) has no "
         "pydolint equivalent: pydolint does not check yarn or other Node.js package caches."),
        "ignored: DL9999 is not a hadolint 2.15 rule code",
        ("ignored: ignoring DF208 (rpm-hygiene) also ignores what hadolint reports as DL3032, "
         "DL3033, DL3034, DL3035, DL3036, DL3037, DL3038, DL3040, DL3041"),
        ("failure-threshold: hadolint's 'none' fails on every reported finding, as fail-level "
         "\"style\" does; to never fail, ignore pydolint's exit status instead"),
        ("no-fail: true: pydolint has no no-fail setting; ignore its exit status "
         "(`pydolint ... || true`) or raise fail-level"),
        ("format: sarif: use `pydolint --format sarif` (output formats are chosen on the "
         "command line)"),
        "require-labels: not a hadolint configuration key; not converted",
        ("hadolint runs these by default, pydolint does not: DF217 (DL3016/DL3028/DL3062), "
         "DF218 (DL3047); add them to extend-select to keep them"),
    ]
    # each converted code says which hadolint code it came from
    assert '    "PY300",  # DL3042\n' in body
    assert 'DF205 = "warning"  # DL3008\n' in body


def test_standalone_file_has_the_keys_at_the_top_level(tmp_path):
    target = tmp_path / ".pydolint.toml"
    target.write_text(render(convert(load_yaml(HADOLINT_YAML), REGISTRY), prefix=""))
    assert {k: v for k, v in tomllib.loads(target.read_text()).items()} == EXPECTED
    assert load_config(target, REGISTRY).ignore == ("PY300", "DF208")


@pytest.mark.parametrize(("yaml_text", "expected"), [
    ("failure-threshold: ignore\n", {"fail-level": "style"}),
    ("failure-threshold: error\n", {"fail-level": "error"}),
    ("trustedRegistries: [a.io, b.io]\n", {"trusted-registries": ["a.io", "b.io"]}),
    ("override:\n  error: [DL3002]\n  info: [DL3002]\n", {"severity": {"DF400": "error"}}),
    ("strict-labels: true\n", {"extend-select": ["DF509"],
                               "rules": {"label-schema": {"strict-labels": True}}}),
    ("", {}),
])
def test_single_keys(yaml_text, expected):
    assert convert(load_yaml(yaml_text), REGISTRY).table == expected


@pytest.mark.parametrize("yaml_text", ["- a\n- b\n", "ignored: DL3000: x\n", "ignored: {a: 1}\n",
                                       "failure-threshold: loud\n", "override: [DL3000]\n",
                                       "label-schema: [a]\n"])
def test_bad_hadolint_files_exit_2(tmp_path, monkeypatch, yaml_text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".hadolint.yaml").write_text(yaml_text)
    result = CliRunner().invoke(main, ["config", "import-hadolint"])
    assert result.exit_code == 2
    assert result.output.startswith("pydolint: .hadolint.yaml: ")


# --------------------------------------------------------------------------- the CLI, real rules

SIMPLE = "ignored: [DL3042, DL3006]\nfailure-threshold: warning\ntrustedRegistries: [ghcr.io]\n"


def test_cli_prints_a_table_that_loads_with_the_real_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(".hadolint.yml").write_text(HADOLINT_YAML)
    result = CliRunner().invoke(main, ["config", "import-hadolint"])
    assert result.exit_code == 0
    assert result.output.startswith("# Converted from .hadolint.yml")
    Path("pyproject.toml").write_text(result.output)
    config = load_config(Path("pyproject.toml"), default_registry())
    assert config.fail_level == Severity.STYLE
    assert "PY300" in config.ignore


def test_write_appends_to_pyproject(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(".hadolint.yaml").write_text(SIMPLE)
    Path("pyproject.toml").write_text('[project]\nname = "app"\n')
    result = CliRunner().invoke(main, ["config", "import-hadolint", "--write"])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote [tool.pydolint] to pyproject.toml\n"
    text = Path("pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "app"\n\n# Converted from .hadolint.yaml')
    config = load_config(Path("pyproject.toml"), default_registry())
    assert (config.ignore, config.fail_level, config.trusted_registries) == (
        ("PY300", "DF100"), Severity.WARNING, ("ghcr.io",))
    again = CliRunner().invoke(main, ["config", "import-hadolint", "--write"])
    assert again.exit_code == 2
    assert "pyproject.toml already has a [tool.pydolint] table; not changed" in again.output
    assert Path("pyproject.toml").read_text() == text


def test_write_creates_pydolint_toml_without_pyproject(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("hadolint.yaml").write_text(SIMPLE)
    result = CliRunner().invoke(main, ["config", "import-hadolint", "hadolint.yaml", "--write"])
    assert result.output == "wrote .pydolint.toml\n"
    config = load_config(Path(".pydolint.toml"), default_registry())
    assert config.ignore == ("PY300", "DF100")
    again = CliRunner().invoke(main, ["config", "import-hadolint", "hadolint.yaml", "--write"])
    assert again.exit_code == 2
    assert ".pydolint.toml already exists; not changed" in again.output


def test_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["config", "import-hadolint"])
    assert result.exit_code == 2
    assert result.output == ("pydolint: cannot read .hadolint.yaml: "
                             "No such file or directory\n")
