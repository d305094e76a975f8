"""COPY and ADD instructions: their sources, what kind each is, and where they land.

Sources are classified the way BuildKit's ``dispatchCopy`` does: an inline
heredoc (``<<EOF``), a Git repository (``git@host:repo``, ``ssh://``,
``git://``, or an http(s) URL whose path ends in ``.git``), a URL (other
``http://``/``https://``), or a path in the build context (or in the
``--from`` stage or image). Variables are substituted with the ARG and ENV
values in effect; a source whose variable has no value keeps ``text=None``.
ONBUILD instructions are left out: they run in another build's context.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydolint.model import Document, Flag, Heredoc, Instruction, Word

ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".taz", ".tar.z", ".tar.bz2", ".tbz", ".tbz2",
                    ".tb2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".tar.lz", ".tar.lzma",
                    ".tlz", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma", ".z")
_GIT_SCP = re.compile(r"^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:")


@dataclass(frozen=True, slots=True)
class Source:
    word: Word  # the argument as written
    text: str | None  # after variable substitution; None when a variable has no value
    kind: str  # "local", "url", "git" or "heredoc"
    heredoc: Heredoc | None = None

    @property
    def is_archive(self) -> bool:
        """A local tar archive (possibly compressed), which ADD unpacks."""
        return self.text is not None and self.text.lower().endswith(ARCHIVE_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Copy:
    instruction: Instruction
    sources: tuple[Source, ...]
    destination: Word
    destination_text: str | None  # after variable substitution
    from_: Flag | None  # ``--from``: sources come from a stage or image, not the context

    @property
    def context_sources(self) -> list[Source]:
        """Local sources read from the build context (none with ``--from``)."""
        return [] if self.from_ is not None else [s for s in self.sources if s.kind == "local"]

    @property
    def into_directory(self) -> bool:
        """The destination is a directory: it ends in ``/`` (``\\`` on Windows) or is ``.``."""
        text = self.destination_text
        return text is not None and (text in (".", "..")
                                     or text.endswith(("/", "\\", "/.", "/..")))


def copies(document: Document) -> list[Copy]:
    """Every COPY and ADD with a destination, in document order."""
    return document.cached("copy_instructions", lambda: [
        found for found in (_copy(i) for i in document.instructions
                            if i.keyword in ("COPY", "ADD")) if found is not None])


def _copy(instruction: Instruction) -> Copy | None:
    if len(instruction.args) < 2:
        return None
    *words, destination = instruction.args
    sources = []
    for word in words:
        heredoc = _heredoc(instruction, word.text)
        if heredoc is not None:
            sources.append(Source(word, heredoc.name, "heredoc", heredoc))
            continue
        text = _expand(instruction, word.text)
        sources.append(Source(word, text, source_kind(text or word.text)))
    return Copy(instruction, tuple(sources), destination, _expand(instruction, destination.text),
                instruction.flag("from"))


def _expand(instruction: Instruction, text: str) -> str | None:
    if instruction.form == "exec" and "$" not in text:
        return text
    expanded = instruction.variables.expand(text)
    return expanded.result if expanded is not None and not expanded.unmatched else None


def _heredoc(instruction: Instruction, text: str) -> Heredoc | None:
    if not text.startswith("<<"):
        return None
    name = text[2:].lstrip("-").strip("\"'")
    return next((h for h in instruction.heredocs if h.name == name), None)


def source_kind(text: str) -> str:
    """"url", "git" or "local", as BuildKit tells them apart."""
    lowered = text.lower()
    if lowered.startswith(("git://", "ssh://")) or _GIT_SCP.match(text):
        return "git"
    if lowered.startswith(("http://", "https://")):
        try:
            path = urlsplit(text).path
        except ValueError:
            path = text
        return "git" if path.endswith(".git") else "url"
    return "local"


def workdir_at(document: Document, instruction: Instruction) -> str:
    """The working directory an instruction runs in (absolute)."""
    from pydolint.analysis.image_files import image_files

    return document.cached(("copy_instructions.workdir", id(instruction)),
                           lambda: image_files(document, instruction, None).workdir)


def destination_path(document: Document, copy: Copy) -> str | None:
    """The absolute path in the image the COPY writes to (a directory or a file)."""
    if copy.destination_text is None:
        return None
    return posixpath.normpath(posixpath.join(workdir_at(document, copy.instruction),
                                             copy.destination_text))


def written_paths(document: Document, copy: Copy, context=None) -> list[str]:
    """Absolute image paths a COPY writes: a file, or the top of a copied tree.

    A source copied into a directory lands at ``dest/<name>`` when it is a
    file; a directory (``.``, ``src/``, one the build context says is a
    directory, or a name without a dot when the context is unknown) or a
    wildcard spreads its contents under ``dest`` itself.
    """
    destination = destination_path(document, copy)
    if destination is None:
        return []
    into = copy.into_directory or len(copy.sources) > 1
    found = []
    for source in copy.sources:
        name = posixpath.basename((source.text or "").rstrip("/"))
        tree = source.kind != "heredoc" and (
            source.text is None or not name or name in (".", "..") or source.text.endswith("/")
            or any(c in name for c in "*?[") or _is_dir(source, name, copy, context))
        found.append(destination if tree or not into else posixpath.join(destination, name))
    return list(dict.fromkeys(found))


def _is_dir(source: Source, name: str, copy: Copy, context) -> bool:
    if source.kind == "url":
        return False
    if context is not None and copy.from_ is None and source.kind == "local":
        return context.is_dir(source.text)
    return source.kind == "git" or "." not in name
