"""pydolint.analysis.run: which scripts a RUN holds and where their characters are.

Instructions are built by hand (``make_run``) so these tests do not depend on the parser.
"""

import pytest

from pydolint.analysis.run import is_windows_shell, scripts_for
from pydolint.model import Heredoc, Instruction, Span


def make_run(lines, *, value=None, form="shell", heredocs=(), line=2, column=1, keyword="RUN"):
    """A RUN whose source is ``lines`` (continuations joined the way BuildKit joins them)."""
    original, segments = "", []
    for k, text in enumerate(lines):
        segments.append((len(original), line + k, column if k == 0 else 1))
        original += text[:-1] if k < len(lines) - 1 else text  # drop the continuation "\"
    if value is None:
        value = (original[len(keyword):].strip(),)
    return Instruction(keyword=keyword, keyword_as_written=keyword, start_line=line,
                       end_line=line + len(lines) - 1, column=column, original=original,
                       flags=(), form=form, value=tuple(value), args=(), heredocs=heredocs,
                       segments=tuple(segments))


def heredoc(body, *, name="EOF", line=3, chomp=False):
    return Heredoc(name=name, content=body, expand=True, chomp=chomp, fd=None,
                   start_line=line, end_line=line + body.count("\n"))


def only(instruction, shell=None):
    (script,) = scripts_for(instruction, shell)
    return script


def command(run_script, name):
    return next(c for c in run_script.script.commands if c.name == name)


# (source lines, command name, expected command span)
SHELL_FORM = [
    (["RUN pip install x"], "pip", Span(2, 5, 2, 18)),
    (["RUN pip install x   "], "pip", Span(2, 5, 2, 18)),
    (["RUN    pip install x"], "pip", Span(2, 8, 2, 21)),
    (["RUN apt-get update && \\", "    pip install --no-cache-dir x"], "pip", Span(3, 5, 3, 33)),
    (["RUN apt-get update \\", "  && apt-get install -y \\", "     curl"], "apt-get",
     Span(2, 5, 2, 19)),
    (["RUN echo 'héllo' && pip install ünï"], "pip", Span(2, 21, 2, 36)),
]


@pytest.mark.parametrize(("lines", "name", "span"), SHELL_FORM)
def test_shell_form_positions(lines, name, span):
    run = only(make_run(lines))
    assert run.kind == "shell"
    assert run.text == make_run(lines).command
    assert run.command_span(command(run, name)) == span


def test_shell_form_command_spanning_continuation_lines():
    run = only(make_run(["RUN apt-get install -y \\", "    curl \\", "    git"]))
    apt = command(run, "apt-get")
    assert run.command_span(apt) == Span(2, 5, 4, 8)
    assert [run.word_span(w) for w in apt.argv[3:]] == [Span(3, 5, 3, 9), Span(4, 5, 4, 8)]


def test_shell_form_after_flags_and_indentation():
    instruction = make_run(["RUN --mount=type=cache,target=/root/.cache pip install x"],
                           value=("pip install x",), column=3)
    run = only(instruction)
    assert run.command_span(command(run, "pip")) == Span(2, 46, 2, 59)


def test_command_that_cannot_be_found_maps_to_the_instruction_start():
    instruction = make_run(["RUN pip install x"], value=("something else",))
    run = only(instruction)
    assert run.position(5) == (2, 1)


def test_sh_c_inside_shell_form_maps_to_the_source():
    run = only(make_run(["RUN su app -c 'x' && sh -c 'pip install y'"]))
    pip = command(run, "pip")
    assert pip.via == "sh -c"
    assert run.command_span(pip) == Span(2, 29, 2, 42)


def test_exec_form_sh_c_maps_into_the_json_string():
    source = 'RUN ["sh", "-c", "apt-get update && pip install \\"x==1\\""]'
    run = only(make_run([source], form="exec",
                        value=["sh", "-c", 'apt-get update && pip install "x==1"']))
    assert run.kind == "exec-shell"
    pip = command(run, "pip")
    assert pip.words() == ["pip", "install", "x==1"]
    assert run.command_span(pip) == Span(2, 37, 2, 57)
    assert run.word_span(pip.argv[2]) == Span(2, 49, 2, 57)  # covers \"x==1\"
    assert source[48:56] == '\\"x==1\\"'


def test_exec_form_bash_lc_with_options_sets_pipefail():
    run = only(make_run(['RUN ["/bin/bash", "-o", "pipefail", "-lc", "a | b"]'], form="exec",
                        value=["/bin/bash", "-o", "pipefail", "-lc", "a | b"]))
    assert run.kind == "exec-shell"
    assert run.pipefail
    assert [c.words() for c in run.script.commands] == [["a"], ["b"]]
    assert run.command_span(run.script.commands[1]) == Span(2, 49, 2, 50)


def test_exec_form_unicode_escape_is_one_character():
    run = only(make_run(['RUN ["sh", "-c", "echo \\u00e9 && pip install x"]'], form="exec",
                        value=["sh", "-c", "echo \u00e9 && pip install x"]))
    assert run.command_span(command(run, "pip")) == Span(2, 34, 2, 47)


def test_exec_form_plain_argv_is_one_command():
    source = 'RUN [ "pip", "install", "requests>=2", "--no-cache-dir" ]'
    run = only(make_run([source], form="exec",
                        value=["pip", "install", "requests>=2", "--no-cache-dir"]))
    assert run.kind == "exec"
    (pip,) = run.script.commands
    assert pip.words() == ["pip", "install", "requests>=2", "--no-cache-dir"]
    assert pip.redirects == ()  # exec form has no shell: ">=" is part of the argument
    spans = [run.word_span(w) for w in pip.argv]
    assert spans[0] == Span(2, 8, 2, 11)  # pip
    assert spans[2] == Span(2, 25, 2, 38)  # "requests>=2" with its quotes
    assert run.command_span(pip) == Span(2, 8, 2, 55)


def test_exec_form_that_cannot_be_located_maps_to_the_array():
    run = only(make_run(['RUN ["pip", "install", "x"]'], form="exec", value=["pip", "other"]))
    assert run.word_span(run.script.commands[0].argv[1]) == Span(2, 5, 2, 5)


def test_heredoc_only_run_is_a_shell_script():
    body = "set -e\npip install x\n  apt-get update\n"
    run = only(make_run(["RUN <<EOF"], heredocs=(heredoc(body),)))
    assert run.kind == "heredoc"
    assert run.text == body
    assert run.errexit
    assert [run.command_span(c) for c in run.script.commands] == [
        Span(3, 1, 3, 7), Span(4, 1, 4, 14), Span(5, 3, 5, 17)]


def test_chomped_heredoc_columns_count_the_stripped_tabs():
    body = "\tset -e\n\t\tpip install x\n"
    run = only(make_run(["RUN <<-EOF"], heredocs=(heredoc(body, chomp=True),)))
    assert run.text == "set -e\npip install x\n"
    assert [run.command_span(c) for c in run.script.commands] == [
        Span(3, 2, 3, 8), Span(4, 3, 4, 16)]


def test_crlf_heredoc_lines():
    run = only(make_run(["RUN <<EOF"], heredocs=(heredoc("a\r\npip install x\r\n"),)))
    assert run.command_span(command(run, "pip")) == Span(4, 1, 4, 14)


# (command line, kinds of the scripts found)
HEREDOC_LINES = [
    ("<<EOF", ["heredoc"]),
    ("<<'EOF'", ["heredoc"]),
    ('<<-"EOF"', ["heredoc"]),
    ("bash <<EOF", ["shell", "heredoc"]),
    ("<<EOF bash", ["shell", "heredoc"]),
    ("sh -e <<EOF", ["shell", "heredoc"]),
    ("/bin/bash -x <<EOF", ["shell", "heredoc"]),
    ("sudo -u app bash -s arg <<EOF", ["shell", "heredoc"]),
    ("python3 <<EOF", ["shell"]),
    ("cat <<EOF > /etc/conf", ["shell"]),
    ("bash script.sh <<EOF", ["shell"]),
    ("bash -c 'cat' <<EOF", ["shell"]),
    ("bash 3<<EOF", ["shell"]),
]


@pytest.mark.parametrize(("line", "kinds"), HEREDOC_LINES)
def test_which_heredocs_are_shell(line, kinds):
    instruction = make_run([f"RUN {line}"], heredocs=(heredoc("pip install x\n"),))
    found = scripts_for(instruction, None)
    assert [s.kind for s in found] == kinds
    for run in found:
        if run.kind == "heredoc":
            assert run.command_span(command(run, "pip")) == Span(3, 1, 3, 14)


def test_heredoc_command_line_keeps_its_own_positions():
    instruction = make_run(["RUN cat <<EOF > /etc/conf && pip install x"],
                           heredocs=(heredoc("key=value\n"),))
    (run,) = scripts_for(instruction, None)
    cat, pip = run.script.commands
    assert [(r.operator, r.target.text) for r in cat.redirects] == [("<<", "EOF"), (">", "/etc/conf")]
    assert run.command_span(pip) == Span(2, 30, 2, 43)


def test_only_the_heredoc_fed_to_a_shell_is_parsed():
    first = heredoc("not = shell\n", name="CONF", line=3)
    second = heredoc("pip install x\n", name="SCRIPT", line=5)
    instruction = make_run(["RUN cat <<CONF > /etc/x && bash -e <<SCRIPT"], heredocs=(first, second))
    kinds = [(s.kind, s.heredoc.name if s.heredoc else None) for s in scripts_for(instruction, None)]
    assert kinds == [("shell", None), ("heredoc", "SCRIPT")]
    assert scripts_for(instruction, None)[1].errexit


# (shebang line, parsed as shell)
SHEBANGS = [
    ("#!/bin/bash", True),
    ("#!/usr/bin/env bash", True),
    ("#!/usr/bin/env -S bash -e", True),
    ("#!/bin/sh -e", True),
    ("#!/usr/bin/env python3", False),
    ("#!/usr/bin/python3", False),
    ("#!/usr/bin/env node", False),
]


@pytest.mark.parametrize(("shebang", "is_shell"), SHEBANGS)
def test_heredoc_only_run_honours_its_shebang(shebang, is_shell):
    instruction = make_run(["RUN <<EOF"], heredocs=(heredoc(f"{shebang}\nprint(1)\n"),))
    assert len(scripts_for(instruction, None)) == (1 if is_shell else 0)


def test_heredoc_only_run_under_a_non_shell_shell_is_skipped():
    instruction = make_run(["RUN <<EOF"], heredocs=(heredoc("print(1)\n"),))
    assert scripts_for(instruction, ("/usr/bin/python3", "-c")) == []
    assert len(scripts_for(instruction, ("/bin/bash", "-c"))) == 1


WINDOWS = [
    (("powershell", "-Command"), True),
    (("pwsh", "-c"), True),
    (("cmd", "/S", "/C"), True),
    (("cmd.exe", "/C"), True),
    (("PowerShell.exe", "-Command"), True),
    (("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "-Command"), True),
    (("/bin/sh", "-c"), False),
    (("/bin/bash", "-o", "pipefail", "-c"), False),
    (None, False),
    ((), False),
]


@pytest.mark.parametrize(("shell", "windows"), WINDOWS)
def test_windows_shells_are_never_parsed(shell, windows):
    assert is_windows_shell(shell) == windows
    shell_form = make_run(["RUN pip install x"])
    exec_form = make_run(['RUN ["pip", "install", "x"]'], form="exec", value=["pip", "install", "x"])
    heredoc_form = make_run(["RUN <<EOF"], heredocs=(heredoc("pip install x\n"),))
    for instruction in (shell_form, exec_form, heredoc_form):
        assert (scripts_for(instruction, shell) == []) == windows


def test_shell_instruction_pipefail_and_errexit_reach_the_script():
    run = only(make_run(["RUN a | b"]), ("/bin/bash", "-eo", "pipefail", "-c"))
    assert run.pipefail and run.errexit
    assert run.invocation.shell == "bash"
    plain = only(make_run(["RUN a | b"]))
    assert not plain.pipefail and not plain.errexit
    assert only(make_run(["RUN set -o pipefail && a | b"])).pipefail


def test_other_instructions():
    copy = make_run(["COPY a b"], keyword="COPY")
    assert scripts_for(copy, None) == []
    cmd = make_run(["CMD pip list"], keyword="CMD")
    assert [c.words() for c in only(cmd).script.commands] == [["pip", "list"]]


def test_position_clamps_out_of_range_offsets():
    run = only(make_run(["RUN pip install x"]))
    assert run.position(-5) == (2, 5)
    assert run.position(999) == (2, 18)
