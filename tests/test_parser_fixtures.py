"""Exact expectations for what pydolint's model adds to BuildKit's parse.

The oracle (``test_conformance.py``) checks instructions, flags, values and
heredoc bodies. These tables pin the rest, per fixture: parser directives,
BOM and line endings, stage fields (resolved image and its reference parts,
platform, parent stage), errors (line, column, message text), ENV/ARG/LABEL
key-value pairs, flag spans, heredoc line ranges and chomped text, and where
ONBUILD's wrapped instruction stands.

Conventions (see ``pydolint/model.py``): lines and columns are 1-based,
columns count code points, end columns are exclusive. Image references follow
distribution/reference normalisation: ``python:3.12`` is registry
``docker.io``, repository ``library/python``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
P = "fixtures/parser/"
APPS = "fixtures/python-apps/"
DIGEST = "sha256:6e57a4bc3b1aad6f6a6f4d0a6e0a3c3c9e9f5a1f7e0c8b0f3c6f1e2d3c4b5a69"
WINDOWS = "mcr.microsoft.com/windows/servercore:ltsc2022"

_cache: dict[str, object] = {}


def load(rel: str):
    """(Document, dump dict) for a fixture, parsed once."""
    if rel not in _cache:
        from pydolint.parser import parse
        from pydolint.parser.dump import document_to_dict

        path = ROOT / rel
        doc = parse(path.read_bytes(), path=str(path))
        _cache[rel] = (doc, document_to_dict(doc))
    return _cache[rel]


def instruction_at(doc, line: int, keyword: str | None = None):
    found = [i for i in doc.instructions if i.start_line == line]
    assert found, f"no instruction starts on line {line}"
    if keyword is not None:
        found = [i for i in found if i.keyword == keyword]
        assert found, f"no {keyword} on line {line}"
    return found[0]


# --------------------------------------------------------------------------
# Document-level: directives, escape, BOM, line endings, empty continuation lines

DOCUMENT = {
    # path: (directives, escape, bom, line_ending)
    P + "directives/syntax-escape-check.Dockerfile": (
        {"syntax": "docker/dockerfile:1.7", "escape": "`",
         "check": "skip=JSONArgsRecommended;error=true"}, "`", False, "\n"),
    P + "directives/bom.Dockerfile": ({"syntax": "docker/dockerfile:1"}, "\\", True, "\n"),
    P + "directives/bom-on-second-line.Dockerfile": ({}, "\\", False, "\n"),
    P + "directives/crlf.Dockerfile": (
        {"syntax": "docker/dockerfile:1", "escape": "\\"}, "\\", False, "\r\n"),
    P + "directives/directive-after-comment.Dockerfile": ({}, "\\", False, "\n"),
    P + "directives/escape-backtick.Dockerfile": ({"escape": "`"}, "`", False, "\n"),
    P + "directives/leading-whitespace.Dockerfile": (
        {"escape": "`", "syntax": "docker/dockerfile:1"}, "`", False, "\n"),
    P + "directives/blank-line-ends-directives.Dockerfile": (
        {"syntax": "docker/dockerfile:1"}, "\\", False, "\n"),
    P + "directives/case-and-spacing.Dockerfile": (
        {"escape": "`", "syntax": "docker/dockerfile:1.7"}, "`", False, "\n"),
    P + "directives/unknown-directive-ends-directives.Dockerfile": ({}, "\\", False, "\n"),
    P + "directives/escape-without-value.Dockerfile": ({}, "\\", False, "\n"),
    P + "directives/directive-after-instruction.Dockerfile": ({}, "\\", False, "\n"),
    P + "directives/check-before-escape.Dockerfile": (
        {"check": "skip=all", "escape": "`"}, "`", False, "\n"),
    P + "directives/nbsp-after-hash.Dockerfile": ({"escape": "`"}, "`", False, "\n"),
    P + "directives/duplicate-escape.Dockerfile": ({"escape": "`"}, "`", False, "\n"),
    P + "directives/duplicate-syntax.Dockerfile": (
        {"syntax": "docker/dockerfile:1"}, "\\", False, "\n"),
    P + "directives/duplicate-check.Dockerfile": (
        {"check": "skip=StageNameCasing"}, "\\", False, "\n"),
    P + "empty/directives-only.Dockerfile": (
        {"syntax": "docker/dockerfile:1", "escape": "`"}, "`", False, "\n"),
    P + "heredocs/crlf.Dockerfile": ({}, "\\", False, "\r\n"),
    P + "continuations/crlf-continuation.Dockerfile": ({}, "\\", False, "\r\n"),
    P + "binary/mixed-line-endings.Dockerfile": ({}, "\\", False, "mixed"),
    P + "binary/lone-cr-line-endings.Dockerfile": ({}, "\\", False, "\n"),
    APPS + "windows-servercore.Dockerfile": ({"escape": "`"}, "`", False, "\n"),
    APPS + "heredoc-heavy.Dockerfile": ({"syntax": "docker/dockerfile:1.4"}, "\\", False, "\n"),
}


@pytest.mark.parametrize("rel", sorted(DOCUMENT))
def test_document(rel):
    directives, escape, bom, line_ending = DOCUMENT[rel]
    doc, dump = load(rel)
    assert dump["directives"] == directives
    assert doc.escape == escape
    assert doc.bom is bom
    assert doc.line_ending == line_ending


DIRECTIVE_LINES = {
    P + "directives/syntax-escape-check.Dockerfile": {"syntax": 1, "escape": 2, "check": 3},
    P + "directives/leading-whitespace.Dockerfile": {"escape": 1, "syntax": 2},
    P + "directives/check-before-escape.Dockerfile": {"check": 1, "escape": 2},
    P + "directives/bom.Dockerfile": {"syntax": 1},
}


@pytest.mark.parametrize("rel", sorted(DIRECTIVE_LINES))
def test_directive_lines(rel):
    doc, _ = load(rel)
    assert {name: d.line for name, d in doc.directives.items()} == DIRECTIVE_LINES[rel]


EMPTY_CONTINUATION_LINES = {
    P + "continuations/empty-lines-inside.Dockerfile": [3, 5, 6],
    P + "continuations/whitespace-only-line-inside.Dockerfile": [3, 5],
    P + "continuations/crlf-continuation.Dockerfile": [4],
    P + "broken-continuations/blank-line-after-escape.Dockerfile": [3],
    P + "continuations/comment-lines-inside.Dockerfile": [],
    P + "continuations/lone-escape-line.Dockerfile": [],
}


@pytest.mark.parametrize("rel", sorted(EMPTY_CONTINUATION_LINES))
def test_empty_continuation_lines(rel):
    doc, _ = load(rel)
    assert doc.empty_continuation_lines == EMPTY_CONTINUATION_LINES[rel]


# --------------------------------------------------------------------------
# Stages


def stage(index, name, line, image, resolved, registry, repository, tag, digest=None,
          platform=None, parent=None):
    return {
        "index": index, "name": name, "line": line, "image": image, "resolved_image": resolved,
        "registry": registry, "repository": repository, "tag": tag, "digest": digest,
        "platform": platform, "parent_stage": parent,
    }


PY_SLIM = ("docker.io", "library/python", "3.12-slim")

STAGES = {
    P + "stages/as-any-case.Dockerfile": [
        stage(0, "builder", 1, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
        stage(1, "runtime", 2, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
        stage(2, "Test", 3, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
        stage(3, "lint", 4, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
    ],
    P + "stages/base-from-global-arg.Dockerfile": [
        stage(0, "build", 4, "${BASE}", "python:3.12-slim-bookworm",
              "docker.io", "library/python", "3.12-slim-bookworm"),
        stage(1, None, 5, "python:${PYTHON_VERSION:-3.11}-alpine", "python:3.12-alpine",
              "docker.io", "library/python", "3.12-alpine"),
        stage(2, "broken", 6, "$UNDEFINED_BASE", None, None, None, None),
    ],
    P + "stages/from-earlier-stage.Dockerfile": [
        stage(0, "base", 1, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
        stage(1, "deps", 3, "base", "base", None, None, None, parent=0),
        stage(2, "test", 5, "deps", "deps", None, None, None, parent=1),
        stage(3, "upper", 7, "BASE", "BASE", None, None, None, parent=None),  # FROM matches names exactly
        stage(4, None, 8, "base", "base", None, None, None, parent=0),
    ],
    P + "stages/platform.Dockerfile": [
        stage(0, "build", 1, "python:3.12-slim", "python:3.12-slim", *PY_SLIM,
              platform="$BUILDPLATFORM"),
        stage(1, None, 2, "python:3.12-slim", "python:3.12-slim", *PY_SLIM,
              platform="linux/amd64"),
    ],
    P + "stages/digest-refs.Dockerfile": [
        stage(0, "pinned", 1, f"python@{DIGEST}", f"python@{DIGEST}",
              "docker.io", "library/python", None, DIGEST),
        stage(1, None, 2, f"python:3.12-slim@{DIGEST}", f"python:3.12-slim@{DIGEST}",
              *PY_SLIM, DIGEST),
        stage(2, None, 3, "docker.io/library/python:3.12", "docker.io/library/python:3.12",
              "docker.io", "library/python", "3.12"),
        stage(3, None, 4, "ghcr.io/astral-sh/uv:0.4.20", "ghcr.io/astral-sh/uv:0.4.20",
              "ghcr.io", "astral-sh/uv", "0.4.20"),
    ],
    P + "stages/localhost-registry.Dockerfile": [
        stage(0, "base", 1, "localhost:5000/myteam/python-base:3.12",
              "localhost:5000/myteam/python-base:3.12",
              "localhost:5000", "myteam/python-base", "3.12"),
        stage(1, None, 2, "localhost/app", "localhost/app", "localhost", "app", None),
        stage(2, None, 3, "registry.example.com:8443/python:3.12-slim",
              "registry.example.com:8443/python:3.12-slim",
              "registry.example.com:8443", "python", "3.12-slim"),
    ],
    P + "stages/scratch-and-words.Dockerfile": [
        stage(0, "empty", 1, "scratch", "scratch", None, None, None),
        stage(1, "spaced", 2, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
        stage(2, None, 3, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
        stage(3, None, 4, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
    ],
    P + "flags/from-platform.Dockerfile": [
        stage(0, "build", 1, "python:3.12-slim", "python:3.12-slim", *PY_SLIM,
              platform="$BUILDPLATFORM"),
        stage(1, None, 2, "python:3.12-slim", "python:3.12-slim", *PY_SLIM,
              platform="linux/arm64"),
        stage(2, "final", 3, "python:3.12-alpine", "python:3.12-alpine",
              "docker.io", "library/python", "3.12-alpine",
              platform="${TARGETPLATFORM:-linux/amd64}"),
    ],
    P + "casing/mixed-case-keywords.Dockerfile": [
        stage(0, "Build", 1, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
        stage(1, None, 3, "python:3.12-slim", "python:3.12-slim", *PY_SLIM),
    ],
    APPS + "multi-stage-wheels.Dockerfile": [
        stage(0, "wheels", 6, "python:${PYTHON_VERSION}-${DEBIAN}", "python:3.11-bookworm",
              "docker.io", "library/python", "3.11-bookworm"),
        stage(1, "test", 20, "wheels", "wheels", None, None, None, parent=0),
        stage(2, "runtime", 25, "python:${PYTHON_VERSION}-slim-${DEBIAN}",
              "python:3.11-slim-bookworm", "docker.io", "library/python", "3.11-slim-bookworm"),
    ],
    APPS + "uv-project.Dockerfile": [
        stage(0, "builder", 3, "python:3.12-slim-bookworm", "python:3.12-slim-bookworm",
              "docker.io", "library/python", "3.12-slim-bookworm"),
        stage(1, None, 23, "python:3.12-slim-bookworm", "python:3.12-slim-bookworm",
              "docker.io", "library/python", "3.12-slim-bookworm"),
    ],
    APPS + "django-gunicorn.Dockerfile": [
        stage(0, "python-base", 4, "python:${PYTHON_VERSION}-slim", "python:3.12-slim",
              *PY_SLIM),
        stage(1, "build", 10, "python-base", "python-base", None, None, None, parent=0),
        stage(2, "run", 18, "python-base", "python-base", None, None, None, parent=0),
    ],
    APPS + "windows-servercore.Dockerfile": [
        stage(0, None, 3, WINDOWS, WINDOWS, "mcr.microsoft.com", "windows/servercore",
              "ltsc2022"),
    ],
    APPS + "Containerfile.celery-worker": [
        stage(0, None, 2, "docker.io/library/python:3.12-slim-bookworm",
              "docker.io/library/python:3.12-slim-bookworm",
              "docker.io", "library/python", "3.12-slim-bookworm"),
    ],
}


@pytest.mark.parametrize("rel", sorted(STAGES))
def test_stages(rel):
    _, dump = load(rel)
    assert dump["stages"] == STAGES[rel]


INSTRUCTION_STAGES = {
    # path: [(line, stage index or None)]
    P + "keyvalues/arg-forms.Dockerfile": [(1, None), (2, None), (5, None), (6, 0), (7, 0)],
    P + "stages/from-earlier-stage.Dockerfile": [(1, 0), (2, 0), (3, 1), (4, 1), (6, 2)],
    P + "empty/lone-escape.Dockerfile": [(1, None)],
}


@pytest.mark.parametrize("rel", sorted(INSTRUCTION_STAGES))
def test_instruction_stages(rel):
    doc, _ = load(rel)
    for line, index in INSTRUCTION_STAGES[rel]:
        assert instruction_at(doc, line).stage == index, line


# --------------------------------------------------------------------------
# Errors: (line, column or None, substring of the message, case-insensitive)

ERRORS = {
    # FROM looks stage names up exactly as written, so `FROM BASE` is an (invalid) image
    P + "stages/from-earlier-stage.Dockerfile": [
        (7, 6, "`BASE` is not a valid image reference"),
        (7, 6, "stage names match exactly, so write `FROM base`")],
    P + "directives/duplicate-escape.Dockerfile": [
        (2, None, "only one escape parser directive can be used")],
    P + "directives/duplicate-syntax.Dockerfile": [
        (2, None, "only one syntax parser directive can be used")],
    P + "directives/duplicate-check.Dockerfile": [
        (2, None, "only one check parser directive can be used")],
    P + "directives/invalid-escape.Dockerfile": [(1, None, "invalid escape token")],
    P + "directives/directive-after-comment.Dockerfile": [(5, 3, "unknown instruction")],
    P + "directives/blank-line-ends-directives.Dockerfile": [(6, 3, "unknown instruction")],
    P + "directives/bom-on-second-line.Dockerfile": [(2, 1, "unknown instruction")],
    P + "heredocs/unterminated.Dockerfile": [(3, None, "unterminated heredoc")],
    P + "json/non-string-error.Dockerfile": [
        (3, None, "arrays must be comprised of strings only")],
    P + "json/non-string-copy-error.Dockerfile": [
        (2, None, "arrays must be comprised of strings only")],
    P + "json/null-element-error.Dockerfile": [
        (2, None, "arrays must be comprised of strings only")],
    P + "json/empty-array.Dockerfile": [(4, 1, "SHELL requires at least one argument")],
    P + "keyvalues/env-missing-value.Dockerfile": [(2, None, "ENV must have two arguments")],
    P + "keyvalues/env-mixed-forms-error.Dockerfile": [(2, 9, "can't find = in")],
    P + "keyvalues/label-missing-value.Dockerfile": [(2, None, "LABEL must have two arguments")],
    P + "onbuild/env-error.Dockerfile": [(2, None, "ENV must have two arguments")],
    P + "onbuild/empty-nested-unknown.Dockerfile": [
        (2, 1, "ONBUILD requires at least one argument"),
        (3, None, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
    ],
    P + "onbuild/nested-onbuild.Dockerfile": [
        (2, None, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
        (3, None, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
        (4, None, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
    ],
    P + "empty/empty.Dockerfile": [(None, None, "no instructions")],
    P + "empty/comment-only.Dockerfile": [(None, None, "no instructions")],
    P + "empty/whitespace-only.Dockerfile": [(None, None, "no instructions")],
    P + "empty/directives-only.Dockerfile": [(None, None, "no instructions")],
    P + "empty/lone-escape.Dockerfile": [(1, 1, "unknown instruction")],
    P + "binary/line-too-long.Dockerfile": [(2, None, "65535")],
    P + "binary/invalid-utf8.Dockerfile": [(2, None, "UTF-8")],
    P + "binary/lone-cr-line-endings.Dockerfile": [
        (1, 1, "FROM requires either one or three arguments")],
    P + "broken-continuations/comment-after-escape.Dockerfile": [
        (3, 5, "unknown instruction: curl")],
    P + "broken-continuations/missing-escape.Dockerfile": [(5, 5, "unknown instruction: curl")],
    P + "broken-continuations/escape-space-text.Dockerfile": [
        (3, 5, "unknown instruction: gunicorn")],
    P + "casing/unicode-case-folding.Dockerfile": [(4, 1, "unknown instruction")],
    P + "flags/flag-edge-cases.Dockerfile": [
        (2, 5, "unknown flag: --flag-only"),
        (2, 1, "RUN requires at least one argument"),
        (3, 5, "unknown flag: --empty"),
        (4, 5, "unknown flag: --a"),
        (4, 14, "unknown flag: --b"),
        (5, 5, "unknown flag: --abc"),
    ],
    P + "flags/quoted-flag-values.Dockerfile": [
        (7, 5, "unknown flag: --x"), (7, 21, "unknown flag: --y")],
    P + "flags/unicode-space-after-flag.Dockerfile": [
        (2, 1, "COPY requires at least two arguments"),
        (3, 1, "COPY requires at least two arguments"),
        (6, 1, "RUN requires at least one argument"),
    ],
    P + "flags/double-dash-terminator.Dockerfile": [(6, 1, "RUN requires at least one argument")],
    P + "stages/scratch-and-words.Dockerfile": [
        (3, 1, "FROM requires either one or three arguments"),
        (4, 1, "FROM requires either one or three arguments"),
    ],
}

# Files BuildKit (parser and instruction parsing) accepts: pydolint must report nothing.
NOT_ERROR_FREE = set(ERRORS) | {
    P + "binary/nul-byte.Dockerfile",  # BuildKit accepts it; see test_conformance
    P + "stages/base-from-global-arg.Dockerfile",  # blank base name fails only at build time
    P + "keyvalues/env-quotes-escapes.Dockerfile",  # unterminated quote fails at expansion
}
ERROR_FREE = sorted(
    p.relative_to(ROOT).as_posix()
    for p in list((ROOT / "fixtures/parser").rglob("*")) + list((ROOT / APPS).rglob("*"))
    if p.is_file() and not p.name.startswith(".")
    and p.relative_to(ROOT).as_posix() not in NOT_ERROR_FREE
)


@pytest.mark.parametrize("rel", sorted(ERRORS))
def test_errors(rel):
    _, dump = load(rel)
    errors = dump["errors"]
    for line, column, text in ERRORS[rel]:
        matching = [e for e in errors if text.lower() in e["message"].lower()]
        assert matching, f"no error mentioning {text!r}: {errors}"
        if line is not None:
            at = [e for e in matching if e["line"] == line
                  and (column is None or e["column"] == column)]
            assert at, f"{text!r} expected at {line}:{column}, got {matching}"


@pytest.mark.parametrize("rel", ERROR_FREE)
def test_no_errors(rel):
    _, dump = load(rel)
    assert dump["errors"] == []


# --------------------------------------------------------------------------
# ENV / ARG / LABEL pairs: (key, value, raw_key, raw_value, legacy)

KEY_VALUES = {
    (P + "keyvalues/env-new-form.Dockerfile", 3): [
        ("PYTHONUNBUFFERED", "1", "PYTHONUNBUFFERED", "1", False),
        ("PIP_NO_CACHE_DIR", "off", "PIP_NO_CACHE_DIR", "off", False),
        ("PIP_DISABLE_PIP_VERSION_CHECK", "on", "PIP_DISABLE_PIP_VERSION_CHECK", "on", False),
    ],
    (P + "keyvalues/env-new-form.Dockerfile", 4): [
        ("PATH", "/app/.venv/bin:$PATH", "PATH", '"/app/.venv/bin:$PATH"', False)],
    (P + "keyvalues/env-legacy-form.Dockerfile", 2): [
        ("PYTHONUNBUFFERED", "1", "PYTHONUNBUFFERED", "1", True)],
    (P + "keyvalues/env-legacy-form.Dockerfile", 3): [
        ("APP_HOME", "/srv/my app", "APP_HOME", "/srv/my app", True)],
    (P + "keyvalues/env-legacy-form.Dockerfile", 4): [
        ("GREETING", "hello   world", "GREETING", "hello   world", True)],
    (P + "keyvalues/env-legacy-form.Dockerfile", 5): [
        ("TAB", "separated", "TAB", "separated", True)],
    (P + "keyvalues/env-quotes-escapes.Dockerfile", 2): [
        ("MSG", 'hello "world"', "MSG", '"hello \\"world\\""', False),
        ("SINGLE", "its", "SINGLE", "'it''s'", False),
        ("PLAIN", "a b", "PLAIN", "a\\ b", False),
    ],
    (P + "keyvalues/env-quotes-escapes.Dockerfile", 3): [
        ("EQ", "a=b", "EQ", "a\\=b", False),
        ("DOLLAR", "$HOME", "DOLLAR", "\\$HOME", False),
        ("MIXED", "abc", "MIXED", "\"a\"'b'c", False),
    ],
    (P + "keyvalues/env-quotes-escapes.Dockerfile", 4): [
        ("QUOTED_KEY", "value", '"QUOTED_KEY"', "value", False)],
    (P + "keyvalues/env-multiple-pairs.Dockerfile", 2): [
        ("LANG", "C.UTF-8", "LANG", "C.UTF-8", False),
        ("LC_ALL", "C.UTF-8", "LC_ALL", "C.UTF-8", False),
        ("PYTHONPATH", "/app", "PYTHONPATH", "/app", False),
        ("DJANGO_SETTINGS_MODULE", "config.settings.production", "DJANGO_SETTINGS_MODULE",
         "config.settings.production", False),
    ],
    (P + "keyvalues/env-empty-values.Dockerfile", 2): [("EMPTY", "", "EMPTY", "", False)],
    (P + "keyvalues/env-empty-values.Dockerfile", 3): [
        ("QUOTED_EMPTY", "", "QUOTED_EMPTY", '""', False),
        ("SINGLE_EMPTY", "", "SINGLE_EMPTY", "''", False),
    ],
    (P + "keyvalues/env-empty-values.Dockerfile", 4): [
        ("A", "", "A", "", False), ("B", "2", "B", "2", False)],
    (P + "keyvalues/label-spaces.Dockerfile", 2): [
        ("org.opencontainers.image.title", "Orders API", "org.opencontainers.image.title",
         '"Orders API"', False),
        ("org.opencontainers.image.description", "Takes orders, serves them",
         "org.opencontainers.image.description", '"Takes orders, serves them"', False),
        ("maintainer name", "Jane Doe <jane@example.com>", '"maintainer name"',
         '"Jane Doe <jane@example.com>"', False),
    ],
    (P + "keyvalues/label-spaces.Dockerfile", 6): [
        ("legacy", "form value with spaces", "legacy", "form value with spaces", True)],
    (P + "keyvalues/arg-forms.Dockerfile", 1): [
        ("PYTHON_VERSION", "3.12", "PYTHON_VERSION", "3.12", False)],
    (P + "keyvalues/arg-forms.Dockerfile", 2): [
        ("DEBIAN_RELEASE", None, "DEBIAN_RELEASE", None, False)],
    (P + "keyvalues/arg-forms.Dockerfile", 3): [("EMPTY", "", "EMPTY", "", False)],
    (P + "keyvalues/arg-forms.Dockerfile", 4): [
        ("QUOTED", "3.12-slim", "QUOTED", '"3.12-slim"', False),
        ("OTHER", "x y", "OTHER", "'x y'", False),
    ],
    (P + "keyvalues/arg-forms.Dockerfile", 5): [
        ("FIRST", None, "FIRST", None, False),
        ("SECOND", "2", "SECOND", "2", False),
        ("THIRD", None, "THIRD", None, False),
    ],
    (P + "keyvalues/arg-forms.Dockerfile", 8): [
        ("UID", "1000", "UID", "1000", False), ("GID", "1000", "GID", "1000", False)],
    (P + "keyvalues/env-backtick-escape.Dockerfile", 3): [
        ("PYTHON_HOME", "C:\\Python312", "PYTHON_HOME", "C:\\Python312", False),
        ("PATH", "C:\\Python312;C:\\Python312\\Scripts;$PATH", "PATH",
         '"C:\\Python312;C:\\Python312\\Scripts;$PATH"', False),
        ("SPACED", "a b", "SPACED", "a` b", False),
    ],
    (P + "keyvalues/env-unicode-whitespace.Dockerfile", 2): [
        ("A", "1", "A", "1", False), ("B", "2", "B", "2", False)],
    (P + "continuations/escape-inside-line.Dockerfile", 3): [
        ("GREETING", "hello world", "GREETING", "hello\\ world", False)],
    (P + "binary/control-characters.Dockerfile", 4): [
        ("A", "1\x1cB=2", "A", "1\x1cB=2", False)],
}


@pytest.mark.parametrize("key", sorted(KEY_VALUES), ids=lambda k: f"{k[0]}:{k[1]}")
def test_key_values(key):
    rel, line = key
    doc, _ = load(rel)
    pairs = instruction_at(doc, line).key_values
    got = [(kv.key, kv.value, kv.raw_key, kv.raw_value, kv.legacy) for kv in pairs]
    assert got == KEY_VALUES[key]


KEY_VALUE_SPANS = {
    # (path, line): [(start_line, start_column, end_line, end_column)] per pair
    (P + "keyvalues/env-new-form.Dockerfile", 3): [(3, 5, 3, 23), (3, 24, 3, 44), (3, 45, 3, 77)],
    (P + "keyvalues/env-multiple-pairs.Dockerfile", 2): [
        (2, 5, 2, 17), (3, 5, 3, 19), (4, 5, 4, 20), (5, 5, 5, 54)],
    (P + "keyvalues/label-spaces.Dockerfile", 2): [(2, 7, 2, 50), (3, 7, 3, 71), (4, 7, 4, 54)],
    (P + "keyvalues/arg-forms.Dockerfile", 5): [(5, 5, 5, 10), (5, 11, 5, 19), (5, 20, 5, 25)],
    (P + "keyvalues/env-legacy-form.Dockerfile", 3): [(3, 5, 3, 25)],
}


@pytest.mark.parametrize("key", sorted(KEY_VALUE_SPANS), ids=lambda k: f"{k[0]}:{k[1]}")
def test_key_value_spans(key):
    rel, line = key
    doc, _ = load(rel)
    spans = [(kv.span.start_line, kv.span.start_column, kv.span.end_line, kv.span.end_column)
             for kv in instruction_at(doc, line).key_values]
    assert spans == KEY_VALUE_SPANS[key]


# --------------------------------------------------------------------------
# Flags: (name, value, raw, (start_line, start_column, end_line, end_column))

FLAGS = {
    (P + "flags/copy-flags.Dockerfile", 6): [
        ("chown", "app:app", "--chown=app:app", (6, 6, 6, 21)),
        ("chmod", "0755", "--chmod=0755", (6, 22, 6, 34)),
    ],
    (P + "flags/copy-flags.Dockerfile", 7): [
        ("link", None, "--link", (7, 6, 7, 12)),
        ("chown", "1000:1000", "--chown=1000:1000", (7, 13, 7, 30)),
    ],
    (P + "flags/copy-flags.Dockerfile", 9): [
        ("exclude", "*.pyc", "--exclude=*.pyc", (9, 6, 9, 21)),
        ("exclude", "__pycache__", "--exclude=__pycache__", (9, 22, 9, 43)),
    ],
    (P + "flags/add-flags.Dockerfile", 4): [
        ("chown", "app:app", "--chown=app:app", (4, 5, 4, 20)),
        ("link", None, "--link", (4, 21, 4, 27)),
    ],
    (P + "flags/run-mount-types.Dockerfile", 3): [
        ("mount", "type=cache,target=/root/.cache/pip,sharing=locked",
         "--mount=type=cache,target=/root/.cache/pip,sharing=locked", (3, 5, 3, 62)),
        ("mount", "type=bind,source=requirements.txt,target=/tmp/requirements.txt",
         "--mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt",
         (4, 5, 4, 75)),
    ],
    (P + "flags/run-mount-types.Dockerfile", 10): [
        ("mount", "type=cache,id=apt,target=/var/cache/apt",
         "--mount=type=cache,id=apt,target=/var/cache/apt", (10, 5, 10, 52)),
        ("mount", "type=cache,id=apt-lists,target=/var/lib/apt/lists",
         "--mount=type=cache,id=apt-lists,target=/var/lib/apt/lists", (10, 53, 10, 110)),
    ],
    (P + "flags/quoted-flag-values.Dockerfile", 2): [
        ("mount", "type=cache,target=/root/.cache/pip",
         "--mount=type=cache,target=/root/.cache/pip", (2, 5, 2, 49)),
    ],
    (P + "flags/quoted-flag-values.Dockerfile", 4): [
        ("chown", "app user:app group", "--chown=app user:app group", (4, 6, 4, 36)),
    ],
    (P + "flags/quoted-flag-values.Dockerfile", 7): [
        ("x", 'a "b" c', '--x=a "b" c', (7, 5, 7, 20)),
        ("y", "d e", "--y=d e", (7, 21, 7, 31)),
    ],
    (P + "flags/flag-edge-cases.Dockerfile", 3): [("empty", "", "--empty=", (3, 5, 3, 13))],
    (P + "flags/flag-edge-cases.Dockerfile", 4): [
        ("a", "1 2", "--a=1 2", (4, 5, 4, 13)), ("b", None, "--b", (4, 14, 4, 17))],
    (P + "flags/flag-edge-cases.Dockerfile", 9): [
        ("mount", "type=cache,target=/x", "--mount=type=cache,target=/x", (9, 5, 9, 33)),
        ("network", "none", "--network=none", (9, 35, 9, 49)),
    ],
    (P + "flags/healthcheck-flags.Dockerfile", 2): [
        ("interval", "30s", "--interval=30s", (2, 13, 2, 27)),
        ("timeout", "5s", "--timeout=5s", (2, 28, 2, 40)),
        ("start-period", "10s", "--start-period=10s", (2, 41, 2, 59)),
        ("start-interval", "2s", "--start-interval=2s", (2, 60, 2, 79)),
        ("retries", "3", "--retries=3", (2, 80, 2, 91)),
    ],
    (P + "flags/from-platform.Dockerfile", 1): [
        ("platform", "$BUILDPLATFORM", "--platform=$BUILDPLATFORM", (1, 6, 1, 31))],
    (P + "continuations/continuation-in-flags.Dockerfile", 5): [
        ("chown", "app:app", "--chown=app:app", (5, 6, 5, 21)),
        ("chmod", "0644", "--chmod=0644", (6, 6, 6, 18)),
    ],
    (P + "flags/unicode-space-after-flag.Dockerfile", 2): [
        ("link", None, "--link", (2, 6, 2, 12))],
    (P + "flags/unicode-space-after-flag.Dockerfile", 3): [
        ("from", "build", "--from=build", (3, 6, 3, 18))],
    (P + "flags/backslash-with-backtick-escape.Dockerfile", 3): [
        ("exclude", "obj\\**", "--exclude=obj\\**", (3, 6, 3, 22)),
        ("exclude", "bin\\**", "--exclude=bin\\**", (3, 23, 3, 39)),
    ],
}


@pytest.mark.parametrize("key", sorted(FLAGS), ids=lambda k: f"{k[0]}:{k[1]}")
def test_flags(key):
    rel, line = key
    doc, _ = load(rel)
    got = [(f.name, f.value, f.raw,
            (f.span.start_line, f.span.start_column, f.span.end_line, f.span.end_column))
           for f in instruction_at(doc, line).flags]
    assert got == FLAGS[key]


MOUNTS = {
    # (path, line): [(type, target, source, from)]
    (P + "flags/run-mount-types.Dockerfile", 3): [
        ("cache", "/root/.cache/pip", None, None),
        ("bind", "/tmp/requirements.txt", "requirements.txt", None),
    ],
    (P + "flags/run-mount-types.Dockerfile", 6): [("secret", None, None, None)],
    (P + "flags/run-mount-types.Dockerfile", 8): [("ssh", None, None, None)],
    (P + "flags/run-mount-types.Dockerfile", 9): [("tmpfs", "/tmp", None, None)],
    (APPS + "multi-stage-wheels.Dockerfile", 28): [("bind", "/wheels", "/wheels", "wheels")],
}


@pytest.mark.parametrize("key", sorted(MOUNTS), ids=lambda k: f"{k[0]}:{k[1]}")
def test_mounts(key):
    rel, line = key
    doc, _ = load(rel)
    mounts = [f.mount for f in instruction_at(doc, line).flags_named("mount")]
    assert [(m.type, m.target, m.source, m.from_) for m in mounts] == MOUNTS[key]


# --------------------------------------------------------------------------
# Heredocs: (name, start_line, end_line, text (chomped), expand, chomp, fd)

HEREDOCS = {
    (P + "heredocs/basic.Dockerfile", 3): [
        ("EOF", 4, 7,
         'set -eux\npip install --no-cache-dir flask\npython -c "import flask"\n',
         True, False, 0)],
    (P + "heredocs/chomp-tabs.Dockerfile", 2): [
        ("EOF", 3, 7,
         "set -eux\nif [ -f requirements.txt ]; then\npip install -r requirements.txt\nfi\n",
         True, True, 0)],
    (P + "heredocs/quoted-single.Dockerfile", 2): [
        ("EOF", 3, 4, 'echo "$HOME is not expanded by the builder"\n', False, False, 0)],
    (P + "heredocs/quoted-double.Dockerfile", 2): [
        ("EOT", 3, 4, 'echo "$PATH"\n', False, False, 0)],
    (P + "heredocs/two-in-one-run.Dockerfile", 2): [
        ("FILE1", 3, 5, "[app]\ndebug = false\n", True, False, 0),
        ("FILE2", 6, 7, 'print("configured")\n', True, False, 0),
    ],
    (P + "heredocs/copy-two-heredocs.Dockerfile", 2): [
        ("requirements.txt", 3, 5, "flask==3.0.3\ngunicorn==22.0.0\n", True, False, 0),
        ("constraints.txt", 6, 7, "werkzeug<4\n", True, False, 0),
    ],
    (P + "heredocs/fd-heredoc.Dockerfile", 2): [
        ("EOF", 3, 4, 'print(open("/dev/fd/3").read())\n', True, False, 3)],
    (P + "heredocs/fd-heredoc.Dockerfile", 5): [("EOT", 6, 7, "x\n", True, False, 9)],
    (P + "heredocs/crlf.Dockerfile", 2): [
        ("EOF", 3, 5, "set -eux\r\npip install flask\r\n", True, False, 0)],
    (P + "heredocs/crlf.Dockerfile", 6): [("EOT", 7, 8, "echo tabbed\r\n", True, True, 0)],
    (P + "heredocs/empty-body.Dockerfile", 2): [("EOF", 3, 3, "", True, False, 0)],
    (P + "heredocs/empty-body.Dockerfile", 4): [("EOF", 5, 5, "", True, False, 0)],
    (P + "heredocs/terminator-near-misses.Dockerfile", 2): [
        ("EOF", 3, 8, "echo one\nEOF \n EOF\n\tEOF\nEOFX\n", True, False, 0)],
    (P + "heredocs/terminator-near-misses.Dockerfile", 9): [
        ("EOF", 10, 11, "  EOF\n", True, True, 0)],
    (P + "heredocs/after-continuation.Dockerfile", 2): [
        ("EOF", 4, 5, "pip install flask\n", True, False, 0)],
    (P + "heredocs/partially-quoted-name.Dockerfile", 2): [
        ("EOF", 3, 4, "echo $HOME\n", False, False, 0)],
    (P + "heredocs/partially-quoted-name.Dockerfile", 5): [
        ("END", 6, 7, "echo x\n", True, False, 0)],
    (P + "heredocs/three-with-chomp.Dockerfile", 2): [
        ("A", 3, 4, "a-body\n", True, True, 0),
        ("B", 5, 7, "b-body\n\tnot the end\n", True, False, 0),
        ("C", 8, 9, "c-body\n", False, True, 0),
    ],
    (P + "heredocs/whitespace-before-name.Dockerfile", 2): [
        ("EOF", 3, 4, "DEBUG = False\n", True, False, 0)],
    (P + "heredocs/onbuild-run-heredoc.Dockerfile", 2): [
        ("EOF", 3, 4, "pip install -r requirements.txt\n", True, False, 0)],
    (APPS + "heredoc-heavy.Dockerfile", 17): [
        ("EOT", 18, 24,
         ('#!/bin/sh\nset -e\nif [ "$1" = "migrate" ]; then\nexec python -m app.migrate\n'
          'fi\nexec "$@"\n'), False, True, 0)],
}


@pytest.mark.parametrize("key", sorted(HEREDOCS), ids=lambda k: f"{k[0]}:{k[1]}")
def test_heredocs(key):
    rel, line = key
    doc, _ = load(rel)
    got = [(h.name, h.start_line, h.end_line, h.text, h.expand, h.chomp, h.fd)
           for h in instruction_at(doc, line).heredocs]
    assert got == HEREDOCS[key]


# --------------------------------------------------------------------------
# ONBUILD: where the wrapped instruction stands (keyword, start, end, column)

ONBUILD = {
    (P + "onbuild/basic.Dockerfile", 2): ("COPY", 2, 2, 9),
    (P + "onbuild/basic.Dockerfile", 4): ("ENV", 4, 4, 9),
    (P + "onbuild/with-flags.Dockerfile", 3): ("RUN", 3, 3, 9),
    (P + "onbuild/lowercase-and-continuation.Dockerfile", 2): ("RUN", 2, 2, 9),
    (P + "onbuild/lowercase-and-continuation.Dockerfile", 3): ("COPY", 4, 4, 5),
    (P + "onbuild/lowercase-and-continuation.Dockerfile", 5): ("RUN", 5, 6, 9),
    (P + "heredocs/onbuild-run-heredoc.Dockerfile", 2): ("RUN", 2, 4, 9),
}


@pytest.mark.parametrize("key", sorted(ONBUILD), ids=lambda k: f"{k[0]}:{k[1]}")
def test_onbuild_sub_instruction(key):
    rel, line = key
    doc, _ = load(rel)
    sub = instruction_at(doc, line, "ONBUILD").sub_instruction
    assert sub is not None
    assert (sub.keyword, sub.start_line, sub.end_line, sub.column) == ONBUILD[key]


ONBUILD_KEY_VALUE_SPANS = {
    (P + "onbuild/basic.Dockerfile", 4): [(4, 13, 4, 31), (4, 32, 4, 39)],
}


@pytest.mark.parametrize("key", sorted(ONBUILD_KEY_VALUE_SPANS),
                         ids=lambda k: f"{k[0]}:{k[1]}")
def test_onbuild_key_value_spans(key):
    rel, line = key
    doc, _ = load(rel)
    sub = instruction_at(doc, line, "ONBUILD").sub_instruction
    spans = [(kv.span.start_line, kv.span.start_column, kv.span.end_line, kv.span.end_column)
             for kv in sub.key_values]
    assert spans == ONBUILD_KEY_VALUE_SPANS[key]


# --------------------------------------------------------------------------
# Keywords and columns

KEYWORDS = {
    # path: [(line, keyword, keyword_as_written, column)]
    P + "casing/mixed-case-keywords.Dockerfile": [
        (1, "FROM", "from", 1), (2, "RUN", "Run", 1), (3, "FROM", "fRoM", 1),
        (4, "COPY", "cOpY", 1), (5, "ENV", "Env", 1), (6, "WORKDIR", "workdir", 1),
        (7, "CMD", "Cmd", 1),
    ],
    P + "casing/unicode-case-folding.Dockerfile": [
        (2, "WORKDIR", "WOR\u212aDIR", 1), (3, "ONBUILD", "ONBU\u0130LD", 1),
    ],
    P + "directives/leading-whitespace.Dockerfile": [(3, "FROM", "FROM", 1)],
    P + "broken-continuations/missing-escape.Dockerfile": [(5, "CURL", "curl", 5)],
}


@pytest.mark.parametrize("rel", sorted(KEYWORDS))
def test_keywords(rel):
    doc, _ = load(rel)
    for line, keyword, written, column in KEYWORDS[rel]:
        ins = instruction_at(doc, line)
        assert (ins.keyword, ins.keyword_as_written, ins.column) == (keyword, written, column)
