"""Secrets in variable names and values, recognised without ever printing them.

``secret_name`` follows BuildKit's SecretsUsedInArgOrEnv check: a name one of
whose ``_``-separated words is ``password``, ``token``, ``key``... and none
``public``, ``file`` or ``version``. ``secret_values`` finds well-known
credential shapes (AWS keys, GitHub and PyPI tokens, private keys...) and
URLs with a password in a value, each described with the secret masked.
The patterns live in ``knowledge/secret_patterns.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache

MASK = "****"


@dataclass(frozen=True, slots=True)
class _Token:
    name: str
    pattern: re.Pattern[str]
    show: int


@cache
def _data():
    from pydolint.knowledge import load

    data = load("secret_patterns.toml")
    names = data["names"]

    def words(key: str) -> re.Pattern[str]:
        return re.compile(r"(?:_|^)(?:" + "|".join(map(re.escape, names[key])) + r")(?:_|$)",
                          re.IGNORECASE)

    tokens = tuple(_Token(t["name"], re.compile(t["pattern"]), t["show"]) for t in data["tokens"])
    return (words("deny"), words("allow"), tuple(n.upper() for n in names["not_secret"]),
            tokens, re.compile(data["urls"]["credentials"]))


def secret_name(name: str) -> bool:
    """Whether a variable name says it holds a secret (BuildKit's rule, known exceptions aside)."""
    deny, allow, not_secret, _, _ = _data()
    if any(fnmatchcase(name.upper(), pattern) for pattern in not_secret):
        return False
    return deny.search(name) is not None and allow.search(name) is None


def mask(secret: str, show: int = 0) -> str:
    """The first ``show`` characters of a secret, the rest hidden."""
    return secret[:show] + MASK


def secret_values(value: str) -> list[str]:
    """What secrets ``value`` holds, each described with the secret masked."""
    _, _, _, tokens, credentials = _data()
    found = []
    for token in tokens:
        match = token.pattern.search(value)
        if match:
            shown = f" (`{mask(match.group(), token.show)}`)" if token.show else ""
            found.append(f"{token.name}{shown}")
    for match in credentials.finditer(value):
        start = match.start(1)
        found.append(f"a URL with a password (`{value[match.start():start]}{MASK}@...`)")
    return found
