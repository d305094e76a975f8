"""A lazy, read-only view of a build context, the only way rules see the disk.

Paths are relative to the context root and '/'-separated; a leading '/' means
the root (as in COPY), and a path whose '..' climbs out of the root is treated
as missing.  Symlinks are resolved the way BuildKit resolves COPY sources
(``fs.RootPath``): confined to the root, absolute targets read relative to it.
Nothing is read until asked for, nothing is written, and file contents are
only read up to :data:`MAX_READ` bytes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from pydolint import gopath
from pydolint.dockerignore import DockerIgnore, find_ignore_file

__all__ = ["MAX_READ", "BuildContext"]

MAX_READ = 1 << 20  # bytes; larger files are "too large to read"
_MAX_LINKS = 40  # symlink hops before giving up, like the kernel
_WALK_CAP = 200_000  # entries any single walk may visit


class _WalkCapped(Exception):
    """A walk visited _WALK_CAP entries and gave up."""


class BuildContext:
    """The files a ``docker build`` of *root* could see, filtered by its ignore file."""

    def __init__(self, root: Path, dockerfile: Path | None = None) -> None:
        self.root = Path(root)
        self.dockerfile = None if dockerfile is None else Path(dockerfile)
        self.truncated = False  # set by files() when it stopped at its limit
        self._texts: dict[str, str | None] = {}
        self._re_included: dict[str, bool] = {}  # excluded dirs -> anything inside sent?

    # -- ignore file ---------------------------------------------------------

    @cached_property
    def dockerignore_path(self) -> Path | None:
        """The ignore file BuildKit would use (it may lie outside the context)."""
        return find_ignore_file(self.root, self.dockerfile)

    @cached_property
    def dockerignore(self) -> DockerIgnore | None:
        path = self.dockerignore_path
        if path is None:
            return None
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return None
        return DockerIgnore.from_text(text, source=path)

    def is_ignored(self, path: str) -> bool:
        """Whether the ignore file keeps *path* out of the context."""
        rel = self.normalize(path)
        ignore = self.dockerignore
        return rel is not None and ignore is not None and ignore.matches(rel)

    # -- single paths --------------------------------------------------------

    @staticmethod
    def normalize(path: str) -> str | None:
        """Clean *path* relative to the root; None when it climbs out of it."""
        rel = gopath.clean(path.lstrip("/") or ".")
        return None if rel == ".." or rel.startswith("../") else rel

    @cached_property
    def _real_root(self) -> str | None:
        real = os.path.realpath(self.root)
        return real if os.path.isdir(real) else None

    def _resolve(self, rel: str) -> str | None:
        """Absolute real path of *rel* with symlinks followed inside the root."""
        root = self._real_root
        if root is None:
            return None
        pending = [] if rel == "." else rel.split("/")
        pending.reverse()  # a stack: next component last
        done: list[str] = []
        hops = 0
        while pending:
            name = pending.pop()
            if name in ("", "."):
                continue
            if name == "..":
                if done:  # '..' never leaves the root
                    done.pop()
                continue
            candidate = os.path.join(root, *done, name)
            try:
                mode = os.lstat(candidate).st_mode
            except OSError:
                return None
            if not stat.S_ISLNK(mode):
                done.append(name)
                continue
            hops += 1
            if hops > _MAX_LINKS:
                return None
            target = os.readlink(candidate)
            if target.startswith("/"):
                done = []  # absolute targets are read relative to the root
            pending.extend(reversed(target.split("/")))
        return os.path.join(root, *done)

    def exists(self, path: str) -> bool:
        """Whether *path* is on disk (ignore file not applied; see is_ignored)."""
        rel = self.normalize(path)
        return rel is not None and self._resolve(rel) is not None

    def is_dir(self, path: str) -> bool:
        rel = self.normalize(path)
        real = None if rel is None else self._resolve(rel)
        return real is not None and os.path.isdir(real)

    def read_text(self, path: str) -> str | None:
        """UTF-8 content of a regular file; None if missing, too large or not UTF-8."""
        rel = self.normalize(path)
        if rel is None:
            return None
        if rel not in self._texts:
            self._texts[rel] = self._read(rel)
        return self._texts[rel]

    def _read(self, rel: str) -> str | None:
        real = self._resolve(rel)
        if real is None:
            return None
        try:
            info = os.stat(real)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_READ:
                return None
            with open(real, "rb") as handle:
                data = handle.read(MAX_READ + 1)  # the file may have grown
        except OSError:
            return None
        if len(data) > MAX_READ:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    # -- walking -------------------------------------------------------------

    def _listdir(self, rel: str) -> list[tuple[str, bool]]:
        """(name, is_dir) of a directory's entries, sorted; symlinks are not dirs."""
        root = self._real_root
        if root is None:
            return []
        try:
            with os.scandir(os.path.join(root, rel) if rel else root) as it:
                entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
        except OSError:
            return []
        return sorted(entries)

    def _prunable(self, rel: str) -> bool:
        """An excluded directory nothing inside of which can reach the build."""
        ignore = self.dockerignore
        if ignore is None or not ignore.matches(rel):
            return False
        # An ignored .git is never worth entering, whatever "!" lines say.
        return rel.rpartition("/")[2] == ".git" or ignore.excludes_dir_entirely(rel)

    def _walk(
        self, start: str = "", skip: set[str] | None = None
    ) -> Iterator[tuple[str, bool, bool]]:
        """Yield (path, is_dir, excluded) below *start*, parents before children.

        Prunable directories are neither yielded nor entered; directories whose
        path is added to *skip* while the walk runs are not entered either.
        Raises _WalkCapped after visiting _WALK_CAP entries.
        """
        ignore = self.dockerignore
        stack = [start]
        visited = 0
        while stack:
            directory = stack.pop()
            if skip is not None and directory in skip:
                continue
            subdirs = []
            for name, is_dir in self._listdir(directory):
                visited += 1
                if visited > _WALK_CAP:
                    raise _WalkCapped
                rel = f"{directory}/{name}" if directory else name
                if is_dir and self._prunable(rel):
                    continue
                yield rel, is_dir, ignore is not None and ignore.matches(rel)
                if is_dir:
                    subdirs.append(rel)
            stack.extend(reversed(subdirs))

    def _sends_something(self, rel: str, is_dir: bool, excluded: bool) -> bool:
        """Whether the entry reaches the builder (an excluded dir does if anything inside does)."""
        if not excluded:
            return True
        if not is_dir or self._prunable(rel):
            return False
        if rel not in self._re_included:
            try:
                sent = any(not inner for _, _, inner in self._walk(rel))
            except _WalkCapped:
                sent = True  # too big to tell: assume the worst
            self._re_included[rel] = sent
        return self._re_included[rel]

    def files(self, limit: int = 20000) -> list[str]:
        """Sorted non-directory paths the context sends; stops at *limit* (see truncated)."""
        self.truncated = False
        out: list[str] = []
        try:
            for rel, is_dir, excluded in self._walk():
                if is_dir or excluded:
                    continue
                if len(out) >= limit:
                    self.truncated = True
                    break
                out.append(rel)
        except _WalkCapped:
            self.truncated = True
        return sorted(out)

    def unignored_examples(self, candidates: Iterable[str], limit: int = 50000) -> dict[str, str]:
        """For each candidate pattern present and sent, one path that shows it.

        A candidate is a ``filepath.Match`` pattern matched against entry names
        at any depth (``.env*``, ``*.pem``), or against the whole path when it
        contains a '/' (``.aws/credentials``); a trailing '/' restricts it to
        directories (``node_modules/``).  A directory found this way is not
        entered, and the walk stops once every candidate is found or after
        *limit* entries.
        """
        specs = []
        for candidate in dict.fromkeys(candidates):
            body = candidate.rstrip("/")
            if body:
                specs.append((candidate, body, candidate.endswith("/"), "/" in body))
        found: dict[str, str] = {}
        skip: set[str] = set()
        try:
            for count, (rel, is_dir, excluded) in enumerate(self._walk(skip=skip)):
                if count >= limit or len(found) == len(specs):
                    break
                name = rel.rpartition("/")[2]
                hits = [
                    spec
                    for spec in specs
                    if (is_dir or not spec[2]) and gopath.match(spec[1], rel if spec[3] else name)
                ]
                if not hits or not self._sends_something(rel, is_dir, excluded):
                    continue
                for candidate, _, dir_only, _ in hits:
                    found.setdefault(candidate, rel)
                    if dir_only:
                        skip.add(rel)  # known bloat: no need to look inside
        except _WalkCapped:
            pass  # best effort: report what was found so far
        return {spec[0]: found[spec[0]] for spec in specs if spec[0] in found}

    def present_unignored(self, candidates: Iterable[str]) -> list[str]:
        """The candidates (see :meth:`unignored_examples`) that exist and are sent."""
        return list(self.unignored_examples(candidates))

    # -- COPY sources --------------------------------------------------------

    def _visible(self, rel: str, is_dir: bool) -> bool:
        """Whether *rel* (a real path) is in the context the builder receives."""
        ignore = self.dockerignore
        if ignore is None or rel == "." or not ignore.matches(rel):
            return True
        return self._sends_something(rel, is_dir, True)

    def _relative(self, real: str) -> str:
        root = self._real_root or ""
        return "." if real == root else os.path.relpath(real, root).replace(os.sep, "/")

    def glob(self, pattern: str, respect_ignore: bool = True) -> list[str]:
        """Expand a COPY/ADD source the way BuildKit does; sorted paths, [] if none.

        Components up to the first wildcard are a literal directory; the rest
        is one ``filepath.Match`` pattern tried against every path below it
        (``*`` never crosses '/', so ``**`` is just ``*``), and a matching
        directory is not searched further.  With *respect_ignore* only what
        the ignore file lets through counts, as for a real build.
        """
        rel = self.normalize(pattern)
        if rel is None:
            return []
        parts = [] if rel == "." else rel.split("/")
        cut = next((i for i, part in enumerate(parts) if gopath.has_wildcards(part)), len(parts))
        head = "/".join(parts[:cut]) or "."
        if cut == len(parts):  # no wildcard: the path itself
            real = self._resolve(head)
            if real is None:
                return []
            if respect_ignore and not self._visible(self._relative(real), os.path.isdir(real)):
                return []
            return [head]
        tail = "/".join(parts[cut:])
        try:
            compiled = gopath.compile_glob(tail)
        except gopath.BadPattern:
            return []  # BuildKit ignores the error and finds no match
        base_real = self._resolve(head)
        if base_real is None or not os.path.isdir(base_real):
            return []
        base = self._relative(base_real)
        base = "" if base == "." else base
        # '*' and '?' stay within a component; only a class can match '/'.
        max_depth = len(parts) - cut + tail.count("[")
        matches: list[str] = []
        stack = [(base, 0)]
        while stack:
            directory, depth = stack.pop()
            for name, is_dir in self._listdir(directory):
                rel_path = f"{directory}/{name}" if directory else name
                if respect_ignore and not self._visible(rel_path, is_dir):
                    continue
                below = rel_path[len(base) + 1 :] if base else rel_path
                if compiled.match(below):
                    matches.append(rel_path)
                elif is_dir and depth + 1 < max_depth:
                    stack.append((rel_path, depth + 1))
        return sorted(matches)

    def resolve_copy_sources(self, sources: Iterable[str]) -> list[str]:
        """Every context path the COPY sources name, in source order, without repeats."""
        out: dict[str, None] = {}
        for source in sources:
            out.update(dict.fromkeys(self.glob(source)))
        return list(out)

    def is_whole_context(self, source: str) -> bool:
        """Whether a COPY source sends every top-level entry (``.``, ``./``, ``/``, ``*``).

        ``*`` matches dotfiles too, so it also picks up ``.git`` and ``.env``;
        note that it copies each matched directory's *contents*, not the directory.
        """
        rel = self.normalize(source)
        return rel is not None and (rel == "." or set(rel) == {"*"})
