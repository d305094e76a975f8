"""What a whole-context COPY sends into the image: secrets and bloat nobody ignored.

``whole_context_copies`` finds ``COPY . .``-style sources (``.``, ``./``,
``/``, ``*``) read from the build context. ``leaks`` lists the secret and
bloat patterns of ``knowledge/context_hygiene.toml`` that match something
the context sends (the ignore file applied), each with one example path and
the ``.dockerignore`` line that would exclude it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from fnmatch import fnmatchcase

from pydolint import gopath
from pydolint.analysis.copy_instructions import Copy, Source, copies
from pydolint.context import BuildContext
from pydolint.model import Document


@dataclass(frozen=True, slots=True)
class Leak:
    kind: str  # "secret" or "bloat"
    pattern: str  # from the data file: ".env.*", "__pycache__/"
    example: str  # a context path it matches

    @property
    def ignore_line(self) -> str:
        """The .dockerignore line that keeps it out (patterns are anchored at the root)."""
        core = self.pattern.rstrip("/")
        nested = "/" in self.example.rstrip("/") and "/" not in core
        return f"**/{core}" if nested else core


def whole_context_copies(document: Document) -> list[tuple[Copy, Source]]:
    """(COPY, source) for every source that sends the whole build context."""
    return [(copy, source) for copy in copies(document) for source in copy.context_sources
            if source.text is not None and _is_whole(source.text)]


def _is_whole(text: str) -> bool:
    rel = BuildContext.normalize(text)
    return rel is not None and (rel == "." or set(rel) == {"*"})


def leaks(document: Document, context: BuildContext) -> list[Leak]:
    """Secret and bloat patterns present in what ``context`` sends, secrets first."""
    return document.cached(("context_leaks", id(context)), lambda: _leaks(context))


def _leaks(context: BuildContext) -> list[Leak]:
    from pydolint.knowledge import load

    data = load("context_hygiene.toml")
    secrets, bloat = data["secrets"]["patterns"], data["bloat"]["patterns"]
    not_secret = data["secrets"]["not_secret"]
    found = context.unignored_examples([*secrets, *bloat])
    result = []
    files: list[str] | None = None
    for pattern in secrets:
        example = found.get(pattern)
        if example is not None and (_harmless(example, not_secret) or not pattern.endswith("/")
                                    and context.is_dir(example)):
            if files is None:
                files = context.files()
            example = next((f for f in files if _matches(pattern, f)
                            and not _harmless(f, not_secret)), None)
        if example is not None:
            result.append(Leak("secret", pattern, example))
    result += [Leak("bloat", p, found[p]) for p in bloat if p in found]
    return result


def _harmless(path: str, not_secret: list[str]) -> bool:
    name = posixpath.basename(path)
    return any(fnmatchcase(name, pattern) for pattern in not_secret)


def _matches(pattern: str, path: str) -> bool:
    """Whether a file path shows ``pattern`` (a name, a path, or a directory with "/")."""
    body = pattern.rstrip("/")
    parts = path.split("/")
    if pattern.endswith("/"):
        return any(gopath.match(body, part) for part in parts[:-1])
    return gopath.match(body, path if "/" in body else parts[-1])
