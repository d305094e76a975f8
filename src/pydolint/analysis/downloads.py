"""Downloads in RUN scripts (curl, wget) and what happens to what they fetch.

``download`` reads a curl or wget command: its URLs, whether it writes to
standard output and which file it saves otherwise. ``executions`` finds the
downloads a script then runs or installs: piped into a shell or Python
(``curl ... | sh``), substituted into one (``sh -c "$(curl ...)"``,
``bash <(curl ...)``), or saved and run or installed later in the same script
(``curl -o x.sh ... && sh x.sh``, ``wget .../x.deb && dpkg -i x.deb``).
``verifies`` tells whether a script checks a checksum or a signature.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydolint.analysis.programs import Options, parse_options, pipelines, script_calls
from pydolint.analysis.run import RunScript
from pydolint.analysis.shell import ShellWord, SimpleCommand, shell_call, unwrap
from pydolint.model import Document

CURL_VALUE_SHORTS = "AbcCdDeEFHKmoPQrtTuUwxXyYz"
CURL_VALUE_LONGS = frozenset({
    "--output", "--output-dir", "--header", "--user", "--data", "--data-raw", "--data-binary",
    "--data-urlencode", "--url", "--retry", "--retry-delay", "--retry-max-time",
    "--connect-timeout", "--max-time", "--proto", "--proto-redir", "--cacert", "--capath",
    "--cert", "--key", "--write-out", "--user-agent", "--referer", "--request", "--proxy",
    "--config", "--form", "--range", "--upload-file", "--dump-header", "--cookie", "--cookie-jar",
    "--continue-at", "--limit-rate", "--resolve", "--connect-to", "--interface", "--ciphers",
    "--netrc-file", "--time-cond", "--max-filesize", "--oauth2-bearer", "--proxy-user",
    "--pinnedpubkey", "--expect100-timeout", "--keepalive-time", "--dns-servers", "--variable",
    "--json"})
WGET_VALUE_SHORTS = "oaeiBtTwQPUlARDIXO"
WGET_VALUE_LONGS = frozenset({
    "--output-document", "--output-file", "--append-output", "--execute", "--input-file",
    "--tries", "--timeout", "--wait", "--quota", "--directory-prefix", "--user-agent", "--header",
    "--user", "--password", "--http-user", "--http-password", "--progress", "--post-data",
    "--post-file", "--ca-certificate", "--ca-directory", "--certificate", "--private-key",
    "--load-cookies", "--save-cookies", "--referer", "--level", "--accept", "--reject",
    "--domains", "--include-directories", "--exclude-directories"})
WGET_WHOLE = frozenset({"-nv", "-nc", "-nd", "-nH", "-np"})
_STDOUT_REDIRECTS = frozenset({">", ">>", "1>", "1>>", "&>", "&>>", ">|"})
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
PYTHON = re.compile(r"^(python|pypy)(\d+(\.\d+)?)?$")
INSTALLERS = frozenset({"dpkg", "rpm", "yum", "dnf", "microdnf", "zypper", "apt", "apt-get",
                        "apk", "gdebi"})
_CHECKSUMS = frozenset({"sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum",
                        "md5sum", "b2sum", "shasum", "cksum", "sha3sum"})


@dataclass(frozen=True, slots=True)
class Download:
    command: SimpleCommand  # unwrapped curl or wget
    tool: str  # "curl" or "wget"
    options: Options
    urls: tuple[ShellWord, ...]
    to_stdout: bool
    saved_as: tuple[str, ...]  # file names it writes (basenames), when not to stdout


def download(command: SimpleCommand) -> Download | None:
    """The curl or wget download ``command`` (unwrapped) performs, if it is one."""
    tool = command.basename
    if tool == "curl":
        options = parse_options(command.args, CURL_VALUE_SHORTS, CURL_VALUE_LONGS)
        urls = options.operands + tuple(o.value for o in options.options
                                        if o.name == "--url" and o.value is not None)
        outputs = [o.value.text for o in options.options
                   if o.name in ("-o", "--output") and o.value is not None]
        remote = options.has("-O", "--remote-name", "--remote-name-all")
        named = outputs + ([_url_name(u.text) for u in urls] if remote else [])
        to_stdout = not named or "-" in outputs
    elif tool == "wget":
        options = parse_options(command.args, WGET_VALUE_SHORTS, WGET_VALUE_LONGS, WGET_WHOLE)
        urls = options.operands
        document = options.find("-O", "--output-document")
        to_stdout = document is not None and document.value is not None \
            and document.value.text == "-"
        named = [] if to_stdout else [document.value.text] if document and document.value \
            else [_url_name(u.text) for u in urls]
    else:
        return None
    redirected = [r.target.text for r in command.redirects
                  if r.operator in _STDOUT_REDIRECTS and r.target is not None]
    if to_stdout and redirected:
        to_stdout, named = False, redirected
    names = tuple(posixpath.basename(n) for n in named if n and n != "-")
    return Download(command, tool, options, tuple(urls), to_stdout, names)


def _url_name(url: str) -> str:
    try:
        path = urlsplit(url).path if _URL.match(url) else url
    except ValueError:
        path = url
    return posixpath.basename(path.rstrip("/")) or "index.html"


@dataclass(frozen=True, slots=True)
class Execution:
    download: Download
    runner: SimpleCommand  # the command that runs or installs it, as written
    how: str  # "pipe", "substitution", "file" (saved, then run) or "install"

    @property
    def interpreter(self) -> SimpleCommand:
        return unwrap(self.runner)


def executions(document: Document, script: RunScript) -> list[Execution]:
    """Downloads this script runs or installs without looking at them first."""
    return document.cached(("downloads.executions", id(script)), lambda: _executions(script))


def _executions(script: RunScript) -> list[Execution]:
    found: list[Execution] = []
    commands = script_calls(script)
    for group in pipelines(script):
        for index, written in enumerate(group):
            fetched = download(unwrap(written))
            if fetched is None or not fetched.to_stdout:
                continue
            for later in group[index + 1:]:
                if reads_script_from_stdin(unwrap(later)):
                    found.append(Execution(fetched, later, "pipe"))
                    break
    text = script.text
    for command, _ in commands:
        fetched = download(command)
        if fetched is None:
            continue
        if fetched.to_stdout:
            for runner, written in commands:
                word = _script_word(runner)
                if word is not None and word.start <= command.start < word.end and \
                        text[word.start:command.start].rstrip().endswith(("$(", "<(", "`")):
                    found.append(Execution(fetched, written, "substitution"))
        for runner, written in commands:
            if runner.start <= command.start or not fetched.saved_as:
                continue
            how = "install" if runner.basename in INSTALLERS else "file"
            targets = runner.args if how == "install" else (  # ``sh x.sh``, ``./x.sh``
                _script_word(runner), runner.argv[0] if runner.name.endswith(".sh") else None)
            if any(t is not None and posixpath.basename(t.text) in fetched.saved_as
                   for t in targets):
                found.append(Execution(fetched, written, how))
    return found


def reads_script_from_stdin(command: SimpleCommand) -> bool:
    """A shell or Python reading the program it runs from standard input."""
    call = shell_call(command)
    if call is not None:
        return call.reads_stdin
    if PYTHON.match(command.basename):
        operands = [w for w in command.args if not w.text.startswith("-") or w.text == "-"]
        return not operands or operands[0].text == "-"
    return False


def _script_word(command: SimpleCommand) -> ShellWord | None:
    """The word naming the program a shell or Python runs (``-c`` text or a file)."""
    call = shell_call(command)
    if call is not None:
        return call.script if call.script is not None else \
            (call.operands[0] if call.operands else None)
    if command.basename in ("eval", "source", "."):
        return command.args[0] if command.args else None
    if PYTHON.match(command.basename):
        operands = [w for w in command.args if not w.text.startswith("-")]
        return operands[0] if operands else None
    return None


def verifies(document: Document, script: RunScript) -> bool:
    """The script checks a checksum or a signature (``sha256sum -c``, ``gpg --verify``...)."""
    def compute() -> bool:
        for command, _ in script_calls(script):
            name, words = command.basename, [w.text for w in command.args]
            if name in _CHECKSUMS and (command.in_subshell or any(
                    w in ("-c", "--check") or re.match(r"^-[a-zA-Z]*c", w) for w in words)):
                return True
            if name in ("gpg", "gpg2") and "--verify" in words or name == "gpgv":
                return True
            if name in ("minisign", "signify") and "-V" in words:
                return True
            if name == "cosign" and any(w.startswith("verify") for w in words[:1]):
                return True
            if name == "openssl" and ("-verify" in words or "-signature" in words):
                return True
            if name in ("slsa-verifier", "sigstore") or name == "rpm" and (
                    "-K" in words or "--checksig" in words):
                return True
            if name == "gh" and words[:2] == ["attestation", "verify"]:
                return True
        return False

    return document.cached(("downloads.verifies", id(script)), compute)
