"""Python installer invocations found in shell scripts.

``pip_invocations`` finds ``pip``/``python -m pip``/``uv``/``poetry``/``pipenv``/
``pdm`` commands and parses their arguments the way each tool does: pip with
optparse rules (any unambiguous prefix of a long option works), the others
with exact long options. Option names are normalised to the tool's canonical
long spelling, e.g. ``--no-cache`` -> ``--no-cache-dir`` for pip.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pydolint.analysis.shell import Script, ShellWord, SimpleCommand, unwrap


@dataclass(frozen=True, slots=True)
class PackageArg:
    word: ShellWord
    name: str | None  # PEP 503 normalised; None for paths, URLs, wheels, expansions
    specifier: str = ""  # "==1.0", ">=2,<3", "^1.2" (poetry), "" when absent
    extras: tuple[str, ...] = ()
    marker: str = ""
    is_local: bool = False  # ".", "./pkg", "/abs", "x.whl", "x.tar.gz", "file://..."
    is_vcs: bool = False  # "git+https://..."
    is_url: bool = False
    pinned: bool = False  # exact "==1.0"/"===1.0", or a VCS ref at a full commit hash


@dataclass(frozen=True, slots=True)
class PipInvocation:
    tool: str  # "pip", "uv-pip", "uv", "poetry", "pipenv", "pdm"
    subcommand: str  # "install", "sync", "add", "download", "tool install", ... or ""
    command: SimpleCommand  # unwrapped: argv[0] is pip/python/uv/...
    options: dict[str, list[str | None]]  # canonical long name -> values (None for flags)
    option_words: dict[str, list[ShellWord]]  # canonical long name -> the option words
    requirements: list[ShellWord]  # -r files
    constraints: list[ShellWord]  # -c files
    editables: list[ShellWord]  # -e targets
    packages: list[PackageArg]
    env_assignments: tuple[tuple[str, str], ...]  # ``PIP_NO_CACHE_DIR=1 pip ...``, ``env X=1``
    unknown_options: list[ShellWord]  # unknown or ambiguous (pip would refuse them)
    via_python: bool = False  # ``python -m pip``
    _cli: _Cli | None = field(default=None, repr=False, compare=False)

    def has_option(self, name: str) -> bool:
        """``name`` in any spelling: "--no-cache-dir", "no-cache-dir", "-U"."""
        return self._canonical(name) in self.options

    def option_values(self, name: str) -> list[str | None]:
        return list(self.options.get(self._canonical(name), []))

    def env(self, name: str) -> str | None:
        """An inline environment assignment for this command (last one wins)."""
        value = None
        for key, val in self.env_assignments:
            if key == name:
                value = val
        return value

    def _canonical(self, name: str) -> str:
        if not name.startswith("-"):
            name = ("--" if len(name) > 1 else "-") + name
        if self._cli is None:
            return name
        return self._cli.spelling.get(name, name)


def pip_invocations(script: Script) -> list[PipInvocation]:
    """Every Python installer invocation in ``script``, in source order."""
    found = []
    for raw in script.commands:
        command = unwrap(raw)
        located = _identify(command)
        if located is not None:
            tool, start, via_python = located
            found.append(_invocation(command, tool, start, via_python))
    return found


def pip_env_name(option: str) -> str:
    """The pip environment variable for an option: "--no-cache-dir" -> "PIP_NO_CACHE_DIR"."""
    return "PIP_" + option.lstrip("-").upper().replace("-", "_")


# --- option tables ----------------------------------------------------------

class _Cli:
    """One program's options: every spelling -> canonical long name, and which take values."""

    def __init__(self, *tables: str, abbreviations: bool = False, strict: bool = False,
                 legacy: str = "") -> None:
        self.spelling: dict[str, str] = {}
        self.takes_value: set[str] = set()
        self.abbreviations = abbreviations  # optparse: unique prefixes of long options
        self.strict = strict  # the table is complete: anything else is an error
        for table in tables:
            self._add(table)
        self.current = [s for s in self.spelling if s.startswith("--")]
        self._add(legacy)  # old options: exact spellings only, no effect on prefixes

    def _add(self, table: str) -> None:
        for line in table.strip().splitlines():
            spellings = line.split()
            value = spellings[-1] == "="
            if value:
                spellings.pop()
            canonical = next((s for s in spellings if s.startswith("--")), spellings[0])
            for spelling in spellings:
                self.spelling[spelling] = canonical
            if value:
                self.takes_value.add(canonical)

    def long(self, name: str) -> str | None:
        if name in self.spelling:
            return self.spelling[name]
        if self.abbreviations:
            matches = [s for s in self.current if s.startswith(name)]
            return self.spelling[matches[0]] if len(matches) == 1 else None
        return None if self.strict else name


_PIP_GENERAL = """
-h --help
--debug
--isolated
--require-virtualenv --require-venv
--python =
-v --verbose
-V --version
-q --quiet
--log --log-file --local-log =
--no-input
--keyring-provider =
--proxy =
--no-proxy-env
--retries =
--timeout --default-timeout =
--exists-action =
--trusted-host =
--cert =
--client-cert =
--cache-dir =
--no-cache-dir
--disable-pip-version-check
--no-color
--no-python-version-warning
--use-feature =
--use-deprecated =
--resume-retries =
"""
_PIP_FINDER = """
-i --index-url --pypi-url =
--extra-index-url =
--no-index
-f --find-links =
--pre
--all-releases =
--only-final =
--no-binary =
--only-binary =
--prefer-binary
--refresh-package =
--uploaded-prior-to =
"""
_PIP_RESOLVE = """
-r --requirement =
-c --constraint =
--build-constraint =
--requirements-from-script =
--no-deps --no-dependencies
--only-deps --only-dependencies
--src --source --source-dir --source-directory =
--ignore-requires-python
--no-build-isolation
--use-pep517
--check-build-dependencies
--require-hashes
--no-require-hashes
--progress-bar =
--group =
--no-clean
"""
_PIP_TARGET_PYTHON = """
--platform =
--python-version =
--implementation =
--abi =
"""
_PIP_INSTALL = """
-e --editable =
--dry-run
-t --target =
--user
--no-user
--root =
--prefix =
-U --upgrade
--upgrade-strategy =
--force-reinstall
-I --ignore-installed
--break-system-packages
-C --config-settings =
--compile
--no-compile
--no-warn-script-location
--no-warn-conflicts
--root-user-action =
--report =
"""
# Removed from current pip but common in old Dockerfiles.
_PIP_LEGACY = """
--install-option =
--global-option =
--build-option =
--no-use-pep517
-b --build --build-dir =
--process-dependency-links
--egg
"""
_PIP_COMMANDS = {
    "install": _Cli(_PIP_GENERAL, _PIP_INSTALL, _PIP_RESOLVE, _PIP_TARGET_PYTHON, _PIP_FINDER,
                    abbreviations=True, strict=True, legacy=_PIP_LEGACY),
    "download": _Cli(_PIP_GENERAL, "-d --dest --destination-dir --destination-directory =",
                     _PIP_RESOLVE, _PIP_TARGET_PYTHON, _PIP_FINDER,
                     abbreviations=True, strict=True, legacy=_PIP_LEGACY),
    "wheel": _Cli(_PIP_GENERAL, "-w --wheel-dir =\n-e --editable =\n--no-verify\n"
                  "-C --config-settings =", _PIP_RESOLVE, _PIP_FINDER,
                  abbreviations=True, strict=True, legacy=_PIP_LEGACY),
    "lock": _Cli(_PIP_GENERAL, "-o --output =\n-e --editable =\n-C --config-settings =",
                 _PIP_RESOLVE, _PIP_FINDER, abbreviations=True, strict=True),
    "uninstall": _Cli(_PIP_GENERAL, "-r --requirement =\n-y --yes\n--root-user-action =\n"
                      "--break-system-packages", abbreviations=True, strict=True),
}
_PIP_MAIN = _Cli(_PIP_GENERAL, abbreviations=True, strict=True)
_PIP_OTHER = _Cli(_PIP_GENERAL, abbreviations=True)  # freeze, list, ...: options not tracked

# uv (clap): exact long names; these take a value, other options are flags.
_UV_OPTIONS = """
-q --quiet
-v --verbose
-n --no-cache
-U --upgrade
-P --upgrade-package =
-r --requirements --requirement =
-c --constraints --constraint =
-b --build-constraints --build-constraint =
--overrides --override =
-i --index-url =
--extra-index-url =
--index =
--default-index =
-f --find-links =
-p --python =
-t --target =
-C --config-setting --config-settings =
-o --output-file =
--compile-bytecode --compile
--allow-insecure-host --trusted-host =
--cache-dir =
--directory =
--project =
--config-file =
--color =
--prefix =
--index-strategy =
--keyring-provider =
--resolution =
--prerelease =
--exclude-newer =
--exclude-newer-package =
--link-mode =
--python-version =
--python-platform =
--python-preference =
--reinstall-package =
--refresh-package =
--no-binary =
--only-binary =
--no-build-package =
--no-binary-package =
--no-build-isolation-package =
--extra =
--no-extra =
--group =
--only-group =
--no-group =
--package =
--optional =
--branch =
--rev =
--tag =
--marker =
--script =
--with =
--with-editable =
--with-requirements =
--no-install-package =
--no-editable-package =
--only-install-package =
--cert =
--env-file =
--torch-backend =
--bounds =
--mirror =
--preview-features =
"""
# ``uv pip install -e PATH`` takes a path; ``uv add --editable`` is a flag.
_UV = _Cli(_UV_OPTIONS, "--editable")
_UV_PIP = _Cli(_UV_OPTIONS, "-e --editable =")
_POETRY = _Cli("""
-n --no-interaction
-q --quiet
-v --verbose
-E --extras =
-G --group =
-D --dev
-e --editable
-P --project =
-C --directory =
--with =
--without =
--only =
--python =
--platform =
--markers =
--source =
--optional =
""")
_PIPENV = _Cli("""
-d --dev
-e --editable =
-r --requirements =
-i --index =
--extra-index-url =
--python =
--pypi-mirror =
--categories =
-q --quiet
-v --verbose
""")
_PDM = _Cli("""
-G --group =
-d --dev
-e --editable =
-k --skip =
-L --lockfile =
-p --project =
-g --global
-v --verbose
-q --quiet
--venv =
""")
_TOOL_CLIS = {"uv": _UV, "poetry": _POETRY, "pipenv": _PIPENV, "pdm": _PDM}
_SUBCOMMAND_GROUPS = {"uv": {"tool", "python", "cache", "self"},
                      "poetry": {"self", "source", "env", "cache", "debug", "python"}}
# Subcommands whose operands are packages (the rest take file or group names).
_PACKAGE_OPERANDS = {
    "pip": {"install", "download", "wheel", "uninstall", "lock"},
    "uv-pip": {"install", "uninstall"},
    "uv": {"add", "remove", "tool install", "tool upgrade"},
    "poetry": {"add", "remove", "self add"},
    "pipenv": {"install", "uninstall"},
    "pdm": {"add", "remove"},
}


# --- finding the tool -------------------------------------------------------

_PIP_EXE = re.compile(r"^pip(\d+(\.\d+)*)?$")
_PYTHON_EXE = re.compile(r"^(python|pypy)(\d+(\.\d+)*)?[dmt]?(\.exe)?$|^py$")
_MODULES = {"pip": "pip", "uv": "uv", "poetry": "poetry", "pipenv": "pipenv", "pdm": "pdm"}


def _identify(command: SimpleCommand) -> tuple[str, int, bool] | None:
    """(tool, index of its first argument, via python -m)."""
    name = command.basename
    if _PIP_EXE.match(name):
        return "pip", 1, False
    if name in _TOOL_CLIS:
        return name, 1, False
    if _PYTHON_EXE.match(name):
        module, index = _python_module(command.argv)
        if module in _MODULES:
            return _MODULES[module], index, True
    return None


def _python_module(argv: Sequence[ShellWord]) -> tuple[str | None, int]:
    """``python -I -m pip ...`` -> ("pip", index after the module)."""
    i = 1
    while i < len(argv):
        word = argv[i].text
        if not word.startswith("-") or word == "-":
            return None, i  # a script file: not a module
        for j, ch in enumerate(word[1:], start=2):
            if ch == "m":
                if word[j:]:
                    return word[j:], i + 1
                return (argv[i + 1].text, i + 2) if i + 1 < len(argv) else (None, i + 1)
            if ch == "c":
                return None, i
            if ch in "WXQ":
                i += 0 if word[j:] else 1  # its value is the rest or the next word
                break
        i += 1
    return None, i


# --- parsing ----------------------------------------------------------------

@dataclass(slots=True)
class _Parsed:
    options: dict[str, list[str | None]] = field(default_factory=dict)
    option_words: dict[str, list[ShellWord]] = field(default_factory=dict)
    values: dict[str, list[ShellWord]] = field(default_factory=dict)
    operands: list[ShellWord] = field(default_factory=list)
    unknown: list[ShellWord] = field(default_factory=list)


def _parse_options(words: Sequence[ShellWord], cli: _Cli, parsed: _Parsed,
                   stop_at_operand: bool = False) -> int:
    """Parse ``words`` into ``parsed``; returns where it stopped."""
    i = 0
    while i < len(words):
        word = words[i]
        text = word.text
        if text == "--":
            if not stop_at_operand:
                parsed.operands.extend(words[i + 1:])
            return len(words) if not stop_at_operand else i + 1
        if text.startswith("--") and len(text) > 2:
            name, equals, value = text.partition("=")
            canonical = cli.long(name)
            if canonical is None:
                parsed.unknown.append(word)
            elif equals:
                _record(parsed, canonical, word, _part(word, len(name) + 1, value))
            elif canonical in cli.takes_value:
                i += 1
                _record(parsed, canonical, word, words[i] if i < len(words) else None)
            else:
                _record(parsed, canonical, word, None)
        elif text.startswith("-") and len(text) > 1:
            for j in range(1, len(text)):
                canonical = cli.spelling.get("-" + text[j])
                if canonical is None:
                    if cli.strict:
                        parsed.unknown.append(word)
                    else:  # an option we do not know: keep it, guess it is a flag
                        _record(parsed, "-" + text[j], word, None)
                    break
                if canonical in cli.takes_value:
                    rest = text[j + 1:]
                    if rest:  # ``-rreq.txt`` (clap also allows ``-r=req.txt``)
                        offset = j + 1 + (rest.startswith("=") and not cli.abbreviations)
                        _record(parsed, canonical, word, _part(word, offset, text[offset:]))
                    else:
                        i += 1
                        _record(parsed, canonical, word, words[i] if i < len(words) else None)
                    break
                _record(parsed, canonical, word, None)
        elif stop_at_operand:
            return i
        else:
            parsed.operands.append(word)
        i += 1
    return i


def _record(parsed: _Parsed, canonical: str, word: ShellWord, value: ShellWord | None) -> None:
    parsed.options.setdefault(canonical, []).append(value.text if value is not None else None)
    parsed.option_words.setdefault(canonical, []).append(word)
    if value is not None:
        parsed.values.setdefault(canonical, []).append(value)


def _part(word: ShellWord, offset: int, text: str) -> ShellWord:
    """The tail of a word (``--opt=VALUE``); exact offsets only when it was unquoted."""
    if word.raw == word.text:
        return ShellWord(text, text, word.start + offset, word.end, word.quoted,
                         word.has_expansion)
    return ShellWord(text, word.raw, word.start, word.end, word.quoted, word.has_expansion)


def _invocation(command: SimpleCommand, tool: str, start: int, via_python: bool) -> PipInvocation:
    words = command.argv[start:]
    parsed = _Parsed()
    if tool == "pip":
        i = _parse_options(words, _PIP_MAIN, parsed, stop_at_operand=True)
        subcommand = words[i].text if i < len(words) else ""
        cli = _PIP_COMMANDS.get(subcommand, _PIP_OTHER)
    else:
        cli = _TOOL_CLIS[tool]
        i = _parse_options(words, cli, parsed, stop_at_operand=True)
        subcommand = words[i].text if i < len(words) else ""
        if tool == "uv" and subcommand == "pip":
            tool, cli = "uv-pip", _UV_PIP
            i += 1
            subcommand = words[i].text if i < len(words) else ""
        elif subcommand in _SUBCOMMAND_GROUPS.get(tool, ()) and i + 1 < len(words):
            i += 1
            subcommand += " " + words[i].text
    _parse_options(words[i + 1:], cli, parsed)
    values = parsed.values
    requirements = values.get("--requirement", []) + values.get("--requirements", [])
    operands = parsed.operands
    if (tool, subcommand) in (("uv-pip", "sync"), ("uv-pip", "compile")):
        requirements, operands = requirements + operands, []  # operands are requirement files
    packages = []
    if subcommand in _PACKAGE_OPERANDS.get(tool, ()):
        packages = [parse_package(w, poetry=tool == "poetry") for w in operands]
    return PipInvocation(
        tool=tool,
        subcommand=subcommand,
        command=command,
        options=parsed.options,
        option_words=parsed.option_words,
        requirements=requirements,
        constraints=values.get("--constraint", []) + values.get("--constraints", []),
        editables=values.get("--editable", []),
        packages=packages,
        env_assignments=command.assignments,
        unknown_options=parsed.unknown,
        via_python=via_python,
        _cli=cli,
    )


# --- package arguments ------------------------------------------------------

_VCS = ("git+", "hg+", "svn+", "bzr+")
_ARCHIVES = (".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip")
_COMMIT = re.compile(r"@[0-9a-fA-F]{40}(?=$|#|&)")
_NAME = re.compile(r"^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$", re.DOTALL)
_EXACT = re.compile(r"^\s*(===?)\s*([^\s,;*]+)\s*$")


def parse_package(word: ShellWord, poetry: bool = False) -> PackageArg:
    """Classify one package operand: a name with a specifier, a path, or a URL."""
    text = word.text.strip()
    lower = text.lower()
    name_part, at, url = text.partition("@")
    if lower.startswith(_VCS) or "://" in text.split("@", 1)[0] or lower.startswith("file:"):
        return _url_package(word, text, None)
    if at and "://" in url or at and url.strip().lower().startswith(_VCS):
        return _url_package(word, url.strip(), name_part.strip())  # ``name @ url``
    if _is_path(text):
        extras = re.search(r"\[([^\]]*)\]$", text)
        return PackageArg(word, None, extras=_split_extras(extras.group(1)) if extras else (),
                          is_local=True)
    if poetry and at:  # ``requests@^2.31``
        name = _canonical(name_part.strip()) if _NAME.match(name_part.strip()) else None
        constraint = url.strip()
        pinned = bool(re.fullmatch(r"(==)?\s*\d[\w.+!-]*", constraint))
        return PackageArg(word, name, specifier=constraint, pinned=pinned)
    return _requirement(word, text)


def _requirement(word: ShellWord, text: str) -> PackageArg:
    parsed = None if word.has_expansion else _pep508(text)
    if parsed is not None:
        name, specifier, extras, marker = parsed
        return PackageArg(word, name, specifier, extras, marker, pinned=_is_exact(specifier))
    # ``requests==`` (invalid) or ``requests==$VERSION``: split by hand.
    match = _NAME.match(text)
    if match is None or match.group(3)[:1] not in ("", "=", "<", ">", "!", "~", ";"):
        return PackageArg(word, None)
    specifier, _, marker = match.group(3).partition(";")
    return PackageArg(word, _canonical(match.group(1)), specifier.strip(),
                      _split_extras((match.group(2) or "[]")[1:-1]), marker.strip(),
                      pinned=_is_exact(specifier))


@lru_cache(maxsize=4096)
def _pep508(text: str) -> tuple[str, str, tuple[str, ...], str] | None:
    """(name, specifier, extras, marker) per ``packaging``; cached, as it is slow."""
    try:
        from packaging.requirements import InvalidRequirement, Requirement
    except ImportError:  # packaging is a dependency, but stay usable without it
        return None
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        return None
    return (_canonical(requirement.name), str(requirement.specifier),
            tuple(sorted(requirement.extras)),
            str(requirement.marker) if requirement.marker else "")


def _url_package(word: ShellWord, url: str, name: str | None) -> PackageArg:
    lower = url.lower()
    egg = re.search(r"[#&]egg=([A-Za-z0-9._-]+)", url)
    if name is None and egg:
        name = egg.group(1)
    extras = ()
    if name is not None and "[" in name:
        name, _, rest = name.partition("[")
        extras = _split_extras(rest.rstrip("]"))
    return PackageArg(
        word,
        _canonical(name.strip()) if name and _NAME.match(name.strip()) else None,
        extras=extras,
        is_local=lower.startswith("file:") or "+file:" in lower,
        is_vcs=lower.startswith(_VCS),
        is_url=True,
        pinned=bool(_COMMIT.search(url)),
    )


def _is_path(text: str) -> bool:
    base = re.sub(r"\[[^\]]*\]$", "", text)
    return (base in (".", "..") or base.startswith(("./", "../", "/", "~", ".\\"))
            or base.lower().endswith(_ARCHIVES) or "/" in base or "\\" in base)


def _is_exact(specifier: str) -> bool:
    clauses = [c for c in specifier.split(",") if c.strip()]
    return any(_EXACT.match(c) for c in clauses)


def _split_extras(text: str) -> tuple[str, ...]:
    return tuple(sorted(e.strip() for e in text.split(",") if e.strip()))


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
