"""One registry for built-in and plugin rules (entry-point group ``pydolint.rules``)."""

from __future__ import annotations

import importlib
from functools import cache

from pydolint.rule import CODE_PATTERN, NAME_PATTERN, PLUGIN_CODE_PATTERN, Rule

ENTRY_POINT_GROUP = "pydolint.rules"


class RegistryError(Exception):
    pass


class Registry:
    def __init__(self, rules: list[Rule]) -> None:
        self.rules = sorted(rules, key=lambda r: r.code)
        self._by_key: dict[str, Rule] = {}
        self._by_alias: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for key in (rule.code, rule.name):
                if key.upper() in self._by_key:
                    raise RegistryError(f"two rules claim {key!r}")
                self._by_key[key.upper()] = rule
            for alias in rule.aliases:
                self._by_alias.setdefault(alias.upper(), []).append(rule)

    def get(self, key: str) -> Rule | None:
        """A rule by code or name (any case)."""
        return self._by_key.get(key.strip().upper())

    def by_alias(self, alias: str) -> list[Rule]:
        """Rules that cover a hadolint, BuildKit or other tool's code."""
        return self._by_alias.get(alias.strip().upper(), [])

    def resolve(self, key: str) -> list[Rule]:
        """Rules a selector names: code, name, alias, code prefix or ALL; [] if none."""
        key = key.strip()
        upper = key.upper()
        if upper == "ALL":
            return list(self.rules)
        rule = self.get(key)
        if rule is not None:
            return [rule]
        aliased = self.by_alias(key)
        if aliased:
            return aliased
        if upper[:2] in ("DF", "PY") and upper[2:].isdigit() and len(upper) < 5:
            return [r for r in self.rules if r.code.startswith(upper)]
        if upper in ("DF", "PY"):
            return [r for r in self.rules if r.code.startswith(upper)]
        return []


def _validate(rule: object, origin: str) -> Rule:
    if not isinstance(rule, Rule):
        raise RegistryError(f"{origin} does not provide a pydolint.rule.Rule")
    pattern = CODE_PATTERN if origin.startswith("pydolint.rules.") else PLUGIN_CODE_PATTERN
    if not pattern.match(rule.code):
        raise RegistryError(f"{origin}: rule code {rule.code!r} does not match {pattern.pattern}")
    if not NAME_PATTERN.match(rule.name):
        raise RegistryError(f"{origin}: rule name {rule.name!r} is not kebab-case")
    return rule


def builtin_rules() -> list[Rule]:
    from pydolint.rules import BUILTIN_RULE_MODULES

    rules = []
    for module_name in BUILTIN_RULE_MODULES:
        origin = f"pydolint.rules.{module_name}"
        rules.append(_validate(importlib.import_module(origin).RULE, origin))
    return rules


def plugin_rules() -> list[Rule]:
    from importlib.metadata import entry_points

    rules = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        loaded = entry.load()
        candidates = loaded if isinstance(loaded, (list, tuple)) else [getattr(loaded, "RULE", loaded)]
        rules.extend(_validate(rule, f"plugin {entry.name} ({entry.value})") for rule in candidates)
    return rules


@cache
def default_registry() -> Registry:
    return Registry(builtin_rules() + plugin_rules())
