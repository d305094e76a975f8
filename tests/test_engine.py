"""Pragmas, configuration and rule selection, through the library API."""

from pathlib import Path

import pytest

from pydolint.api import ConfigError, Overrides, lint_paths, lint_text
from pydolint.config import Config, find_config, load_config
from pydolint.diagnostics import Severity
from pydolint.registry import default_registry

ROOT_AND_UNBUFFERED = "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n"
# Engine behaviour is tested on a fixed set of rules, so new rules do not change these tests.
RULES = ("DF003", "DF101", "DF400", "PY200")
BASE = Config(select=RULES)
PINNED = Overrides(select=RULES)


def codes(diagnostics):
    return [(d.code, d.line) for d in diagnostics]


def test_default_rules_on_a_bare_python_image():
    assert codes(lint_text(ROOT_AND_UNBUFFERED, config=BASE)) == [("DF400", 1), ("PY200", 1)]


@pytest.mark.parametrize("pragma", [
    "# pydolint ignore=PY200",
    "# pydolint ignore=missing-pythonunbuffered",
    "#pydolint ignore = PY200 , DF999X",
    "# PYDOLINT ignore=py200",
])
def test_next_instruction_pragma_by_code_or_name(pragma):
    text = f"{pragma}\nFROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n"
    assert ("PY200", 2) not in codes(lint_text(text, config=BASE))
    assert ("DF400", 2) in codes(lint_text(text, config=BASE))


def test_pragma_applies_only_to_the_next_instruction():
    text = ("FROM python:3.12-slim\n# pydolint ignore=DF400\nRUN true\n"
            "USER root\n")
    assert ("DF400", 4) in codes(lint_text(text, config=BASE))


def test_pragma_covers_a_whole_continued_instruction():
    text = ("FROM python:3.12-slim\n# pydolint ignore=DF400\nUSER \\\n  root\n")
    assert ("DF400", 3) not in codes(lint_text(text, config=BASE))


def test_global_pragma_and_hadolint_aliases():
    text = "# hadolint global ignore=DL3002\n" + ROOT_AND_UNBUFFERED
    assert codes(lint_text(text, config=BASE)) == [("PY200", 2)]
    text = "# pydolint global ignore=PY200,DF400\n" + ROOT_AND_UNBUFFERED
    assert codes(lint_text(text, config=BASE)) == []


def test_hadolint_next_line_pragma():
    text = "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n# hadolint ignore=DL3002\nUSER root\n"
    assert codes(lint_text(text, config=BASE)) == []


def test_buildkit_check_directive_and_comment():
    text = "# check=skip=JSONArgsRecommended;error=true\nFROM python:3.12-slim\n"
    suppressed = lint_text(text, include_suppressed=True, config=BASE)
    assert {d.code for d in suppressed} == {"DF400", "PY200"}
    assert not any(d.suppressed for d in suppressed)


def test_unknown_code_in_pragma_is_reported_once_with_position():
    text = "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n# pydolint ignore=NOPE1,DF400\nUSER root\n"
    found = lint_text(text, config=BASE)
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DF003", 3, 19, 24)]
    assert "unknown rule 'NOPE1'" in found[0].message


def test_other_tools_codes_are_not_unknown():
    text = "# hadolint ignore=SC2086,DL9999\nFROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nUSER app\n"
    assert codes(lint_text(text, config=BASE)) == []


def test_no_ignore_comments():
    text = "# pydolint global ignore=PY200\n" + ROOT_AND_UNBUFFERED
    assert ("PY200", 2) in codes(lint_text(text, use_pragmas=False, config=BASE))


def test_suppressed_findings_are_kept_when_asked():
    text = "# pydolint global ignore=PY200\n" + ROOT_AND_UNBUFFERED
    found = lint_text(text, include_suppressed=True, config=BASE)
    assert [(d.code, d.suppressed) for d in found] == [("DF400", False), ("PY200", True)]


def test_select_ignore_extend_select_and_prefixes():
    registry = default_registry()
    assert codes(lint_text(ROOT_AND_UNBUFFERED, config=Config(select=("PY20",), ignore=("PY201",)))) \
        == [("PY200", 1)]
    assert codes(lint_text(ROOT_AND_UNBUFFERED,
                           config=Config(select=RULES, ignore=("runs-as-root",)))) == \
        [("PY200", 1)]
    assert codes(lint_text(ROOT_AND_UNBUFFERED, config=Config(select=("DL3002",)))) == \
        [("DF400", 1)]
    assert registry.resolve("DF4") == [r for r in registry.rules if r.code.startswith("DF4")]
    assert registry.get("DF400") in registry.resolve("DF4")
    assert registry.resolve("nope") == []


def test_severity_override_and_fail_level(tmp_path):
    (tmp_path / ".pydolint.toml").write_text(
        'severity = { PY200 = "error", runs-as-root = "style" }\nfail-level = "error"\n')
    (tmp_path / "Dockerfile").write_text(ROOT_AND_UNBUFFERED)
    run = lint_paths([str(tmp_path / "Dockerfile")], overrides=PINNED)
    assert [(d.code, d.severity) for d in run.diagnostics] == [
        ("DF400", Severity.STYLE), ("PY200", Severity.ERROR)]
    assert run.failed
    run = lint_paths([str(tmp_path / "Dockerfile")],
                     overrides=Overrides(select=RULES, ignore=("PY200",)))
    assert not run.failed  # only a style finding left, below the fail level


def test_config_is_found_upward_and_dot_file_wins(tmp_path):
    nested = tmp_path / "services" / "api"
    nested.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.pydolint]\nignore = [\"DF400\"]\n")
    (nested / "Dockerfile").write_text(ROOT_AND_UNBUFFERED)
    assert find_config(nested) == tmp_path / "pyproject.toml"
    assert codes(lint_paths([str(nested / "Dockerfile")], overrides=PINNED).diagnostics) == [("PY200", 1)]
    (nested / ".pydolint.toml").write_text("ignore = [\"PY200\"]\n")
    assert find_config(nested) == nested / ".pydolint.toml"
    assert codes(lint_paths([str(nested / "Dockerfile")], overrides=PINNED).diagnostics) == [("DF400", 1)]


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None


def test_cli_overrides_beat_config(tmp_path):
    (tmp_path / ".pydolint.toml").write_text('select = ["PY200"]\n')
    (tmp_path / "Dockerfile").write_text(ROOT_AND_UNBUFFERED)
    run = lint_paths([str(tmp_path / "Dockerfile")], overrides=Overrides(select=("DF400",)))
    assert codes(run.diagnostics) == [("DF400", 1)]


def test_per_file_ignores(tmp_path):
    (tmp_path / ".pydolint.toml").write_text('[per-file-ignores]\n"docker/*.Dockerfile" = ["DF400"]\n')
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "dev.Dockerfile").write_text(ROOT_AND_UNBUFFERED)
    (tmp_path / "Dockerfile").write_text(ROOT_AND_UNBUFFERED)
    run = lint_paths([str(tmp_path)], overrides=PINNED)
    assert sorted((Path(d.path).name, d.code) for d in run.diagnostics) == [
        ("Dockerfile", "DF400"), ("Dockerfile", "PY200"), ("dev.Dockerfile", "PY200")]


@pytest.mark.parametrize("content,message", [
    ('selec = ["PY200"]\n', "key 'selec': expected one of the known keys"),
    ('select = "PY200"\n', "key 'select': expected a list of rule codes"),
    ('select = ["PY999"]\n', "key 'select': expected known rule codes, names, aliases or prefixes; 'PY999' is unknown"),
    ('fail-level = "fatal"\n', "key 'fail-level': expected one of style, info, warning, error"),
    ('severity = { PY200 = "loud" }\n', "key 'severity.PY200': expected one of style, info, warning, error"),
    ('trusted-registries = "ghcr.io"\n', "key 'trusted-registries': expected a list of registry host names"),
    ('[rules.runs-as-root]\nstrict = true\n', "key 'rules.runs-as-root.strict': expected an option of runs-as-root (known: none)"),
    ('[rules.no-such-rule]\nx = 1\n', "key 'rules.no-such-rule': expected a known rule name or code"),
    ('select = [\n', "not valid TOML"),
])
def test_config_errors_name_file_key_and_expectation(tmp_path, content, message):
    path = tmp_path / ".pydolint.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as error:
        load_config(path, default_registry())
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_pyproject_keys_are_named_with_their_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.pydolint]\nignor = []\n")
    with pytest.raises(ConfigError, match=r"key 'tool\.pydolint\.ignor'"):
        load_config(path, default_registry())


def test_unreadable_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "Dockerfile").write_text(ROOT_AND_UNBUFFERED)
    run = lint_paths([str(tmp_path / "missing.Dockerfile"), str(tmp_path / "Dockerfile")],
                     overrides=PINNED)
    assert run.errors == [(str(tmp_path / "missing.Dockerfile"), "cannot read: No such file or directory")]
    assert codes(run.diagnostics) == [("DF400", 1), ("PY200", 1)]


def test_directory_discovery_skips_vendor_dirs(tmp_path):
    for name in ["Dockerfile", "api/Dockerfile.prod", "api/web.dockerfile", "x/Containerfile",
                 "node_modules/pkg/Dockerfile", ".venv/Dockerfile", "Dockerfile.dockerignore",
                 "build/Dockerfile", "env/Dockerfile"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("FROM scratch\n")
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    from pydolint.discovery import find_dockerfiles

    assert [p.relative_to(tmp_path).as_posix() for p in find_dockerfiles(tmp_path)] == [
        "Dockerfile", "api/Dockerfile.prod", "api/web.dockerfile", "x/Containerfile"]


def test_a_crashing_rule_is_reported_and_others_still_run(tmp_path):
    from pydolint.registry import Registry
    from pydolint.rule import Rule

    def explode(ctx):
        raise RuntimeError("boom")
        yield

    crashing = Rule(code="ZZ999", name="crashes", severity="error", check=explode, doc="x")
    registry = Registry(default_registry().rules + [crashing])
    (tmp_path / "Dockerfile").write_text(ROOT_AND_UNBUFFERED)
    run = lint_paths([str(tmp_path / "Dockerfile")], registry=registry,
                     overrides=Overrides(select=RULES + ("ZZ999",)))
    assert codes(run.diagnostics) == [("DF400", 1), ("PY200", 1)]
    assert run.errors == [(str(tmp_path / "Dockerfile"),
                           "internal error in rule ZZ999 (crashes): RuntimeError: boom")]


def test_plugin_rules_come_from_entry_points(monkeypatch):
    import importlib.metadata as metadata

    from pydolint import registry as registry_module
    from pydolint.rule import Rule

    plugin = Rule(code="ACME001", name="acme-rule", severity="info", doc="x",
                  check=lambda ctx: iter(()))

    class FakeEntryPoint:
        name, value = "acme", "acme:RULE"

        def load(self):
            return plugin

    monkeypatch.setattr(metadata, "entry_points",
                        lambda group: [FakeEntryPoint()] if group == "pydolint.rules" else [])
    assert registry_module.plugin_rules() == [plugin]


def test_plugin_with_a_bad_code_is_refused(monkeypatch):
    import importlib.metadata as metadata

    from pydolint import registry as registry_module
    from pydolint.rule import Rule

    bad = Rule(code="lower1", name="acme-rule", severity="info", doc="x", check=lambda ctx: iter(()))

    class FakeEntryPoint:
        name, value = "acme", "acme:RULE"

        def load(self):
            return bad

    monkeypatch.setattr(metadata, "entry_points", lambda group: [FakeEntryPoint()])
    with pytest.raises(registry_module.RegistryError, match="does not match"):
        registry_module.plugin_rules()


def test_build_args_and_target_change_what_is_linted():
    text = ("ARG TAG=3.12-slim\nFROM python:${TAG} AS app\nENV PYTHONUNBUFFERED=1\nUSER 10001\n"
            "FROM app AS debug\nUSER root\n")
    assert codes(lint_text(text, config=BASE)) == [("DF400", 6)]
    assert codes(lint_text(text, target="app", config=BASE)) == []
    found = lint_text(text, build_args={"TAG": "latest"}, target="app", service="web", config=BASE)
    assert [(d.code, d.line, d.extra) for d in found] == [("DF101", 2, {"service": "web"})]


def test_unused_ignore_judges_only_rules_that_ran():
    text = "FROM python:3.12-slim\n# pydolint ignore=DF400\nUSER app\n"
    assert codes(lint_text(text, config=Config(select=("DF004", "DF400")))) == [("DF004", 2)]
    assert codes(lint_text(text, config=Config(select=("DF004",)))) == []
    assert codes(lint_text(text, config=Config(select=("DF004", "DF400")), use_pragmas=False)) == []
