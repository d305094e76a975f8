"""The README's CI and editor snippets, applied to real pydolint output.

Each snippet is read from README.md itself, so the documented one is the tested
one. The fixture fixtures/integrations/ yields findings of every severity (its
.pydolint.toml selects fixed rules and sets severities), in two files, with
colons inside messages.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from pydolint.cli import main
from pydolint.discovery import is_dockerfile_name

README = (ROOT / "README.md").read_text(encoding="utf-8")
PROJECT = FIXTURES / "integrations"
MATCHER = ROOT / ".github" / "pydolint-problem-matcher.json"


def fenced(language: str, containing: str) -> str:
    """The README's fenced block in ``language`` that contains ``containing``."""
    blocks = [m.group(1) for m in re.finditer(rf"^```{language}\n(.*?)^```$", README, re.MULTILINE | re.DOTALL)
              if containing in m.group(1)]
    assert len(blocks) == 1, f"one ```{language} block with {containing!r} in README.md"
    return blocks[0]


@pytest.fixture
def in_project(monkeypatch):
    monkeypatch.chdir(PROJECT)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run_cli(args: list[str]):
    return CliRunner().invoke(main, args)


def pydolint_args(command: str) -> list[str]:
    words = shlex.split(command)
    assert words[0] == "pydolint"
    return words[1:]


@pytest.fixture
def expected(in_project) -> list[dict]:
    """What the findings are, from the JSON format (the stable interface)."""
    data = json.loads(run_cli(["--format", "json", "."]).output)
    assert {d["severity"] for d in data} == {"error", "warning", "info", "style"}
    assert any(":" in d["message"] for d in data) and len({d["path"] for d in data}) == 2
    return [{k: d[k] for k in ("path", "line", "column", "severity", "code", "message")}
            for d in data]


# --------------------------------------------------------------------------- GitHub Actions

def test_github_actions_job_with_problem_matcher_and_sarif(expected, tmp_path):
    workflow = yaml.safe_load(fenced("yaml", "upload-sarif"))
    steps = workflow["jobs"]["pydolint"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    [matcher_step] = [r for r in runs if "add-matcher" in r]
    matcher_path = re.fullmatch(r'echo "::add-matcher::(.+)"', matcher_step).group(1)
    assert matcher_path == ".github/pydolint-problem-matcher.json" and MATCHER.is_file()
    [lint] = [r for r in runs if r.startswith("pydolint ")]
    [upload] = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert upload["if"] == "always()"
    assert workflow["permissions"]["security-events"] == "write"

    args = pydolint_args(lint)
    sarif_path = next(a.split("=", 1)[1] for a in args if a.startswith("sarif="))
    assert upload["with"]["sarif_file"] == sarif_path
    args = [a.replace(sarif_path, str(tmp_path / sarif_path)) for a in args]
    result = run_cli(args)
    assert result.exit_code == 1
    sarif = json.loads((tmp_path / sarif_path).read_text())
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == len(expected)

    # the runner applies every matcher to every line (JavaScript regexes: these
    # constructs mean the same in Python)
    matchers = json.loads(MATCHER.read_text())["problemMatcher"]
    seen = []
    for line in result.output.splitlines():
        hits = []
        for matcher in matchers:
            [pattern] = matcher["pattern"]
            match = re.match(pattern["regexp"], line)
            if match:
                severity = match.group(pattern["severity"]) if "severity" in pattern \
                    else matcher["severity"]
                hits.append({"path": match.group(pattern["file"]),
                             "line": int(match.group(pattern["line"])),
                             "column": int(match.group(pattern["column"])),
                             "severity": severity, "code": match.group(pattern["code"]),
                             "message": match.group(pattern["message"])})
        assert len(hits) == 1, line
        seen.append(hits[0])
    github = {"error": "error", "warning": "warning", "info": "notice", "style": "notice"}
    assert seen == [{**d, "severity": github[d["severity"]]} for d in expected]


def test_github_format_annotations(expected):
    result = run_cli(["--format", "github", "."])
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),"
                         r"endLine=(\d+),endColumn=(\d+),title=([A-Z]+\d+) [a-z0-9-]+::(.*)$")
    seen = []
    for line in result.output.splitlines():
        match = pattern.match(line)
        assert match, line
        level, path, line_no, column, _, _, code, message = match.groups()
        seen.append({"path": path, "line": int(line_no), "column": int(column),
                     "severity": level, "code": code, "message": message})
    github = {"error": "error", "warning": "warning", "info": "notice", "style": "notice"}
    assert seen == [{**d, "severity": github[d["severity"]]} for d in expected]
    assert "--format github" in README


# --------------------------------------------------------------------------- GitLab CI

def test_gitlab_job_writes_the_code_quality_report(expected, tmp_path):
    job = yaml.safe_load(fenced("yaml", "codequality"))["pydolint"]
    report = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"
    [lint] = [line for line in job["script"] if line.startswith("pydolint ")]
    args = pydolint_args(lint)
    assert f"gitlab={report}" in args
    result = run_cli([a.replace(report, str(tmp_path / report)) for a in args])
    assert result.exit_code == 1
    issues = json.loads((tmp_path / report).read_text())
    gitlab = {"error": "critical", "warning": "major", "info": "minor", "style": "info"}
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"],
             i["severity"], i["description"]) for i in issues] == [
        (d["path"], d["line"], d["code"], gitlab[d["severity"]], f"{d['code']}: {d['message']}")
        for d in expected]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


# --------------------------------------------------------------------------- VS Code

def test_vscode_task_problem_matcher(expected):
    tasks = json.loads(fenced("json", "problemMatcher"))
    [task] = tasks["tasks"]
    matcher = task["problemMatcher"]
    assert matcher["fileLocation"] == ["relative", "${workspaceFolder}"]
    pattern = matcher["pattern"]
    result = run_cli(pydolint_args(task["command"]))
    assert result.exit_code == 1
    seen = []
    for line in result.output.splitlines():
        match = re.match(pattern["regexp"], line)
        assert match, line
        value = match.group(pattern["severity"])
        # VS Code knows error, warning and info; anything else takes the matcher's default
        severity = value if value in ("error", "warning", "info") else matcher["severity"]
        seen.append({"path": match.group(pattern["file"]),
                     "line": int(match.group(pattern["line"])),
                     "column": int(match.group(pattern["column"])),
                     "severity": severity, "code": match.group(pattern["code"]),
                     "message": match.group(pattern["message"])})
    vscode = {"error": "error", "warning": "warning", "info": "info", "style": "info"}
    assert seen == [{**d, "severity": vscode[d["severity"]]} for d in expected]


# --------------------------------------------------------------------------- Vim

# Vim's default 'isfname' on Unix: letters, digits and / . - _ + , # $ % ~ =
VIM_FILE_CHARS = r"[A-Za-z0-9\x80-\uffff/.\-_+,#$%~=]+"


def errorformat_to_regexes(errorformat: str) -> list[re.Pattern]:
    """Vim's errorformat, converted by hand for the items the README uses.

    Formats are separated by unescaped commas and tried in order; ``\\ `` is a
    space; ``%f`` is a file name (isfname characters), ``%l`` and ``%c`` are
    numbers, ``%t`` is one character (the type), ``%m`` is the rest.
    """
    formats = re.split(r"(?<!\\),", errorformat)
    items = {"%f": f"(?P<file>{VIM_FILE_CHARS})", "%l": r"(?P<line>\d+)",
             "%c": r"(?P<column>\d+)", "%t": "(?P<type>.)", "%m": "(?P<message>.*)"}
    regexes = []
    for fmt in formats:
        fmt = fmt.replace("\\ ", " ").replace("\\,", ",")
        parts = re.split(r"(%[flctm])", fmt)
        regexes.append(re.compile("^" + "".join(items.get(p) or re.escape(p) for p in parts)
                                  + "$"))
    return regexes


def test_vim_errorformat_and_makeprg(expected, tmp_path):
    block = fenced("vim", "errorformat")
    makeprg = re.search(r"^setlocal makeprg=(.*)$", block, re.MULTILINE).group(1)
    errorformat = re.search(r"^setlocal errorformat=(.*)$", block, re.MULTILINE).group(1)
    command = makeprg.replace("\\ ", " ")
    assert command.endswith(" %")  # Vim puts the current file there
    regexes = errorformat_to_regexes(errorformat)
    assert len(regexes) == 4
    for path in sorted({d["path"] for d in expected}):
        result = run_cli(pydolint_args(command[:-1] + path))
        for line, want in zip(result.output.splitlines(),
                              [d for d in expected if d["path"] == path], strict=True):
            match = next(m for r in regexes if (m := r.match(line)))
            code, _, message = match.group("message").partition(" ")
            quickfix_type = match.groupdict().get("type")
            assert (match.group("file"), int(match.group("line")), int(match.group("column")),
                    quickfix_type, code, message) == (
                want["path"], want["line"], want["column"],
                {"error": "e", "warning": "w", "info": "i", "style": None}[want["severity"]],
                want["code"], want["message"])


# --------------------------------------------------------------------------- pre-commit

def test_readme_pre_commit_snippet_names_the_hook():
    config = yaml.safe_load(fenced("yaml", "hooks:"))
    [repo] = config["repos"]
    assert repo == {"repo": "https://github.com/pydolint/pydolint", "rev": "v0.1.0",
                    "hooks": [{"id": "pydolint"}]}
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    [hook] = hooks
    assert hook["id"] == "pydolint" and hook["entry"] == "pydolint"
    assert hook["language"] == "python" and hook["require_serial"] is False


@pytest.mark.parametrize("path", [
    "Dockerfile", "Containerfile", "x.Dockerfile", "Dockerfile.prod", "x.dockerfile",
    "Containerfile.dev", "api.Containerfile", "deploy/Dockerfile", "a/b/web.Dockerfile",
    "Dockerfile.dockerignore", "Dockerfile.md", "README.md", "dockerfile", "Dockerfile~",
    "Dockerfile.orig", "web.Dockerfile.swp", "notes/Dockerfiles.txt", "myDockerfile",
])
def test_hook_selects_the_files_pydolint_looks_for(path):
    """pre-commit's rule: ``files`` matches (re.search), ``exclude`` does not, types agree.

    The type filter is ``types_or: [dockerfile, text]``, which every text file
    passes, so the names alone decide; they must be the names of discovery.
    """
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["types_or"] == ["dockerfile", "text"] and "types" not in hook
    chosen = bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)
    assert chosen == is_dockerfile_name(Path(path).name)
