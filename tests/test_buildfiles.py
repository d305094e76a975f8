"""Compose and bake files: each build linted with its own context, args and target."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from pydolint.api import Overrides, lint_paths
from pydolint.buildfiles import (
    InlineOrigin,
    bake_builds,
    compose_builds,
    interpolate,
)
from pydolint.cli import main
from pydolint.discovery import find_build_files

COMPOSE = FIXTURES / "compose"
SHARED = "docker/app.Dockerfile"

# Other rules come and go: each test looks at the ones it is about.
ONLY = Overrides(select=("DF101", "DF400", "PY105", "PY200", "PY300"))

GOOD = ("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nRUN useradd --uid 10001 app\n"
        "USER app\nCMD [\"python\", \"app.py\"]\n")


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))
    return root


def found(run) -> list[tuple]:
    return sorted((d.path, d.line, d.column, d.code, d.extra.get("service"))
                  for d in run.diagnostics)


@pytest.fixture
def in_compose_fixture(monkeypatch):
    monkeypatch.chdir(COMPOSE)


# --------------------------------------------------------------------------- the fixture

EXPECTED = [
    (SHARED, 2, 6, "DF101", "nightly"),  # args: PYTHON_TAG: latest
    (SHARED, 6, 5, "PY105", "worker"),  # python:3.12-alpine + psycopg2 in worker/requirements.txt
    (SHARED, 9, 1, "DF400", "nightly"),  # target: dev, a stage without USER
]


def test_each_service_is_linted_with_its_own_context_args_and_target(in_compose_fixture):
    run = lint_paths([], build_files=["compose.yaml"], environ={}, overrides=ONLY)
    assert found(run) == EXPECTED
    assert run.errors == []
    api = [r for r in run.results if r.diagnostics == [] and r.path == SHARED]
    assert len(api) == 1  # the api service: a clean build of the same Dockerfile


def test_the_same_dockerfile_alone_says_something_else(in_compose_fixture):
    # without compose: its own directory as the context, ARG defaults, the last stage
    run = lint_paths([SHARED], discover_build_files=False, overrides=ONLY)
    assert found(run) == []


def test_directory_discovery_uses_compose_and_lints_the_dockerfile_only_through_it(
        in_compose_fixture):
    run = lint_paths(["."], environ={}, overrides=ONLY)
    assert found(run) == EXPECTED
    assert all(d.extra.get("service") for d in run.diagnostics)
    assert [r.path for r in run.results].count(SHARED) == 3  # api, worker, nightly: not a 4th


def test_no_build_files_lints_the_dockerfile_once(in_compose_fixture):
    run = lint_paths(["."], discover_build_files=False, overrides=ONLY)
    assert [r.path for r in run.results] == [SHARED]


def test_cli_compose_option_names_the_service(in_compose_fixture):
    result = CliRunner().invoke(main, ["--compose", "compose.yaml", "--format", "json",
                                          "--select", "DF101,DF400,PY105"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(d["path"], d["line"], d["column"], d["code"], d["service"]) for d in data] == EXPECTED
    concise = CliRunner().invoke(main, ["--compose", "compose.yaml", "--format", "concise",
                                           "--select", "DF101,DF400,PY105"])
    assert concise.output.splitlines()[0].endswith("(service: nightly)")


def test_plain_dockerfiles_beside_compose_are_still_linted(tmp_path, monkeypatch):
    write(tmp_path, {
        "compose.yaml": """\
            services:
              web:
                build: ./web
            """,
        "web/Dockerfile": GOOD,
        "tools/Dockerfile": "FROM python:latest\nUSER app\nENV PYTHONUNBUFFERED=1\n",
    })
    monkeypatch.chdir(tmp_path)
    run = lint_paths(["."], environ={}, overrides=ONLY)
    assert found(run) == [("tools/Dockerfile", 1, 6, "DF101", None)]
    assert sorted(r.path for r in run.results) == ["tools/Dockerfile", "web/Dockerfile"]
    assert next(r for r in run.results if r.path == "web/Dockerfile").diagnostics == []


# --------------------------------------------------------------------------- compose forms

def test_build_short_form_and_defaults(tmp_path):
    write(tmp_path, {"compose.yml": "services:\n  web:\n    build: ./web\n  cache:\n"
                                    "    image: redis\n",
                     "web/Dockerfile": GOOD})
    specs, errors = compose_builds(str(tmp_path / "compose.yml"), environ={})
    assert errors == []
    [spec] = specs
    assert (spec.service, spec.context, spec.dockerfile, spec.args, spec.target) == (
        "web", tmp_path / "web", tmp_path / "web" / "Dockerfile", {}, None)
    assert spec.display_path == str(tmp_path / "web" / "Dockerfile")


def test_args_list_and_mapping_forms_with_interpolation(tmp_path):
    write(tmp_path, {
        "compose.yaml": """\
            services:
              a:
                build:
                  context: .
                  args:
                    TAG: ${PY_TAG:-3.12-slim}
                    FROM_ENV:
                    MISSING:
                    NUMBER: 3
                    LITERAL: $$HOME
              b:
                build:
                  context: ${CTX}
                  dockerfile: ${DOCKERFILE-Dockerfile}
                  target: ${STAGE:+final}
                  args:
                    - TAG=${PY_TAG:-3.11}-alpine
                    - FROM_ENV
                    - MISSING
                    - FROM_DOTENV=${DOTENV_VALUE}
            """,
        ".env": "# comment\nDOTENV_VALUE='from dotenv'\nexport CTX=sub\nFROM_ENV=dotenv loses\n",
        "Dockerfile": "FROM scratch\n",
        "sub/Dockerfile": "FROM scratch AS final\n",
    })
    specs, errors = compose_builds(str(tmp_path / "compose.yaml"),
                                   environ={"FROM_ENV": "env", "PY_TAG": "", "STAGE": "x"})
    assert errors == []
    a, b = specs
    assert a.args == {"TAG": "3.12-slim", "FROM_ENV": "env", "NUMBER": "3", "LITERAL": "$HOME"}
    assert b.context == tmp_path / "sub"
    assert b.target == "final"
    assert b.args == {"TAG": "3.11-alpine", "FROM_ENV": "env", "FROM_DOTENV": "from dotenv"}


@pytest.mark.parametrize(("text", "expected"), [
    ("${A}", "a"), ("$A-$B", "a-"), ("${B:-x}", "x"), ("${B-x}", "x"), ("${E:-x}", "x"),
    ("${E-x}", ""), ("${A:+y}", "y"), ("${E:+y}", ""), ("${E+y}", "y"), ("$$A", "$A"),
    ("${B:-${A}}", "a"), ("cost: 5$", "cost: 5$"), ("${A:?need A}", "a"),
])
def test_interpolation(text, expected):
    assert interpolate(text, {"A": "a", "E": ""}) == expected


def test_required_variable_is_a_compose_error(tmp_path):
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    build:\n      context: .\n"
                                     "      args:\n        TAG: ${TAG:?set TAG}\n",
                     "Dockerfile": GOOD})
    specs, errors = compose_builds(str(tmp_path / "compose.yaml"), environ={})
    assert specs == []
    assert [str(e) for e in errors] == [
        "service 'web': interpolation: required variable TAG is missing a value: set TAG"]


def test_remote_context_is_skipped(tmp_path):
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    build: "
                                     "https://github.com/docker/getting-started.git\n"})
    assert compose_builds(str(tmp_path / "compose.yaml"), environ={}) == ([], [])


# --------------------------------------------------------------------------- compose errors

@pytest.mark.parametrize(("compose", "message"), [
    ("services:\n  web:\n    build: ./nope\n",
     "service 'web': build context './nope' is not a directory (nope)"),
    ("services:\n  web:\n    build:\n      context: .\n      dockerfile: prod.Dockerfile\n",
     ("service 'web': Dockerfile 'prod.Dockerfile' not found in build context '.' "
      "(prod.Dockerfile)")),
    ("services:\n  web:\n    build: [a, b]\n",
     "service 'web': 'build' must be a string (the context) or a mapping, not a list"),
    ("services:\n  web:\n    build:\n      args: 3\n",
     "service 'web': 'build.args' must be a mapping or a list, not int"),
    (("services:\n  web:\n    build:\n      dockerfile: Dockerfile\n"
      "      dockerfile_inline: FROM scratch\n"),
     "service 'web': 'build.dockerfile' and 'build.dockerfile_inline' are mutually exclusive"),
    ("services:\n  web:\n    build: .\n   oops: [\n",
     "invalid YAML: expected <block end>, but found '<block mapping start>' (line 4, column 4)"),
    ("- just\n- a list\n", "not a compose file: the top level is not a mapping"),
    ("services: [web]\n", "'services' is not a mapping"),
])
def test_problems_in_the_compose_file_exit_2_naming_file_and_service(tmp_path, monkeypatch,
                                                                     compose, message):
    write(tmp_path, {"compose.yaml": compose, "Dockerfile": GOOD})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--compose", "compose.yaml"])
    assert result.exit_code == 2
    assert f"compose.yaml: error: {message}\n" in result.output


def test_missing_context_error_when_discovered_in_a_directory(tmp_path, monkeypatch):
    write(tmp_path, {"app/docker-compose.yml": "services:\n  api:\n    build: ../api\n",
                     "app/Dockerfile": GOOD})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["app", "--format", "concise"])
    assert result.exit_code == 2
    run = lint_paths(["app"], environ={}, overrides=ONLY)
    assert run.errors == [("app/docker-compose.yml",
                           "service 'api': build context '../api' is not a directory (api)")]
    assert [r.path for r in run.results if r.error is None] == ["app/Dockerfile"]


def test_unknown_target_stage_is_an_error(tmp_path):
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    build:\n      context: .\n"
                                     "      target: prod\n",
                     "Dockerfile": GOOD})
    run = lint_paths([], build_files=[str(tmp_path / "compose.yaml")], environ={},
                     overrides=ONLY)
    message = f"service 'web': target 'prod' is not a stage of {tmp_path / 'Dockerfile'}"
    assert run.errors == [(str(tmp_path / "compose.yaml"), message)]


# --------------------------------------------------------------------------- target and inline

def test_target_selects_the_stage_that_final_stage_rules_read(tmp_path):
    write(tmp_path, {
        "compose.yaml": """\
            services:
              debug:
                build: {context: ., target: debug}
              prod:
                build: .
            """,
        "Dockerfile": """\
            FROM python:3.12-slim AS debug
            CMD ["python", "-m", "pdb", "app.py"]

            FROM python:3.12-slim AS prod
            ENV PYTHONUNBUFFERED=1
            USER 10001
            CMD ["python", "app.py"]
            """,
    })
    run = lint_paths([], build_files=[str(tmp_path / "compose.yaml")], environ={},
                     overrides=ONLY)
    path = str(tmp_path / "Dockerfile")
    assert found(run) == [(path, 1, 1, "DF400", "debug"), (path, 1, 1, "PY200", "debug")]


def test_dockerfile_inline_is_reported_at_its_place_in_the_compose_file(tmp_path, monkeypatch):
    write(tmp_path, {
        "compose.yaml": """\
            services:
              job:
                build:
                  context: ./ctx
                  args:
                    BASE: python:latest
                  dockerfile_inline: |
                    ARG BASE=python:3.12-slim
                    FROM $${BASE}
                    USER 10001
                    ENV PYTHONUNBUFFERED=1
                    RUN pip install flask==3.0.3
            """,
        "ctx/.keep": "",
    })
    monkeypatch.chdir(tmp_path)
    specs, _ = compose_builds("compose.yaml", environ={})
    assert specs[0].inline_origin == InlineOrigin(7, 8, exact=True)
    assert specs[0].inline.splitlines()[1] == "FROM ${BASE}"
    run = lint_paths([], build_files=["compose.yaml"], environ={}, overrides=ONLY)
    assert found(run) == [("compose.yaml", 9, 14, "DF101", "job"),
                          ("compose.yaml", 12, 13, "PY300", "job")]
    assert all(d.fix is None for d in run.diagnostics)
    text = CliRunner().invoke(main, ["--compose", "compose.yaml", "--format", "concise",
                                      "--select", "DF101,PY300"]).output
    assert text.startswith("compose.yaml:9:14: warning DF101 image '${BASE}'")
    lines = (tmp_path / "compose.yaml").read_text().splitlines()
    assert lines[8][13:] == "$${BASE}"  # line 9, column 14
    assert lines[11][12:].startswith("pip install")


def test_dockerfile_inline_as_a_quoted_string_points_at_the_value(tmp_path):
    write(tmp_path, {"compose.yaml": 'services:\n  job:\n    build:\n'
                                     '      dockerfile_inline: "FROM python:latest\\nUSER 1\\n'
                                     'ENV PYTHONUNBUFFERED=1\\n"\n'})
    run = lint_paths([], build_files=[str(tmp_path / "compose.yaml")], environ={},
                     overrides=ONLY)
    assert found(run) == [(str(tmp_path / "compose.yaml"), 4, 26, "DF101", "job")]


# --------------------------------------------------------------------------- discovery

def test_discovery_prefers_compose_yaml_like_docker_compose(tmp_path):
    write(tmp_path, {"compose.yaml": "", "docker-compose.yml": "", "docker-bake.json": "{}",
                     "sub/docker-compose.yaml": "", ".venv/compose.yaml": "",
                     "node_modules/x/compose.yaml": ""})
    assert find_build_files(tmp_path) == [tmp_path / "compose.yaml",
                                          tmp_path / "docker-bake.json",
                                          tmp_path / "sub" / "docker-compose.yaml"]


# --------------------------------------------------------------------------- bake

BAKE = {
    "variable": {"PY": {"default": "3.12"}, "UNUSED": {"default": "x"}},
    "group": {"default": {"targets": ["all"]}, "all": {"targets": ["api", "worker"]}},
    "target": {
        "_common": {"args": {"PYTHON_TAG": "${PY}-slim", "KEEP": "1"}, "dockerfile": "Dockerfile"},
        "api": {"inherits": ["_common"], "context": "api"},
        "worker": {"inherits": ["_common"], "context": "worker", "target": "runtime",
                   "args": {"PYTHON_TAG": "latest"}},
        "docs": {"context": "docs"},
    },
}


def test_bake_json_targets_with_inherits_variables_and_the_default_group(tmp_path):
    write(tmp_path, {"docker-bake.json": json.dumps(BAKE),
                     "api/Dockerfile": "ARG PYTHON_TAG\nFROM python:${PYTHON_TAG}\n",
                     "worker/Dockerfile": "ARG PYTHON_TAG\nFROM python:${PYTHON_TAG} AS runtime\n"})
    specs, errors = bake_builds(str(tmp_path / "docker-bake.json"), environ={"PY": "3.13"})
    assert errors == []
    assert [(s.service, s.context.name, s.args, s.target) for s in specs] == [
        ("api", "api", {"PYTHON_TAG": "3.13-slim", "KEEP": "1"}, None),
        ("worker", "worker", {"PYTHON_TAG": "latest", "KEEP": "1"}, "runtime"),
    ]
    run = lint_paths([str(tmp_path)], environ={}, overrides=ONLY)
    assert [(d.code, d.extra["service"]) for d in run.diagnostics
            if d.code == "DF101"] == [("DF101", "worker")]


def test_bake_errors(tmp_path):
    write(tmp_path, {"docker-bake.json": json.dumps({"target": {
        "a": {"context": "missing"}, "b": {"inherits": ["b"]}, "c": {"args": ["X=1"]}}}),
        "bad/docker-bake.json": "{nope"})
    _, errors = bake_builds(str(tmp_path / "docker-bake.json"), environ={})
    assert [str(e) for e in errors] == [
        f"service 'a': build context 'missing' is not a directory ({tmp_path / 'missing'})",
        "service 'b': 'inherits' loops through b -> b",
        "service 'c': 'args' must be an object, not a list",
    ]
    _, errors = bake_builds(str(tmp_path / "bad" / "docker-bake.json"), environ={})
    assert [e.message for e in errors] == [
        "invalid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"]
