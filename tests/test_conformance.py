"""Every fixture Dockerfile, parsed by pydolint and by BuildKit's own parser.

The oracle is the ``dockerfile`` wheel (BuildKit 0.12.5's Go parser); machines
without it skip these tests. Per instruction we compare the keyword, the line
range, the builder flags, the node values, the form (JSON or not), heredoc
names and bodies, and for ONBUILD the wrapped instruction. When BuildKit
rejects a file, pydolint must report an error, on a line where BuildKit
notices the problem.

pydolint follows *current* BuildKit. Fixtures where current BuildKit parses
differently from 0.12.5 are listed in ``EXCEPTIONS`` with the reason (naming
the current source) and what current BuildKit gives, which pydolint must
match instead. Any other difference fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from _conformance import compare, compare_error_line, differences, oracle_parse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(
    {p for p in ROOT.glob("fixtures/**/*Dockerfile*") if p.is_file()}
    | {p for p in ROOT.glob("fixtures/**/Containerfile*") if p.is_file()}
)
WINDOWS = "mcr.microsoft.com/windows/servercore:ltsc2022"


@dataclass(frozen=True)
class Difference:
    reason: str
    # What current BuildKit gives: (keyword, start, end, flags, form, value, heredocs)
    instructions: tuple = ()
    error: str | None = None  # current BuildKit fails with this message


EXCEPTIONS: dict[str, Difference] = {
    "fixtures/parser/json/trailing-comment.Dockerfile": Difference(
        "JSON followed by text is shell form: line_parsers.go parseJSON calls json.Unmarshal on "
        "the whole rest; 0.12.5 used json.NewDecoder(...).Decode, which ignores what follows",
        (
            ("FROM", 1, 1, [], "shell", ["python:3.12-slim"], []),
            ("CMD", 2, 2, [], "shell", ['["gunicorn", "app:app"] # serve the app'], []),
            ("ENTRYPOINT", 3, 3, [], "shell", ['["python"] ["-u"]'], []),
        ),
    ),
    "fixtures/parser/heredocs/whitespace-before-name.Dockerfile": Difference(
        "`<< EOF` is a heredoc: shell/lex.go processPossibleHeredoc keeps the blanks after << "
        "in the word and parser.go reHeredoc is ^(\\d*)<<(-?)\\s*([^<]*)$ (commit 0b77373ab)",
        (
            ("FROM", 1, 1, [], "shell", ["python:3.12-slim"], []),
            ("RUN", 2, 4, [], "shell", ["cat << EOF > /app/settings.py"],
             [("EOF", "DEBUG = False\n")]),
        ),
    ),
    "fixtures/parser/heredocs/param-expansion-on-line.Dockerfile": Difference(
        "heredocsFromLine lexes the line with shell.Lex; current lex.go processDollar supports "
        "${v%p} (0.12.5 failed on it and so found no heredoc on the line)",
        (
            ("FROM", 1, 1, [], "shell", ["python:3.12-slim"], []),
            ("ARG", 2, 2, [], "shell", ["PYTHON_VERSION=3.12.4"], []),
            ("RUN", 3, 5, [], "shell", ["<<EOF echo ${PYTHON_VERSION%.*}"],
             [("EOF", "python --version\n")]),
        ),
    ),
    "fixtures/parser/directives/check-before-escape.Dockerfile": Difference(
        "directives.go lists `check` as a directive, so an `escape` after it still counts; "
        "0.12.5 stopped reading directives at `check`",
        (
            ("FROM", 3, 3, [], "shell", [WINDOWS], []),
            ("RUN", 4, 5, [], "shell", ["echo one     two"], []),
        ),
    ),
    "fixtures/parser/directives/duplicate-check.Dockerfile": Difference(
        "directives.go knows `check`, and any directive given twice is an error "
        "(`only one check parser directive can be used`); 0.12.5 ignored `check`",
        error="only one check parser directive can be used",
    ),
    "fixtures/parser/directives/nbsp-after-hash.Dockerfile": Difference(
        "directives.go DirectiveParser.ParseLine trims unicode.IsSpace after `#` (U+00A0 "
        "included); 0.12.5's regexp allowed only [\\t\\n\\f\\r ] there",
        (
            ("FROM", 2, 2, [], "shell", [WINDOWS], []),
            ("RUN", 3, 4, [], "shell", ["echo one     two"], []),
        ),
    ),
    "fixtures/parser/flags/backslash-with-backtick-escape.Dockerfile": Difference(
        "split_command.go extractBuilderFlags escapes with d.escapeToken, so with `# escape=`` "
        "a backslash in a flag is literal; 0.12.5 always treated `\\` as the escape there",
        (
            ("FROM", 2, 2, [], "shell", [WINDOWS], []),
            ("COPY", 3, 3, ["--exclude=obj\\**", "--exclude=bin\\**"], "shell",
             ["src\\", "C:\\app\\"], []),
        ),
    ),
    "fixtures/rules/PY301/windows.Dockerfile": Difference(
        "split_command.go extractBuilderFlags escapes with d.escapeToken: with `# escape=`` "
        "the backslashes in --mount's target are literal; 0.12.5 unescaped them",
        (
            ("FROM", 2, 2, [], "shell", ["python:3.12-windowsservercore-ltsc2022"], []),
            ("SHELL", 3, 3, [], "exec", ["powershell", "-Command"], []),
            ("RUN", 4, 4, ["--mount=type=cache,target=C:\\\\cache"], "shell",
             ["pip install --no-cache-dir flask==3.0.3"], []),
        ),
    ),
}


# Small inputs recognised by each predicate in _conformance.PREDICATES, with what
# current BuildKit gives (worked out from its source: see each predicate's reason).
# Most differ from 0.12.5; `<<- EOF` does not (the predicate is deliberately broad:
# `<<-` followed by a blank is no heredoc in either). pydolint must give these.
CURRENT_BUILDKIT_CASES = [
    ('heredoc-whitespace', 'FROM a\nRUN cat <<- EOF\nx\nEOF\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('RUN', 2, 2, [], 'shell', ['cat <<- EOF'], []),
         ('X', 3, 3, [], 'shell', [''], []),
         ('EOF', 4, 4, [], 'shell', [''], []),
     ]),
    ('heredoc-whitespace', 'FROM a\nRUN cat << -EOF\nx\n-EOF\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('RUN', 2, 4, [], 'shell', ['cat << -EOF'], [('-EOF', 'x\n')]),
     ]),
    ('heredoc-whitespace', 'FROM a\nRUN cat 3<< EOF\nx\nEOF\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('RUN', 2, 4, [], 'shell', ['cat 3<< EOF'], [('EOF', 'x\n')]),
     ]),
    ('heredoc-whitespace', 'FROM a\nRUN cat <<\t"EOF"\n$x\nEOF\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('RUN', 2, 4, [], 'shell', ['cat <<\t"EOF"'], [('EOF', '$x\n')]),
     ]),
    ('heredoc-whitespace', 'FROM a\nCOPY << EOF /app/a.txt\nhello\nEOF\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('COPY', 2, 4, [], 'shell', ['<<', 'EOF', '/app/a.txt'], [('EOF', 'hello\n')]),
     ]),
    ('heredoc-line-expansion', 'FROM a\nRUN <<EOF echo ${V#v}\nx\nEOF\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('RUN', 2, 4, [], 'shell', ['<<EOF echo ${V#v}'], [('EOF', 'x\n')]),
     ]),
    ('heredoc-line-expansion', 'FROM a\nRUN <<EOF echo ${V/a/b}\nx\nEOF\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('RUN', 2, 4, [], 'shell', ['<<EOF echo ${V/a/b}'], [('EOF', 'x\n')]),
     ]),
    ('heredoc-line-expansion', 'FROM a\nRUN cat <<EOF${V:-y}\nx\nEOF${V:-y}\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('RUN', 2, 2, [], 'shell', ['cat <<EOF${V:-y}'], []),
         ('X', 3, 3, [], 'shell', [''], []),
         ('EOF${V:-Y}', 4, 4, [], 'shell', [''], []),
     ]),
    ('heredoc-line-expansion', 'FROM a\nRUN cat <<"EOF${V:-y}"\nx\nEOF${V:-y}\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('RUN', 2, 2, [], 'shell', ['cat <<"EOF${V:-y}"'], []),
         ('X', 3, 3, [], 'shell', [''], []),
         ('EOF${V:-Y}', 4, 4, [], 'shell', [''], []),
     ]),
    ('json-trailing-text', 'FROM a\nCMD ["a"]]\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('CMD', 2, 2, [], 'shell', ['["a"]]'], []),
     ]),
    ('json-trailing-text', 'FROM a\nCMD ["a", 1] extra\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('CMD', 2, 2, [], 'shell', ['["a", 1] extra'], []),
     ]),
    ('json-trailing-text', 'FROM a\nONBUILD RUN ["a"] # c\n',
     [
         ('FROM', 1, 1, [], 'shell', ['a'], []),
         ('ONBUILD', 2, 2, [], 'shell', ['["a"] # c'], []),
     ]),
    ('directives', '#\x0bescape=`\nFROM a\nRUN a `\n b\n',
     [
         ('FROM', 2, 2, [], 'shell', ['a'], []),
         ('RUN', 3, 4, [], 'shell', ['a  b'], []),
     ]),
    ('directives', '# check=skip=all\n# check=error=true\nFROM a\n',
     'only one check parser directive can be used'),
    ('directives', '# syntax=x\n# check=skip=all\n# escape=`\nFROM a\nRUN a `\n b\n',
     [
         ('FROM', 4, 4, [], 'shell', ['a'], []),
         ('RUN', 5, 6, [], 'shell', ['a  b'], []),
     ]),
    ('flag-escape-token', '# escape=`\nFROM a\nCOPY --chown=a\\b --from=c`d x y\n',
     [
         ('FROM', 2, 2, [], 'shell', ['a'], []),
         ('COPY', 3, 3, ['--chown=a\\b', '--from=cd'], 'shell', ['x', 'y'], []),
     ]),
    ('flag-escape-token', '# escape=`\nFROM a\nRUN --mount=type=cache,target=C:\\cache` x echo\n',
     [
         ('FROM', 2, 2, [], 'shell', ['a'], []),
         ('RUN', 3, 3, ['--mount=type=cache,target=C:\\cache x'], 'shell', ['echo'], []),
     ]),
]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _pydolint(data: bytes, path: Path) -> dict:
    from pydolint.parser import parse
    from pydolint.parser.dump import document_to_dict

    return document_to_dict(parse(data, path=str(path)))


def _summary(instruction: dict) -> tuple:
    return (
        instruction["keyword"], instruction["start_line"], instruction["end_line"],
        list(instruction["flags"]), instruction["form"], list(instruction["value"]),
        [(h["name"], h["content"]) for h in instruction["heredocs"]],
    )


def test_fixtures_found():
    assert len(FIXTURES) >= 100, FIXTURES


def test_exceptions_name_existing_fixtures():
    missing = [name for name in EXCEPTIONS if not (ROOT / name).is_file()]
    assert not missing


@pytest.mark.parametrize("path", FIXTURES, ids=_rel)
def test_fixture_matches_buildkit(path):
    pytest.importorskip("dockerfile")
    data = path.read_bytes()
    doc = _pydolint(data, path)
    oracle = oracle_parse(data)
    exception = EXCEPTIONS.get(_rel(path))
    if exception is not None:
        # The exception must still be needed: 0.12.5 differs from current BuildKit here.
        if exception.error is not None:
            assert oracle.error is None, "0.12.5 now fails too; drop the exception"
            assert doc["errors"], f"current BuildKit fails: {exception.error}"
            return
        assert oracle.error is None
        from_oracle = [
            (c.cmd.upper(), c.start_line, c.end_line, c.flags, "exec" if c.json else "shell",
             c.value, [(h.name, h.content) for h in c.heredocs])
            for c in oracle.commands
        ]
        assert from_oracle != list(exception.instructions), "0.12.5 agrees now; drop it"
        assert [_summary(i) for i in doc["instructions"]] == list(exception.instructions), (
            exception.reason
        )
        return
    problems = compare(data, oracle, doc) + compare_error_line(data, oracle, doc)
    if problems:
        known = differences(data.decode("utf-8", "replace"), oracle)
        if known:
            problems.append(
                "documented differences may apply ("
                + ", ".join(p.name for p in known)
                + "): if current BuildKit parses this differently, add the fixture to "
                "EXCEPTIONS with what current BuildKit gives"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "predicate, text, expected", CURRENT_BUILDKIT_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CURRENT_BUILDKIT_CASES)],
)
def test_current_buildkit_cases(predicate, text, expected):
    pytest.importorskip("dockerfile")
    from pydolint.parser import parse
    from pydolint.parser.dump import document_to_dict

    oracle = oracle_parse(text)
    assert predicate in [p.name for p in differences(text, oracle)], "predicate must match"
    doc = document_to_dict(parse(text))
    if isinstance(expected, str):
        assert oracle.error is None, "0.12.5 fails too; not a difference"
        assert doc["errors"], f"current BuildKit fails: {expected}"
        return
    assert [_summary(i) for i in doc["instructions"]] == expected
