"""Configuration: ``[tool.pydolint]`` in pyproject.toml or ``.pydolint.toml``.

Precedence is defaults < config file < command-line flags. Every problem is
a ConfigError naming the file, the key and what was expected.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydolint.diagnostics import SEVERITY_NAMES, Severity
from pydolint.registry import Registry
from pydolint.rule import Rule

KEYS = frozenset({"select", "ignore", "extend-select", "per-file-ignores", "severity",
                  "fail-level", "rules", "trusted-registries"})
DEFAULT_FAIL_LEVEL = Severity.INFO


class ConfigError(Exception):
    """Bad configuration; the CLI exits 2 with this message."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from, None for defaults
    select: tuple[str, ...] | None = None  # None: the rules on by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_level: Severity = DEFAULT_FAIL_LEVEL
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    trusted_registries: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


@dataclass(frozen=True)
class Overrides:
    """What the command line says; None means "not given"."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_level: Severity | None = None

    def apply(self, config: Config) -> Config:
        return replace(
            config,
            select=self.select if self.select is not None else config.select,
            extend_select=config.extend_select + self.extend_select,
            ignore=config.ignore + self.ignore,
            fail_level=self.fail_level if self.fail_level is not None else config.fail_level,
        )


@dataclass
class ActiveRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any] = field(default_factory=dict)


def find_config(start: Path, cache: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (a directory)."""
    cache = {} if cache is None else cache
    visited = []
    directory = start.resolve()
    found = None
    while True:
        if directory in cache:
            found = cache[directory]
            break
        visited.append(directory)
        local = directory / ".pydolint.toml"
        if local.is_file():
            found = local
            break
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            found = pyproject
            break
        if directory.parent == directory:
            break
        directory = directory.parent
    for seen in visited:
        cache[seen] = found
    return found


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.pydolint" in text


def load_config(path: Path, registry: Registry) -> Config:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("pydolint", {})
        prefix = "tool.pydolint"
    else:
        table, prefix = data, ""
    return parse_config(table, path, prefix, registry)


def parse_config(table: dict, path: Path | None, prefix: str, registry: Registry) -> Config:
    where = str(path) if path else "configuration"

    def key_name(key: str) -> str:
        return f"{prefix}.{key}" if prefix else key

    def fail(key: str, expected: str) -> ConfigError:
        return ConfigError(f"{where}: key '{key_name(key)}': expected {expected}")

    def selectors(key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "a list of rule codes or names, e.g. [\"PY200\", \"DF4\"]")
        for item in value:
            if not registry.resolve(item):
                raise fail(key, f"known rule codes, names, aliases or prefixes; {item!r} is unknown")
        return tuple(value)

    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise fail(unknown[0], f"one of the known keys ({', '.join(sorted(KEYS))})")
    config = Config(path=path)
    if "select" in table:
        config = replace(config, select=selectors("select", table["select"]))
    if "extend-select" in table:
        config = replace(config, extend_select=selectors("extend-select", table["extend-select"]))
    if "ignore" in table:
        config = replace(config, ignore=selectors("ignore", table["ignore"]))
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, dict):
            raise fail("per-file-ignores", "a table of glob = [codes]")
        config = replace(config, per_file_ignores=tuple(
            (glob, selectors(f"per-file-ignores.{glob}", codes)) for glob, codes in value.items()))
    if "severity" in table:
        config = replace(config, severity=_severities(table["severity"], registry, fail))
    if "fail-level" in table:
        config = replace(config, fail_level=_severity(table["fail-level"], "fail-level", fail))
    if "trusted-registries" in table:
        value = table["trusted-registries"]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail("trusted-registries", "a list of registry host names, e.g. [\"ghcr.io\"]")
        config = replace(config, trusted_registries=tuple(value))
    if "rules" in table:
        config = replace(config, rule_options=_rule_options(table["rules"], registry, fail))
    return config


def _severity(value: Any, key: str, fail) -> Severity:
    try:
        return Severity.parse(value) if isinstance(value, str) else Severity.parse("?")
    except ValueError:
        raise fail(key, f"one of {SEVERITY_NAMES}") from None


def _severities(value: Any, registry: Registry, fail) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, dict):
        raise fail("severity", "a table of rule = \"severity\"")
    result = []
    for key, level in value.items():
        rules = registry.resolve(key)
        if not rules:
            raise fail(f"severity.{key}", "a known rule code, name or prefix")
        result.extend((rule.code, _severity(level, f"severity.{key}", fail)) for rule in rules)
    return tuple(result)


def _rule_options(value: Any, registry: Registry, fail) -> tuple:
    if not isinstance(value, dict):
        raise fail("rules", "a table of [rules.<rule-name>] tables")
    result = []
    for name, options in value.items():
        rule = registry.get(name)
        if rule is None:
            raise fail(f"rules.{name}", "a known rule name or code")
        if not isinstance(options, dict):
            raise fail(f"rules.{name}", "a table of options")
        checked = []
        for option_name, option_value in options.items():
            option = rule.option(option_name)
            if option is None:
                known = ", ".join(o.name for o in rule.options) or "none"
                raise fail(f"rules.{name}.{option_name}", f"an option of {rule.name} (known: {known})")
            try:
                checked.append((option_name, option.validate(option_value)))
            except ValueError as exc:
                raise fail(f"rules.{name}.{option_name}", str(exc)) from None
        result.append((rule.code, tuple(checked)))
    return tuple(result)


def active_rules(config: Config, registry: Registry, path: str | None = None) -> list[ActiveRule]:
    """The rules that run on ``path``, with severity and options resolved."""
    ignored = frozenset(ignored_for_path(config, registry, path)) if path is not None else frozenset()
    return list(_active(config, registry, ignored))


@lru_cache(maxsize=64)
def _active(config: Config, registry: Registry, ignored: frozenset[str]) -> tuple[ActiveRule, ...]:
    if config.select is None:
        chosen = {r.code for r in registry.rules if r.enabled}
    else:
        chosen = {r.code for key in config.select for r in registry.resolve(key)}
    chosen |= {r.code for key in config.extend_select for r in registry.resolve(key)}
    chosen -= {r.code for key in config.ignore for r in registry.resolve(key)}
    chosen -= ignored
    severities = dict(config.severity)
    options = {code: dict(values) for code, values in config.rule_options}
    return tuple(
        ActiveRule(rule, severities.get(rule.code, rule.severity),
                   {**rule.default_options, **options.get(rule.code, {})})
        for rule in registry.rules if rule.code in chosen
    )


def ignored_for_path(config: Config, registry: Registry, path: str) -> set[str]:
    if not config.per_file_ignores:
        return set()
    target = Path(path)
    try:
        relative = target.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        relative = target.as_posix()
    codes: set[str] = set()
    for glob, selectors in config.per_file_ignores:
        if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(target.name, glob):
            codes |= {r.code for key in selectors for r in registry.resolve(key)}
    return codes
