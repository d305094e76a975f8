"""The library API under the CLI: lint text or paths, load config, parse.

Nothing here prints or exits; problems come back as data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydolint.config import Config, ConfigError, Overrides, active_rules, find_config, load_config
from pydolint.diagnostics import Diagnostic, Severity
from pydolint.model import Document
from pydolint.parser import parse
from pydolint.registry import Registry, default_registry

__all__ = [
    "ConfigError",
    "LintRun",
    "Overrides",
    "lint_paths",
    "lint_text",
    "load_config",
    "parse",
]


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)  # suppressed ones included
    document: Document | None = None
    error: str | None = None
    fail_level: Severity = Severity.INFO
    # the lines findings point into, when they are not the document's own (an inline
    # Dockerfile reported at its place in a compose file)
    lines: list[str] | None = None

    @property
    def source_lines(self) -> list[str] | None:
        if self.lines is not None:
            return self.lines
        return self.document.lines if self.document is not None else None


@dataclass
class LintRun:
    results: list[FileResult] = field(default_factory=list)
    internal_errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for r in self.results for d in r.diagnostics if not d.suppressed]

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(r.path, r.error) for r in self.results if r.error] + self.internal_errors

    @property
    def failed(self) -> bool:
        return any(d.severity >= r.fail_level for r in self.results for d in r.diagnostics
                   if not d.suppressed)


def lint_text(
    text: str | bytes,
    path: str = "Dockerfile",
    *,
    config: Config | None = None,
    context_dir: Path | str | None = None,
    registry: Registry | None = None,
    use_pragmas: bool = True,
    include_suppressed: bool = False,
    build_args: dict[str, str] | None = None,
    target: str | None = None,
    service: str | None = None,
) -> list[Diagnostic]:
    """Lint Dockerfile text. ``context_dir`` is the build context (None: no context).

    ``build_args`` and ``target`` are those of the build (compose ``args`` and
    ``target``); ``service`` names a compose service in every diagnostic.
    """
    result = _lint_one(text, path, config or Config(), registry or default_registry(),
                       Path(context_dir) if context_dir is not None else None, use_pragmas,
                       target=target, build_args=build_args, service=service)
    return [d for d in result.diagnostics if include_suppressed or not d.suppressed]


def _lint_one(text, path, config, registry, context_dir, use_pragmas,
              dockerfile_path: Path | None = None, target: str | None = None,
              build_args: dict[str, str] | None = None, service: str | None = None) -> FileResult:
    from dataclasses import replace

    from pydolint.context import BuildContext
    from pydolint.engine import lint_document

    document = parse(text, path, build_args)
    context = BuildContext(context_dir, dockerfile_path) if context_dir is not None else None
    diagnostics, crashes = lint_document(
        document, path, active_rules(config, registry, path), registry,
        build_context=context, use_pragmas=use_pragmas,
        trusted_registries=config.trusted_registries, target_stage=target,
    )
    if service is not None:
        diagnostics = [replace(d, extra={**d.extra, "service": service}) for d in diagnostics]
    result = FileResult(path, diagnostics, document, fail_level=config.fail_level)
    if crashes:
        result.error = "; ".join(crashes)
    return result


def lint_paths(
    paths: list[str],
    *,
    overrides: Overrides | None = None,
    config_path: Path | None = None,
    context_dir: Path | None = None,
    use_pragmas: bool = True,
    stdin_text: bytes | None = None,
    stdin_filename: str | None = None,
    registry: Registry | None = None,
    build_files: list[str] | None = None,
    discover_build_files: bool = True,
    environ: Mapping[str, str] | None = None,
) -> LintRun:
    """Lint files and directories. Raises ConfigError for bad configuration.

    ``build_files`` are compose or bake files (see ``pydolint.buildfiles``)
    whose builds are linted with their own context, args and target; with
    ``discover_build_files`` the ones found in linted directories are too. A
    Dockerfile that such a build uses is linted through it, not on its own.
    Without ``paths``, the current directory is linted unless ``build_files``
    are given. ``environ`` (default ``os.environ``) feeds compose interpolation.
    """
    from pydolint.discovery import find_build_files, find_dockerfiles

    registry = registry or default_registry()
    overrides = overrides or Overrides()
    explicit = load_config(config_path, registry) if config_path else None
    found_cache: dict = {}
    loaded: dict[Path, Config] = {}

    def config_for(file_path: Path) -> Config:
        if explicit is not None:
            return overrides.apply(explicit)
        found = find_config(file_path.parent, found_cache)
        if found is None:
            return overrides.apply(Config())
        if found not in loaded:
            loaded[found] = load_config(found, registry)
        return overrides.apply(loaded[found])

    run = LintRun()
    if not paths and build_files:
        targets, found = [], []
    else:
        targets, found = _expand(paths, find_dockerfiles,
                                 find_build_files if discover_build_files else None)
    covered: set[Path] = set()
    seen_build_files: set[Path] = set()
    for build_file in [*(build_files or ()), *found]:
        key = Path(build_file).resolve()
        if key in seen_build_files:
            continue
        seen_build_files.add(key)
        for result, dockerfile in _lint_build_file(build_file, config_for, registry, use_pragmas,
                                                   environ):
            run.results.append(result)
            if dockerfile is not None:
                covered.add(dockerfile.resolve())
    for target in targets:
        if target != "-" and covered and Path(target).resolve() in covered:
            continue  # linted above, as its compose service or bake target builds it
        if target == "-":
            name = stdin_filename or "-"
            file_path = Path(stdin_filename) if stdin_filename else Path.cwd() / "Dockerfile"
            data = stdin_text if stdin_text is not None else b""
        else:
            name, file_path = target, Path(target)
            try:
                data = file_path.read_bytes()
            except OSError as exc:
                run.results.append(FileResult(name, error=f"cannot read: {exc.strerror or exc}"))
                continue
        config = config_for(file_path.absolute())
        context = context_dir if context_dir is not None else file_path.absolute().parent
        run.results.append(_lint_one(data, name, config, registry, context, use_pragmas,
                                     dockerfile_path=file_path.absolute()))
    return run


def _expand(paths: list[str], find, find_build=None) -> tuple[list[str], list[str]]:
    """Files to lint, and the build files found in directories (when ``find_build``)."""
    targets: list[str] = []
    build_files: list[str] = []
    for raw in paths or ["."]:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            targets += _shown(raw, find(path))
            if find_build is not None:
                build_files += _shown(raw, find_build(path))
        else:
            targets.append(raw)
    return targets, build_files


def _shown(raw: str, found: list[Path]) -> list[str]:
    return [str(p) if raw != "." else str(p.relative_to(".")) for p in found]


def _lint_build_file(build_file: str, config_for, registry: Registry, use_pragmas: bool,
                     environ: Mapping[str, str] | None):
    """(FileResult, Dockerfile path or None) for each build of a compose or bake file."""
    import os

    from pydolint.buildfiles import load_build_file

    shown = os.path.normpath(build_file)
    try:
        specs, errors = load_build_file(build_file, environ)
    except ImportError as exc:  # PyYAML missing
        yield FileResult(shown, error=f"cannot read compose files without {exc.name}: "
                                      "pip install pyyaml"), None
        return
    for error in errors:
        yield FileResult(shown, error=str(error)), None
    for spec in specs:
        config = config_for((spec.dockerfile or Path(build_file)).absolute())
        if spec.inline is None:
            try:
                data: str | bytes = spec.dockerfile.read_bytes()
            except OSError as exc:
                yield FileResult(spec.display_path,
                                 error=f"cannot read: {exc.strerror or exc}"), spec.dockerfile
                continue
        else:
            data = spec.inline
        result = _lint_one(data, spec.display_path, config, registry, spec.context, use_pragmas,
                           dockerfile_path=spec.dockerfile, target=spec.target,
                           build_args=spec.args, service=spec.service)
        if spec.inline is not None:
            _place_inline(result, spec)
        yield result, spec.dockerfile
        document = result.document
        if spec.target and document is not None and document.stage_named(spec.target) is None:
            yield FileResult(shown, error=f"service '{spec.service}': target '{spec.target}' "
                                          f"is not a stage of {spec.display_path}"), None


def _place_inline(result: FileResult, spec) -> None:
    """Point the findings of an inline Dockerfile at its place in the build file."""
    from dataclasses import replace

    from pydolint.model import Span

    origin = spec.inline_origin
    try:
        result.lines = Path(spec.build_file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        result.lines = []
    if origin is None:
        return

    def move(span: Span) -> Span:
        if origin.exact:
            return Span(span.start_line + origin.line_offset,
                        span.start_column + origin.column_offset,
                        span.end_line + origin.line_offset, span.end_column + origin.column_offset)
        return Span.line(origin.line_offset + 1, origin.column_offset + 1,
                         origin.column_offset + 2)

    moved = []
    for d in result.diagnostics:
        related = tuple(replace(r, span=move(r.span)) if r.path == result.path else r
                        for r in d.related)
        if d.path == result.path:  # fixes are dropped: their edits are relative to the inline text
            moved.append(replace(d, span=move(d.span), fix=None, related=related))
        else:
            moved.append(replace(d, related=related))
    result.diagnostics = moved
