"""BuildContext: a read-only, lazy view of a build context on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pydolint.context import MAX_READ, BuildContext


def make(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


@pytest.fixture
def app(tmp_path: Path) -> Path:
    return make(
        tmp_path / "ctx",
        {
            "Dockerfile": "FROM python:3.12\n",
            "requirements.txt": "flask\n",
            "app/__init__.py": "",
            "app/main.py": "print('hi')\n",
            "app/static/logo.png": b"\x89PNG\x00\xff",
            "app/__pycache__/main.cpython-312.pyc": b"\x00",
            "docs/index.md": "# docs\n",
            "README.md": "readme\n",
            ".env": "SECRET=1\n",
            ".git/HEAD": "ref: refs/heads/main\n",
            ".git/objects/ab/cdef": b"\x00",
            "node_modules/left-pad/index.js": "",
            "empty/": "",
        },
    )


def test_creating_a_context_does_no_io(tmp_path: Path) -> None:
    missing = tmp_path / "does-not-exist"
    ctx = BuildContext(missing, missing / "Dockerfile")
    assert ctx.root == missing
    assert not missing.exists()
    assert ctx.files() == []
    assert not ctx.exists(".")
    assert ctx.glob("*") == []
    assert ctx.dockerignore is None


def test_exists_and_is_dir(app: Path) -> None:
    ctx = BuildContext(app)
    assert ctx.exists("requirements.txt")
    assert ctx.exists("/requirements.txt")
    assert ctx.exists("./app/../requirements.txt")
    assert ctx.exists(".")
    assert not ctx.exists("nope.txt")
    assert ctx.is_dir("app") and ctx.is_dir("app/") and ctx.is_dir(".")
    assert not ctx.is_dir("requirements.txt")
    assert not ctx.exists("requirements.txt/x")


def test_paths_climbing_out_of_the_root_are_missing(app: Path) -> None:
    (app.parent / "outside.txt").write_text("secret")
    ctx = BuildContext(app)
    assert BuildContext.normalize("../outside.txt") is None
    assert BuildContext.normalize("app/../../outside.txt") is None
    assert not ctx.exists("../outside.txt")
    assert ctx.read_text("../outside.txt") is None
    assert ctx.glob("../*.txt") == []
    assert BuildContext.normalize("/app//main.py") == "app/main.py"


def test_read_text_limits_and_cache(app: Path) -> None:
    make(
        app, {"big.txt": "x" * (MAX_READ + 1), "edge.txt": "y" * MAX_READ, "latin1.txt": b"caf\xe9"}
    )
    ctx = BuildContext(app)
    assert ctx.read_text("requirements.txt") == "flask\n"
    assert ctx.read_text("big.txt") is None
    assert ctx.read_text("edge.txt") == "y" * MAX_READ
    assert ctx.read_text("latin1.txt") is None
    assert ctx.read_text("missing.txt") is None
    assert ctx.read_text("app") is None  # a directory
    (app / "requirements.txt").write_text("django\n")
    assert ctx.read_text("/requirements.txt") == "flask\n"  # cached


def test_symlinks_never_leave_the_root(app: Path) -> None:
    outside = app.parent / "outside"
    make(outside, {"secret.txt": "top secret"})
    os.symlink(outside / "secret.txt", app / "abs-link")
    os.symlink("../outside/secret.txt", app / "rel-link")
    os.symlink(outside, app / "dir-link")
    os.symlink("app/main.py", app / "inside-link")
    os.symlink("/requirements.txt", app / "rooted-link")  # absolute: read inside the root
    os.symlink("loop-b", app / "loop-a")
    os.symlink("loop-a", app / "loop-b")
    ctx = BuildContext(app)
    for link in ("abs-link", "rel-link", "dir-link/secret.txt", "loop-a"):
        assert not ctx.exists(link), link
        assert ctx.read_text(link) is None, link
    assert not ctx.is_dir("dir-link")
    assert ctx.read_text("inside-link") == "print('hi')\n"
    assert ctx.read_text("rooted-link") == "flask\n"
    # A walk lists symlinks as entries but never follows them.
    assert "dir-link" in ctx.files()
    assert not any(path.startswith("dir-link/") for path in ctx.files())


def test_glob_uses_copy_semantics(app: Path) -> None:
    ctx = BuildContext(app)
    assert ctx.glob("*.txt") == ["requirements.txt"]
    assert ctx.glob("app/*.py") == ["app/__init__.py", "app/main.py"]
    assert ctx.glob("/app/m?in.py") == ["app/main.py"]
    assert ctx.glob("app/[m]*") == ["app/main.py"]
    # '*' does not cross '/', and '**' is not recursive for COPY.
    assert ctx.glob("*.py") == []
    assert ctx.glob("**/*.py") == ["app/__init__.py", "app/main.py"]
    assert ctx.glob("**.md") == ["README.md"]
    # A matching directory is returned, not searched.
    assert ctx.glob("a*") == ["app"]
    assert ctx.glob("*") == sorted(os.listdir(app))
    # No wildcard: the path itself, if present.
    assert ctx.glob("app/main.py") == ["app/main.py"]
    assert ctx.glob("app/nope.py") == []
    assert ctx.glob(".") == ["."]
    # Go syntax; a malformed pattern matches nothing.
    make(app, {"lit*eral": "", "lit-eral": ""})
    assert ctx.glob("lit*eral") == ["lit*eral", "lit-eral"]
    assert ctx.glob("lit[*]eral") == ["lit*eral"]
    assert ctx.glob("lit[") == []
    # BuildKit sees no wildcard in an escaped "*" and looks the name up as written.
    assert ctx.glob("lit\\*eral") == []


def test_glob_respects_the_ignore_file(app: Path) -> None:
    make(app, {".dockerignore": "*.md\n!README.md\napp/__pycache__\ndocs\n!docs/index.md\n"})
    ctx = BuildContext(app)
    assert ctx.glob("*.md") == ["README.md"]
    assert ctx.glob("app/__pycache__") == []
    assert ctx.glob("app/__pycache__", respect_ignore=False) == ["app/__pycache__"]
    assert ctx.glob("app/*") == ["app/__init__.py", "app/main.py", "app/static"]
    # An excluded directory is still there when a "!" line re-includes something in it.
    assert ctx.glob("doc?") == ["docs"]
    assert ctx.glob("docs/*") == ["docs/index.md"]


def test_resolve_copy_sources_and_whole_context(app: Path) -> None:
    ctx = BuildContext(app)
    assert ctx.resolve_copy_sources(
        ["requirements.txt", "app/*.py", "requirements.txt", "gone"]
    ) == [
        "requirements.txt",
        "app/__init__.py",
        "app/main.py",
    ]
    for source in (".", "./", "/", "*", "./*", "/*", "**", "./."):
        assert ctx.is_whole_context(source), source
    for source in ("app", "*.py", "app/*", "../x", "*x"):
        assert not ctx.is_whole_context(source), source


def test_ignore_file_precedence(app: Path) -> None:
    make(app, {".dockerignore": "docs\n", "Dockerfile.dockerignore": "app\n"})
    ctx = BuildContext(app)
    assert ctx.dockerignore_path == app / "Dockerfile.dockerignore"
    assert ctx.is_ignored("app/main.py") and not ctx.is_ignored("docs/index.md")

    make(app, {"build/Dockerfile.prod": "FROM scratch\n"})
    prod = BuildContext(app, app / "build" / "Dockerfile.prod")
    assert prod.dockerignore_path == app / ".dockerignore"
    assert prod.is_ignored("docs/index.md") and not prod.is_ignored("app/main.py")

    make(app, {"build/Dockerfile.prod.dockerignore": ""})  # empty still wins
    prod = BuildContext(app, app / "build" / "Dockerfile.prod")
    assert prod.dockerignore_path == app / "build" / "Dockerfile.prod.dockerignore"
    assert prod.dockerignore is not None and prod.dockerignore.patterns == ()
    assert not prod.is_ignored("docs/index.md")


def test_ignore_file_outside_the_context(tmp_path: Path, app: Path) -> None:
    dockerfile = make(
        tmp_path / "elsewhere",
        {"Dockerfile": "FROM scratch\n", "Dockerfile.dockerignore": "*.md\n"},
    )
    ctx = BuildContext(app, dockerfile / "Dockerfile")
    assert ctx.dockerignore_path == dockerfile / "Dockerfile.dockerignore"
    assert ctx.is_ignored("README.md")
    assert not ctx.is_ignored("../README.md")


def test_files_without_ignore_file(app: Path) -> None:
    ctx = BuildContext(app)
    files = ctx.files()
    assert files == sorted(files)
    assert ".git/HEAD" in files and "node_modules/left-pad/index.js" in files
    assert "empty" not in files and "app" not in files
    assert not ctx.truncated


def test_files_prunes_ignored_directories(app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(
        app,
        {".dockerignore": ".git\nnode_modules/\n**/__pycache__\n*.md\n!README.md\n!.git/HEAD\n"},
    )
    ctx = BuildContext(app)
    listed: list[str] = []
    real_listdir = BuildContext._listdir

    def spy(self: BuildContext, rel: str) -> list[tuple[str, bool]]:
        listed.append(rel)
        return real_listdir(self, rel)

    monkeypatch.setattr(BuildContext, "_listdir", spy)
    files = ctx.files()
    assert files == [
        ".dockerignore",
        ".env",
        "Dockerfile",
        "README.md",
        "app/__init__.py",
        "app/main.py",
        "app/static/logo.png",
        "docs/index.md",  # "*.md" only applies at the root
        "requirements.txt",
    ]
    # Excluded directories are not entered -- .git not even with a "!" line inside it.
    assert not {"node_modules", ".git", "app/__pycache__"} & set(listed)


def test_files_enters_excluded_dirs_that_exceptions_reach(app: Path) -> None:
    make(app, {".dockerignore": "app\n!app/main.py\n"})
    ctx = BuildContext(app)
    files = ctx.files()
    assert "app/main.py" in files
    assert "app/__init__.py" not in files and "app/static/logo.png" not in files


def test_files_limit_sets_truncated(app: Path) -> None:
    ctx = BuildContext(app)
    assert len(ctx.files(limit=3)) == 3
    assert ctx.truncated
    everything = ctx.files()
    assert not ctx.truncated
    assert len(ctx.files(limit=len(everything))) == len(everything)
    assert not ctx.truncated


CANDIDATES = [".env*", "*.pem", ".git/", "__pycache__/", "node_modules/", ".aws/credentials"]


def test_present_unignored_without_ignore_file(app: Path) -> None:
    make(app, {"deploy/key.pem": "-----BEGIN", ".aws/credentials": "[default]"})
    ctx = BuildContext(app)
    assert ctx.present_unignored(CANDIDATES) == CANDIDATES
    examples = ctx.unignored_examples(CANDIDATES)
    assert examples["__pycache__/"] == "app/__pycache__"
    assert examples["*.pem"] == "deploy/key.pem"
    assert examples[".git/"] == ".git"


def test_present_unignored_respects_ignore_file(app: Path) -> None:
    make(app, {".dockerignore": ".git\n**/__pycache__\n.env\n*.pem\n", "certs/key.pem": "x"})
    ctx = BuildContext(app)
    # certs/key.pem is not matched by the root-anchored "*.pem"; .env is ignored.
    assert ctx.present_unignored(CANDIDATES) == ["*.pem", "node_modules/"]
    assert ctx.unignored_examples(["*.pem"]) == {"*.pem": "certs/key.pem"}


def test_present_unignored_counts_re_included_contents(app: Path) -> None:
    make(app, {".dockerignore": "node_modules\n!node_modules/left-pad\n"})
    ctx = BuildContext(app)
    assert ctx.present_unignored(["node_modules/"]) == ["node_modules/"]
    make(app, {".dockerignore": "node_modules\n!node_modules/right-pad\n"})
    assert BuildContext(app).present_unignored(["node_modules/"]) == []


def test_present_unignored_does_not_enter_found_bloat(
    app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(app, {"node_modules/pkg/test/key.pem": "x"})
    ctx = BuildContext(app)
    listed: list[str] = []
    real_listdir = BuildContext._listdir

    def spy(self: BuildContext, rel: str) -> list[tuple[str, bool]]:
        listed.append(rel)
        return real_listdir(self, rel)

    monkeypatch.setattr(BuildContext, "_listdir", spy)
    assert ctx.present_unignored(["node_modules/", "*.pem"]) == ["node_modules/"]
    assert not any(rel.startswith("node_modules") for rel in listed)
    # Directory-only candidates never match files.
    make(app, {"cache": "a file named cache"})
    assert BuildContext(app).present_unignored(["cache/", "cache"]) == ["cache"]


def test_walks_are_capped(app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pydolint import context

    monkeypatch.setattr(context, "_WALK_CAP", 4)
    ctx = BuildContext(app)
    assert len(ctx.files()) <= 4
    assert ctx.truncated
    assert set(ctx.present_unignored(CANDIDATES)) <= set(CANDIDATES)
