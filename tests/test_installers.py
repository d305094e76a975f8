"""pydolint.analysis.installers: pip/uv/poetry/pipenv/pdm invocations and their arguments."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pydolint.analysis.installers import parse_package, pip_env_name, pip_invocations
from pydolint.analysis.shell import ShellWord, parse_script


def invocations(text):
    return pip_invocations(parse_script(text))


def one(text):
    (found,) = invocations(text)
    return found


# (script, [(tool, subcommand, via_python)])
DETECTION = [
    ("pip install x", [("pip", "install", False)]),
    ("pip3 install x", [("pip", "install", False)]),
    ("pip3.12 install x", [("pip", "install", False)]),
    ("/usr/local/bin/pip install x", [("pip", "install", False)]),
    ("/opt/venv/bin/pip3.11 wheel .", [("pip", "wheel", False)]),
    ("python -m pip install x", [("pip", "install", True)]),
    ("python3 -m pip install x", [("pip", "install", True)]),
    ("python3.12 -m pip download x", [("pip", "download", True)]),
    ("/usr/local/bin/python -m pip install x", [("pip", "install", True)]),
    ("py -m pip install x", [("pip", "install", True)]),
    ("python -I -u -m pip install x", [("pip", "install", True)]),
    ("python -W ignore -m pip install x", [("pip", "install", True)]),
    ("python3 -mpip install x", [("pip", "install", True)]),
    ("pip --disable-pip-version-check --cache-dir /c install x", [("pip", "install", False)]),
    ("pip uninstall -y x", [("pip", "uninstall", False)]),
    ("pip --version", [("pip", "", False)]),
    ("uv pip install x", [("uv-pip", "install", False)]),
    ("uv pip sync requirements.txt", [("uv-pip", "sync", False)]),
    ("uv --no-cache pip install x", [("uv-pip", "install", False)]),
    ("uv sync --frozen", [("uv", "sync", False)]),
    ("uv add requests", [("uv", "add", False)]),
    ("uv tool install ruff", [("uv", "tool install", False)]),
    ("python -m uv pip install x", [("uv-pip", "install", True)]),
    ("poetry install --no-root", [("poetry", "install", False)]),
    ("poetry add requests", [("poetry", "add", False)]),
    ("pipenv install --deploy", [("pipenv", "install", False)]),
    ("pipenv sync", [("pipenv", "sync", False)]),
    ("pdm install --prod", [("pdm", "install", False)]),
    ("sudo -H pip install x", [("pip", "install", False)]),
    ("env PIP_NO_CACHE_DIR=1 pip install x", [("pip", "install", False)]),
    ("sh -c 'pip install x'", [("pip", "install", False)]),
    ("a && (cd /x && pip install .) | tee log", [("pip", "install", False)]),
    ("pip install a && python -m pip check", [("pip", "install", False), ("pip", "check", True)]),
    ("pipx install black", []),
    ("python script.py -m pip", []),
    ("python -c 'import pip'", []),
    ("python -m venv /venv", []),
    ("echo pip install x", []),
    ("command -v pip", []),
]


@pytest.mark.parametrize(("text", "expected"), DETECTION)
def test_detection(text, expected):
    assert [(i.tool, i.subcommand, i.via_python) for i in invocations(text)] == expected


# (arguments after "pip install", canonical option, values)
PIP_OPTIONS = [
    ("--no-cache-dir x", "--no-cache-dir", [None]),
    ("--no-cache x", "--no-cache-dir", [None]),  # optparse: unique prefixes work
    ("--no-cache-d x", "--no-cache-dir", [None]),
    ("--no-cache-dir=1 x", "--no-cache-dir", ["1"]),
    ("-U x", "--upgrade", [None]),
    ("--upgrade x", "--upgrade", [None]),
    ("-qU x", "--upgrade", [None]),
    ("-qqv x", "--quiet", [None, None]),
    ("--quiet x", "--quiet", [None]),
    ("-r req.txt", "--requirement", ["req.txt"]),
    ("-rreq.txt", "--requirement", ["req.txt"]),
    ("--requirement=req.txt", "--requirement", ["req.txt"]),
    ("--requirement req.txt -r dev.txt", "--requirement", ["req.txt", "dev.txt"]),
    ("-qr req.txt", "--requirement", ["req.txt"]),
    ("-c constraints.txt x", "--constraint", ["constraints.txt"]),
    ("-e .", "--editable", ["."]),
    ("-i https://pypi.example/simple x", "--index-url", ["https://pypi.example/simple"]),
    ("--index=https://i x", "--index-url", ["https://i"]),
    ("--pypi-url https://i x", "--index-url", ["https://i"]),
    ("--extra-index-url https://e x", "--extra-index-url", ["https://e"]),
    ("--trusted-host pypi.example x", "--trusted-host", ["pypi.example"]),
    ("--user x", "--user", [None]),
    ("-t /opt/lib x", "--target", ["/opt/lib"]),
    ("--tar /opt/lib x", "--target", ["/opt/lib"]),
    ("--prefix /usr/local x", "--prefix", ["/usr/local"]),
    ("--root /r x", "--root", ["/r"]),
    ("--require-hashes -r r.txt", "--require-hashes", [None]),
    ("--no-deps x", "--no-deps", [None]),
    ("--no-dependencies x", "--no-deps", [None]),
    ("--pre x", "--pre", [None]),
    ("-f /wheels x", "--find-links", ["/wheels"]),
    ("--find-links=/wheels x", "--find-links", ["/wheels"]),
    ("--break-system-packages x", "--break-system-packages", [None]),
    ("--brea x", "--break-system-packages", [None]),
    ("--no-binary :all: x", "--no-binary", [":all:"]),
    ("--only-binary=:all: x", "--only-binary", [":all:"]),
    ("--no-index x", "--no-index", [None]),
    ("--disable-pip-version-check x", "--disable-pip-version-check", [None]),
    ("--root-user-action ignore x", "--root-user-action", ["ignore"]),
    ("--root-user-action=ignore x", "--root-user-action", ["ignore"]),
    ("--compile x", "--compile", [None]),
    ("--no-compile x", "--no-compile", [None]),
    ("--progress-bar off x", "--progress-bar", ["off"]),
    ("--no-build-isolation x", "--no-build-isolation", [None]),
    ("-C key=value x", "--config-settings", ["key=value"]),
    ("--config-settings key=value x", "--config-settings", ["key=value"]),
    ("-I x", "--ignore-installed", [None]),
    ("--force-reinstall x", "--force-reinstall", [None]),
    ("--upgrade-strategy eager x", "--upgrade-strategy", ["eager"]),
    ("--src /src -e git+https://x/y#egg=y", "--src", ["/src"]),
    ("--source-dir /src x", "--src", ["/src"]),
    ("--dry-run --report out.json x", "--report", ["out.json"]),
    (("--platform manylinux2014_x86_64 --python-version 3.12 --implementation cp --abi cp312 "
     "--only-binary=:all: x"), "--python-version", ["3.12"]),
    ("--timeout 60 x", "--timeout", ["60"]),
    ("--default-timeout=60 x", "--timeout", ["60"]),
    ("--cache-dir /c x", "--cache-dir", ["/c"]),
    ("--log /tmp/log x", "--log", ["/tmp/log"]),
    ("--install-option=--prefix=/x x", "--install-option", ["--prefix=/x"]),  # removed, still seen
    ("--group dev", "--group", ["dev"]),
]


@pytest.mark.parametrize(("args", "option", "values"), PIP_OPTIONS)
def test_pip_install_options(args, option, values):
    found = one(f"pip install {args}")
    assert found.options[option] == values
    assert found.option_values(option) == values
    assert found.has_option(option)
    assert found.unknown_options == []


def test_options_before_the_subcommand_count():
    found = one("pip --no-cache-dir -q install x")
    assert found.has_option("--no-cache-dir") and found.has_option("quiet")
    assert found.subcommand == "install"


# (arguments after "pip install", unknown words)
PIP_UNKNOWN = [
    ("--no-c x", ["--no-c"]),  # --no-cache-dir, --no-clean, --no-color, --no-compile
    ("--no-dep x", ["--no-dep"]),  # --no-deps and --no-dependencies
    ("--upg x", ["--upg"]),  # --upgrade and --upgrade-strategy
    ("--requir x", ["--requir"]),
    ("--bogus x", ["--bogus"]),
    ("-Z x", ["-Z"]),
]


@pytest.mark.parametrize(("args", "unknown"), PIP_UNKNOWN)
def test_ambiguous_and_unknown_pip_options(args, unknown):
    found = one(f"pip install {args}")
    assert [w.text for w in found.unknown_options] == unknown
    assert [p.word.text for p in found.packages] == ["x"]


def test_has_option_accepts_any_spelling():
    found = one("pip install -U --no-cache x")
    for spelling in ("--upgrade", "upgrade", "-U", "U", "--no-cache-dir", "no-cache-dir"):
        assert found.has_option(spelling), spelling
    assert not found.has_option("--user")
    assert found.option_values("--user") == []


def test_option_words_point_at_the_source():
    text = "pip install --no-cache -r req.txt --requirement=dev.txt -rci.txt x"
    found = one(text)
    assert [text[w.start:w.end] for w in found.option_words["--no-cache-dir"]] == ["--no-cache"]
    assert [(w.text, text[w.start:w.end]) for w in found.requirements] == [
        ("req.txt", "req.txt"), ("dev.txt", "dev.txt"), ("ci.txt", "ci.txt")]


def test_quoted_option_value_keeps_the_whole_word():
    text = 'pip install "--requirement=my req.txt"'
    (requirement,) = one(text).requirements
    assert requirement.text == "my req.txt"
    assert text[requirement.start:requirement.end] == '"--requirement=my req.txt"'


def test_requirements_constraints_editables_and_packages():
    found = one("pip install -r req.txt -c c.txt -e ./lib gunicorn")
    assert [w.text for w in found.requirements] == ["req.txt"]
    assert [w.text for w in found.constraints] == ["c.txt"]
    assert [w.text for w in found.editables] == ["./lib"]
    assert [p.name for p in found.packages] == ["gunicorn"]


def test_double_dash_ends_options():
    found = one("pip install -- -weird-name")
    assert [p.word.text for p in found.packages] == ["-weird-name"]


def test_inline_environment():
    found = one("PIP_NO_CACHE_DIR=1 PIP_ROOT_USER_ACTION=ignore pip install x")
    assert found.env("PIP_NO_CACHE_DIR") == "1"
    assert found.env("PIP_INDEX_URL") is None
    assert found.env_assignments == (("PIP_NO_CACHE_DIR", "1"), ("PIP_ROOT_USER_ACTION", "ignore"))
    assert one("env PIP_NO_CACHE_DIR=off pip install x").env("PIP_NO_CACHE_DIR") == "off"


def test_pip_env_name():
    assert pip_env_name("--no-cache-dir") == "PIP_NO_CACHE_DIR"
    assert pip_env_name("root-user-action") == "PIP_ROOT_USER_ACTION"


def test_unquoted_specifier_is_a_redirect():
    found = one("pip install requests>=2 flask")
    assert [(p.name, p.specifier) for p in found.packages] == [("requests", ""), ("flask", "")]
    assert [(r.operator, r.target.text) for r in found.command.redirects] == [(">", "=2")]
    quoted = one('pip install "requests>=2"')
    assert [(p.name, p.specifier) for p in quoted.packages] == [("requests", ">=2")]
    assert quoted.command.redirects == ()


def word(text, has_expansion=False):
    return ShellWord(text, text, 0, len(text), has_expansion=has_expansion)


# (argument, name, specifier, extras, local, vcs, url, pinned)
PACKAGES = [
    ("requests", "requests", "", (), False, False, False, False),
    ("requests==2.31.0", "requests", "==2.31.0", (), False, False, False, True),
    ("requests===2.31.0", "requests", "===2.31.0", (), False, False, False, True),
    ("requests==", "requests", "==", (), False, False, False, False),
    ("requests==2.*", "requests", "==2.*", (), False, False, False, False),
    ("requests>=2,<3", "requests", "<3,>=2", (), False, False, False, False),
    ("requests~=2.31", "requests", "~=2.31", (), False, False, False, False),
    ("Django_REST.framework==3", "django-rest-framework", "==3", (), False, False, False, True),
    ("uvicorn[standard]==0.30", "uvicorn", "==0.30", ("standard",), False, False, False, True),
    ("Foo[b,a]>=1; python_version<'3.9'", "foo", ">=1", ("a", "b"), False, False, False, False),
    (".", None, "", (), True, False, False, False),
    ("..", None, "", (), True, False, False, False),
    ("./pkg", None, "", (), True, False, False, False),
    (".[dev,test]", None, "", ("dev", "test"), True, False, False, False),
    ("/src/app", None, "", (), True, False, False, False),
    ("dist/app-1.0-py3-none-any.whl", None, "", (), True, False, False, False),
    ("app-1.0-py3-none-any.whl", None, "", (), True, False, False, False),
    ("app-1.0.tar.gz", None, "", (), True, False, False, False),
    ("*.whl", None, "", (), True, False, False, False),
    ("file:///wheels/app.whl", None, "", (), True, False, True, False),
    ("https://example.com/app-1.0.tar.gz", None, "", (), False, False, True, False),
    ("git+https://github.com/o/r.git", None, "", (), False, True, True, False),
    ("git+https://github.com/o/r.git@v1.0#egg=r", "r", "", (), False, True, True, False),
    ("git+https://github.com/o/r.git@0123456789abcdef0123456789abcdef01234567#egg=R_x",
     "r-x", "", (), False, True, True, True),
    ("r @ git+https://github.com/o/r@0123456789abcdef0123456789abcdef01234567",
     "r", "", (), False, True, True, True),
    ("pkg[x] @ https://example.com/p.whl", "pkg", "", ("x",), False, False, True, False),
]


@pytest.mark.parametrize(("text", "name", "spec", "extras", "local", "vcs", "url", "pinned"),
                         PACKAGES)
def test_package_arguments(text, name, spec, extras, local, vcs, url, pinned):
    package = parse_package(word(text))
    assert (package.name, package.specifier, package.extras) == (name, spec, extras)
    assert (package.is_local, package.is_vcs, package.is_url, package.pinned) == (
        local, vcs, url, pinned)


def test_packages_with_expansions():
    pinned = parse_package(word("requests==${VERSION}", has_expansion=True))
    assert (pinned.name, pinned.specifier, pinned.pinned) == ("requests", "==${VERSION}", True)
    unknown = parse_package(word("$PACKAGES", has_expansion=True))
    assert (unknown.name, unknown.is_local) == (None, False)


def test_package_marker():
    package = parse_package(word('requests; python_version < "3.9"'))
    assert package.marker == 'python_version < "3.9"'


def test_package_words_keep_their_offsets():
    text = "pip install -r req.txt gunicorn 'flask==3.0'"
    found = one(text)
    assert [(p.name, text[p.word.start:p.word.end]) for p in found.packages] == [
        ("gunicorn", "gunicorn"), ("flask", "'flask==3.0'")]


# (script, canonical option, values)
OTHER_TOOLS = [
    ("uv pip install --no-cache x", "--no-cache", [None]),
    ("uv pip install -n x", "--no-cache", [None]),
    ("uv -n pip install x", "--no-cache", [None]),
    ("uv pip install --system x", "--system", [None]),
    ("uv pip install --break-system-packages x", "--break-system-packages", [None]),
    ("uv pip install --compile-bytecode x", "--compile-bytecode", [None]),
    ("uv pip install --compile x", "--compile-bytecode", [None]),
    ("uv pip install -i https://i x", "--index-url", ["https://i"]),
    ("uv pip install --index-url=https://i x", "--index-url", ["https://i"]),
    ("uv pip install --extra-index-url https://e x", "--extra-index-url", ["https://e"]),
    ("uv pip install -r req.txt", "--requirements", ["req.txt"]),
    ("uv pip install --requirement req.txt", "--requirements", ["req.txt"]),
    ("uv pip install -e ./lib", "--editable", ["./lib"]),
    ("uv pip install --python 3.12 x", "--python", ["3.12"]),
    ("uv sync --locked", "--locked", [None]),
    ("uv sync --frozen --no-dev", "--no-dev", [None]),
    ("uv sync --no-install-project --group ci", "--group", ["ci"]),
    ("uv sync --index https://i", "--index", ["https://i"]),
    ("uv sync --default-index https://i", "--default-index", ["https://i"]),
    ("uv add --editable ./lib", "--editable", [None]),
    ("poetry install --no-root", "--no-root", [None]),
    ("poetry install --only main", "--only", ["main"]),
    ("poetry install --without dev,test", "--without", ["dev,test"]),
    ("poetry install --no-interaction", "--no-interaction", [None]),
    ("poetry install -n", "--no-interaction", [None]),
    ("poetry install --sync", "--sync", [None]),
    ("poetry add -G dev pytest", "--group", ["dev"]),
    ("pipenv install --deploy --system", "--system", [None]),
    ("pipenv install --ignore-pipfile", "--ignore-pipfile", [None]),
    ("pipenv install -r req.txt", "--requirements", ["req.txt"]),
    ("pdm install --prod --no-editable", "--prod", [None]),
    ("pdm install -G web", "--group", ["web"]),
]


@pytest.mark.parametrize(("text", "option", "values"), OTHER_TOOLS)
def test_other_tools_options(text, option, values):
    found = one(text)
    assert found.options[option] == values
    assert found.has_option(option)


# (script, package names, requirement files)
OTHER_TOOL_OPERANDS = [
    ("uv pip install -r req.txt gunicorn", ["gunicorn"], ["req.txt"]),
    ("uv pip sync requirements.txt", [], ["requirements.txt"]),
    ("uv pip compile pyproject.toml -o req.txt", [], ["pyproject.toml"]),
    ("uv add 'requests>=2' --dev pytest", ["requests", "pytest"], []),
    ("uv sync --frozen", [], []),
    ("uv tool install ruff==0.5", ["ruff"], []),
    ("poetry add requests@^2.31 django@4.2.1", ["requests", "django"], []),
    ("poetry install --no-root", [], []),
    ("pipenv install requests==2", ["requests"], []),
    ("pdm add httpx", ["httpx"], []),
]


@pytest.mark.parametrize(("text", "names", "requirements"), OTHER_TOOL_OPERANDS)
def test_other_tools_operands(text, names, requirements):
    found = one(text)
    assert [p.name for p in found.packages] == names
    assert [w.text for w in found.requirements] == requirements


def test_poetry_constraints():
    found = one("poetry add requests@^2.31 django@4.2.1 flask@latest")
    assert [(p.name, p.specifier, p.pinned) for p in found.packages] == [
        ("requests", "^2.31", False), ("django", "4.2.1", True), ("flask", "latest", False)]


def test_invocation_command_is_unwrapped():
    text = "sudo -H pip install x"
    found = one(text)
    assert found.command.name == "pip"
    assert text[found.command.start:found.command.end] == "pip install x"


TOKENS = ["pip", "pip3", "python", "-m", "uv", "poetry", "install", "add", "sync", "-r", "-e", "-c",
          "--", "-", "--no-c", "--index-url=", "-qU", "requests==", "x[", "@", "git+", "./",
          ".whl", "'a b'", '"x>=1"', "$V", "==${V}", ";", "|", "&&", "sudo", "env", "A=1", "--req"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=20))
def test_installer_parsing_never_raises(tokens):
    for found in invocations(" ".join(tokens)):
        assert found.tool in ("pip", "uv-pip", "uv", "poetry", "pipenv", "pdm")
        for package in found.packages:
            assert package.name is None or package.name == package.name.lower()
