"""Package index settings: index URLs, trusted hosts, TLS switches and index credentials.

``index_settings`` collects, once per document, everything that tells pip,
uv, pipenv or poetry where to download packages from and how:

- ``ENV`` and ``ARG``: ``PIP_INDEX_URL``, ``PIP_EXTRA_INDEX_URL``,
  ``PIP_TRUSTED_HOST``, ``UV_DEFAULT_INDEX``, ``UV_INSECURE_HOST``,
  ``PYTHONHTTPSVERIFY``, ``POETRY_HTTP_BASIC_<NAME>_PASSWORD`` ...;
- ``RUN``: installer options (``--index-url``/``-i``, ``--extra-index-url``,
  ``--find-links``, ``--trusted-host``, uv's ``--index``, ``--default-index``,
  ``--allow-insecure-host``, ``--index-strategy``), inline assignments
  (``PIP_INDEX_URL=... pip install``) and ``export``, ``pip config set``,
  ``poetry config`` and ``poetry source add``;
- the option lines of the requirements files an install reads.

Values are kept as written (``$VAR`` references unexpanded) so that rules can
tell a literal secret from one passed in at build time; ``resolved`` expands
them with the ARG and ENV values in effect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydolint.analysis.commands import installer_calls, run_scripts
from pydolint.analysis.image_files import image_files
from pydolint.analysis.installers import PipInvocation
from pydolint.analysis.requested_packages import call_requirements
from pydolint.analysis.requirements import RequirementLine
from pydolint.analysis.run import RunScript
from pydolint.analysis.shell import ShellWord, SimpleCommand, unwrap
from pydolint.context import BuildContext
from pydolint.diagnostics import RelatedLocation
from pydolint.model import Document, Instruction, Span

URL_KINDS = ("index-url", "extra-index-url", "find-links")

# environment variable -> (tool, kind)
_ENV = {
    "PIP_INDEX_URL": ("pip", "index-url"),
    "PIP_EXTRA_INDEX_URL": ("pip", "extra-index-url"),
    "PIP_FIND_LINKS": ("pip", "find-links"),
    "PIP_TRUSTED_HOST": ("pip", "trusted-host"),
    "UV_INDEX_URL": ("uv", "index-url"),
    "UV_DEFAULT_INDEX": ("uv", "index-url"),
    "UV_EXTRA_INDEX_URL": ("uv", "extra-index-url"),
    "UV_INDEX": ("uv", "extra-index-url"),  # searched before the default index
    "UV_FIND_LINKS": ("uv", "find-links"),
    "UV_INSECURE_HOST": ("uv", "insecure-host"),
    "UV_INDEX_STRATEGY": ("uv", "index-strategy"),
    "UV_TORCH_BACKEND": ("uv", "torch-backend"),
    "PIPENV_PYPI_MIRROR": ("pipenv", "index-url"),
    "PYTHONHTTPSVERIFY": ("python", "https-verify"),
}
_ENV_PATTERNS = (
    (re.compile(r"^POETRY_HTTP_BASIC_\w+_PASSWORD$"), ("poetry", "password")),
    (re.compile(r"^POETRY_PYPI_TOKEN_\w+$"), ("poetry", "password")),
    (re.compile(r"^UV_INDEX_\w+_PASSWORD$"), ("uv", "password")),
    (re.compile(r"^POETRY_REPOSITORIES_\w+_URL$"), ("poetry", "index-url")),
    (re.compile(r"^POETRY_CERTIFICATES_\w+_CERT$"), ("poetry", "cert")),
)
# canonical installer option -> kind
_OPTIONS = {
    "--index-url": "index-url", "--default-index": "index-url", "--pypi-mirror": "index-url",
    "--extra-index-url": "extra-index-url", "--find-links": "find-links",
    "--trusted-host": "trusted-host", "--allow-insecure-host": "insecure-host",
    "--index-strategy": "index-strategy", "--torch-backend": "torch-backend",
}
_INDEX_OPTION = {"uv": "extra-index-url", "pipenv": "index-url"}  # uv --index / pipenv --index
_REQUIREMENT_OPTIONS = {"-i": "index-url", "--index-url": "index-url",
                        "--extra-index-url": "extra-index-url", "-f": "find-links",
                        "--find-links": "find-links", "--trusted-host": "trusted-host"}
_PIP_CONFIG = {"index-url": "index-url", "extra-index-url": "extra-index-url",
               "find-links": "find-links", "trusted-host": "trusted-host"}
_VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
_ONLY_VARIABLE = re.compile(r"^\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)$")
_TOKEN_PREFIXES = ("ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "pypi-", "AKIA")


@dataclass(frozen=True, slots=True)
class IndexSetting:
    kind: str  # "index-url", "extra-index-url", "find-links", "trusted-host", "insecure-host",
    #            "https-verify", "cert", "password", "index-strategy", "torch-backend"
    tool: str  # "pip", "uv", "poetry", "pipenv", "python"
    name: str  # as written: "--extra-index-url", "ENV PIP_TRUSTED_HOST", "poetry config ..."
    value: str  # as written, quotes removed, ``$VAR`` kept; "" for ``ARG NAME`` alone
    instruction: Instruction
    span: Span  # in the Dockerfile: the option and its value, the ENV pair, the ``-r`` file
    requirement: RequirementLine | None = None  # the line, for a requirements-file setting
    secret_env: frozenset[str] = frozenset()  # variables the RUN gets from secret mounts
    mounted: bool = False  # read from a file the RUN bind-mounts: it never enters the image

    @property
    def urls(self) -> list[str]:
        """The URLs of an index setting: several for ``PIP_EXTRA_INDEX_URL="a b"``."""
        if self.kind not in URL_KINDS:
            return []
        return [index_url(word) for word in self.value.split()]

    @property
    def where(self) -> str:
        """The setting for a message: ``--extra-index-url in requirements.txt line 3``."""
        if self.requirement is None:
            return self.name
        return f"{self.name} in {self.requirement.path} line {self.requirement.line}"

    @property
    def related(self) -> tuple[RelatedLocation, ...]:
        return () if self.requirement is None else (self.requirement.related(),)

    def resolved(self, text: str) -> str | None:
        """``text`` with the ARG and ENV values in effect; None when one is unknown."""
        if "$" not in text:
            return text
        expanded = self.instruction.variables.expand(text)
        if expanded is None or expanded.unmatched or "$" in expanded.result:
            return None
        return expanded.result

    def credential_source(self, secret: str) -> str | None:
        """Where a password or token comes from, when it ends up in the image.

        "literal" when it is written out, "ARG NAME" or "ENV NAME" when it is a
        reference to one; None for secrets read at run time (``$(cat
        /run/secrets/x)``, a secret mount's ``env=``, a shell variable) and for
        literals in a bind-mounted requirements file.
        """
        if "$(" in secret or "`" in secret:
            return None
        names = _VARIABLE.findall(secret)
        if not names:
            return "literal" if secret and not self.mounted else None
        variables = self.instruction.variables
        for name in names:
            if name in self.secret_env:
                return None
            if name in variables.env:
                return f"ENV {name}"
            if name in variables.args:
                return f"ARG {name}"
        return None


@dataclass(frozen=True, slots=True)
class CallIndexes:
    """What one installer call downloads from."""

    urls: tuple[str, ...]  # index and find-links URLs from options, env and requirements
    torch_backend: str | None  # uv's --torch-backend / UV_TORCH_BACKEND


def index_settings(document: Document, context: BuildContext | None) -> list[IndexSetting]:
    """Every index setting of the document, in source order (cached)."""
    return document.cached(("index_settings", id(context)), lambda: sorted(
        _collect(document, context), key=lambda s: (s.span.start_line, s.span.start_column)))


def call_indexes(document: Document, instruction: Instruction, script: RunScript,
                 call: PipInvocation, context: BuildContext | None) -> CallIndexes:
    urls = [v for option in ("--index-url", "--extra-index-url", "--find-links", "--index",
                             "--default-index") for v in call.option_values(option) if v]
    for name, (_tool, kind) in _ENV.items():
        if kind in URL_KINDS:
            value = call.env(name) or script.script.exports.get(name) \
                or instruction.variables.get(name)
            urls += (value or "").split()
    for _word, loaded in call_requirements(document, instruction, call, context):
        for line in loaded.lines if loaded else ():
            if _REQUIREMENT_OPTIONS.get(line.option or "") in URL_KINDS and line.value:
                urls.append(line.value)
    backend = next(iter(call.option_values("--torch-backend")), None) \
        or call.env("UV_TORCH_BACKEND") or instruction.variables.get("UV_TORCH_BACKEND")
    return CallIndexes(tuple(index_url(u) for u in urls), backend)


def index_url(value: str) -> str:
    """The URL of an index value: uv's ``name=https://...`` gives ``https://...``."""
    name, equals, rest = value.partition("=")
    return rest if equals and re.fullmatch(r"[A-Za-z0-9_.-]+", name) else value


def has_path_segment(url: str, segment: str) -> bool:
    """``https://download.pytorch.org/whl/cpu`` has the segment ``cpu``."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return segment in path.strip("/").split("/")


# -- credentials in URLs -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UrlCredentials:
    user: str | None  # None for a bare token (``https://TOKEN@host``)
    secret: str  # the password or token, as written
    masked: str  # the URL with the secret replaced by ****


def url_credentials(url: str) -> UrlCredentials | None:
    """The user and password (or token) of a URL; None when it carries none."""
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*://)(.*)$", url, re.DOTALL)
    if match is None:
        return None
    scheme, rest = match.groups()
    at = _top_level(rest, "@", stop="/")
    if at is None:
        return None
    userinfo, host = rest[:at], rest[at + 1:]
    colon = _top_level(userinfo, ":")
    if colon is None:
        if not (_ONLY_VARIABLE.match(userinfo) or looks_like_token(userinfo)):
            return None  # a user name alone: the password comes from a keyring or prompt
        user, secret = None, userinfo
    else:
        user, secret = userinfo[:colon], userinfo[colon + 1:]
        if not secret:
            return None
    shown_user = "" if user is None else ("****" if looks_like_token(user) else user) + ":"
    return UrlCredentials(user, secret, f"{scheme}{shown_user}{mask(secret)}@{host}")


def masked_url(url: str) -> str:
    """``url`` safe to print: any password or token replaced by ****."""
    found = url_credentials(url)
    return found.masked if found is not None else url


def mask(secret: str) -> str:
    """A secret for a message: a bare ``$VAR`` reference is shown, anything else is ****."""
    return secret if _ONLY_VARIABLE.match(secret) else "****"


def looks_like_token(text: str) -> bool:
    return text.startswith(_TOKEN_PREFIXES) or (
        len(text) >= 20 and bool(re.search(r"\d", text)) and bool(re.search(r"[A-Za-z]", text)))


def _top_level(text: str, char: str, stop: str | None = None) -> int | None:
    """Index of ``char`` outside ``$(...)``, ``${...}`` and backticks, before ``stop``."""
    depth, backtick, i = 0, False, 0
    while i < len(text):
        c = text[i]
        if c == "`":
            backtick = not backtick
        elif text.startswith(("$(", "${"), i):
            depth += 1
            i += 1
        elif c in ")}" and depth:
            depth -= 1
        elif not depth and not backtick:
            if c == char:
                return i
            if stop is not None and c == stop:
                return None
        i += 1
    return None


# -- collection ----------------------------------------------------------------


def _env_kind(name: str) -> tuple[str, str] | None:
    if name in _ENV:
        return _ENV[name]
    return next((known for pattern, known in _ENV_PATTERNS if pattern.match(name)), None)


def _collect(document: Document, context: BuildContext | None):
    for instruction in document.all_instructions():
        if instruction.keyword in ("ENV", "ARG"):
            for pair in instruction.key_values:
                known = _env_kind(pair.key)
                if known is None or (pair.value is None and known[1] != "password"):
                    continue
                yield IndexSetting(known[1], known[0], f"{instruction.keyword} {pair.key}",
                                   pair.value or "", instruction, pair.span)
        elif instruction.keyword == "RUN":
            secret = frozenset(flag.mount.options["env"] for flag in instruction.flags
                               if flag.mount is not None and flag.mount.type == "secret"
                               and flag.mount.options.get("env"))
            for script in run_scripts(document, instruction):
                yield from _shell_settings(instruction, script, secret)
            for _, script, call in installer_calls(document, [instruction]):
                yield from _call_settings(document, instruction, script, call, secret, context)


def _shell_settings(instruction: Instruction, script: RunScript, secret: frozenset[str]):
    text = script.text
    for command in script.script.commands:
        real = unwrap(command)
        for name, value in real.assignments:
            known = _env_kind(name)
            if known is not None:
                span = _assignment_span(script, name, command.start, real.argv[0].start)
                yield IndexSetting(known[1], known[0], name, value, instruction, span,
                                   secret_env=secret)
    for name, value in script.script.exports.items():
        known = _env_kind(name)
        if known is not None:
            span = _assignment_span(script, name, 0, len(text))
            yield IndexSetting(known[1], known[0], f"export {name}", value, instruction, span,
                               secret_env=secret)


def _assignment_span(script: RunScript, name: str, start: int, end: int) -> Span:
    match = re.compile(rf"(?<![\w$]){re.escape(name)}=").search(script.text, start, end)
    if match is None:
        return script.span(start, end)
    stop = match.end()
    quote = script.text[stop:stop + 1]
    if quote in ("'", '"'):
        close = script.text.find(quote, stop + 1)
        stop = close + 1 if close > 0 else len(script.text)
    else:
        while stop < len(script.text) and not script.text[stop].isspace() \
                and script.text[stop] not in ";&|":
            stop += 1
    return script.span(match.start(), stop)


def _call_settings(document, instruction, script, call, secret, context):
    tool = "uv" if call.tool == "uv-pip" else call.tool
    for option, words in call.option_words.items():
        kind = _INDEX_OPTION.get(tool) if option == "--index" else _OPTIONS.get(option)
        for word, value in zip(words, call.options[option]):
            if kind is not None and value is not None:
                name = word.text.split("=")[0] if word.text.startswith("--") else word.text[:2]
                end = _value_word(call.command, word).end
                yield IndexSetting(kind, tool, name, value, instruction,
                                   script.span(word.start, end), secret_env=secret)
    yield from _config_settings(instruction, script, call, tool, secret)
    if call.tool in ("pip", "uv-pip") and call.requirements:
        files = image_files(document, instruction, context)
        for word, loaded in call_requirements(document, instruction, call, context):
            source = files.resolve(word.text)
            mounted = source is not None and source.instruction is instruction
            for line in loaded.lines if loaded else ():
                kind = _REQUIREMENT_OPTIONS.get(line.option or "")
                if kind is not None and line.value:
                    yield IndexSetting(kind, tool, line.option, line.value, instruction,
                                       script.word_span(word), line, secret, mounted)


def _config_settings(instruction, script, call, tool, secret):
    """``pip config set``, ``poetry config`` and ``poetry source add``."""
    operands = _operands(call)
    found = []  # (kind, name, value word, first word of the span)
    if tool == "pip" and call.subcommand == "config" and len(operands) >= 3 \
            and operands[0].text == "set":
        kind = _PIP_CONFIG.get(operands[1].text.split(".", 1)[-1])
        if kind:
            found.append((kind, f"pip config set {operands[1].text}", operands[2], operands[1]))
    elif tool == "poetry" and call.subcommand == "config" and len(operands) >= 2 \
            and not call.has_option("--unset"):
        key = operands[0].text
        name = f"poetry config {key}"
        if key.startswith("http-basic.") and len(operands) >= 3:
            found.append(("password", name, operands[2], operands[2]))
        elif key.startswith("pypi-token."):
            found.append(("password", name, operands[1], operands[1]))
        elif key.startswith("repositories."):
            found.append(("index-url", name, operands[1], operands[1]))
        elif key.startswith("certificates.") and key.endswith(".cert"):
            found.append(("cert", name, operands[1], operands[0]))
    elif tool == "poetry" and call.subcommand == "source add" and len(operands) >= 2:
        found.append(("index-url", f"poetry source add {operands[0].text}", operands[1],
                      operands[1]))
    for kind, name, value, first in found:
        yield IndexSetting(kind, tool, name, value.text, instruction,
                           script.span(first.start, value.end), secret_env=secret)


def _operands(call: PipInvocation) -> list[ShellWord]:
    """The words after the subcommand that are no options (``--priority x`` skipped)."""
    argv = call.command.argv
    last = call.subcommand.split()[-1] if call.subcommand else None
    start = next((i for i, w in enumerate(argv) if i and w.text == last), len(argv))
    operands, skip = [], False
    for word in argv[start + 1:]:
        if skip:
            skip = False
        elif word.text.startswith("-"):
            skip = word.text in ("--priority", "--editor")
        else:
            operands.append(word)
    return operands


def _value_word(command: SimpleCommand, word: ShellWord) -> ShellWord:
    """The word holding an option's value: the option itself (``--opt=v``, ``-iv``) or the next."""
    argv = command.argv
    index = next((i for i, w in enumerate(argv) if w is word), None)
    attached = "=" in word.text if word.text.startswith("--") else len(word.text) > 2
    if attached or index is None or index + 1 >= len(argv):
        return word
    return argv[index + 1]
