"""Build files that know the build context: Compose files and Bake files.

A compose service with ``build:`` (or a bake target) says how a Dockerfile is
really built: from which context directory, with which build args and up to
which target stage. The functions here read such a file and return one
:class:`BuildSpec` per build, plus a :class:`BuildFileError` for every
problem in the file itself (invalid YAML or JSON, a ``build`` that is neither
a string nor a mapping, a context directory or a Dockerfile that does not
exist). They read files but print nothing and lint nothing: ``pydolint.api``
lints the specs.

Compose (``compose.yaml``, ``compose.yml``, ``docker-compose.yml``,
``docker-compose.yaml``), following the Compose specification:

- ``build: ./dir`` is the short form of ``build: {context: ./dir}``;
- ``context`` (default ``.``) is relative to the compose file's directory;
  ``dockerfile`` (default ``Dockerfile``) is relative to the context;
  ``dockerfile_inline`` is the Dockerfile itself;
- ``args`` is a mapping or a list of ``KEY=VALUE``; a key without a value
  takes it from the environment and is left out when the environment lacks it;
- ``target`` is the stage to build;
- ``${VAR}``, ``$VAR``, ``${VAR:-default}``, ``${VAR-default}``,
  ``${VAR:+alt}``, ``${VAR+alt}``, ``${VAR:?message}`` and ``${VAR?message}``
  are replaced in the build section's strings, from the environment and then
  the ``.env`` file beside the compose file (plain ``KEY=VALUE`` lines); an
  unset variable without a default is empty, and ``$$`` is a literal ``$``.

Not handled: ``include``, ``extends``, merging override files, remote
(git or URL) contexts (such services are skipped), ``additional_contexts``.

Bake (``docker-bake.json``): every target of the ``default`` group (through
nested groups), or every target when there is no default group, with
``context``, ``dockerfile``, ``dockerfile-inline``, ``args`` and ``target``,
``inherits`` merged, and ``${NAME}`` replaced from the environment and then
the ``variable`` defaults. Paths are relative to the bake file's directory
(bake itself resolves them against the directory it runs in, which is
normally that one). ``docker-bake.hcl`` is not read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

COMPOSE_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
BAKE_FILES = ("docker-bake.json",)
BUILD_FILE_NAMES = COMPOSE_FILES + BAKE_FILES

__all__ = [
    "BAKE_FILES",
    "BUILD_FILE_NAMES",
    "COMPOSE_FILES",
    "BuildFileError",
    "BuildSpec",
    "InlineOrigin",
    "bake_builds",
    "compose_builds",
    "interpolate",
    "is_bake_file",
    "is_compose_file",
    "load_build_file",
]


@dataclass(frozen=True)
class InlineOrigin:
    """Where an inline Dockerfile stands in its build file.

    With ``exact``, line ``n`` column ``c`` of the inline text is line
    ``n + line_offset`` column ``c + column_offset`` of the build file (a YAML
    literal block). Otherwise everything is reported at ``line_offset + 1``,
    ``column_offset + 1``: the start of the value.
    """

    line_offset: int
    column_offset: int
    exact: bool


@dataclass(frozen=True)
class BuildSpec:
    """One build of one Dockerfile, as a compose service or bake target defines it."""

    build_file: str  # the compose or bake file, as given or found
    service: str  # the compose service or bake target
    context: Path  # the build context directory
    dockerfile: Path | None  # None for an inline Dockerfile
    display_path: str  # the Dockerfile's path as findings show it (the build file when inline)
    inline: str | None = None  # dockerfile_inline
    inline_origin: InlineOrigin | None = None
    args: dict[str, str] = field(default_factory=dict)
    target: str | None = None


@dataclass(frozen=True)
class BuildFileError:
    build_file: str
    service: str | None
    message: str

    def __str__(self) -> str:
        where = f"service '{self.service}': " if self.service is not None else ""
        return f"{where}{self.message}"


def is_compose_file(path: str | Path) -> bool:
    name = Path(path).name
    return name in COMPOSE_FILES or (name.endswith((".yml", ".yaml")) and "compose" in name)


def is_bake_file(path: str | Path) -> bool:
    return Path(path).name.endswith(".json")


def load_build_file(path: str, environ: Mapping[str, str] | None = None
                    ) -> tuple[list[BuildSpec], list[BuildFileError]]:
    """The builds a compose or bake file defines (bake: ``*.json``; anything else: compose)."""
    if path.endswith(".hcl"):
        return [], [BuildFileError(path, None, "HCL bake files are not read; "
                                               "write the bake file as docker-bake.json")]
    if is_bake_file(path):
        return bake_builds(path, environ)
    return compose_builds(path, environ)


# --------------------------------------------------------------------------- interpolation

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class InterpolationError(ValueError):
    pass


def interpolate(text: str, lookup: Mapping[str, str]) -> str:
    """Compose-style variable substitution in ``text`` (see the module docstring)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char != "$" or i + 1 == n:
            out.append(char)
            i += 1
            continue
        following = text[i + 1]
        if following == "$":
            out.append("$")
            i += 2
        elif following == "{":
            end = _closing_brace(text, i + 2)
            if end < 0:
                raise InterpolationError(f"unclosed '${{' in {text!r}")
            out.append(_braced(text[i + 2:end], lookup))
            i = end + 1
        elif match := _NAME.match(text, i + 1):
            out.append(lookup.get(match.group(), ""))
            i = match.end()
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _closing_brace(text: str, start: int) -> int:
    depth = 1
    i = start
    while i < len(text):
        if text.startswith("${", i):
            depth += 1
            i += 2
            continue
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _braced(body: str, lookup: Mapping[str, str]) -> str:
    match = _NAME.match(body)
    if match is None:
        raise InterpolationError(f"invalid variable reference '${{{body}}}'")
    name, rest = match.group(), body[match.end():]
    value = lookup.get(name)
    if rest == "":
        return value or ""
    for operator in (":-", ":?", ":+", "-", "?", "+"):
        if rest.startswith(operator):
            word = rest[len(operator):]
            break
    else:
        raise InterpolationError(f"invalid variable reference '${{{body}}}'")
    empty_counts = operator.startswith(":")
    present = value is not None and (value != "" or not empty_counts)
    if operator.endswith("-"):
        return value if present else interpolate(word, lookup)  # type: ignore[return-value]
    if operator.endswith("+"):
        return interpolate(word, lookup) if present else ""
    if not present:  # ? and :?
        raise InterpolationError(f"required variable {name} is missing a value"
                                 + (f": {interpolate(word, lookup)}" if word else ""))
    return value  # type: ignore[return-value]


def _dotenv(path: Path) -> dict[str, str]:
    """Plain ``KEY=VALUE`` lines of a ``.env`` file (``export`` and quotes allowed)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        if _NAME.fullmatch(key):
            values[key] = value
    return values


# --------------------------------------------------------------------------- shared helpers

_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git@|github\.com/)", re.IGNORECASE)


def _display(base_dir: str, *parts: str) -> str:
    joined = os.path.join(base_dir, *parts) if base_dir else os.path.join(*parts)
    return os.path.normpath(joined)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_paths(build_file: str, service: str, base: Path, base_display: str, context: str,
                 dockerfile: str | None, inline: str | None
                 ) -> tuple[tuple[Path, Path | None, str] | None, BuildFileError | None]:
    """Resolve context and Dockerfile; an error when either is missing."""
    context_dir = base / context
    if not context_dir.is_dir():
        return None, BuildFileError(build_file, service,
                                    f"build context '{context}' is not a directory "
                                    f"({_display(base_display, context)})")
    if inline is not None:
        return (context_dir, None, os.path.normpath(build_file)), None
    dockerfile = dockerfile or "Dockerfile"
    dockerfile_path = context_dir / dockerfile
    display = _display(base_display, context, dockerfile)
    if not dockerfile_path.is_file():
        return None, BuildFileError(build_file, service,
                                    f"Dockerfile '{dockerfile}' not found in build context "
                                    f"'{context}' ({display})")
    return (context_dir, dockerfile_path, display), None


# --------------------------------------------------------------------------- compose

def _read(path: str) -> tuple[str, BuildFileError | None]:
    try:
        return Path(path).read_text(encoding="utf-8"), None
    except OSError as exc:
        return "", BuildFileError(path, None, f"cannot read: {exc.strerror or exc}")
    except UnicodeDecodeError:
        return "", BuildFileError(path, None, "not UTF-8 text")


def compose_builds(path: str, environ: Mapping[str, str] | None = None
                   ) -> tuple[list[BuildSpec], list[BuildFileError]]:
    """The builds of a compose file's services, and the problems found in it."""
    import yaml  # PyYAML, only needed here

    text, problem = _read(path)
    if problem is not None:
        return [], [problem]
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return [], [BuildFileError(path, None, f"invalid YAML: {_yaml_problem(exc)}")]
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [BuildFileError(path, None, "not a compose file: the top level is not a mapping")]
    services = data.get("services")
    if services is None:
        return [], []
    if not isinstance(services, dict):
        return [], [BuildFileError(path, None, "'services' is not a mapping")]
    base = Path(path).parent
    base_display = os.path.dirname(path)
    lookup = {**_dotenv(base / ".env"), **(os.environ if environ is None else environ)}
    lines = text.splitlines()
    specs, errors = [], []
    for name, service in services.items():
        name = str(name)
        if service is None or not isinstance(service, dict) or "build" not in service:
            if service is not None and not isinstance(service, dict):
                errors.append(BuildFileError(path, name, "the service is not a mapping"))
            continue
        try:
            spec = _compose_service(path, name, service["build"], base, base_display, lookup,
                                    root, lines)
        except _Problem as problem:
            errors.append(BuildFileError(path, name, str(problem)))
            continue
        except InterpolationError as exc:
            errors.append(BuildFileError(path, name, f"interpolation: {exc}"))
            continue
        if isinstance(spec, BuildFileError):
            errors.append(spec)
        elif spec is not None:
            specs.append(spec)
    return specs, errors


class _Problem(Exception):
    pass


def _yaml_problem(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
    return problem


def _compose_service(path, name, build, base, base_display, lookup, root, lines):
    if isinstance(build, str):
        build = {"context": build}
    if not isinstance(build, dict):
        raise _Problem(f"'build' must be a string (the context) or a mapping, "
                       f"not {_kind(build)}")

    def text_of(key: str) -> str | None:
        value = build.get(key)
        if value is None:
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise _Problem(f"'build.{key}' must be a string, not {_kind(value)}")
        return interpolate(str(value), lookup)

    context = text_of("context") or "."
    if _REMOTE.match(context):
        return None  # a git or URL context: nothing on disk to lint
    dockerfile = text_of("dockerfile")
    inline = text_of("dockerfile_inline")
    if dockerfile is not None and inline is not None:
        raise _Problem("'build.dockerfile' and 'build.dockerfile_inline' are mutually exclusive")
    target = text_of("target")
    args = _compose_args(build.get("args"), lookup)
    resolved, error = _check_paths(path, name, base, base_display, context, dockerfile, inline)
    if error is not None:
        return error
    context_dir, dockerfile_path, display = resolved
    origin = _inline_origin(root, name, lines, build.get("dockerfile_inline")) \
        if inline is not None else None
    return BuildSpec(path, name, context_dir, dockerfile_path, display, inline, origin, args,
                     target or None)


def _kind(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bool: "a boolean", type(None): "null"}.get(
        type(value), type(value).__name__)


def _compose_args(raw: Any, lookup: Mapping[str, str]) -> dict[str, str]:
    if raw is None:
        return {}
    args: dict[str, str] = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            key = str(key)
            if value is None:
                if key in lookup:
                    args[key] = lookup[key]
            elif isinstance(value, (dict, list)):
                raise _Problem(f"'build.args.{key}' must be a string, not {_kind(value)}")
            else:
                args[key] = interpolate(_scalar(value), lookup)
        return args
    if isinstance(raw, list):
        for item in raw:
            if not isinstance(item, str):
                raise _Problem(f"'build.args' items must be KEY=VALUE strings, not {_kind(item)}")
            item = interpolate(item, lookup)
            key, sep, value = item.partition("=")
            if sep:
                args[key] = value
            elif key in lookup:
                args[key] = lookup[key]
        return args
    raise _Problem(f"'build.args' must be a mapping or a list, not {_kind(raw)}")


def _child(node, key: str):
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _inline_origin(root, service: str, lines: list[str], raw: Any) -> InlineOrigin | None:
    """Map the inline Dockerfile onto the compose file's lines (see InlineOrigin)."""
    import yaml

    service_node = _child(_child(root, "services"), service)
    build_node = _child(service_node, "build")
    node = _child(build_node, "dockerfile_inline")
    if node is None:
        anchor = service_node or build_node
        if anchor is None:
            return None
        return InlineOrigin(anchor.start_mark.line, anchor.start_mark.column, exact=False)
    start = node.start_mark
    if isinstance(node, yaml.ScalarNode) and node.style == "|" and isinstance(raw, str):
        content = raw.split("\n")
        if content and content[-1] == "":
            content.pop()
        first = start.line + 1  # 0-based index of the block's first content line
        block = lines[first:first + len(content)]
        indent = next((len(line) - len(line.lstrip(" ")) for line in block if line.strip()), 0)
        if len(block) == len(content) and all(
                (line[indent:] == text) if text else not line.strip()
                for line, text in zip(block, content)):
            return InlineOrigin(first, indent, exact=True)
    return InlineOrigin(start.line, start.column, exact=False)


# --------------------------------------------------------------------------- bake

def bake_builds(path: str, environ: Mapping[str, str] | None = None
                ) -> tuple[list[BuildSpec], list[BuildFileError]]:
    """The builds of a ``docker-bake.json`` file's targets, and the problems found in it."""
    text, problem = _read(path)
    if problem is not None:
        return [], [problem]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [BuildFileError(path, None, f"invalid JSON: {exc.msg} "
                                               f"(line {exc.lineno}, column {exc.colno})")]
    if not isinstance(data, dict):
        return [], [BuildFileError(path, None, "not a bake file: the top level is not an object")]
    targets = data.get("target") or {}
    groups = data.get("group") or {}
    variables = data.get("variable") or {}
    for key, value in (("target", targets), ("group", groups), ("variable", variables)):
        if not isinstance(value, dict):
            return [], [BuildFileError(path, None, f"'{key}' is not an object")]
    env = os.environ if environ is None else environ
    lookup = {name: _scalar(spec.get("default", "")) for name, spec in variables.items()
              if isinstance(spec, dict) and spec.get("default") is not None}
    lookup.update({name: env[name] for name in variables if name in env})

    def substitute(value: str) -> str:  # ${NAME} only; other HCL expressions stay as written
        return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}",
                      lambda m: lookup.get(m.group(1), env.get(m.group(1), m.group(0))), value)

    base = Path(path).parent
    base_display = os.path.dirname(path)
    specs, errors = [], []
    for name in _bake_selection(targets, groups):
        try:
            merged = _bake_merge(targets, name, ())
            spec = _bake_target(path, name, merged, base, base_display, substitute, text)
        except _Problem as problem:
            errors.append(BuildFileError(path, name, str(problem)))
            continue
        if isinstance(spec, BuildFileError):
            errors.append(spec)
        elif spec is not None:
            specs.append(spec)
    return specs, errors


def _bake_selection(targets: dict, groups: dict) -> list[str]:
    default = groups.get("default")
    if not isinstance(default, dict):
        return list(targets)
    chosen: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        group = groups.get(name)
        if isinstance(group, dict) and name not in targets:
            for member in group.get("targets") or []:
                visit(str(member))
        elif name in targets:
            chosen.append(name)

    for member in default.get("targets") or []:
        visit(str(member))
    return chosen


def _bake_merge(targets: dict, name: str, seen: tuple[str, ...]) -> dict:
    if name in seen:
        raise _Problem(f"'inherits' loops through {' -> '.join((*seen, name))}")
    target = targets.get(name)
    if not isinstance(target, dict):
        raise _Problem(f"target '{name}' is not defined" if target is None
                       else f"target '{name}' is not an object")
    merged: dict = {}
    parents = target.get("inherits") or []
    if not isinstance(parents, list):
        raise _Problem("'inherits' must be a list of target names")
    for parent in parents:
        inherited = _bake_merge(targets, str(parent), (*seen, name))
        args = {**merged.get("args", {}), **inherited.get("args", {})}
        merged.update(inherited)
        merged["args"] = args
    own_args = target.get("args") or {}
    if not isinstance(own_args, dict):
        raise _Problem(f"'args' must be an object, not {_kind(own_args)}")
    args = {**merged.get("args", {}), **own_args}
    merged.update({k: v for k, v in target.items() if k != "inherits"})
    merged["args"] = args
    return merged


def _bake_target(path, name, target, base, base_display, substitute, text):
    def text_of(key: str) -> str | None:
        value = target.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise _Problem(f"'{key}' must be a string, not {_kind(value)}")
        return substitute(value)

    context = text_of("context") or "."
    if _REMOTE.match(context) or context.startswith("target:"):
        return None
    dockerfile = text_of("dockerfile")
    inline = text_of("dockerfile-inline")
    args: dict[str, str] = {}
    raw_args = target.get("args") or {}
    if not isinstance(raw_args, dict):
        raise _Problem(f"'args' must be an object, not {_kind(raw_args)}")
    for key, value in raw_args.items():
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            raise _Problem(f"'args.{key}' must be a string, not {_kind(value)}")
        args[str(key)] = substitute(_scalar(value))
    resolved, error = _check_paths(path, name, base, base_display, context,
                                   None if inline is not None else dockerfile, inline)
    if error is not None:
        return error
    context_dir, dockerfile_path, display = resolved
    origin = None
    if inline is not None:
        at = text.find('"dockerfile-inline"', max(text.find(f'"{name}"'), 0))
        line = text.count("\n", 0, at) if at >= 0 else 0
        column = at - (text.rfind("\n", 0, at) + 1) if at >= 0 else 0
        origin = InlineOrigin(line, column, exact=False)
    return BuildSpec(path, name, context_dir, dockerfile_path, display, inline, origin, args,
                     text_of("target") or None)
