"""Python dependency installs: where each installer runs and which files it reads.

Builds on ``commands.installer_calls``, ``image_files`` and ``requirements``:

- the directory an installer runs in: WORKDIR, then ``cd``/``pushd`` earlier
  in the same script, then the tool's own ``--directory``/``--project``;
- the requirement and constraint files it names (``-r``/``-c``, ``uv pip
  sync`` operands), as absolute image paths, and the nested ``-r``/``-c``
  files they include, loaded from the build context (``requirement_files``);
- the manifests and lock files poetry, uv, pipenv and pdm read by themselves;
- the local projects it installs (``pip install .``, ``-e .``) and whether it
  installs dependencies at all (``--no-deps``, ``poetry install --only-root``);
- installer settings that may come from ENV, ARG, ``export`` or an inline
  assignment (``setting``).

Everything is computed once per document and shared through ``Document.cached``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from pydolint.analysis.commands import installer_calls
from pydolint.analysis.copy_instructions import workdir_at
from pydolint.analysis.image_files import Source, image_files
from pydolint.analysis.installers import PipInvocation
from pydolint.analysis.requirements import RequirementsFile, load_requirements
from pydolint.analysis.run import RunScript
from pydolint.analysis.shell import ShellWord, SimpleCommand, unwrap
from pydolint.context import BuildContext
from pydolint.model import Document, Instruction

# What each project tool reads from its project directory, and the subcommands that read it.
MANIFESTS = {"poetry": ("pyproject.toml", "poetry.lock"), "uv": ("pyproject.toml", "uv.lock"),
             "pipenv": ("Pipfile", "Pipfile.lock"), "pdm": ("pyproject.toml", "pdm.lock")}
READS_MANIFESTS = {
    "poetry": {"install", "sync", "export", "show", "check", "lock", "update", "run", "build",
               "add", "remove"},
    "uv": {"sync", "export", "lock", "run", "add", "remove", "tree"},
    "pipenv": {"install", "sync", "requirements", "lock", "update", "verify", "run", "graph",
               "check", "uninstall"},
    "pdm": {"install", "sync", "export", "lock", "update", "run", "add", "remove"},
}
PROJECT_OPTIONS = {"uv": ("--directory", "--project"), "poetry": ("--directory", "--project"),
                   "pdm": ("--project",)}
PIP_LIKE = {"pip", "uv-pip"}
INSTALLING = {"install", "wheel", "download", "sync"}
_ARCHIVES = (".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip")
FALSE_VALUES = ("", "0", "false", "no", "off", "n", "f")
# Installs that use a download cache: (tool, subcommand) -> "pip" or "uv", and how each
# tool turns its cache off (option, environment variable).
CACHING = {("pip", "install"): "pip", ("pip", "download"): "pip", ("pip", "wheel"): "pip",
           ("uv-pip", "install"): "uv", ("uv-pip", "sync"): "uv", ("uv", "sync"): "uv",
           ("uv", "add"): "uv"}
CACHE_OFF = {"pip": ("--no-cache-dir", "PIP_NO_CACHE_DIR"), "uv": ("--no-cache", "UV_NO_CACHE")}


@dataclass(frozen=True, slots=True, eq=False)
class Install:
    instruction: Instruction
    script: RunScript
    call: PipInvocation
    directory: str | None  # absolute; None when a ``cd`` goes somewhere unknown
    requirements: tuple[tuple[ShellWord, str | None], ...]  # -r words, absolute image paths
    constraints: tuple[tuple[ShellWord, str | None], ...]  # -c words, absolute image paths
    manifests: tuple[str, ...]  # files the tool reads by itself (pyproject.toml, uv.lock...)
    projects: tuple[tuple[ShellWord, str | None], ...]  # local project directories installed
    installs_dependencies: bool  # resolves and installs dependencies of files or projects
    installs_project: bool  # installs the local project itself

    @property
    def tool(self) -> str:
        return self.call.tool

    @property
    def subcommand(self) -> str:
        return self.call.subcommand

    @property
    def reads(self) -> tuple[str, ...]:
        """Every image path the install reads (files, and project directories)."""
        return tuple(p for _, p in self.requirements + self.constraints + self.projects
                     if p is not None) + self.manifests

    def setting(self, name: str) -> str | None:
        return setting(self.instruction, self.script, self.call, name)


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """One requirements or constraints file an install reads, nested ones included."""

    word: ShellWord  # the -r/-c word on the command line that leads to it
    path: str  # absolute image path
    file: RequirementsFile | None  # None when it cannot be read (no context, missing...)
    source: Source | None  # where the image file came from
    constraint: bool  # read as constraints: pins versions, installs nothing
    parent: str | None = None  # image path of the file whose -r/-c line names it


def installs(document: Document, instructions) -> list[Install]:
    """Every installer call in these RUNs, with what it reads; cached per call."""
    return [document.cached(("install", id(script), call.command.start, call.command.end),
                            lambda i=instruction, s=script, c=call: _install(document, i, s, c))
            for instruction, script, call in installer_calls(document, instructions)]


def setting(instruction: Instruction, script: RunScript, call: PipInvocation,
            name: str) -> str | None:
    """An installer's environment setting: inline, ``export``ed, or by ENV/ARG."""
    for value in (call.env(name), script.script.exports.get(name),
                  instruction.variables.get(name)):
        if value is not None:
            return value
    return None


def setting_origin(document: Document, instruction: Instruction,
                   name: str) -> Instruction | None:
    """The last ENV or ARG before ``instruction`` (its lineage, global ARGs) that sets ``name``."""
    from pydolint.analysis.stages import lineage_instructions

    if instruction.stage is None:
        return None
    found = None
    for earlier in [*document.global_args, *lineage_instructions(
            document, document.stages[instruction.stage])]:
        if earlier is instruction:
            break
        if earlier.keyword in ("ENV", "ARG") and any(
                kv.key == name and kv.value is not None for kv in earlier.key_values):
            found = earlier
    return found


def truthy(value: str | None) -> bool:
    """A boolean environment setting as pip and uv read it."""
    return value is not None and value.strip().lower() not in FALSE_VALUES


def expand_word(instruction: Instruction, word: ShellWord) -> str | None:
    """A shell word with ENV/ARG values substituted; None when one is unknown."""
    if not word.has_expansion:
        return word.text
    expanded = instruction.variables.expand(word.text)
    if expanded is None or expanded.unmatched or "$" in expanded.result:
        return None
    return expanded.result


def place(directory: str | None, path: str | None) -> str | None:
    """``path`` made absolute against ``directory``."""
    if path is None or (directory is None and not path.startswith("/")):
        return None
    return posixpath.normpath(posixpath.join(directory or "/", path))


def requirement_files(document: Document, install: Install,
                      context: BuildContext | None) -> list[LoadedFile]:
    """The requirements and constraints files of an install, nested includes followed."""
    def compute():
        files = image_files(document, install.instruction, context)
        found: list[LoadedFile] = []
        seen: set[str] = set()

        def visit(word, path, constraint, parent, depth):
            if path in seen or depth > 5:
                return
            seen.add(path)
            loaded = load_requirements(path, files, context)
            found.append(LoadedFile(word, path, loaded, files.resolve(path), constraint, parent))
            for line in loaded.lines if loaded is not None else ():
                if line.option in ("-r", "--requirement", "-c", "--constraint") and line.value:
                    nested = posixpath.normpath(posixpath.join(posixpath.dirname(path),
                                                               line.value))
                    visit(word, nested, constraint or line.option in ("-c", "--constraint"),
                          path, depth + 1)

        for words, constraint in ((install.requirements, False), (install.constraints, True)):
            for word, path in words:
                if path is not None:
                    visit(word, path, constraint, None, 0)
        return found

    return document.cached(("requirement_files", id(install), id(context)), compute)


def constrained(install: Install, loaded: list[LoadedFile]) -> bool:
    """A constraints file is in effect: ``-c``, PIP_CONSTRAINT/UV_CONSTRAINT, or a ``-c`` line."""
    variable = "UV_CONSTRAINT" if install.tool.startswith("uv") else "PIP_CONSTRAINT"
    return bool(install.constraints) or bool((install.setting(variable) or "").strip()) \
        or any(f.constraint for f in loaded)


def hashes_required(install: Install, loaded: list[LoadedFile]) -> bool:
    """``--require-hashes`` (or its variable), or a ``--hash`` in any file read."""
    variable = "UV_REQUIRE_HASHES" if install.tool.startswith("uv") else "PIP_REQUIRE_HASHES"
    return install.call.has_option("--require-hashes") or truthy(install.setting(variable)) \
        or any(line.hashes for f in loaded if f.file for line in f.file.lines)


# --- building an Install ------------------------------------------------------

def _install(document: Document, instruction: Instruction, script: RunScript,
             call: PipInvocation) -> Install:
    directory = _directory(document, instruction, script, call)

    def located(words):
        return tuple((w, place(directory, expand_word(instruction, w))) for w in words)

    tool, subcommand = call.tool, call.subcommand
    projects: tuple = ()
    manifests: tuple[str, ...] = ()
    installs_dependencies = installs_project = False
    if tool in PIP_LIKE and subcommand in INSTALLING:
        local = [p.word for p in call.packages if p.is_local and not p.is_url
                 and not p.word.text.lower().endswith(_ARCHIVES)]
        local += [w for w in call.editables if not w.text.lower().startswith(("git+", "hg+",
                                                                               "svn+", "bzr+"))]
        projects = tuple((w, place(directory, _strip_extras(expand_word(instruction, w))))
                         for w in local)
        installs_project = bool(projects)
        installs_dependencies = bool(call.requirements) or (
            installs_project and not call.has_option("--no-deps"))
    elif tool in MANIFESTS and subcommand in READS_MANIFESTS[tool]:
        manifests = tuple(p for p in (place(directory, name) for name in MANIFESTS[tool]) if p)
        if (tool, subcommand) in (("poetry", "install"), ("poetry", "sync"), ("uv", "sync"),
                                  ("pdm", "install"), ("pdm", "sync"), ("pipenv", "install"),
                                  ("pipenv", "sync")):
            installs_dependencies = not call.has_option("--only-root")
            installs_project = tool != "pipenv" and not any(
                call.has_option(o) for o in ("--no-root", "--no-install-project", "--no-self"))
    return Install(instruction, script, call, directory, located(call.requirements),
                   located(call.constraints), manifests, projects, installs_dependencies,
                   installs_project)


def _strip_extras(path: str | None) -> str | None:
    if path is None or not path.endswith("]") or "[" not in path:
        return path
    return path[:path.rindex("[")]


def directory_of(document: Document, instruction: Instruction, script: RunScript,
                 command: SimpleCommand) -> str | None:
    """The directory a command of a RUN runs in: WORKDIR, then earlier ``cd``/``pushd``
    of the same script; None when a ``cd`` goes somewhere unknown."""
    directory: str | None = workdir_at(document, instruction)
    for raw in script.script.commands:
        if raw.end > command.start:
            continue
        earlier = unwrap(raw)
        if earlier.basename not in ("cd", "pushd") or (earlier.in_subshell
                                                        and not command.in_subshell):
            continue
        operands = [w for w in earlier.argv[1:] if w.text not in ("-L", "-P", "-e", "--")]
        if not operands:
            directory = instruction.variables.get("HOME") or "/root"
        elif operands[0].text == "-":
            directory = None
        else:
            directory = place(directory, expand_word(instruction, operands[0]))
    return directory


def _directory(document: Document, instruction: Instruction, script: RunScript,
               call: PipInvocation) -> str | None:
    directory = directory_of(document, instruction, script, call.command)
    for option in PROJECT_OPTIONS.get(call.tool, ()):
        values = call.option_values(option)
        if values and values[-1] is not None:
            directory = None if "$" in values[-1] else place(directory, values[-1])
    return directory
