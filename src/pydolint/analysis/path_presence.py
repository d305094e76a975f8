"""Is a path in the image when an instruction runs, and what put it there?

``image_files`` answers which build-context file an image path came from when
a COPY names it. Rules that predict build failures also need to know when
nothing could have put a path there, so ``presence`` adds what
``image_files`` leaves out: ``COPY --from``, ADD of URLs, git repositories and
archives, glob sources, directories copied without a build context to look
into, files the build context lacks or ``.dockerignore`` excludes, RUN
commands that may have written the file, the RUN's own mounts, and base
images that may ship it. COPY and ADD are read through ``copy_instructions``.

``whole_context_sources`` finds ``COPY . .``-like copies of the whole context;
``named_copies`` lists the files a COPY or ADD names one by one; ``taken_from``
tells whether a ``COPY --from`` or ``--mount=from=`` takes a path out of stages.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from pydolint import gopath
from pydolint.analysis.caches import covers
from pydolint.analysis.commands import run_scripts
from pydolint.analysis.copy_instructions import Copy, copies, destination_path, workdir_at
from pydolint.analysis.image_files import image_files
from pydolint.analysis.shell import SimpleCommand, unwrap
from pydolint.analysis.stages import lineage_instructions, root_stage
from pydolint.context import BuildContext
from pydolint.model import Document, Instruction, Word

_RANK = {"copied": 3, "possible": 2, "missing": 1, "absent": 0}
# Commands that may create files whose names do not appear on their command line.
# Options whose value an installer only reads: ``pip install -r FILE`` does not create it.
_READ_FLAGS = frozenset({"-r", "--requirement", "--requirements", "-c", "--constraint",
                         "--constraints"})
_WRITERS = frozenset({"git", "svn", "hg", "cp", "mv", "ln", "rsync", "tar", "unzip", "bsdtar",
                      "7z", "install", "gsutil", "aws", "rclone", "scp", "patch"})


@dataclass(frozen=True, slots=True)
class Presence:
    state: str  # "copied", "possible", "missing" (a copied directory lacks it), "absent"
    instruction: Instruction | None  # what put it there, or the copy that would have
    context_path: str | None = None  # the build-context path it comes (or would come) from
    ignored: bool = False  # "missing": the context has it but .dockerignore excludes it


@dataclass(frozen=True, slots=True)
class NamedCopy:
    instruction: Instruction
    word: Word  # the source as written
    source: str  # the build-context path
    path: str  # the absolute image path it lands on


def presence(document: Document, instruction: Instruction, path: str,
             context: BuildContext | None, before: SimpleCommand | None = None) -> Presence:
    """Whether the absolute image ``path`` exists when ``instruction`` runs (``before``:
    a command of that RUN; the commands before it count too)."""
    source = image_files(document, instruction, context).resolve(path)
    if source is not None:
        ignored = bool(source.context_path and context is not None
                       and context.is_ignored(source.context_path))
        return Presence("missing" if ignored else "copied", source.instruction,
                        source.context_path, ignored)
    best = Presence("absent", None)
    if instruction.stage is None:
        return best
    stage = document.stages[instruction.stage]
    for earlier in lineage_instructions(document, stage):
        if earlier is instruction:
            break
        verdicts = []
        copy = copy_of(document, earlier)
        if copy is not None:
            verdicts = _copy_verdicts(document, copy, path, context)
        elif earlier.keyword == "RUN" and _may_write(document, earlier, path, None):
            verdicts = [Presence("possible", earlier)]
        for verdict in verdicts:
            if _RANK[verdict.state] > _RANK[best.state]:
                best = verdict
    if _RANK[best.state] >= _RANK["possible"]:
        return best
    if _mounted(instruction, path, workdir_at(document, instruction)) or (
            before is not None and _may_write(document, instruction, path, before)):
        return Presence("possible", instruction)
    base = root_stage(document, stage)
    if not base.is_scratch and (base.image_ref is None or not base.image_ref.is_official):
        return Presence("possible", base.from_instruction)  # the base image may ship it
    return best


def whole_context_sources(document: Document, instruction: Instruction) -> list[Word]:
    """The sources of a COPY/ADD (not ``--from``) that send the whole context: ``.``, ``*``."""
    copy = copy_of(document, instruction)
    found = []
    for source in copy.context_sources if copy is not None else ():
        clean = BuildContext.normalize(source.text) if source.text is not None else None
        if clean is not None and (clean == "." or set(clean) == {"*"}):
            found.append(source.word)
    return found


def copy_of(document: Document, instruction: Instruction) -> Copy | None:
    """The ``copy_instructions`` reading of a COPY or ADD."""
    table = document.cached("path_presence.copies",
                            lambda: {id(c.instruction): c for c in copies(document)})
    return table.get(id(instruction))


def named_copies(document: Document, instruction: Instruction) -> list[NamedCopy]:
    """Files a COPY/ADD (not ``--from``) names literally, with where each lands."""
    found = []
    for copy in filter(None, [copy_of(document, instruction)]):
        base = destination_path(document, copy)
        sources = copy.context_sources
        into = copy.into_directory or len(copy.sources) > 1
        for source in sources if base is not None else ():
            clean = BuildContext.normalize(source.text) if source.text is not None else None
            if clean is None or clean == "." or any(gopath.has_wildcards(part)
                                                    for part in clean.split("/")):
                continue
            path = posixpath.join(base, posixpath.basename(clean)) if into else base
            found.append(NamedCopy(instruction, source.word, clean, path))
    return found


def taken_from(document: Document, path: str, stages: set[int]) -> bool:
    """A ``COPY --from`` or ``RUN --mount=from=`` naming one of these stages (by index)
    takes ``path``, or a directory or glob that may hold it."""
    names = {str(i) for i in stages} | {(document.stages[i].name or "").lower() for i in stages}
    for instruction in document.instructions:
        for flag in instruction.flags:
            source = flag.value if flag.name == "from" else (
                flag.mount.from_ if flag.mount is not None else None)
            if source is None or source.lower() not in names:
                continue
            texts = instruction.value[:-1] if flag.name == "from" else [
                flag.mount.source or "/"]
            if any(gopath.has_wildcards(t) or covers(posixpath.normpath("/" + t.lstrip("/")),
                                                     path) for t in texts):
                return True
    return False


# --- COPY and ADD -------------------------------------------------------------

def _copy_verdicts(document: Document, copy: Copy, path: str,
                   context: BuildContext | None) -> list[Presence]:
    base = destination_path(document, copy)
    here = copy.instruction
    if base is None:
        return [Presence("possible", here)]
    into = copy.into_directory or len(copy.sources) > 1
    if path == base:
        return [] if into else [Presence("possible", here)]
    if not path.startswith(base.rstrip("/") + "/"):
        return []
    rest = path[len(base.rstrip("/")) + 1:]
    verdicts = []
    for source in copy.sources:
        if source.kind == "heredoc":
            continue  # image_files knows them
        if source.text is None or copy.from_ is not None or source.kind != "local" \
                or (here.keyword == "ADD" and source.is_archive):
            verdicts.append(Presence("possible", here))
            continue
        clean = BuildContext.normalize(source.text)
        if clean is None:
            continue
        if clean == "." or set(clean) == {"*"}:
            verdicts.append(_directory(here, ".", rest, context))
        elif any(gopath.has_wildcards(part) for part in clean.split("/")):
            verdicts += _glob(here, clean, rest, into, context)
        elif context is not None and context.is_dir(clean):
            verdicts.append(_directory(here, clean, rest, context))
        elif into and rest == posixpath.basename(clean):
            verdicts.append(Presence("copied", here, clean))
        elif (context is None or not context.exists(clean)) and (
                "." not in posixpath.basename(clean) or source.text.endswith("/")):
            # it may be a directory (a source the context lacks fails the COPY itself)
            verdicts.append(Presence("possible", here))
    return verdicts


def _glob(copy: Instruction, pattern: str, rest: str, into: bool,
          context: BuildContext | None) -> list[Presence]:
    if context is None:
        matched = gopath.match(posixpath.basename(pattern), rest.split("/")[0])
        return [Presence("possible", copy)] if matched else []
    verdicts = []
    matches = context.glob(pattern)
    if not matches:  # the COPY itself fails; what it was meant to copy is unknown
        return [Presence("possible", copy)]
    for match in matches:
        if context.is_dir(match):
            verdicts.append(_directory(copy, match, rest, context))
        elif into and posixpath.basename(match) == rest:
            verdicts.append(Presence("copied", copy, match))
    return verdicts


def _directory(copy: Instruction, directory: str, rest: str,
               context: BuildContext | None) -> Presence:
    """A directory's contents were copied to where ``rest`` is relative to."""
    if context is None:
        return Presence("possible", copy)
    candidate = rest if directory == "." else posixpath.join(directory, rest)
    if context.glob(candidate):
        return Presence("copied", copy, candidate)
    return Presence("missing", copy, candidate, ignored=context.exists(candidate))


# --- RUN ----------------------------------------------------------------------

def _mounted(instruction: Instruction, path: str, workdir: str) -> bool:
    for flag in instruction.flags:
        mount = flag.mount
        if mount is not None and mount.target:
            target = posixpath.normpath(posixpath.join(workdir, mount.target))
            if path == target or path.startswith(target.rstrip("/") + "/"):
                return True
    return False


def _may_write(document: Document, run: Instruction, path: str,
               before: SimpleCommand | None) -> bool:
    """A command of the RUN (before ``before``, if given) may have created ``path``."""
    name = posixpath.basename(path)
    # ``if [ -f requirements.txt ]; then pip install -r ...``: the shell parse has no
    # command for ``[ ... ]`` tests, so look for one in the text before the install
    guard = re.compile(r"(\[\[?|\btest)\s+(!\s+)?-[efrs]\s+[\"']?[^\s\]\"']*"
                       + re.escape(name) + r"(?![\w.-])")
    for script in run_scripts(document, run):
        if before is not None and guard.search(script.text, 0, before.start):
            return True
        for raw in script.script.commands:
            if before is not None and raw.end > before.start:
                continue
            command = unwrap(raw)
            argv = [w.text for w in command.argv]
            words = [w for i, w in enumerate(argv) if i == 0 or argv[i - 1] not in _READ_FLAGS]
            words += [r.target.text for r in command.redirects
                      if r.target is not None and ">" in r.operator]
            if any(w == name or w.endswith("/" + name) for w in words):
                return True
            if command.basename in _WRITERS or _downloads(command):
                return True
    return False


def _downloads(command: SimpleCommand) -> bool:
    words = [w.text for w in command.argv[1:]]
    if command.basename == "wget":  # writes a file unless told to write to stdout
        return not any(w in ("-O-", "-qO-", "--output-document=-")
                       or (w in ("-O", "-qO") and words[i + 1:i + 2] == ["-"])
                       for i, w in enumerate(words))
    if command.basename == "curl":
        return any(w.startswith(("--output", "--remote-name")) or (
            w.startswith("-") and not w.startswith("--") and ("o" in w or "O" in w))
            for w in words)
    return False
