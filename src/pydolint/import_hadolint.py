"""Convert a hadolint configuration (``.hadolint.yaml``) into ``[tool.pydolint]``.

- ``ignored`` becomes ``ignore``, each code mapped to the pydolint rules that
  list it as an alias;
- ``override`` (``error``, ``warning``, ``info``, ``style`` lists) becomes
  ``severity``; a rule that is off by default in pydolint is added to
  ``extend-select``, since hadolint reports it;
- ``failure-threshold`` becomes ``fail-level``. hadolint's ``none`` and
  ``ignore`` thresholds make every reported finding fail, so they become
  ``style``, with a comment saying so;
- ``trustedRegistries`` becomes ``trusted-registries``;
- ``label-schema`` and ``strict-labels`` become the options ``required``,
  ``schema`` (``"label=format"`` strings) and ``strict-labels`` of the
  ``label-schema`` rule, which is selected;
- everything else (``no-fail``, ``no-color``, ``format``, ``verbose``,
  ``disable-ignore-pragma``, codes no rule covers, ShellCheck's ``SC`` codes,
  unknown keys) is listed in comments, with the nearest pydolint equivalent.

``convert`` is pure: it returns the table and the comments; ``render`` writes
them as TOML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydolint.registry import Registry

LEVELS = ("error", "warning", "info", "style")
FORMATS = {"tty": "text", "json": "json", "checkstyle": "checkstyle", "codeclimate": None,
           "gitlab_codeclimate": "gitlab", "gnu": "concise", "codacy": None,
           "sonarqube": None, "sarif": "sarif", "junit": "junit"}
LABEL_SCHEMA_RULE = "label-schema"


class HadolintConfigError(ValueError):
    """The file is not a hadolint configuration pydolint can read."""


@dataclass
class Conversion:
    table: dict[str, Any] = field(default_factory=dict)  # the [tool.pydolint] table
    comments: list[str] = field(default_factory=list)  # what has no equivalent, and why
    sources: dict[str, list[str]] = field(default_factory=dict)  # pydolint code -> hadolint codes


def load_yaml(text: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise HadolintConfigError(f"invalid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise HadolintConfigError("a hadolint configuration is a mapping of keys")
    return data


def _codes(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise HadolintConfigError(f"'{key}' must be a list of rule codes")
    return [v.strip() for v in value if v.strip()]


def _catalog_entry(code: str) -> dict[str, Any] | None:
    from pydolint.aliases_page import other_tools

    return next((e for e in other_tools().get("hadolint", []) if e["code"] == code), None)


def _hadolint_defaults() -> dict[str, str]:
    from pydolint.aliases_page import other_tools

    return {e["code"]: e.get("severity", "") for e in other_tools().get("hadolint", [])}


def convert(data: dict[str, Any], registry: Registry) -> Conversion:
    """The ``[tool.pydolint]`` equivalent of a parsed ``.hadolint.yaml``."""
    out = Conversion()
    ignore: list[str] = []
    extend: list[str] = []
    severity: dict[str, str] = {}

    def rules_for(code: str, key: str):
        if re.fullmatch(r"SC\d+", code, re.IGNORECASE):
            out.comments.append(f"{key}: {code} is a ShellCheck code; pydolint does not run "
                                "ShellCheck on RUN scripts")
            return []
        found = registry.by_alias(code) or ([registry.get(code)] if registry.get(code) else [])
        if not found:
            entry = _catalog_entry(code.upper())
            if entry is None:
                out.comments.append(f"{key}: {code} is not a hadolint 2.15 rule code")
            elif entry.get("reason"):
                out.comments.append(f"{key}: {code} ({entry['title']}) has no pydolint "
                                    f"equivalent: {entry['reason']}")
            else:
                out.comments.append(f"{key}: {code} ({entry['title']}) is not covered by this "
                                    "version of pydolint")
        for rule in found:
            out.sources.setdefault(rule.code, [])
            if code not in out.sources[rule.code]:
                out.sources[rule.code].append(code)
        return found

    for code in _codes(data.get("ignored"), "ignored"):
        for rule in rules_for(code, "ignored"):
            if rule.code not in ignore:
                ignore.append(rule.code)
    ignored_codes = {c.upper() for c in _codes(data.get("ignored"), "ignored")}
    for code in ignore:
        others = [a for a in registry.get(code).aliases
                  if re.fullmatch(r"DL\d{4}", a) and a.upper() not in ignored_codes]
        if others:
            out.comments.append(f"ignored: ignoring {code} ({registry.get(code).name}) also "
                                f"ignores what hadolint reports as {', '.join(others)}")

    override = data.get("override") or {}
    if not isinstance(override, dict):
        raise HadolintConfigError("'override' must be a mapping of error/warning/info/style lists")
    for level in LEVELS:
        for code in _codes(override.get(level), f"override.{level}"):
            for rule in rules_for(code, f"override.{level}"):
                previous = severity.get(rule.code)
                if previous is not None and previous != level:
                    kept = min(previous, level, key=LEVELS.index)  # the graver one
                    out.comments.append(f"override: {rule.code} ({rule.name}) covers codes "
                                        f"overridden to both {previous} and {level}; kept {kept}")
                    level_for_rule = kept
                else:
                    level_for_rule = level
                severity[rule.code] = level_for_rule
                if not rule.enabled and rule.code not in extend and rule.code not in ignore:
                    extend.append(rule.code)
    for key in override:
        if key not in LEVELS:
            out.comments.append(f"override.{key}: not a hadolint severity; not converted")

    if "failure-threshold" in data:
        threshold = str(data["failure-threshold"]).lower()
        if threshold in LEVELS:
            out.table["fail-level"] = threshold
        elif threshold in ("none", "ignore"):
            out.table["fail-level"] = "style"
            out.comments.append(f"failure-threshold: hadolint's '{threshold}' fails on every "
                                "reported finding, as fail-level \"style\" does; to never fail, "
                                "ignore pydolint's exit status instead")
        else:
            raise HadolintConfigError(f"'failure-threshold': unknown level {threshold!r}")

    if "trustedRegistries" in data:
        registries = _codes(data["trustedRegistries"], "trustedRegistries")
        if registries:
            out.table["trusted-registries"] = registries

    _labels(data, registry, out, extend)

    notes = {
        "no-fail": "pydolint has no no-fail setting; ignore its exit status "
                   "(`pydolint ... || true`) or raise fail-level",
        "no-color": "use `pydolint --no-color` or set NO_COLOR",
        "verbose": "pydolint has no verbose mode",
        "disable-ignore-pragma": "use `pydolint --no-ignore-comments` on the command line",
    }
    for key, note in notes.items():
        if key in data and data[key] is not False:  # false is hadolint's default
            out.comments.append(f"{key}: {json.dumps(data[key])}: {note}")
    formats = _codes(data.get("format"), "format") + _codes(data.get("formats"), "formats")
    for name in formats:
        ours = FORMATS.get(name.lower())
        if ours:
            out.comments.append(f"format: {name}: use `pydolint --format {ours}` "
                                "(output formats are chosen on the command line)")
        else:
            out.comments.append(f"format: {name}: pydolint has no such format (it has text, "
                                "concise, json, json-lines, sarif, github, gitlab, junit, "
                                "checkstyle)")
    known = {"ignored", "override", "failure-threshold", "trustedRegistries", "label-schema",
             "strict-labels", "format", "formats", *notes}
    for key in data:
        if key not in known:
            out.comments.append(f"{key}: not a hadolint configuration key; not converted")

    defaults = _hadolint_defaults()
    handled = set(ignore) | set(extend)
    off_here = []
    for rule in registry.rules:
        if rule.enabled or rule.code in handled or rule.name == LABEL_SCHEMA_RULE:
            continue  # (hadolint's label rules only run with a label schema)
        on_there = [a for a in rule.aliases if defaults.get(a, "ignore") != "ignore"]
        if on_there:
            off_here.append((rule.code, on_there))
    if off_here:
        listed = ", ".join(f"{code} ({'/'.join(aliases)})" for code, aliases in off_here)
        out.comments.append(f"hadolint runs these by default, pydolint does not: {listed}; "
                            "add them to extend-select to keep them")

    if ignore:
        out.table["ignore"] = ignore
    if extend:
        out.table["extend-select"] = extend
    if severity:
        out.table["severity"] = severity
    order = ["extend-select", "ignore", "fail-level", "trusted-registries", "severity", "rules"]
    out.table = {key: out.table[key] for key in order if key in out.table}
    return out


def _labels(data: dict[str, Any], registry: Registry, out: Conversion, extend: list[str]) -> None:
    schema = data.get("label-schema")
    strict = data.get("strict-labels")
    if schema is None and strict is None:
        return
    if schema is not None and not isinstance(schema, dict):
        raise HadolintConfigError("'label-schema' must be a mapping of label: format")
    if strict is not None and not isinstance(strict, bool):
        raise HadolintConfigError("'strict-labels' must be true or false")
    options: dict[str, Any] = {}
    if schema:
        options["required"] = [str(label) for label in schema]
        options["schema"] = [f"{label}={fmt}" for label, fmt in schema.items()]
    if strict is not None:
        options["strict-labels"] = strict
    rule = registry.get(LABEL_SCHEMA_RULE)
    if rule is None:
        shown = ", ".join(f"{key} = {json.dumps(value)}" for key, value in options.items())
        out.comments.append(f"label-schema: this pydolint has no label-schema rule to carry "
                            f"it over to; its options would be: {shown}")
        return
    out.table["rules"] = {rule.name: options}
    if not rule.enabled and rule.code not in extend:
        extend.append(rule.code)


# --------------------------------------------------------------------------- TOML

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(value)


def render(conversion: Conversion, *, prefix: str = "tool.pydolint", source: str = "") -> str:
    """TOML text: the comments, then the table (``prefix`` "" for .pydolint.toml)."""
    origin = " ".join((source or "a hadolint configuration").split())
    lines = [f"# Converted from {origin} by `pydolint config import-hadolint`."]
    if conversion.comments:
        lines.append("# Not converted:")
        lines += [f"#   {' '.join(comment.split())}" for comment in conversion.comments]
    if prefix:
        lines.append(f"[{prefix}]")
    table = conversion.table
    for key, value in table.items():
        if isinstance(value, dict):
            continue
        if key in ("ignore", "extend-select") and value:
            lines.append(f"{key} = [")
            for code in value:
                origin = ", ".join(conversion.sources.get(code, []))
                lines.append(f"    {_value(code)},{f'  # {origin}' if origin else ''}")
            lines.append("]")
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    if "severity" in table:
        lines += ["", f"[{prefix + '.' if prefix else ''}severity]"]
        for code, level in table["severity"].items():
            origin = ", ".join(conversion.sources.get(code, []))
            lines.append(f"{code} = {_value(level)}{f'  # {origin}' if origin else ''}")
    for name, options in table.get("rules", {}).items():
        lines += ["", f"[{prefix + '.' if prefix else ''}rules.{_key(name)}]"]
        lines += [f"{_key(k)} = {_value(v)}" for k, v in options.items()]
    return "\n".join(lines) + "\n"
