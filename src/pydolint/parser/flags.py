"""Builder flags: which ones each instruction accepts, and ``--mount`` specs."""

from __future__ import annotations

import csv
from functools import lru_cache

from pydolint.model import Mount

KNOWN_FLAGS: dict[str, frozenset[str]] = {
    "FROM": frozenset({"platform"}),
    "RUN": frozenset({"mount", "network", "security", "device"}),
    "COPY": frozenset({"from", "chown", "chmod", "link", "parents", "exclude"}),
    "ADD": frozenset({"chown", "chmod", "link", "checksum", "keep-git-dir", "exclude", "unpack"}),
    "HEALTHCHECK": frozenset({"interval", "timeout", "start-period", "start-interval", "retries"}),
}


def split_flag(raw: str) -> tuple[str, str | None]:
    """``--mount=a=b`` -> ("mount", "a=b"); ``--link`` -> ("link", None)."""
    body = raw.removeprefix("--")
    name, sep, value = body.partition("=")
    return name, (value if sep else None)


@lru_cache(maxsize=4096)
def parse_mount(value: str) -> Mount:
    """A ``--mount`` value as BuildKit reads it: CSV fields of ``key=value``."""
    try:
        fields = next(csv.reader([value]), [])
    except csv.Error:
        fields = value.split(",")
    options: dict[str, str] = {}
    for field_text in fields:
        key, sep, val = field_text.partition("=")
        key = key.strip().lower()
        if key:
            options[key] = val if sep else "true"
    return Mount(type=options.get("type", "bind").lower(), options=options)
