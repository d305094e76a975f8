"""Which build-context file a path inside the image came from, at a given instruction.

Follows WORKDIR and the COPY/ADD instructions of the stage and the stages it
is built FROM, heredoc COPYs (content inline), and the RUN's own bind mounts.
Used to find the requirements file that ``pip install -r X`` reads.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from pydolint.analysis.stages import lineage_instructions
from pydolint.context import BuildContext
from pydolint.model import Document, Instruction


@dataclass(frozen=True, slots=True)
class Source:
    context_path: str | None  # relative to the context root; None for inline content
    text: str | None  # heredoc content, or None to read from the context
    instruction: Instruction  # the COPY, ADD or RUN (bind mount) that put it there


@dataclass(frozen=True, slots=True)
class _Copy:
    destination: str  # absolute path in the image
    into_directory: bool  # destination is a directory the sources go into
    sources: tuple[str, ...]
    instruction: Instruction
    inline: dict[str, tuple[str, str]]  # source word ("<<EOF") -> (file name, content)


class ImageFiles:
    def __init__(self, workdir: str, copies: list[_Copy], context: BuildContext | None) -> None:
        self.workdir = workdir
        self._copies = copies
        self._context = context

    def absolute(self, path: str) -> str:
        return posixpath.normpath(posixpath.join(self.workdir, path))

    def resolve(self, path: str) -> Source | None:
        """Where the image file at ``path`` (absolute or relative to WORKDIR) came from."""
        target = self.absolute(path)
        for copy in reversed(self._copies):  # the last COPY that wrote it wins
            found = self._from_copy(copy, target)
            if found is not None:
                return found
        return None

    def _from_copy(self, copy: _Copy, target: str) -> Source | None:
        for source in copy.sources:
            if source in copy.inline:
                name, text = copy.inline[source]
                path = copy.destination if not copy.into_directory else \
                    posixpath.join(copy.destination, name)
                if path == target:
                    return Source(None, text, copy.instruction)
                continue
            clean = posixpath.normpath(source.lstrip("/")) if source not in (".", "./") else "."
            if not copy.into_directory:
                if target == copy.destination:
                    return Source(clean, None, copy.instruction)
                if self._is_dir(clean) and target.startswith(copy.destination + "/"):
                    return Source(self._join(clean, target[len(copy.destination) + 1:]), None,
                                  copy.instruction)
                continue
            if self._is_dir(clean):  # a directory's contents go into the destination
                if target.startswith(copy.destination.rstrip("/") + "/"):
                    rest = target[len(copy.destination.rstrip("/")) + 1:]
                    candidate = self._join(clean, rest)
                    if self._context is None or self._context.exists(candidate):
                        return Source(candidate, None, copy.instruction)
            elif target == posixpath.join(copy.destination, posixpath.basename(clean)):
                return Source(clean, None, copy.instruction)
        return None

    def _is_dir(self, path: str) -> bool:
        return path == "." or (self._context is not None and self._context.is_dir(path))

    @staticmethod
    def _join(directory: str, rest: str) -> str:
        return rest if directory == "." else posixpath.join(directory, rest)


def image_files(document: Document, instruction: Instruction,
                context: BuildContext | None) -> ImageFiles:
    """The image's files as ``instruction`` sees them."""
    if instruction.stage is None:
        return ImageFiles("/", [], context)
    workdir = "/"
    copies: list[_Copy] = []
    for earlier in lineage_instructions(document, document.stages[instruction.stage]):
        if earlier is instruction:
            break
        if earlier.keyword == "WORKDIR" and earlier.value:
            expanded = earlier.variables.expand(earlier.value[0])
            workdir = posixpath.normpath(posixpath.join(
                workdir, expanded.result if expanded else earlier.value[0]))
        elif earlier.keyword in ("COPY", "ADD") and earlier.flag("from") is None \
                and len(earlier.value) >= 2:
            copies.append(_copy(earlier, workdir))
    for flag in instruction.flags:  # the RUN's own bind mounts from the context
        mount = flag.mount
        if mount is not None and mount.type == "bind" and not mount.from_ and mount.target:
            copies.append(_Copy(posixpath.normpath(posixpath.join(workdir, mount.target)), False,
                                (mount.source or ".",), instruction, {}))
    return ImageFiles(workdir, copies, context)


def _copy(instruction: Instruction, workdir: str) -> _Copy:
    *sources, destination = instruction.value
    expanded = instruction.variables.expand(destination)
    destination = expanded.result if expanded else destination
    into_directory = destination.endswith("/") or len(sources) > 1 or destination in (".", "./")
    absolute = posixpath.normpath(posixpath.join(workdir, destination))
    inline = {}
    for heredoc in instruction.heredocs:
        for source in sources:
            if source.lstrip("0123456789").startswith("<<") and heredoc.name in source:
                inline[source] = (heredoc.name, heredoc.text)
    local = [s for s in sources if not s.startswith(("http://", "https://", "git@"))]
    return _Copy(absolute, into_directory, tuple(local), instruction, inline)
