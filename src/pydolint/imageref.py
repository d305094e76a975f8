"""Image references as ``FROM`` takes them, following Docker's reference grammar.

The grammar and the normalisation are those of ``github.com/distribution/reference``
(``regexp.go`` and ``normalize.go``), which BuildKit uses for ``FROM``::

    reference  := name [ ":" tag ] [ "@" digest ]
    name       := [ domain "/" ] path-component [ "/" path-component ]*
    domain     := host [ ":" port ]            (first component with "." or ":",
                                                 or "localhost", or upper case)
    tag        := [\\w][\\w.-]{0,127}
    digest     := algorithm ":" hex

A name without a domain lives on ``docker.io``; a single-component name there
is an official image and gets the ``library/`` prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_REGISTRY = "docker.io"
LEGACY_REGISTRY = "index.docker.io"
OFFICIAL_PREFIX = "library/"
NAME_TOTAL_LENGTH_MAX = 255

_ALPHANUMERIC = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_PATH_COMPONENT = rf"{_ALPHANUMERIC}(?:{_SEPARATOR}{_ALPHANUMERIC})*"
_REMOTE_NAME = re.compile(rf"{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*")
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = re.compile(
    rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
)
_TAG = re.compile(r"[\w][\w.-]{0,127}", re.ASCII)
_DIGEST = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}")
_IDENTIFIER = re.compile(r"[a-f0-9]{64}")
# go-digest accepts only registered algorithms, with lower-case hex of fixed length.
_DIGEST_HEX_LENGTH = {"sha256": 64, "sha384": 96, "sha512": 128}


@dataclass(frozen=True, slots=True)
class ImageRef:
    registry: str  # "docker.io", "ghcr.io", "localhost:5000"
    repository: str  # "library/python", "bitnami/python", "a/b"
    tag: str | None
    digest: str | None  # "sha256:<hex>"
    raw: str

    @property
    def name(self) -> str:
        """The canonical name: ``docker.io/library/python``."""
        return f"{self.registry}/{self.repository}"

    @property
    def familiar_name(self) -> str:
        """The name as people write it: ``python``, ``bitnami/python``, ``ghcr.io/a/b``."""
        if self.registry != DEFAULT_REGISTRY:
            return self.name
        return self.repository.removeprefix(OFFICIAL_PREFIX)

    @property
    def familiar(self) -> str:
        """Familiar name with the tag and digest: ``python:3.12-slim``."""
        text = self.familiar_name
        if self.tag is not None:
            text += f":{self.tag}"
        if self.digest is not None:
            text += f"@{self.digest}"
        return text

    @property
    def is_official(self) -> bool:
        return self.registry == DEFAULT_REGISTRY and self.repository.startswith(OFFICIAL_PREFIX)

    @property
    def short_name(self) -> str:
        """The last path component: ``python`` for ``ghcr.io/org/python``."""
        return self.repository.rsplit("/", 1)[-1]

    @property
    def has_variables(self) -> bool:
        return "$" in self.raw


def _split_domain(name: str) -> tuple[str, str]:
    """``splitDockerDomain``: (domain, remote name) of a name without tag or digest."""
    first, slash, rest = name.partition("/")
    if not slash:
        return DEFAULT_REGISTRY, OFFICIAL_PREFIX + name
    if first == "localhost" or any(c in first for c in ".:") or first.lower() != first:
        domain, remote = first, rest
    else:
        domain, remote = DEFAULT_REGISTRY, name
    if domain == LEGACY_REGISTRY:
        domain = DEFAULT_REGISTRY
    if domain == DEFAULT_REGISTRY and "/" not in remote:
        remote = OFFICIAL_PREFIX + remote
    return domain, remote


def _valid_digest(digest: str) -> bool:
    if not _DIGEST.fullmatch(digest):
        return False
    algorithm, _, hex_part = digest.partition(":")
    length = _DIGEST_HEX_LENGTH.get(algorithm)
    return length == len(hex_part) and hex_part == hex_part.lower()


def parse_image_ref(text: str) -> ImageRef | None:
    """Parse what follows ``FROM``; None when Docker would reject it.

    Text that still holds ``$`` variables is not a reference yet, so it gives
    None too. Never raises.
    """
    if not isinstance(text, str):
        return None
    raw = text
    text = text.strip()
    if not text or "$" in text or _IDENTIFIER.fullmatch(text):
        return None

    digest = None
    if "@" in text:
        text, _, digest = text.partition("@")
        if not _valid_digest(digest):
            return None

    # A tag follows the last ":" unless that ":" belongs to a registry port.
    tag = None
    last_colon = text.rfind(":")
    if last_colon > text.rfind("/"):
        text, tag = text[:last_colon], text[last_colon + 1 :]
        if not _TAG.fullmatch(tag):
            return None

    registry, repository = _split_domain(text)
    if not _DOMAIN.fullmatch(registry) or not _REMOTE_NAME.fullmatch(repository):
        return None  # also catches upper-case repositories
    if len(registry) + 1 + len(repository) > NAME_TOTAL_LENGTH_MAX:
        return None
    return ImageRef(registry=registry, repository=repository, tag=tag, digest=digest, raw=raw)
