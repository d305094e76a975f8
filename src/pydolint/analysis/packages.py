"""Package manager calls in RUN scripts: apt, apk, yum/dnf, zypper, npm, gem, go, cargo.

``package_calls`` finds ``apt-get``/``apt``, ``apk``, ``yum``, ``dnf``,
``microdnf``, ``zypper``, ``npm``, ``gem``, ``go`` and ``cargo`` commands
however they are run (``sudo``, ``xargs``, ``sh -c``, heredocs, ``&&``
chains) and parses them the way each program does: the subcommand (aliases
canonicalised: ``apk del``, ``zypper in`` -> ``install``, ``yum groupinstall``
-> ``group install``), options in any position with combined short flags,
``--opt=value``, ``-o Key=Value`` and options that take the next word, and
the package words with their version pins (apt ``pkg=1.2``, apk ``pkg=1.2``
or ``pkg~1.2``, rpm ``pkg-1.2-1.el9``, npm ``pkg@1.2``, gem ``pkg:1.2`` or
``-v``, go ``pkg@v1.2``, cargo ``pkg@1.2`` or ``--version``).

Helpers answer what several rules ask: what a stage has installed so far
(``installed_before``), whether a later command of the same RUN uninstalls a
package (``removed_later``) or cleans a package cache (``cleaned_after``),
cache and tmpfs mounts (``mounted_over``), and APT settings from flags, ``-o``
and apt.conf files written earlier (``apt_setting``). Windows shells are never
parsed (``run_scripts`` returns nothing for them).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pydolint.analysis.caches import covers
from pydolint.analysis.commands import run_scripts
from pydolint.analysis.run import RunScript
from pydolint.analysis.shell import ShellWord, SimpleCommand, unwrap
from pydolint.analysis.stages import lineage_instructions
from pydolint.model import Document, Instruction, Span

FAMILIES = {"apt-get": "apt", "apt": "apt", "apk": "apk", "yum": "rpm", "dnf": "rpm",
            "dnf5": "rpm", "microdnf": "rpm", "zypper": "zypper", "npm": "npm", "gem": "gem",
            "go": "go", "cargo": "cargo"}
SYSTEM_FAMILIES = ("apt", "apk", "rpm", "zypper")
DISTRO_OF_FAMILY = {"apt": "debian", "apk": "alpine", "rpm": "rpm", "zypper": "rpm"}
# versions that float: ``npm i x@latest``, ``go install x@latest``
FLOATING = frozenset({"", "latest", "next", "*", "x", "upgrade", "patch", "master", "main",
                      "head"})

# Subcommands that install packages / uninstall them, per family (canonical names).
INSTALLING = {"apt": {"install", "reinstall", "satisfy", "build-dep"}, "apk": {"add"},
              "rpm": {"install", "reinstall", "group install", "module install"},
              "zypper": {"install", "source-install"}, "npm": {"install"},
              "gem": {"install"}, "go": {"install", "get", "run"}, "cargo": {"install"}}
REMOVING = {"apt": {"remove", "purge"}, "apk": {"del"}, "rpm": {"remove", "group remove"},
            "zypper": {"remove"}, "npm": {"uninstall"}, "gem": {"uninstall"},
            "cargo": {"uninstall"}, "go": set()}

# Subcommands that ask "Do you want to continue?" unless told not to.
PROMPTING = {
    "apt": {"install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "remove",
            "purge", "autoremove", "build-dep", "satisfy"},
    "rpm": {"install", "reinstall", "remove", "upgrade", "upgrade-minimal", "downgrade",
            "distro-sync", "autoremove", "swap", "group install", "group remove",
            "group upgrade", "module install", "module enable", "module remove",
            "module reset", "module disable", "module switch-to"},
    "zypper": {"install", "remove", "update", "patch", "dist-upgrade", "source-install",
               "install-new-recommends", "verify"},
}
# Subcommands that download package metadata or packages into the manager's cache.
FETCHING = {
    "rpm": {"install", "reinstall", "upgrade", "upgrade-minimal", "downgrade", "distro-sync",
            "swap", "makecache", "group install", "group upgrade", "module install"},
    "zypper": {"install", "update", "patch", "dist-upgrade", "source-install", "refresh",
               "install-new-recommends"},
}

# What a cleanup removes: directories, and the calls that clean them.
CLEANUPS = {
    "apt-lists": (("/var/lib/apt/lists",), {("apt", "dist-clean")}),
    "apk-cache": (("/var/cache/apk",), set()),
    "rpm-cache": (("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"),
                  {("rpm", "clean all")}),
    "zypper-cache": (("/var/cache/zypp",), {("zypper", "clean")}),
}

# --- option tables: spellings of one option per line, "=" when it takes a value ---

_APT = """
-y --yes --assume-yes
-q --quiet
-o --option =
-c --config-file =
-t --target-release --default-release =
-a --host-architecture =
-P --build-profiles =
--solver =
--with-source =
-s --simulate --just-print --dry-run --recon --no-act
-d --download-only
-f --fix-broken
-m --ignore-missing --fix-missing
-b --compile --build
-u --show-upgraded
-V --verbose-versions
--auto-remove --autoremove
"""
_APK = """
-t --virtual =
-X --repository =
-p --root =
--arch =
--keys-dir =
--cache-dir =
--cache-max-age =
--repositories-file =
--progress-fd =
--wait =
--timeout =
--from =
-U --update-cache --update
-q --quiet
-v --verbose
-i --interactive
-s --simulate
-l --latest
-u --upgrade
-r --rdepends
"""
_RPM = """
-y --assumeyes
-q --quiet
-v --verbose
-C --cacheonly
-c --config =
-d --debuglevel =
-e --errorlevel =
-x --exclude --excludepkgs =
--setopt =
--enablerepo =
--disablerepo =
--repo --repoid =
--repofrompath =
--installroot =
--releasever =
--downloaddir --destdir =
--forcearch =
--disableplugin =
--enableplugin =
--color =
--comment =
--advisory --advisories =
--bz --bzs =
--cve --cves =
--sec-severity --secseverity =
--rpmverbosity =
"""
_ZYPPER_GLOBAL = """
-n --non-interactive
-q --quiet
-v --verbose
-x --xmlout
-t --terse
-A --no-abbrev
-c --config =
-R --root =
-D --reposd-dir =
-C --cache-dir =
--raw-cache-dir =
--solv-cache-dir =
--pkg-cache-dir =
-p --plus-repo =
--plus-content =
--userdata =
--installroot =
"""
_ZYPPER_COMMAND = """
-y --no-confirm
-r --repo --from =
-t --type =
-n --name
-f --force
-l --auto-agree-with-licenses
-C --capability
-d --download-only
-D --dry-run
--download =
--non-interactive
"""
_NPM = """
-g --global
-D --save-dev
-P --save-prod
-O --save-optional
-E --save-exact
-S --save
-f --force
-w --workspace =
--registry =
--loglevel =
--prefix =
--cache =
--userconfig =
--globalconfig =
--omit =
--include =
--tag =
--before =
--install-strategy =
--location =
--save-prefix =
"""
_GEM = """
-v --version =
-i --install-dir =
-n --bindir =
-s --source =
-P --trust-policy =
--platform =
-g --file =
--build-root =
--config-file =
--bulk-threshold =
--target-rbconfig =
-N --no-document
-f --force
-E --env-shebang
-w --wrappers
--pre --prerelease
"""
_GO = """
-C =
-p =
-tags =
-ldflags =
-gcflags =
-asmflags =
-gccgoflags =
-mod =
-modfile =
-pkgdir =
-toolexec =
-overlay =
-pgo =
-buildmode =
-compiler =
-installsuffix =
-covermode =
-coverpkg =
-exec =
-o =
"""
_CARGO = """
--version --vers =
--git =
--branch =
--tag =
--rev =
--path =
--root =
--index =
--registry =
-F --features =
--target =
--target-dir =
-j --jobs =
--profile =
--bin =
--example =
--config =
-Z =
--color =
-f --force
-q --quiet
-v --verbose
"""

_ALIASES = {
    "apt": {"auto-remove": "autoremove", "autopurge": "autoremove", "auto-clean": "autoclean",
            "distclean": "dist-clean"},
    "apk": {"delete": "del"},
    "rpm": {"in": "install", "localinstall": "install", "rei": "reinstall", "rm": "remove",
            "erase": "remove", "up": "upgrade", "update": "upgrade", "mc": "makecache",
            "groupinstall": "group install", "groupremove": "group remove",
            "groupupdate": "group upgrade", "groups": "group", "dsync": "distro-sync",
            "dg": "downgrade", "up-min": "upgrade-minimal"},
    "zypper": {"in": "install", "rm": "remove", "up": "update", "dup": "dist-upgrade",
               "si": "source-install", "ref": "refresh", "cc": "clean",
               "inr": "install-new-recommends", "ve": "verify"},
    "npm": {name: "install" for name in ("i", "in", "ins", "inst", "insta", "instal", "isnt",
                                         "isntal", "isntall", "add")}
    | {"un": "uninstall", "remove": "uninstall", "rm": "uninstall", "r": "uninstall"},
    "gem": {"i": "install"},
    "go": {}, "cargo": {},
}
# subcommands followed by a second word: ``dnf group install``, ``yum clean all``
_TWO_WORDS = {"rpm": {"group", "module", "clean"}, "apk": {"cache"}}


class _Table:
    def __init__(self, text: str, bundling: bool = True) -> None:
        self.canonical: dict[str, str] = {}
        self.takes_value: set[str] = set()
        self.bundling = bundling  # ``-qy`` is ``-q -y``
        for line in text.strip().splitlines():
            spellings = line.split()
            value = spellings[-1] == "="
            spellings = spellings[:-1] if value else spellings
            name = next((s for s in spellings if s.startswith("--")), spellings[0])
            for spelling in spellings:
                self.canonical[spelling] = name
            if value:
                self.takes_value.add(name)

    def name(self, spelling: str) -> str:
        return self.canonical.get(spelling, spelling)


_TABLES = {"apt": (_Table(_APT), None), "apk": (_Table(_APK), None),
           "rpm": (_Table(_RPM), None),
           "zypper": (_Table(_ZYPPER_GLOBAL), _Table(_ZYPPER_COMMAND)),
           "npm": (_Table(_NPM), None), "gem": (_Table(_GEM), None),
           "go": (_Table(_GO, bundling=False), None), "cargo": (_Table(_CARGO), None)}


# --- the model ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PackageWord:
    """One package operand, split into name and version pin."""

    word: ShellWord
    name: str | None  # None for paths, URLs and expansions
    version: str | None = None  # as written after the operator; None when not pinned
    operator: str = ""  # "=", "~", ">=", "-", "@", ":", "--version"...
    kind: str = "package"  # "package", "local", "expansion", "negation" (apk !x), "group"

    @property
    def pinned(self) -> bool:
        return self.version is not None and self.version.lower() not in FLOATING


@dataclass(frozen=True, slots=True, eq=False)
class PackageCall:
    manager: str  # the program: "apt-get", "apt", "apk", "dnf", "npm", "go"...
    family: str  # "apt", "apk", "rpm" (yum, dnf, microdnf), "zypper", "npm", "gem", "go", "cargo"
    subcommand: str  # canonical ("install", "del", "group install", "clean all"); "" if none
    subcommand_word: ShellWord | None
    command: SimpleCommand  # unwrapped: argv[0] is the manager
    script: RunScript
    instruction: Instruction
    order: int  # position among all commands of the RUN (see ``run_commands``)
    option_list: tuple[tuple[str, str | None, ShellWord, bool], ...]  # (name, value, word, global)
    operands: tuple[ShellWord, ...]
    packages: tuple[PackageWord, ...]

    @property
    def options(self) -> Mapping[str, tuple[str | None, ...]]:
        found: dict[str, list[str | None]] = {}
        for name, value, _word, _global in self.option_list:
            found.setdefault(name, []).append(value)
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    def has(self, *names: str) -> bool:
        """Any of these options (any spelling the manager knows) is given."""
        wanted = {self._name(n) for n in names}
        return any(name in wanted for name, _v, _w, _g in self.option_list)

    def values(self, name: str) -> list[str | None]:
        return [v for n, v, _w, _g in self.option_list if n == self._name(name)]

    def _name(self, spelling: str) -> str:
        tables = _TABLES[self.family]
        for table in tables:
            if table is not None and spelling in table.canonical:
                return table.canonical[spelling]
        return spelling

    @property
    def installs(self) -> bool:
        return self.subcommand in INSTALLING.get(self.family, ())

    @property
    def uninstalls(self) -> bool:
        return self.subcommand in REMOVING.get(self.family, ())

    @property
    def prompts(self) -> bool:
        """The subcommand asks for confirmation unless a yes switch is given."""
        return self.subcommand in PROMPTING.get(self.family, ())

    @property
    def fetches(self) -> bool:
        """The subcommand downloads metadata or packages into the manager's cache."""
        return self.subcommand in FETCHING.get(self.family, ())

    @property
    def shown(self) -> str:
        """``apt-get install`` / ``dnf group install``, as a message names the call."""
        return f"{self.manager} {self.subcommand}".strip()

    @property
    def span(self) -> Span:
        return self.script.command_span(self.command)

    def word_span(self, word: ShellWord) -> Span:
        return self.script.word_span(word)


# --- finding calls ------------------------------------------------------------

def run_commands(document: Document, instruction: Instruction
                 ) -> list[tuple[int, RunScript, SimpleCommand]]:
    """Every (unwrapped) command of a RUN with its position, in execution order."""
    def compute():
        found = []
        for script in run_scripts(document, instruction):
            for command in script.script.commands:
                found.append((len(found), script, unwrap(command)))
        return found

    return document.cached(("run_commands", id(instruction)), compute)


def run_package_calls(document: Document, instruction: Instruction) -> list[PackageCall]:
    """The package manager calls of one RUN, in execution order."""
    if instruction.keyword != "RUN":
        return []

    def compute():
        calls = []
        for order, script, command in run_commands(document, instruction):
            family = FAMILIES.get(command.basename)
            if family is not None:
                calls.append(_parse_call(command, family, script, instruction, order))
        return calls

    return document.cached(("package_calls", id(instruction)), compute)


def package_calls(document: Document, instructions: Iterable[Instruction],
                  families: Iterable[str] | None = None):
    """Package manager calls in these instructions (RUNs), optionally of some families."""
    wanted = set(families) if families is not None else None
    for instruction in instructions:
        for call in run_package_calls(document, instruction):
            if wanted is None or call.family in wanted:
                yield call


def with_onbuild(instructions: Iterable[Instruction]):
    """The instructions and, after each ONBUILD, the instruction it wraps."""
    for instruction in instructions:
        yield instruction
        if instruction.sub_instruction is not None:
            yield instruction.sub_instruction


def _parse_call(command: SimpleCommand, family: str, script: RunScript,
                instruction: Instruction, order: int) -> PackageCall:
    global_table, command_table = _TABLES[family]
    argv = command.argv
    options: list[tuple[str, str | None, ShellWord, bool]] = []
    operands: list[ShellWord] = []
    sub: list[ShellWord] = []
    i = 1
    while i < len(argv):
        word, text = argv[i], argv[i].text
        done = bool(sub) and (len(sub) == 2 or sub[0].text not in _TWO_WORDS.get(family, ()))
        table = command_table if done and command_table is not None else global_table
        if text == "--":
            operands.extend(argv[i + 1:])
            break
        if text.startswith("-") and len(text) > 1 and not (family == "go" and operands):
            i += _option(argv, i, table, options, not done)
            continue
        if not done:
            sub.append(word)
        else:
            operands.append(word)
        i += 1
    aliases = _ALIASES[family]
    words = [w.text.lower() for w in sub]
    first = aliases.get(words[0], words[0]) if words else ""
    subcommand = aliases.get(" ".join([first, *words[1:]]), " ".join([first, *words[1:]]))
    if family == "go" and subcommand == "run":
        operands = operands[:1]  # the rest are the program's arguments
    call = PackageCall(command.basename, family, subcommand, sub[0] if sub else None, command,
                       script, instruction, order, tuple(options), tuple(operands), ())
    if call.installs or call.uninstalls:
        call = dataclasses.replace(call, packages=tuple(_package(call, w) for w in operands))
    return call


def _option(argv: tuple[ShellWord, ...], i: int, table: _Table,
            options: list, is_global: bool) -> int:
    """Record the option(s) at ``argv[i]``; return how many words they used."""
    word, text = argv[i], argv[i].text
    nxt = argv[i + 1].text if i + 1 < len(argv) else None
    if text.startswith("--") or not table.bundling:
        spelling, eq, inline = text.partition("=")
        if not table.bundling and spelling.startswith("--"):
            spelling = spelling[1:]  # Go accepts -flag and --flag
        name = table.name(spelling)
        if eq:
            options.append((name, inline, word, is_global))
            return 1
        if name in table.takes_value:
            options.append((name, nxt, word, is_global))
            return 2 if nxt is not None else 1
        options.append((name, None, word, is_global))
        return 1
    if text[2:3] == "=":  # apt's -q=2, -o=Key=Value
        options.append((table.name(text[:2]), text[3:], word, is_global))
        return 1
    for position, letter in enumerate(text[1:], start=2):
        name = table.name("-" + letter)
        if name in table.takes_value:
            rest = text[position:]
            options.append((name, rest if rest else nxt, word, is_global))
            return 1 if rest or nxt is None else 2
        options.append((name, None, word, is_global))
    return 1


# --- package words ------------------------------------------------------------

_APK_PIN = re.compile(r"^(?P<name>[^=<>~]+?)(?P<op>>=|<=|=~|~=|=|~|>|<)(?P<version>.*)$")
_ZYPPER_PIN = re.compile(r"^(?P<name>[^=<>]+?)\s*(?P<op>>=|<=|==|=|>|<)\s*(?P<version>.*)$")
_RPM_VERSION = re.compile(r"^(\d+:)?[0-9$][A-Za-z0-9.~^_+${}()]*$")
_RPM_RELEASE = re.compile(r"^[0-9$][A-Za-z0-9.~^_+${}()]*$")
_GIT_PREFIXES = ("git://", "git+ssh://", "git+http://", "git+https://", "github:", "gitlab:",
                 "bitbucket:", "gist:")


def _package(call: PackageCall, word: ShellWord) -> PackageWord:
    text = word.text
    family = call.family
    if family in SYSTEM_FAMILIES and text.startswith("$"):
        return PackageWord(word, None, kind="expansion")
    if family == "apt":
        if text.endswith(".deb") or text.startswith(("/", "./", "../")):
            return PackageWord(word, None, kind="local")
        name, eq, version = text.partition("=")
        return _named(word, name.split("/")[0].split(":")[0], version if eq else None, "=")
    if family == "apk":
        if text.startswith("!"):
            return PackageWord(word, None, kind="negation")
        if text.endswith(".apk") or "/" in text:
            return PackageWord(word, None, kind="local")
        pin = _APK_PIN.match(text)
        name = (pin["name"] if pin else text).split("@")[0]
        return _named(word, name, pin["version"] if pin else None, pin["op"] if pin else "")
    if family == "rpm":
        if text.endswith(".rpm") or "/" in text:
            return PackageWord(word, None, kind="local")
        if text.startswith("@") or call.subcommand.startswith(("group", "module")):
            return PackageWord(word, text, kind="group")
        name, version = _rpm_split(text)
        return _named(word, name, version, "-")
    if family == "zypper":
        if text.endswith(".rpm") or "/" in text:
            return PackageWord(word, None, kind="local")
        pin = _ZYPPER_PIN.match(text)
        return _named(word, pin["name"] if pin else text, pin["version"] if pin else None,
                      pin["op"] if pin else "")
    return _LANGUAGE[family](call, word, text)


def _named(word: ShellWord, name: str, version: str | None, operator: str) -> PackageWord:
    if "$" in name:
        return PackageWord(word, None, kind="expansion")
    return PackageWord(word, name.lower(), version, operator if version is not None else "")


def _rpm_split(text: str) -> tuple[str, str | None]:
    """``pkg-1.2-3.el9`` -> ("pkg", "1.2-3.el9"); a version starts with a digit and is
    followed by at most a release (``java-11-openjdk`` is a name)."""
    parts = text.split("-")
    for start in (len(parts) - 2, len(parts) - 1):
        tail = parts[start:]
        if start >= 1 and _RPM_VERSION.match(tail[0]) and all(
                _RPM_RELEASE.match(p) for p in tail[1:]):
            return "-".join(parts[:start]), "-".join(tail)
    return text, None


def _npm(call: PackageCall, word: ShellWord, text: str) -> PackageWord:
    if text.startswith(("/", "./", "../", "~/", "file:", "http://", "https://")) or \
            text.endswith((".tgz", ".tar.gz", ".tar")):
        return PackageWord(word, None, kind="local")
    if text.startswith(_GIT_PREFIXES) or ("/" in text and not text.startswith("@")):
        _url, hash_, ref = text.partition("#")  # a git repository: pinned by #commit or #tag
        return PackageWord(word, None, ref if hash_ else None, "#" if hash_ else "", "git")
    scope = "@" if text.startswith("@") else ""
    name, at, version = text[len(scope):].partition("@")
    return _named(word, scope + name, version if at else None, "@")


def _gem(call: PackageCall, word: ShellWord, text: str) -> PackageWord:
    if text.endswith(".gem") or "/" in text:
        return PackageWord(word, None, kind="local")
    name, colon, version = text.partition(":")
    given = call.values("--version")
    if not colon and given:
        return _named(word, name, given[-1] or "", "--version")
    return _named(word, name, version if colon else None, ":")


def _go(call: PackageCall, word: ShellWord, text: str) -> PackageWord:
    path, at, version = text.partition("@")
    first = path.split("/")[0]
    if text.startswith((".", "/")) or "." not in first or text.endswith(".go"):
        return PackageWord(word, None, kind="local")  # local paths, the standard library
    if version == "none":
        return PackageWord(word, path, kind="negation")  # ``go get x@none`` removes x
    return _named(word, path, version if at else None, "@")


def _cargo(call: PackageCall, word: ShellWord, text: str) -> PackageWord:
    name, at, version = text.partition("@")
    if at:
        return _named(word, name, version, "@")
    if call.has("--path"):
        return PackageWord(word, None, kind="local")
    for option in ("--version", "--rev", "--tag"):
        if call.values(option):
            return _named(word, name, call.values(option)[-1] or "", option)
    return _named(word, name, None, "")


_LANGUAGE = {"npm": _npm, "gem": _gem, "go": _go, "cargo": _cargo}


# --- what a RUN does after a call --------------------------------------------

def mounted_over(instruction: Instruction, path: str) -> str | None:
    """The target of a cache or tmpfs mount holding ``path`` (nothing stays in the layer)."""
    for flag in instruction.flags:
        mount = flag.mount
        if mount is not None and mount.type in ("cache", "tmpfs") and mount.target:
            target = posixpath.normpath(mount.target)
            if covers(target, path):
                return target
    return None


def rm_covers(command: SimpleCommand, path: str) -> bool:
    """``rm`` (or ``find PATH -delete``) deletes ``path`` or everything in it."""
    if command.basename == "rm":
        targets = [w.text for w in command.args if not w.text.startswith("-")]
    elif command.basename == "find" and any(w.text == "-delete" for w in command.args):
        targets = [w.text for w in command.args[:1]]
    else:
        return False
    for target in targets:
        stripped = re.sub(r"/\*?$", "", target)
        if stripped.startswith("/") and not any(c in stripped for c in "$*?[{") and covers(
                posixpath.normpath(stripped), path):
            return True
    return False


def cleaned_after(document: Document, call: PackageCall, what: str) -> bool:
    """Whether ``what`` (a CLEANUPS key) is cleaned by a later command of the same RUN,
    or never reaches the layer because a cache or tmpfs mount holds it."""
    paths, calls = CLEANUPS[what]
    if any(mounted_over(call.instruction, path) for path in paths):
        return True
    for order, _script, command in run_commands(document, call.instruction):
        if order > call.order and any(rm_covers(command, path) for path in paths):
            return True
    return any(later.order > call.order and (later.family, later.subcommand) in calls
               for later in run_package_calls(document, call.instruction))


def removed_later(document: Document, call: PackageCall, name: str) -> bool:
    """Whether a later command of the same RUN uninstalls ``name`` (by name, with the
    ``apk add --virtual`` group it was installed in, or by ``apt-get autoremove``
    after ``apt-mark auto``)."""
    installed: dict[str, PackageCall] = {name: call}
    groups: dict[str, list[str]] = {}
    virtual = call.values("--virtual") if call.family == "apk" else []
    if virtual and virtual[-1]:
        groups[virtual[-1]] = [name]
    for later in run_package_calls(document, call.instruction):
        if later.order > call.order:
            _apply(document, later, installed, groups, skip_installs=True)
    return name not in installed


def installed_before(document: Document, instruction: Instruction,
                     order: int | None = None) -> dict[str, PackageCall]:
    """System packages installed in the stage lineage before ``instruction`` (before its
    command at position ``order`` when given, else before the whole RUN), minus those
    removed since: name -> the call that installed it."""
    installed: dict[str, PackageCall] = {}
    groups: dict[str, list[str]] = {}
    if instruction.stage is None:
        return installed
    for earlier in lineage_instructions(document, document.stages[instruction.stage]):
        for call in run_package_calls(document, earlier):
            if earlier is instruction and (order is None or call.order >= order):
                return installed
            _apply(document, call, installed, groups)
        if earlier is instruction:
            break
    return installed


def _apply(document: Document, call: PackageCall, installed: dict, groups: dict,
           skip_installs: bool = False) -> None:
    names = [p.name for p in call.packages if p.kind == "package" and p.name]
    if call.family not in SYSTEM_FAMILIES:
        return
    if call.installs and not skip_installs:
        for name in names:
            installed[name] = call
        virtual = call.values("--virtual") if call.family == "apk" else []
        if virtual and virtual[-1]:
            groups[virtual[-1]] = names
            installed[virtual[-1]] = call
    elif call.uninstalls:
        for name in names:
            installed.pop(name, None)
            for member in groups.pop(name, ()):
                installed.pop(member, None)
    if call.family == "apt" and (call.subcommand == "autoremove" or (
            call.uninstalls and call.has("--auto-remove"))) and _marked_auto(document, call):
        for name in [n for n, c in installed.items() if c.instruction is call.instruction]:
            installed.pop(name)


def _marked_auto(document: Document, call: PackageCall) -> bool:
    """``apt-mark auto`` earlier in the RUN: autoremove then drops what the RUN installed."""
    return any(order < call.order and command.basename == "apt-mark"
               and [w.text for w in command.args[:1]] == ["auto"]
               for order, _s, command in run_commands(document, call.instruction))


# --- APT settings -------------------------------------------------------------

_APT_FLAG_SETTINGS = {"--yes": ("apt::get::assume-yes", "true"),
                      "--no-install-recommends": ("apt::install-recommends", "false"),
                      "--install-recommends": ("apt::install-recommends", "true"),
                      "--no-install-suggests": ("apt::install-suggests", "false")}
_APT_CONF_ITEM = re.compile(r"""(APT(?:::[\w-]+)+)\s*\\?["']?\s*([\w-]+)""", re.IGNORECASE)
_TRUE = {"1", "yes", "true", "with", "on", "enable"}
_FALSE = {"0", "no", "false", "without", "off", "disable"}


def apt_setting(document: Document, call: PackageCall, key: str) -> bool | None:
    """An APT boolean setting (``APT::Install-Recommends``) for this call: from its flags
    and ``-o``, else from an apt.conf file an earlier instruction wrote; None when unset
    (see ``apt_config_unseen`` for files we cannot read)."""
    key = key.lower()
    value = apt_config(document, call.instruction).get(key)
    for name, given, _word, _global in call.option_list:
        if name in _APT_FLAG_SETTINGS and _APT_FLAG_SETTINGS[name][0] == key:
            value = _APT_FLAG_SETTINGS[name][1] if given is None else given
        elif name == "--option" and given and given.partition("=")[0].lower() == key:
            value = given.partition("=")[2]
    lowered = (value or "").strip().lower()
    return True if lowered in _TRUE else False if lowered in _FALSE else None


def apt_config_unseen(document: Document, instruction: Instruction) -> bool:
    """An earlier COPY/ADD put a file we cannot read under /etc/apt: any setting may be in it."""
    return "*" in apt_config(document, instruction)


def apt_config(document: Document, instruction: Instruction) -> dict[str, str]:
    """APT settings that instructions up to this one (a RUN that writes apt.conf does so
    before it installs) wrote to /etc/apt/apt.conf* (lower-case keys); key "*" is set when
    a COPY/ADD brought a file in unseen. An ONBUILD RUN sees its whole stage."""
    def compute():
        config: dict[str, str] = {}
        if instruction.stage is None:
            return config
        for earlier in lineage_instructions(document, document.stages[instruction.stage]):
            if earlier is instruction and earlier.keyword != "RUN":
                break
            text = earlier.original + "".join(h.content for h in earlier.heredocs)
            if earlier.keyword in ("RUN", "COPY", "ADD") and ("apt.conf" in text or (
                    earlier.keyword != "RUN" and "/etc/apt" in text)):
                for key, value in _APT_CONF_ITEM.findall(text):
                    config[key.lower()] = value
                if earlier.keyword != "RUN" and not earlier.heredocs:
                    config["*"] = "copied"
            if earlier is instruction:
                break
        return config

    return document.cached(("apt_config", id(instruction)), compute)


def apt_quiet(call: PackageCall) -> int:
    """apt's quiet level: each -q counts one, ``-q=2``/``--quiet=2`` sets it."""
    level = 0
    for given in call.values("--quiet"):
        level = int(given) if given is not None and given.isdigit() else level + 1
    return level


def installs_recommends(document: Document, call: PackageCall) -> bool:
    """An apt install that also installs Recommends (so far as the Dockerfile shows)."""
    return call.family == "apt" and apt_setting(
        document, call, "APT::Install-Recommends") is not False


def go_module_present(document: Document, instruction: Instruction) -> bool:
    """A go.mod is there for ``go install``/``go run`` without ``@version`` to take its
    versions from: an earlier COPY/ADD of go.mod or the whole context, or a bind mount."""
    for flag in instruction.flags:
        mount = flag.mount
        if mount is not None and mount.type == "bind" and (
                "go.mod" in (mount.source or "") or mount.source in (None, ".", "./")):
            return True
    if instruction.stage is None:
        return False
    for earlier in lineage_instructions(document, document.stages[instruction.stage]):
        if earlier is instruction:
            break
        if earlier.keyword in ("COPY", "ADD") and earlier.flag("from") is None and any(
                source.rstrip("/").endswith("go.mod") or source in (".", "./")
                for source in earlier.value[:-1]):
            return True
    return False


def order_of(document: Document, instruction: Instruction, command: SimpleCommand) -> int | None:
    """The position (as in ``run_commands``) of an unwrapped command of this RUN."""
    for order, _script, candidate in run_commands(document, instruction):
        if candidate.start == command.start and candidate.argv == command.argv:
            return order
    return None


def available_packages(document: Document, instruction: Instruction, order: int | None,
                       distro: str, shipped: frozenset[str] = frozenset()) -> set[str]:
    """System packages a command at ``order`` of ``instruction`` can count on: ``shipped``
    (the base image's), those installed before it in the stage lineage, and what they
    stand for: metapackages and virtual names (``knowledge.package_provides``), any C
    compiler of the toolchain as "gcc", any libc-headers provider as the libc headers,
    and on Debian the libc6-dev that gcc recommends when Recommends were installed."""
    from pydolint.knowledge import package_provides, toolchain

    installed = installed_before(document, instruction, order)
    names = set(shipped) | set(installed)
    provides = package_provides(distro)
    pending = list(names)
    while pending:  # transitively: default-libmysqlclient-dev -> ... -> libc6-dev
        for implied in provides.get(pending.pop(), ()):
            if implied not in names:
                names.add(implied)
                pending.append(implied)
    tools = toolchain(distro)
    if any(tools.is_compiler(name) for name in names):
        names.add("gcc")
    if any(tools.provides_libc_headers(name) for name in names) or (distro == "debian" and any(
            tools.is_compiler(name) and installs_recommends(document, call)
            for name, call in installed.items())):
        names.add("musl-dev" if distro == "alpine" else "libc6-dev")
    return names


def piped_from(document: Document, call: PackageCall) -> SimpleCommand | None:
    """The command piping into this call (``yes | apt-get install x``), if any."""
    if not call.command.pipeline_position:
        return None
    commands = run_commands(document, call.instruction)
    for order in range(call.order - 1, -1, -1):
        command = commands[order][2]
        if command.pipeline_position == call.command.pipeline_position - 1:
            return command
    return None


def runs_unseen_script(command: SimpleCommand) -> bool:
    """A command whose effect we cannot see: a script file, ``curl ... | sh``, ``make``,
    ``eval``/``source``."""
    from pydolint.analysis.shell import shell_call

    name = command.name
    if command.basename in ("make", "eval", "source", ".") or name.endswith(".sh") or \
            name.startswith(("./", "../")):
        return True
    call = shell_call(command)
    heredoc = any(r.operator.lstrip("0123456789").startswith("<<") for r in command.redirects)
    return call is not None and call.script is None and not heredoc


def insert_after_subcommand(call: PackageCall, text: str, description: str,
                            safety: str = "safe"):
    """A fix adding `` text`` after the call's subcommand word (``apt-get install``)."""
    from pydolint.diagnostics import Edit, Fix

    if call.script.kind not in ("shell", "heredoc") or call.subcommand_word is None:
        return None
    line, column = call.script.position(call.subcommand_word.end)
    return Fix((Edit(Span(line, column, line, column), f" {text}"),), safety=safety,
               description=description)
