"""BuildKit's word lexer: expansion, quote removal, splitting, and its fast path."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pydolint.shellwords import Lexer, expand, unquote


@pytest.mark.parametrize("text,env,result", [
    ("${A:-x}/${B:+y}$C-${D%.*}", {"B": "1", "C": "c", "D": "a.b.c"}, "x/yc-a.b"),
    ("${D#*.}|${D##*.}|${D%%.*}", {"D": "a.b.c"}, "b.c|c|a"),
    ("${V/a/b}-${V//a/b}", {"V": "aXa"}, "bXa-bXb"),
    ('"$A b" \'$A\'', {"A": "1"}, "1 b $A"),
    ("\\$A", {"A": "1"}, "$A"),
    ("$1$", {}, "$"),
])
def test_expansion(text, env, result):
    assert expand(text, env).result == result


def test_errors_are_reported_as_none():
    assert expand("${A", {}) is None
    assert expand("${A?must be set}", {}) is None
    assert expand("${:}", {}) is None


def test_unquote_keeps_variables():
    assert unquote('"hello world" ${X:-y}') == "hello world ${X:-y}"


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_characters="$'\"<\\`"), max_size=40))
def test_fast_path_agrees_with_the_full_scan(text):
    lexer = Lexer()
    fast, slow = lexer.process(text), lexer.process_slowly(text)
    assert (fast.result, fast.words) == (slow.result, slow.words)
