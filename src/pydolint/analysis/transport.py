"""Switches that turn off transport security: TLS certificate checks and package signatures.

``insecure_options`` reads one (unwrapped) command: ``curl -k``,
``wget --no-check-certificate``, ``apk add --allow-untrusted``,
``apt-get --allow-unauthenticated``/``--force-yes`` or an ``-o`` setting that
allows unauthenticated repositories, ``dnf``/``yum --nogpgcheck``,
``zypper --no-gpg-checks``, ``rpm --nosignature`` and git's
``http.sslVerify=false``. ``insecure_variable`` judges an environment
variable: ``GIT_SSL_NO_VERIFY`` (any value: git only checks that it is set)
and ``NODE_TLS_REJECT_UNAUTHORIZED=0`` (pip's and Python's own switches are
the Python rules' business).
"""

from __future__ import annotations

import re

from pydolint.analysis.downloads import download
from pydolint.analysis.programs import parse_options
from pydolint.analysis.shell import ShellWord, SimpleCommand

NO_TLS = "turns off TLS certificate checks"
NO_SIGNATURES = "installs packages without checking their signatures"
_APT = ("--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories",
        "--allow-downgrade-to-insecure-repositories")
OPTIONS = {
    "curl": (("-k", "--insecure", "--proxy-insecure"), NO_TLS),
    "wget": (("--no-check-certificate",), NO_TLS),
    "apk": (("--allow-untrusted",), NO_SIGNATURES),
    "apt-get": (_APT, NO_SIGNATURES), "apt": (_APT, NO_SIGNATURES),
    "aptitude": (_APT, NO_SIGNATURES),
    "yum": (("--nogpgcheck",), NO_SIGNATURES), "dnf": (("--nogpgcheck",), NO_SIGNATURES),
    "microdnf": (("--nogpgcheck",), NO_SIGNATURES), "tdnf": (("--nogpgcheck",), NO_SIGNATURES),
    "zypper": (("--no-gpg-checks",), NO_SIGNATURES),
    "rpm": (("--nosignature", "--nodigest"), NO_SIGNATURES),
}
_APT_SETTING = re.compile(
    r"(?i)(Allow(Unauthenticated|InsecureRepositories|DowngradeToInsecureRepositories))"
    r"\s*=\s*(1|true|yes|on)\b|Verify-(Peer|Host)\s*=\s*(0|false|no|off)\b")
_GIT_SSL = re.compile(r"(?i)^http\.(\S+\.)?sslverify(=(false|0|no|off))?$")
_FALSE = ("false", "0", "no", "off")


def insecure_options(command: SimpleCommand) -> list[tuple[ShellWord, str, str]]:
    """(the word, the switch as shown, what it does) for each switch that disables a check."""
    name = command.basename
    if name == "git":
        return _git(command)
    if name not in OPTIONS:
        return []
    switches, effect = OPTIONS[name]
    fetched = download(command)
    options = fetched.options if fetched is not None else parse_options(
        command.args, "oct" if name.startswith("apt") else "")
    found = [(o.word, o.name if o.name == o.word.text else f"{o.name}` in `{o.word.text}",
              effect) for o in options.options if o.name in switches]
    found += [(o.value, f"-o {o.value.text}", effect) for o in options.options
              if o.name == "-o" and o.value and name.startswith("apt")
              and _APT_SETTING.search(o.value.text)]
    return found


def _git(command: SimpleCommand) -> list[tuple[ShellWord, str, str]]:
    words = command.args
    found = []
    for index, word in enumerate(words):
        match = _GIT_SSL.match(word.text)
        following = words[index + 1].text if index + 1 < len(words) else ""
        if match and match.group(2):
            found.append((word, word.text, NO_TLS))
        elif match and following.lower() in _FALSE:
            found.append((word, f"{word.text} {following}", NO_TLS))
    return found


def insecure_variable(name: str, value: str | None) -> str | None:
    """What setting this environment variable does to TLS checks, if it weakens them."""
    if name == "GIT_SSL_NO_VERIFY" and value is not None:
        return "makes git skip TLS certificate checks (whatever its value)"
    if name == "NODE_TLS_REJECT_UNAUTHORIZED" and value == "0":
        return "makes Node.js accept any TLS certificate"
    return None


REMOTE_INSTALLERS = frozenset({"rpm", "yum", "dnf", "microdnf", "zypper", "apk"})


def plain_http_packages(command: SimpleCommand) -> list[ShellWord]:
    """Package URLs a package manager installs over plain HTTP (``rpm -i http://...``)."""
    if command.basename not in REMOTE_INSTALLERS:
        return []
    return [word for word in command.args if word.text.lower().startswith("http://")]
