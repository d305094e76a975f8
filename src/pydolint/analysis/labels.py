"""Image labels: the LABELs an image ends up with, and checks of keys and value formats.

Key rules follow Docker's label guidance as hadolint reads it (DL3048): a key
starts with a lower-case letter, ends with a letter or digit, uses only
``a-z 0-9 . - _ /``, has no ``..`` or ``--`` and stays out of the reserved
``com.docker.``, ``io.docker.`` and ``org.dockerproject.`` namespaces.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydolint.model import Document, Instruction, KeyValue, Stage

RESERVED_NAMESPACES = ("com.docker.", "io.docker.", "org.dockerproject.")
_KEY = re.compile(r"^[a-z][a-z0-9._/-]*$")


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    value: str | None  # after variable substitution; None when a variable has no value
    pair: KeyValue
    instruction: Instruction


def labels(instruction: Instruction) -> list[Label]:
    """The labels one LABEL instruction sets, values expanded."""
    found = []
    for pair in instruction.key_values:
        result = instruction.variables.expand(pair.raw_value or "")
        value = result.result if result is not None and not result.unmatched else None
        found.append(Label(pair.key, value, pair, instruction))
    return found


def image_labels(document: Document, stage: Stage) -> dict[str, Label]:
    """Every label the stage's image carries from this Dockerfile (ancestor stages included)."""
    from pydolint.analysis.stages import lineage_instructions

    result: dict[str, Label] = {}
    for instruction in lineage_instructions(document, stage):
        if instruction.keyword == "LABEL":
            result.update((label.key, label) for label in labels(instruction))
    return result


def key_problem(key: str) -> str | None:
    """Why a label key breaks the naming rules, or None."""
    if "$" in key:
        return None
    if not key or not key[0].islower() or not key[0].isascii():
        return "must start with a lower-case letter"
    if not _KEY.match(key):
        bad = sorted({c for c in key if not re.match(r"[a-z0-9._/-]", c)})
        return f"may only use lower-case letters, digits, '.', '-', '_' and '/' (not {''.join(bad)!r})"
    if not key[-1].isalnum():
        return "must end with a letter or a digit"
    if ".." in key or "--" in key:
        return "must not repeat '.' or '-'"
    for namespace in RESERVED_NAMESPACES:
        if key.startswith(namespace):
            return f"uses the reserved namespace '{namespace}'"
    return None


_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")
_RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
                      r"([Zz]|[+-](\d{2}):(\d{2}))$")
_GIT_HASH = re.compile(r"^(?:[0-9a-f]{7}|[0-9a-f]{40})$")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_SPDX_TOKEN = re.compile(r"\(|\)|[A-Za-z0-9.+:-]+")
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")

FORMATS = {  # format -> what a value must look like (for messages)
    "text": "any non-empty text",
    "url": "an absolute URL such as https://github.com/org/app",
    "rfc3339": "an RFC 3339 time such as 2024-05-01T12:00:00Z",
    "semver": "a semantic version such as 1.4.2",
    "hash": "a git commit hash (7 or 40 lower-case hex digits)",
    "spdx": "an SPDX license expression such as MIT or Apache-2.0 OR MIT",
    "email": "an e-mail address such as team@example.org",
}


def bad_format(fmt: str, value: str) -> bool:
    """True when ``value`` is not of the format (``fmt`` is one of FORMATS)."""
    if fmt == "text":
        return not value.strip()
    if fmt == "url":
        parts = urlsplit(value)
        return (not _URL_SCHEME.match(parts.scheme) or not (parts.netloc or parts.path)
                or any(c.isspace() for c in value))
    if fmt == "rfc3339":
        match = _RFC3339.match(value)
        if match is None:
            return True
        try:
            _dt.datetime(*(int(g) for g in match.groups()[:6]))
        except ValueError:
            return True
        return match.group(9) is not None and (int(match.group(9)) > 23 or int(match.group(10)) > 59)
    if fmt == "semver":
        return _SEMVER.match(value) is None
    if fmt == "hash":
        return _GIT_HASH.match(value) is None
    if fmt == "email":
        return _EMAIL.match(value) is None
    if fmt == "spdx":
        return not _valid_spdx(value)
    raise ValueError(fmt)


def _valid_spdx(expression: str) -> bool:
    try:
        from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression
    except ImportError:  # packaging < 24.2: only check the expression's shape
        tokens = _SPDX_TOKEN.findall(expression)
        return bool(tokens) and "".join(tokens) == "".join(expression.split())
    try:
        canonicalize_license_expression(expression)
    except InvalidLicenseExpression:
        return False
    return True
