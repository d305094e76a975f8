"""Generated Dockerfiles: pydolint's parser against BuildKit's (via the oracle).

The generator builds text from realistic pieces: keywords in any case, builder
flags, quoted and escaped words, both escape tokens, continuation lines with
trailing blanks, comment and blank lines inside continuations, heredocs (with
``<<-`` and tabs), JSON arrays valid and broken, and CRLF line endings.
Inputs where current BuildKit and the 0.12.5 oracle are known to differ are
recognised by the predicates in ``_conformance.PREDICATES`` and not compared.
"""

from __future__ import annotations

import pytest
from _conformance import compare, compare_error_line, differences, oracle_parse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

KEYWORDS = [
    "FROM", "RUN", "CMD", "ENTRYPOINT", "COPY", "ADD", "ENV", "ARG", "LABEL", "EXPOSE",
    "WORKDIR", "USER", "VOLUME", "SHELL", "HEALTHCHECK", "ONBUILD", "STOPSIGNAL", "MAINTAINER",
]
UNKNOWN_KEYWORDS = ["FOO", "apt-get", "&&", "pip", "RUNX", "--mount=x"]
FLAGS = [
    "--mount=type=cache,target=/root/.cache/pip",
    "--mount=type=secret,id=token,required=true",
    "--mount=type=bind,source=.,target=/src,rw",
    '--mount="type=cache,target=/var/cache/apt,sharing=locked"',
    "--from=builder", "--from=0", "--chown=app:app", "--chmod=0755", "--link", "--parents",
    "--platform=$BUILDPLATFORM", "--platform=linux/amd64", "--network=none",
    "--security=insecure", "--checksum=sha256:0123abcd", "--exclude=*.pyc",
    "--keep-git-dir=true", "--interval=30s", "--start-period=5s", "--retries=3",
    "--x='a b'", "--y=\"c d\"", "--", "--z=", "--esc=a{E} b",
]
WORDS = [
    "python", "pip", "install", "-r", "requirements.txt", "/app", ".", "&&", "||", ";",
    "apt-get", "update", "-y", "--no-cache-dir", "$HOME", "${PY:-3.12}", "${A}", "$$",
    "a=b", "KEY=value", "x=", "=", "'single quoted'", '"double quoted"', '"with {E}" q"',
    "{E}$", "{E}{E}", "{E} ", "-", "'", '"', "é", "日本", "a\tb", "#", "# not a comment",
    "<<<", ">", "2>&1", "[", "]", ",", "%", "${V#p}",
]
JSON_ARRAYS = [
    '["python", "-m", "app"]', '[ "a" , "b" ]', "[]", '["a\\"b", "\\u00e9"]',
    "['single']", '["trailing",]', '["unterminated"', '["a", 1]', '["a"] # trailing',
    '["a"] ["b"]', '["\\\\"]', '[ ]', '["a",\t"b"]', '["a", null]', '["NaN", NaN]',
]
HEREDOC_NAMES = ["EOF", "EOT", "END", "PY", "SCRIPT", "e-o-f", "X1"]
BODY_LINES = [
    "set -eux", "echo hello", "\techo tabbed", "\t\tdouble tab", "", "   ", "print('hi')",
    "EOF ", " EOF", "#!/bin/sh", "$HOME {E}", "# comment", "RUN not an instruction",
    "\tEOF", "a \\", "é",
]
COMMENTS = ["# comment", "  # indented comment", "#", "#escape=`", "# syntax=x", "#\tx"]
BLANKS = ["", " ", "\t", "  \t "]
TRAILING = ["", " ", "\t", "  ", " \t "]


def _esc(text: str, escape: str) -> str:
    return text.replace("{E}", escape)


@st.composite
def heredoc_marker(draw):
    name = draw(st.sampled_from(HEREDOC_NAMES))
    dash = draw(st.sampled_from(["", "-"]))
    quote = draw(st.sampled_from(["", "'", '"']))
    fd = draw(st.sampled_from(["", "", "", "3"]))
    space = draw(st.sampled_from(["", "", "", "", " "]))
    return f"{fd}<<{dash}{space}{quote}{name}{quote}", name, dash == "-"


@st.composite
def instruction(draw, escape: str):
    """One instruction: (logical pieces, heredocs as (name, chomp))."""
    keyword = draw(st.sampled_from(KEYWORDS + UNKNOWN_KEYWORDS))
    keyword = draw(st.sampled_from([keyword, keyword.lower(), keyword.capitalize(),
                                    keyword.swapcase()]))
    pieces = [keyword]
    if keyword.lower() == "onbuild":
        inner = draw(st.sampled_from(["RUN", "COPY", "ADD", "ENV", "CMD", "run", "", "ONBUILD"]))
        if inner:
            pieces.append(inner)
    pieces += [_esc(f, escape) for f in draw(st.lists(st.sampled_from(FLAGS), max_size=3))]
    heredocs = []
    kind = draw(st.sampled_from(["words", "words", "json", "heredoc", "kv", "empty"]))
    if kind == "json":
        pieces.append(draw(st.sampled_from(JSON_ARRAYS)))
    elif kind == "heredoc":
        for _ in range(draw(st.integers(1, 2))):
            marker, name, chomp = draw(heredoc_marker())
            pieces.append(marker)
            heredocs.append((name, chomp))
            pieces += [_esc(w, escape) for w in draw(st.lists(st.sampled_from(WORDS),
                                                              max_size=3))]
    elif kind == "kv":
        for _ in range(draw(st.integers(1, 3))):
            key = draw(st.sampled_from(["A", "b_c", "PATH", '"q k"', "x{E} y"]))
            sep = draw(st.sampled_from(["=", "=", " ", "  "]))
            value = draw(st.sampled_from(["1", "", '"a b"', "'c d'", "e{E} f", "$PATH:/x",
                                          '"unterminated', "é"]))
            pieces.append(_esc(f"{key}{sep}{value}", escape))
    elif kind == "words":
        pieces += [_esc(w, escape) for w in draw(st.lists(st.sampled_from(WORDS), max_size=6))]
    return pieces, heredocs


@st.composite
def physical_lines(draw, pieces, escape: str):
    """Join pieces with spaces, breaking some gaps into continuation lines."""
    lines = []
    current = ""
    for i, piece in enumerate(pieces):
        if i and draw(st.integers(0, 4)) == 0:
            current += draw(st.sampled_from([" ", ""])) + escape + draw(st.sampled_from(TRAILING))
            lines.append(current)
            for _ in range(draw(st.integers(0, 2))):
                lines.append(draw(st.sampled_from(COMMENTS + BLANKS)))
            current = draw(st.sampled_from(["", "  ", "\t", "    "]))
        else:
            current += draw(st.sampled_from([" ", " ", "  ", "\t"])) if i else ""
        current += piece
    if draw(st.integers(0, 12)) == 0:
        current += " " + escape + draw(st.sampled_from(TRAILING))
    lines.append(current)
    return lines


@st.composite
def heredoc_body(draw, name: str, chomp: bool, escape: str):
    body = [_esc(line, escape) for line in draw(st.lists(st.sampled_from(BODY_LINES),
                                                          max_size=4))]
    if draw(st.integers(0, 15)) == 0:
        return body  # unterminated
    terminator = name
    if chomp:
        terminator = draw(st.sampled_from(["", "\t", "\t\t"])) + name
    return body + [terminator]


@st.composite
def dockerfiles(draw):
    escape = draw(st.sampled_from(["\\", "\\", "`"]))
    lines: list[str] = []
    directives = []
    if escape == "`":
        directives.append(draw(st.sampled_from(["# escape=`", "#escape=`", "# ESCAPE = `"])))
    if draw(st.booleans()):
        directives.insert(draw(st.integers(0, len(directives))),
                          draw(st.sampled_from(["# syntax=docker/dockerfile:1",
                                                "# check=skip=all", "# foo=bar", "# hello"])))
    lines += directives
    if draw(st.integers(0, 6)) == 0:
        lines.append(draw(st.sampled_from(COMMENTS + BLANKS)))
    if draw(st.integers(0, 3)):
        lines.append(draw(st.sampled_from(["FROM python:3.12-slim", "from alpine AS build",
                                           "ARG BASE=python:3.12", "FROM ${BASE}"])))
    for _ in range(draw(st.integers(0, 6))):
        pieces, heredocs = draw(instruction(escape))
        lines += draw(physical_lines(pieces, escape))
        for name, chomp in heredocs:
            lines += draw(heredoc_body(name, chomp, escape))
        for _ in range(draw(st.integers(0, 1))):
            lines.append(draw(st.sampled_from(COMMENTS + BLANKS)))
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "mixed"]))
    if ending == "mixed":
        text = "".join(line + draw(st.sampled_from(["\n", "\r\n"])) for line in lines)
    else:
        text = "".join(line + ending for line in lines)
    if draw(st.integers(0, 5)) == 0:
        text = text.rstrip("\r\n")
    if draw(st.integers(0, 10)) == 0:
        text = "\ufeff" + text
    return text


@pytest.mark.slow
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(dockerfiles())
def test_generated_dockerfiles_match_buildkit(text):
    pytest.importorskip("dockerfile")
    from pydolint.parser import parse
    from pydolint.parser.dump import document_to_dict

    oracle = oracle_parse(text)
    if oracle.unrepresentable:
        event("oracle output not UTF-8")
        return
    known = differences(text, oracle)
    if known:
        event("known difference: " + ", ".join(p.name for p in known))
        return
    event("oracle error" if oracle.error else "oracle ok")
    doc = document_to_dict(parse(text))
    problems = compare(text, oracle, doc) + compare_error_line(text, oracle, doc)
    assert not problems, "\n".join([repr(text)] + problems)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_parse_never_raises_on_text(text):
    from pydolint.model import Document
    from pydolint.parser import parse

    assert isinstance(parse(text), Document)


@settings(max_examples=500, deadline=None)
@given(st.binary())
def test_parse_never_raises_on_bytes(data):
    from pydolint.model import Document
    from pydolint.parser import parse

    assert isinstance(parse(data), Document)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("RUN <<EOF\\`#\n\r\t -=\"'[]{}$"))))
def test_parse_never_raises_on_dockerfile_alphabet(text):
    from pydolint.model import Document
    from pydolint.parser import parse

    doc = parse(text)
    assert isinstance(doc, Document)
    from pydolint.parser.dump import document_to_dict

    document_to_dict(doc)
