"""The command line: exit codes, output, subcommands."""

import json

import pytest
from click.testing import CliRunner

from pydolint.cli import main

BAD = "FROM python:latest\nCMD [\"python\", \"app.py\"]\n"
GOOD = ("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nRUN useradd --uid 10001 app\n"
        "USER app\nCMD [\"python\", \"app.py\"]\n")


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    # a fixed rule set, so that new rules do not change these CLI tests
    (tmp_path / ".pydolint.toml").write_text('select = ["DF101", "DF400", "PY200", "PY201"]\n'
                                             'ignore = ["PY201"]\n')
    (tmp_path / "Dockerfile").write_text(BAD)
    (tmp_path / "good.Dockerfile").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_findings_exit_1_with_exact_text(runner, project):
    result = runner.invoke(main, ["Dockerfile"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("Dockerfile:1:1: DF400 [warning] the image runs as root")
    assert lines[1].startswith("Dockerfile:1:1: PY200 [warning] the final stage runs Python")
    assert lines[2] == "Dockerfile:1:6: DF101 [warning] image 'python:latest' uses the 'latest' tag, which moves with every release; pin a version tag or a digest"
    assert lines[-1] == "Found 3 problems (3 warnings); 1 fixable."


def test_clean_file_exits_0(runner, project):
    result = runner.invoke(main, ["good.Dockerfile"])
    assert result.exit_code == 0
    assert result.output == "All checks passed.\n"


def test_no_paths_lints_the_current_directory(runner, project):
    result = runner.invoke(main, ["--format", "concise"])
    assert result.exit_code == 1
    assert {line.split(":")[0] for line in result.output.splitlines()} == {"Dockerfile"}


def test_missing_path_exits_2_but_lints_the_rest(runner, project):
    result = runner.invoke(main, ["nope/Dockerfile", "good.Dockerfile"])
    assert result.exit_code == 2
    assert "nope/Dockerfile: error: cannot read: No such file or directory" in result.output


def test_fail_level_and_quiet(runner, project):
    result = runner.invoke(main, ["Dockerfile", "--fail-level", "error", "--quiet"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 3


def test_select_ignore_on_the_command_line(runner, project):
    result = runner.invoke(main, ["Dockerfile", "--select", "DF101,PY200", "--ignore", "PY200",
                                  "--format", "concise"])
    assert result.output == ("Dockerfile:1:6: warning DF101 image 'python:latest' uses the "
                             "'latest' tag, which moves with every release; pin a version tag "
                             "or a digest\n")


def test_unknown_selector_is_a_usage_error(runner, project):
    result = runner.invoke(main, ["Dockerfile", "--select", "XX123"])
    assert result.exit_code == 2
    assert "--select: unknown rule code or name 'XX123'" in result.output


def test_config_error_exits_2_naming_file_and_key(runner, project):
    (project / ".pydolint.toml").write_text('fail-level = 3\n')
    result = runner.invoke(main, ["Dockerfile"])
    assert result.exit_code == 2
    assert f"{project / '.pydolint.toml'}: key 'fail-level': expected one of style" in result.output


def test_stdin_with_filename(runner, project):
    result = runner.invoke(main, ["-", "--stdin-filename", "svc/Dockerfile", "--format", "concise"],
                           input=BAD)
    assert result.exit_code == 1
    assert result.output.splitlines()[2].startswith("svc/Dockerfile:1:6: warning DF101")


def test_json_output_is_a_stable_array(runner, project):
    result = runner.invoke(main, ["Dockerfile", "--format", "json"])
    data = json.loads(result.output)
    assert [d["code"] for d in data] == ["DF400", "PY200", "DF101"]
    first = data[2]
    assert {k: first[k] for k in ("path", "line", "column", "end_line", "end_column", "code",
                                  "name", "severity", "fix")} == {
        "path": "Dockerfile", "line": 1, "column": 6, "end_line": 1, "end_column": 19,
        "code": "DF101", "name": "image-latest-tag", "severity": "warning", "fix": None}
    assert data[1]["fix"]["edits"][0] == {"path": "Dockerfile", "line": 2, "column": 1,
                                          "end_line": 2, "end_column": 1,
                                          "replacement": "ENV PYTHONUNBUFFERED=1\n"}


def test_several_outputs_in_one_run(runner, project):
    result = runner.invoke(main, ["Dockerfile", "--format", "concise", "--report",
                                  "sarif=out.sarif", "--report", "json=out.json"])
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 3
    assert json.loads((project / "out.sarif").read_text())["version"] == "2.1.0"
    assert len(json.loads((project / "out.json").read_text())) == 3


def test_output_file(runner, project):
    result = runner.invoke(main, ["Dockerfile", "--format", "json", "-o", "r.json"])
    assert result.output == ""
    assert len(json.loads((project / "r.json").read_text())) == 3


def test_color_forced_and_no_color(runner, project):
    forced = runner.invoke(main, ["Dockerfile", "--color"])
    assert "\x1b[" in forced.output
    plain = runner.invoke(main, ["Dockerfile"], env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.output


def test_statistics(runner, project):
    result = runner.invoke(main, ["Dockerfile", "--statistics", "-q"])
    assert "    1  DF101  image-latest-tag" in result.output


def test_rules_table_and_json(runner):
    table = runner.invoke(main, ["rules"])
    assert table.exit_code == 0
    header = table.output.splitlines()[0].split()
    assert header == ["CODE", "NAME", "SEVERITY", "DEFAULT", "FIX", "ALIASES"]
    assert any(line.startswith("DF400") and "DL3002" in line.split("on", 1)[1]
               for line in table.output.splitlines())
    data = json.loads(runner.invoke(main, ["rules", "--format", "json"]).output)
    df400 = next(r for r in data if r["code"] == "DF400")
    assert df400 == {**df400, "name": "runs-as-root", "severity": "warning", "enabled": True,
                     "fixable": False,
                     "aliases": ["DL3002", "CKV_DOCKER_3", "CKV_DOCKER_8", "DS-0002"]}


@pytest.mark.parametrize("key", ["PY200", "missing-pythonunbuffered", "py200"])
def test_explain(runner, key):
    result = runner.invoke(main, ["explain", key])
    assert result.exit_code == 0
    assert result.output.startswith("# PY200 `missing-pythonunbuffered`")
    assert "## Why it matters" in result.output


def test_explain_by_alias_and_unknown(runner):
    assert runner.invoke(main, ["explain", "DL3002"]).output.startswith("# DF400")
    unknown = runner.invoke(main, ["explain", "nope"])
    assert unknown.exit_code == 2


def test_parse_command_json(runner, project):
    result = runner.invoke(main, ["parse", "Dockerfile"])
    data = json.loads(result.output)
    assert data["stages"][0]["tag"] == "latest"
    assert data["instructions"][1] == {"keyword": "CMD", "start_line": 2, "end_line": 2,
                                       "column": 1, "flags": [], "form": "exec",
                                       "value": ["python", "app.py"], "heredocs": [], "stage": 0}


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.output.startswith("pydolint, version ")
