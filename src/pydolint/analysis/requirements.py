"""Requirements files: the lines ``pip install -r`` reads, with their positions.

Each requirement line is parsed with requirements-parser; this module adds
what it lacks for a linter: line and column, continuation lines, option lines
(``-r``, ``-c``, ``--hash``, index URLs) and files found in the build
context rather than on the local disk. Following nested ``-r``/``-c``
files is ``analysis.dependencies``' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pydolint.analysis.image_files import ImageFiles
from pydolint.context import BuildContext

_COMMENT = re.compile(r"(^|\s)#.*$")
_OPTION = re.compile(r"^(-[a-zA-Z]|--[a-z][a-z-]*)(?:[= \t]+(.*))?$")
_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")
_REQUIREMENT_OPTION = re.compile(r"\s+--?[A-Za-z]")


@dataclass(frozen=True, slots=True)
class RequirementLine:
    path: str  # the file's path in the build context (or the image path for inline files)
    line: int
    column: int
    end_column: int
    text: str  # the requirement or option as written (continuations joined)
    option: str | None = None  # "-r", "--requirement", "-c", "-e", "--index-url"... if any
    value: str | None = None  # the option's argument
    name: str | None = None  # normalised project name
    specifier: str = ""
    hashes: bool = False
    vcs: bool = False
    url: str | None = None
    local: bool = False

    def related(self):
        """This line as a related location of a finding on the RUN that reads it."""
        from pydolint.diagnostics import RelatedLocation
        from pydolint.model import Span

        return RelatedLocation(self.path, Span.line(self.line, self.column, self.end_column),
                               self.text)

    @property
    def pinned(self) -> bool:
        return bool(re.fullmatch(r"===?\s*[^,;\s*]+", self.specifier.strip()))


@dataclass
class RequirementsFile:
    path: str
    lines: list[RequirementLine] = field(default_factory=list)


def parse_requirements(text: str, path: str) -> list[RequirementLine]:
    """Every requirement and option line of a requirements file."""
    return list(_parse_requirements(text, path))


@lru_cache(maxsize=256)  # several rules read the same files; lines are immutable
def _parse_requirements(text: str, path: str) -> tuple[RequirementLine, ...]:
    found = []
    physical = text.splitlines()
    index = 0
    while index < len(physical):
        number, raw = index + 1, physical[index]
        while raw.endswith("\\") and index + 1 < len(physical):
            index += 1
            raw = raw[:-1] + " " + physical[index]
        index += 1
        body = _COMMENT.sub("", raw).rstrip()
        stripped = body.strip()
        if stripped:
            column = len(body) - len(body.lstrip()) + 1
            if index == number:
                end = column + len(stripped)
            else:  # a continued line: the span ends with its first physical line
                end = len(_COMMENT.sub("", physical[number - 1]).rstrip(" \\\t")) + 1
            found.append(_parse_line(stripped, path, number, column, end))
    return tuple(found)


def _parse_line(text: str, path: str, line: int, column: int, end: int) -> RequirementLine:
    hashes = "--hash" in text
    option = _OPTION.match(text)
    if option and option.group(1) not in ("-e", "--editable"):
        return RequirementLine(path, line, column, end, text, option.group(1),
                               (option.group(2) or "").strip() or None, hashes=hashes)
    # per-requirement options (--hash, --config-settings...) follow the requirement
    as_written = requirement_text = _REQUIREMENT_OPTION.split(text, maxsplit=1)[0].strip()
    option = _OPTION.match(requirement_text)
    editable = None
    if option:
        editable, requirement_text = option.group(1), (option.group(2) or "").strip()
    from requirements.requirement import Requirement

    try:
        parsed = Requirement.parse(requirement_text)
    except Exception:  # noqa: BLE001 - fall back to our own reading below
        parsed = None
    local = requirement_text.startswith((".", "/", "file:")) or requirement_text.endswith(
        (".whl", ".tar.gz", ".zip"))
    if parsed is not None and parsed.name and not local:
        specifier = ",".join(op + version for op, version in parsed.specs)
        return RequirementLine(path, line, column, end, as_written, editable, None,
                               _normalise(parsed.name), specifier, hashes,
                               bool(parsed.vcs), parsed.uri, bool(parsed.local_file))
    name = _NAME.match(requirement_text) if not local else None
    specifier = requirement_text[name.end():].split(";")[0].strip() if name else ""
    return RequirementLine(path, line, column, end, as_written, editable, None,
                           _normalise(name.group(1)) if name else None, specifier, hashes,
                           requirement_text.startswith(("git+", "hg+", "svn+", "bzr+")),
                           None, local)


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def load_requirements(image_path: str, files: ImageFiles,
                      context: BuildContext | None) -> RequirementsFile | None:
    """The file at ``image_path`` in the image, read from where it came from; None when
    that cannot be known (nested includes: see ``analysis.dependencies``)."""
    source = files.resolve(image_path)
    if source is None:
        return None
    if source.text is not None:
        text, path = source.text, files.absolute(image_path)
    elif context is not None and source.context_path is not None:
        text, path = context.read_text(source.context_path), source.context_path
    else:
        return None
    if text is None:
        return None
    return RequirementsFile(path, parse_requirements(text, path))


def requirement_files_of(document, instruction, call, context: BuildContext | None):
    """(-r word, file or None) for every requirements file an installer call reads, nested
    ones included (constraint files are not requirements)."""
    from pydolint.analysis.dependencies import installs, requirement_files

    install = next((i for i in installs(document, [instruction]) if i.call is call), None)
    if install is None:
        return []
    return [(loaded.word, loaded.file) for loaded in requirement_files(document, install, context)
            if not loaded.constraint]
