"""The library API under the CLI: lint text or paths, load config, parse.

Nothing here prints or exits; problems come back as data.
"""

from __future__ import annotations

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
) -> LintRun:
    """Lint files and directories. Raises ConfigError for bad configuration."""
    from pydolint.discovery import find_dockerfiles

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
    for target in _expand(paths, find_dockerfiles):
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


def _expand(paths: list[str], find) -> list[str]:
    targets = []
    for raw in paths or ["."]:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            targets += [str(p) if raw != "." else str(p.relative_to(".")) for p in find(path)]
        else:
            targets.append(raw)
    return targets
