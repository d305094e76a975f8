"""The pre-commit hook, run for real by pre-commit on a throw-away repository.

pre-commit builds the hook's virtualenv from this checkout with pip, so this
needs the package index: it is marked ``network`` and ``slow`` (``.ci/run``
runs it). The checkout is copied as it is, uncommitted changes included, into
a scratch repository and committed there (what ``pre-commit try-repo`` does);
the test repository's ``.pre-commit-config.yaml`` points at that commit, so the
hook's environment is built once and used by both runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("pre_commit", reason="the pre-commit package is not installed")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

pytestmark = [pytest.mark.network, pytest.mark.slow]

GOOD = """\
FROM python:3.13-slim-trixie
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
USER 10001
CMD ["python", "-c", "print('hello')"]
"""
FILES = {
    "services/api/Dockerfile": "FROM python:latest\nCMD [\"python\", \"app.py\"]\n",  # DF101
    "Containerfile": "FROM python\nUSER 10001\nENV PYTHONUNBUFFERED=1\n",  # DF100
    "worker.Dockerfile": ("FROM python:3.13-slim-trixie\nUSER 10001\nENV PYTHONUNBUFFERED=1\n"
                          "RUN pip install flask==3.1.0\n"),  # PY300
    "tools/lower.dockerfile": "FROM python:3.13-slim-trixie\n",  # DF400 (root)
    "good/Dockerfile": GOOD,
    "Dockerfile.md": "FROM python:latest\n",  # not a Dockerfile: never passed to the hook
    "README.md": "# demo\n",
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=pydolint tests",
                           "-c", "user.email=tests@pydolint.invalid", "-c", "commit.gpgsign=false",
                           "-c", "init.defaultBranch=main", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout


def snapshot_of_this_checkout(target: Path) -> str:
    """A repository holding this checkout's files as they are now; its commit."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout
    target.mkdir()
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not name.startswith(("benchmarks/", "fixtures/")):
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return git(target, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    base = tmp_path_factory.mktemp("precommit")
    rev = snapshot_of_this_checkout(base / "hook-repo")
    project = base / "project"
    project.mkdir()
    for name, text in FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {base / 'hook-repo'}\n    rev: {rev}\n    hooks:\n"
        "      - id: pydolint\n        args: [--format, concise]\n")
    git(project, "init", "-q")
    git(project, "add", "-A")
    return project


def pre_commit(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home"),
           "PYDOLINT_TODAY": "2026-11-23", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
           "NO_COLOR": "1"}
    env.pop("PRE_COMMIT_COLOR", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900,
                          check=False)


def test_hook_fails_on_the_bad_files_naming_their_codes(project):
    result = pre_commit(project, "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^pydolint\.+Failed$", result.stdout, re.MULTILINE), result.stdout
    findings = re.findall(r"^(.+?):(\d+):(\d+): (error|warning|info|style) ([A-Z]+\d+) ",
                          result.stdout, re.MULTILINE)
    codes_by_file: dict[str, set[str]] = {}
    for path, _line, _column, _severity, code in findings:
        codes_by_file.setdefault(path, set()).add(code)
    assert "DF101" in codes_by_file["services/api/Dockerfile"]
    assert "DF100" in codes_by_file["Containerfile"]
    assert "PY300" in codes_by_file["worker.Dockerfile"]
    assert "DF400" in codes_by_file["tools/lower.dockerfile"]
    # the good Dockerfile and the files that are not Dockerfiles are clean or never linted
    assert set(codes_by_file) == {"services/api/Dockerfile", "Containerfile",
                                  "worker.Dockerfile", "tools/lower.dockerfile"}


def test_hook_passes_on_the_good_file(project):
    result = pre_commit(project, "--files", "good/Dockerfile", "README.md", "Dockerfile.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^pydolint\.+Passed$", result.stdout, re.MULTILINE), result.stdout
