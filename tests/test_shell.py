"""pydolint.analysis.shell: commands, words, offsets, redirects, sh -c, wrappers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pydolint.analysis.shell import ShellWord, SimpleCommand, parse_script, shell_call, unwrap


def spans(script):
    return [script.text[c.start:c.end] for c in script.commands]


# (script, [(command source text, argv texts), ...]) in source order
COMMANDS = [
    ("pip install x", [("pip install x", ["pip", "install", "x"])]),
    ("apt-get update && apt-get install -y curl || true",
     [("apt-get update", ["apt-get", "update"]),
      ("apt-get install -y curl", ["apt-get", "install", "-y", "curl"]),
      ("true", ["true"])]),
    ("a; b\nc &\nd", [("a", ["a"]), ("b", ["b"]), ("c", ["c"]), ("d", ["d"])]),
    ("curl -s x | tar -xz | tee log",
     [("curl -s x", ["curl", "-s", "x"]), ("tar -xz", ["tar", "-xz"]), ("tee log", ["tee", "log"])]),
    ("(cd /app && make)", [("cd /app", ["cd", "/app"]), ("make", ["make"])]),
    ("{ echo a; echo b; } > out", [("echo a", ["echo", "a"]), ("echo b", ["echo", "b"])]),
    ("if [ -f x ]; then pip install x; elif true; then :; else exit 1; fi",
     [("pip install x", ["pip", "install", "x"]), ("true", ["true"]), (":", [":"]),
      ("exit 1", ["exit", "1"])]),
    ("for p in a b; do pip install $p; done",
     [("pip install $p", ["pip", "install", "$p"])]),
    ("while read l; do echo \"$l\"; done < f",
     [("read l", ["read", "l"]), ('echo "$l"', ["echo", "$l"])]),
    ("case $x in a) foo;; *) bar ;; esac", [("foo", ["foo"]), ("bar", ["bar"])]),
    ("f() { pip install x; }; f", [("pip install x", ["pip", "install", "x"]), ("f", ["f"])]),
    ("echo $(id -u) `whoami`",
     [("echo $(id -u) `whoami`", ["echo", "$(id -u)", "`whoami`"]), ("id -u", ["id", "-u"]),
      ("whoami", ["whoami"])]),
    ('V="$(python -c "import x")"', [('python -c "import x"', ["python", "-c", "import x"])]),
    ("! grep -q x f", [("grep -q x f", ["grep", "-q", "x", "f"])]),
    ("[[ -n $(cat f) ]] && echo ok", [("cat f", ["cat", "f"]), ("echo ok", ["echo", "ok"])]),
    ("/usr/local/bin/pip3 install x", [("/usr/local/bin/pip3 install x",
                                        ["/usr/local/bin/pip3", "install", "x"])]),
    ("python3.12 -m pip install x", [("python3.12 -m pip install x",
                                      ["python3.12", "-m", "pip", "install", "x"])]),
    ("apt-get install -y \\\n    curl \\\n    git",
     [("apt-get install -y \\\n    curl \\\n    git", ["apt-get", "install", "-y", "curl", "git"])]),
    ("# comment only\n", []),
    ("X=1 Y=2", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), COMMANDS)
def test_commands_in_source_order(text, expected):
    script = parse_script(text)
    assert [(script.text[c.start:c.end], c.words()) for c in script.commands] == expected
    assert not script.has_error


# (script, argv index, text, quoted, has_expansion)
WORDS = [
    ('pip install "requests>=2"', 2, "requests>=2", True, False),
    ("pip install 'a b'", 2, "a b", True, False),
    ("echo a\\ b", 1, "a b", True, False),
    ('echo "a\\"b\\\\c\\$d"', 1, 'a"b\\c$d', True, False),
    ('echo "keep \\n"', 1, "keep \\n", True, False),
    ("echo pre${X}post", 1, "pre${X}post", False, True),
    ('echo "$HOME/x"', 1, "$HOME/x", True, True),
    ("echo --x=$(id)", 1, "--x=$(id)", False, True),
    ("echo $'a\\tb'", 1, "a\tb", True, False),
    ('echo $"hello"', 1, "hello", True, False),
    ("echo a'b'\"c\"", 1, "abc", True, False),
    ("echo *.whl", 1, "*.whl", False, False),
    ("echo {1..3}", 1, "{1..3}", False, True),
    ("echo 42", 1, "42", False, False),
]


@pytest.mark.parametrize(("text", "index", "value", "quoted", "expanded"), WORDS)
def test_word_values(text, index, value, quoted, expanded):
    word = parse_script(text).commands[0].argv[index]
    assert (word.text, word.quoted, word.has_expansion) == (value, quoted, expanded)
    assert text[word.start:word.end] == word.raw


@pytest.mark.parametrize("text", [c[0] for c in COMMANDS] + [w[0] for w in WORDS])
def test_word_offsets_point_at_their_source(text):
    for command in parse_script(text).commands:
        assert command.via is None
        for word in command.argv:
            assert text[word.start:word.end] == word.raw


def test_offsets_are_code_points_not_bytes():
    text = "echo 'héllo wörld' && pip install ünïcode"
    script = parse_script(text)
    assert spans(script) == ["echo 'héllo wörld'", "pip install ünïcode"]
    last = script.commands[1].argv[2]
    assert (last.text, text[last.start:last.end]) == ("ünïcode", "ünïcode")


# (script, command index, pipeline_position, in_subshell, connector_before)
CONTEXTS = [
    ("a | b | c", 0, 0, False, None),
    ("a | b | c", 2, 2, False, "|"),
    ("x && a |& b", 2, 1, False, "|&"),
    ("a && b", 1, None, False, "&&"),
    ("a || b", 1, None, False, "||"),
    ("a; b", 1, None, False, ";"),
    ("a\nb", 1, None, False, ";"),
    ("a & b", 1, None, False, "&"),
    ("a && (b; c)", 1, None, True, "&&"),
    ("a && (b; c)", 2, None, True, ";"),
    ("echo $(a | b)", 1, 0, True, None),
    ("echo $(a | b)", 2, 1, True, "|"),
    ("{ a; b; } | c", 1, 0, False, ";"),
    ("cat <<EOF | grep x && echo done\nbody\nEOF\n", 0, 0, False, None),
    ("cat <<EOF | grep x && echo done\nbody\nEOF\n", 1, 1, False, "|"),
    ("cat <<EOF | grep x && echo done\nbody\nEOF\n", 2, None, False, "&&"),
]


@pytest.mark.parametrize(("text", "index", "position", "subshell", "connector"), CONTEXTS)
def test_command_context(text, index, position, subshell, connector):
    command = parse_script(text).commands[index]
    assert command.pipeline_position == position
    assert command.in_pipeline == (position is not None)
    assert command.in_subshell == subshell
    assert command.connector_before == connector


# (script, command index, [(operator, target text, redirect source)], argv)
REDIRECTS = [
    ("pip install x > log 2>&1", 0, [(">", "log", "> log"), ("2>&", "1", "2>&1")],
     ["pip", "install", "x"]),
    # unquoted ``>=``: the shell redirects to a file named "=2"; later words are still args
    ("pip install requests>=2 flask", 0, [(">", "=2", ">=2")],
     ["pip", "install", "requests", "flask"]),
    ('pip install "requests>=2"', 0, [], ["pip", "install", "requests>=2"]),
    (">/dev/null 2>&1 pip install a", 0, [(">", "/dev/null", ">/dev/null"), ("2>&", "1", "2>&1")],
     ["pip", "install", "a"]),
    ("X=1 >f cmd a", 0, [(">", "f", ">f")], ["cmd", "a"]),
    ("cmd <<< 'here' c", 0, [("<<<", "here", "<<< 'here'")], ["cmd", "c"]),
    ("cmd >> out &> err < in", 0,
     [(">>", "out", ">> out"), ("&>", "err", "&> err"), ("<", "in", "< in")], ["cmd"]),
    ("cat <<'EOF' > /etc/x\nbody\nEOF\n", 0, [("<<", "EOF", "<<'EOF'"), (">", "/etc/x", "> /etc/x")],
     ["cat"]),
]


@pytest.mark.parametrize(("text", "index", "expected", "argv"), REDIRECTS)
def test_redirects(text, index, expected, argv):
    command = parse_script(text).commands[index]
    found = [(r.operator, r.target.text, text[r.start:r.end]) for r in command.redirects]
    assert found == expected
    assert command.words() == argv


def test_command_span_covers_redirects_but_not_heredoc_body():
    text = "cat <<EOF > /x\nhello\nEOF\necho after"
    script = parse_script(text)
    assert spans(script) == ["cat <<EOF > /x", "echo after"]


def test_assignments_prefix_and_exports():
    script = parse_script('export A=1 B="x y" C; D=4; PIP_NO_CACHE_DIR=1 pip install x; '
                          "local L=1; (S=1); f() { F=1; }; declare -x G=2")
    pip = script.commands[0]
    assert pip.assignments == (("PIP_NO_CACHE_DIR", "1"),)
    assert dict(script.exports) == {"A": "1", "B": "x y", "D": "4", "G": "2"}


# (script, sets_errexit, sets_pipefail)
SET_OPTIONS = [
    ("set -e", True, False),
    ("set -eux", True, False),
    ("set -o errexit", True, False),
    ("set -o pipefail", False, True),
    ("set -euo pipefail", True, True),
    ("set -eo pipefail && a | b", True, True),
    ("set -ex -o pipefail", True, True),
    ("set +e", False, False),
    ("set -u", False, False),
    ("set -- -e", False, False),
    ("echo set -e", False, False),
    ("sh -c 'set -e'", False, False),
]


@pytest.mark.parametrize(("text", "errexit", "pipefail"), SET_OPTIONS)
def test_set_options(text, errexit, pipefail):
    script = parse_script(text)
    assert (script.sets_errexit, script.sets_pipefail) == (errexit, pipefail)


# (script, [(via, source text of the inner command, argv)])
NESTED = [
    ("sh -c 'pip install x'", [("sh -c", "pip install x", ["pip", "install", "x"])]),
    ("bash -lc 'a && b'", [("bash -c", "a", ["a"]), ("bash -c", "b", ["b"])]),
    ("/bin/sh -c \"pip install 'x==1'\"", [("sh -c", "pip install 'x==1'",
                                           ["pip", "install", "x==1"])]),
    ('bash -c "echo \\"hi\\" && pip install y"',
     [("bash -c", 'echo \\"hi\\"', ["echo", "hi"]), ("bash -c", "pip install y",
                                                     ["pip", "install", "y"])]),
    ("dash -e -c 'x' arg0", [("dash -c", "x", ["x"])]),
    ("ash -c 'x'", [("ash -c", "x", ["x"])]),
    ("sudo -E sh -c 'pip install x'", [("sh -c", "pip install x", ["pip", "install", "x"])]),
    ("bash -o pipefail -c 'a | b'", [("bash -c", "a", ["a"]), ("bash -c", "b", ["b"])]),
    ("sh -c \"sh -c 'deep'\"", [("sh -c", "sh -c 'deep'", ["sh", "-c", "deep"]),
                                ("sh -c", "deep", ["deep"])]),
    ("sh script.sh -c x", []),
    ("sh -c", []),
]


@pytest.mark.parametrize(("text", "expected"), NESTED)
def test_sh_c_strings_are_parsed(text, expected):
    script = parse_script(text)
    inner = [(c.via, text[c.start:c.end], c.words()) for c in script.commands if c.via]
    assert inner == expected
    assert all(c.in_subshell for c in script.commands if c.via)


def test_sh_c_words_map_into_the_outer_script():
    text = "RUNME=1 bash -c 'cd /app && pip install -r req.txt'"
    pip = next(c for c in parse_script(text).commands if c.name == "pip")
    assert [text[w.start:w.end] for w in pip.argv] == ["pip", "install", "-r", "req.txt"]
    assert pip.argv[0].raw == "pip"


def test_sh_c_with_ansi_c_string_maps_to_the_string_start():
    text = "sh -c $'pip install x\\n'"
    pip = next(c for c in parse_script(text).commands if c.via)
    assert pip.words() == ["pip", "install", "x"]
    assert pip.start == text.index("$'")


# (script, unwrapped argv, start text, assignments, wrapped_by)
UNWRAP = [
    ("sudo pip install x", ["pip", "install", "x"], "pip", (), ("sudo",)),
    ("sudo -u app -H pip install x", ["pip", "install", "x"], "pip", (), ("sudo",)),
    ("sudo -E env PIP_NO_CACHE_DIR=1 -u X pip install", ["pip", "install"], "pip",
     (("PIP_NO_CACHE_DIR", "1"),), ("sudo", "env")),
    ("env -i A=1 B=2 python -m pip", ["python", "-m", "pip"], "python", (("A", "1"), ("B", "2")),
     ("env",)),
    ("exec gosu app pip install x", ["pip", "install", "x"], "pip", (), ("exec", "gosu")),
    ("su-exec app:app pip install", ["pip", "install"], "pip", (), ("su-exec",)),
    ("nice -n 10 nohup pip install", ["pip", "install"], "pip", (), ("nice", "nohup")),
    ("nice -10 pip", ["pip"], "pip", (), ("nice",)),
    ("time -p pip install", ["pip", "install"], "pip", (), ("time",)),
    ("timeout -s KILL 5m pip install", ["pip", "install"], "pip", (), ("timeout",)),
    ("timeout --kill-after=5 10 pip", ["pip"], "pip", (), ("timeout",)),
    ("xargs -n1 -P 4 pip install", ["pip", "install"], "pip", (), ("xargs",)),
    ("xargs -0 -I{} pip install {}", ["pip", "install", "{}"], "pip", (), ("xargs",)),
    ("command pip install", ["pip", "install"], "pip", (), ("command",)),
    ("builtin echo x", ["echo", "x"], "echo", (), ("builtin",)),
    ("command -v pip", ["command", "-v", "pip"], "command", (), ()),
    ("sudo", ["sudo"], "sudo", (), ()),
    ("xargs", ["xargs"], "xargs", (), ()),
    ("pip install", ["pip", "install"], "pip", (), ()),
]


@pytest.mark.parametrize(("text", "argv", "start", "assignments", "wrapped_by"), UNWRAP)
def test_unwrap(text, argv, start, assignments, wrapped_by):
    command = unwrap(parse_script(text).commands[0])
    assert command.words() == argv
    assert text[command.start:].startswith(start)
    assert command.end == len(text)
    assert command.assignments == assignments
    assert command.wrapped_by == wrapped_by


def test_basename_and_name():
    command = parse_script("/opt/venv/bin/pip3.12 install x").commands[0]
    assert (command.name, command.basename) == ("/opt/venv/bin/pip3.12", "pip3.12")


def words(*texts):
    return tuple(ShellWord(t, t, 0, 0) for t in texts)


# (argv, flags, set_options, script text or None, operand texts, reads_stdin)
SHELL_CALLS = [
    (["sh", "-c", "x", "zero"], "", (), "x", ["zero"], False),
    (["bash", "-eux", "-o", "pipefail", "-c", "x"], "eux", ("pipefail",), "x", [], False),
    (["/bin/bash", "-lc", "x"], "l", (), "x", [], False),
    (["bash", "-e"], "e", (), None, [], True),
    (["bash", "-s", "a", "b"], "s", (), None, ["a", "b"], True),
    (["bash", "script.sh"], "", (), None, ["script.sh"], False),
    (["bash", "--login", "-c", "x"], "", (), "x", [], False),
    (["sh", "-", "a"], "", (), None, ["a"], False),
]


@pytest.mark.parametrize(("argv", "flags", "options", "script", "operands", "stdin"), SHELL_CALLS)
def test_shell_call(argv, flags, options, script, operands, stdin):
    call = shell_call(SimpleCommand(words(*argv), 0, 0))
    assert call.flags == flags
    assert call.set_options == options
    assert (call.script.text if call.script else None) == script
    assert [w.text for w in call.operands] == operands
    assert call.reads_stdin == stdin


def test_shell_call_is_none_for_other_programs():
    assert shell_call(SimpleCommand(words("python3", "-c", "x"), 0, 0)) is None


def test_heredoc_markers_without_bodies_become_redirects():
    text = "cat <<EOF > /etc/conf && bash -ex <<-'SCRIPT'"
    script = parse_script(text, heredoc_names=["EOF", "SCRIPT"])
    cat, bash = script.commands
    assert [(r.operator, r.target.text) for r in cat.redirects] == [("<<", "EOF"), (">", "/etc/conf")]
    assert [(r.operator, r.target.text, r.target.quoted) for r in bash.redirects] == [
        ("<<-", "SCRIPT", True)]
    assert text[bash.start:bash.end] == "bash -ex <<-'SCRIPT'"
    assert bash.words() == ["bash", "-ex"]
    assert not script.has_error


# (command line, [(command argv, [(operator, target)])])
HEREDOC_MARKERS = [
    ("cat<<EOF", [(["cat"], [("<<", "EOF")])]),
    ("cat 3<<EOF", [(["cat"], [("3<<", "EOF")])]),
    ("echo a3<<EOF", [(["echo", "a3"], [("<<", "EOF")])]),
    ('cat <<"EOF"', [(["cat"], [("<<", "EOF")])]),
    ("cat <<EOF2", [(["cat"], [])]),  # another delimiter: left to tree-sitter
    ("cat <<<EOF", [(["cat"], [("<<<", "EOF")])]),  # a here-string, not a heredoc
]


@pytest.mark.parametrize(("text", "expected"), HEREDOC_MARKERS)
def test_heredoc_marker_forms(text, expected):
    script = parse_script(text, heredoc_names=["EOF"])
    found = [(c.words(), [(r.operator, r.target.text) for r in c.redirects])
             for c in script.commands]
    assert found == expected


def test_heredoc_marker_before_the_command():
    script = parse_script("<<EOF bash", heredoc_names=["EOF"])
    (bash,) = script.commands
    assert bash.words() == ["bash"]
    assert [(r.operator, r.target.text, r.start) for r in bash.redirects] == [("<<", "EOF", 0)]


def test_heredoc_only_line_has_no_commands():
    script = parse_script("<<EOF", heredoc_names=["EOF"])
    assert script.commands == ()
    assert not script.has_error


def test_commands_named_unwraps():
    script = parse_script("sudo pip install x && pip3 list && echo pip")
    assert [c.words() for c in script.commands_named("pip", "pip3")] == [
        ["pip", "install", "x"], ["pip3", "list"]]


GARBAGE = [
    "'unterminated",
    '"unterminated $(',
    "echo $((",
    "if then fi done",
    "a\x00b; pip install x",
    "}}}{{{((()))",
    "<<<<<<>>>>>>",
    "\\",
    "cat <<EOF",
    "é" * 50 + "'",
    "sh -c '" + "(" * 300 + "'",
    "echo {\U000f0d6a}",  # crashed tree-sitter-bash's scanner (isdigit on a code point)
    "{\U000f0d6a",
    "$(" * 200,
]


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_does_not_raise(text):
    script = parse_script(text)
    assert script.text == text
    for command in script.commands:
        assert 0 <= command.start <= command.end <= len(text)


def test_errors_are_reported():
    assert parse_script("if then").has_error
    assert not parse_script("echo ok").has_error


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_script_never_raises(text):
    script = parse_script(text)
    for command in script.commands:
        assert command.argv
        assert 0 <= command.start <= command.end <= len(text)
        for word in command.argv:
            assert 0 <= word.start <= word.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["pip", "install", "'", '"', "$(", ")", "`", "|", "&&", ";",
                                 "\\", "\n", "<<EOF", ">", "sh -c", "{", "}", "é", " ", "x=1"]),
                max_size=30))
def test_shell_like_text_never_raises(pieces):
    text = " ".join(pieces)
    script = parse_script(text, heredoc_names=["EOF"])
    for command in script.commands:
        assert 0 <= command.start <= command.end <= len(text)


@pytest.mark.parametrize("script,argv,redirects", [
    # tree-sitter hangs these on the whole list or pipeline; the shell applies them to the
    # last command
    ("true && pip install x>1 flask", ["pip", "install", "x", "flask"], [(">", "1")]),
    ("a | b > out", ["b"], [(">", "out")]),
    ("a && b 2>&1", ["b"], [("2>&", "1")]),
])
def test_trailing_redirects_belong_to_the_last_command(script, argv, redirects):
    last = parse_script(script).commands[-1]
    assert [w.text for w in last.argv] == argv
    assert [(r.operator, r.target.text) for r in last.redirects] == redirects


def test_a_substitution_inside_sh_c_is_one_command_of_the_outer_shell():
    found = [(c.words()[:2], c.via) for c in parse_script('sh -c "$(curl -fsSL x)"').commands
             if c.words()[0] == "curl"]
    assert found == [(["curl", "-fsSL"], None)]
