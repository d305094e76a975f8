"""The command line: a thin click layer over the library API."""

from __future__ import annotations

import sys

import click

from pydolint import __version__


class _DefaultToCheck(click.Group):
    """``pydolint PATHS...`` means ``pydolint check PATHS...``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pydolint")
def main() -> None:
    """pydolint: a Dockerfile linter that knows Python images.

    Run `pydolint [PATHS]...` to lint files or directories (the `check` command).
    """


@main.command("parse")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json",
              show_default=True)
def parse_command(path: str, output_format: str) -> None:
    """Print the parsed model of one Dockerfile (a stable JSON interface)."""
    from pathlib import Path

    from pydolint.parser import parse
    from pydolint.parser.dump import document_to_dict, document_to_text

    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        click.echo(f"pydolint: cannot read {path}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    document = parse(data, path)
    if output_format == "text":
        click.echo(document_to_text(document), nl=False)
    else:
        import json

        click.echo(json.dumps(document_to_dict(document), indent=2, ensure_ascii=False))


def _split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _check_selectors(codes: tuple[str, ...], option: str) -> None:
    from pydolint.registry import default_registry

    registry = default_registry()
    for code in codes:
        if not registry.resolve(code):
            raise click.UsageError(f"{option}: unknown rule code or name {code!r} "
                                   "(see `pydolint rules`)")


def _use_color(color: bool | None) -> bool:
    import os

    if color is not None:
        return color
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--select", multiple=True, help="Only these rules (codes, names, prefixes), comma-separated.")
@click.option("--extend-select", multiple=True, help="Add rules, including ones off by default.")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option("--fail-level", type=click.Choice(["style", "info", "warning", "error"]),
              help="Lowest severity that makes the exit code 1 [default: info].")
@click.option("--format", "output_format", default="text", show_default=True,
              help="Output format: text, concise, json, json-lines, sarif, github, gitlab, "
                   "junit, checkstyle, or a plugin's.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False),
              help="Write the --format output to this file instead of standard output.")
@click.option("--report", "reports", multiple=True, metavar="FORMAT=PATH",
              help="Also write FORMAT to PATH; repeatable (e.g. --report sarif=pydolint.sarif).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Use this config file instead of searching upward from each file.")
@click.option("--context", "context_dir", type=click.Path(exists=True, file_okay=False),
              help="Build context directory [default: each Dockerfile's directory].")
@click.option("--compose", "compose_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Lint the builds of this compose file's services, each with its own context, "
                   "args and target; repeatable.")
@click.option("--bake", "bake_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Lint the targets of this docker-bake.json file; repeatable.")
@click.option("--no-build-files", is_flag=True,
              help="In directories, do not look for compose and bake files: lint each "
                   "Dockerfile once, with its own directory as the context.")
@click.option("--stdin-filename", help="Path to report for input read from '-'.")
@click.option("--no-ignore-comments", is_flag=True, help="Disregard suppression comments.")
@click.option("--include-suppressed", is_flag=True,
              help="Pass suppressed findings to formats that record them (sarif).")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no source context, no summary.")
@click.option("--statistics", is_flag=True, help="Print a count of findings per rule.")
@click.option("--color/--no-color", default=None, help="Force or disable colour [default: on a terminal].")
def check_command(paths, select, extend_select, ignore, fail_level, output_format, output_file,
                  reports, config_path, context_dir, compose_files, bake_files, no_build_files,
                  stdin_filename, no_ignore_comments, include_suppressed, quiet, statistics,
                  color) -> None:
    """Lint Dockerfiles (files, directories, or - for standard input)."""
    from pathlib import Path

    from pydolint.api import ConfigError, Overrides, lint_paths
    from pydolint.diagnostics import Severity

    outputs = [(output_format, output_file)] + [_parse_report(r) for r in reports]
    renderers = {name: _renderer(name) for name, _ in outputs}
    selected = _split_codes(select) or None
    overrides = Overrides(
        select=selected, extend_select=_split_codes(extend_select), ignore=_split_codes(ignore),
        fail_level=Severity.parse(fail_level) if fail_level else None,
    )
    for codes, option in ((selected or (), "--select"), (overrides.extend_select, "--extend-select"),
                          (overrides.ignore, "--ignore")):
        _check_selectors(codes, option)
    stdin_text = sys.stdin.buffer.read() if "-" in paths else None
    try:
        run = lint_paths(
            list(paths), overrides=overrides, config_path=Path(config_path) if config_path else None,
            context_dir=Path(context_dir) if context_dir else None,
            use_pragmas=not no_ignore_comments, stdin_text=stdin_text,
            stdin_filename=stdin_filename, build_files=[*compose_files, *bake_files],
            discover_build_files=not no_build_files,
        )
    except ConfigError as exc:
        click.echo(f"pydolint: config error: {exc}", err=True)
        sys.exit(2)
    for name, destination in outputs:
        to_terminal = destination is None
        report = _report(run, include_suppressed, color=to_terminal and _use_color(color),
                         show_context=to_terminal and not quiet and sys.stdout.isatty(),
                         quiet=quiet)
        text = renderers[name](report)
        if destination is None:
            click.echo(text, nl=False, color=report.color)
        else:
            Path(destination).write_text(text, encoding="utf-8")
    if statistics:
        _print_statistics(run)
    if run.errors:
        sys.exit(2)
    sys.exit(1 if run.failed else 0)


def _parse_report(value: str) -> tuple[str, str]:
    name, sep, path = value.partition("=")
    if not sep or not name or not path:
        raise click.UsageError(f"--report expects FORMAT=PATH, got {value!r}")
    return name, path


def _renderer(name: str):
    from pydolint.reporters import UnknownFormatError, get_renderer

    try:
        return get_renderer(name)
    except UnknownFormatError as exc:
        raise click.UsageError(str(exc)) from None


def _report(run, include_suppressed: bool, *, color: bool, show_context: bool, quiet: bool):
    from pydolint.registry import default_registry
    from pydolint.reporters.report import Report

    diagnostics = sorted((d for r in run.results for d in r.diagnostics
                          if include_suppressed or not d.suppressed),
                         key=lambda d: d.sort_key())
    used = {d.code for d in diagnostics}
    return Report(
        diagnostics=tuple(diagnostics),
        rules=tuple(r for r in default_registry().rules if r.code in used),
        files=tuple(dict.fromkeys(r.path for r in run.results)),
        errors=tuple(run.errors),
        sources={r.path: r.source_lines for r in run.results if r.source_lines is not None},
        color=color, show_context=show_context, include_suppressed=include_suppressed,
        summary=not quiet,
    )


def _print_statistics(run) -> None:
    from collections import Counter

    counts = Counter((d.code, d.name) for d in run.diagnostics)
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"{count:5d}  {code}  {name}", err=True)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--write-docs", type=click.Path(file_okay=False),
              help="Write one Markdown page per rule and an index into this directory.")
def rules_command(output_format: str, write_docs: str | None) -> None:
    """List every rule: code, name, severity, default, fix, aliases."""
    from pydolint import docs
    from pydolint.registry import default_registry

    rules = default_registry().rules
    if write_docs:
        from pathlib import Path

        written = docs.write_docs(rules, Path(write_docs))
        click.echo(f"wrote {len(written)} pages to {write_docs}")
        return
    if output_format == "json":
        import json

        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "severity": str(r.severity), "enabled": r.enabled,
             "fixable": r.fixable, "aliases": list(r.aliases), "summary": docs.summary(r),
             "options": {o.name: {"type": o.type, "default": o.default, "help": o.help}
                         for o in r.options}}
            for r in rules], indent=2))
        return
    rows = [("CODE", "NAME", "SEVERITY", "DEFAULT", "FIX", "ALIASES")]
    rows += [(r.code, r.name, str(r.severity), "on" if r.enabled else "off",
              "yes" if r.fixable else "", ", ".join(r.aliases)) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])


@main.command("explain")
@click.argument("rule")
def explain_command(rule: str) -> None:
    """Show a rule's documentation (by code, name or alias)."""
    from pydolint import docs
    from pydolint.registry import default_registry

    registry = default_registry()
    found = [registry.get(rule)] if registry.get(rule) else registry.by_alias(rule)
    if not found:
        click.echo(f"pydolint: no rule is called {rule!r}; see `pydolint rules`", err=True)
        sys.exit(2)
    click.echo("\n".join(docs.page(r) for r in found), nl=False)


@main.group("config")
def config_group() -> None:
    """Configuration helpers."""


@config_group.command("import-hadolint")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--write", is_flag=True,
              help="Add the table to ./pyproject.toml if there is one, else write "
                   "./.pydolint.toml; never overwrites an existing pydolint configuration.")
def import_hadolint_command(path: str | None, write: bool) -> None:
    """Print the [tool.pydolint] equivalent of a hadolint configuration.

    PATH defaults to .hadolint.yaml (or .hadolint.yml) in the current directory.
    """
    from pathlib import Path

    from pydolint.import_hadolint import HadolintConfigError, convert, load_yaml, render
    from pydolint.registry import default_registry

    if path is None:
        path = next((name for name in (".hadolint.yaml", ".hadolint.yml")
                     if Path(name).is_file()), ".hadolint.yaml")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}")
    try:
        conversion = convert(load_yaml(text), default_registry())
    except HadolintConfigError as exc:
        _fail(f"{path}: {exc}")
    if not write:
        click.echo(render(conversion, source=path), nl=False)
        return
    pyproject, standalone = Path("pyproject.toml"), Path(".pydolint.toml")
    if pyproject.is_file():
        import tomllib

        current = pyproject.read_text(encoding="utf-8")
        try:
            existing = tomllib.loads(current).get("tool", {}).get("pydolint")
        except tomllib.TOMLDecodeError as exc:
            _fail(f"{pyproject}: not valid TOML ({exc}); not changed")
        if existing is not None:
            _fail(f"{pyproject} already has a [tool.pydolint] table; not changed "
                  "(run without --write to see the converted table)")
        separator = "" if not current or current.endswith("\n\n") else (
            "\n" if current.endswith("\n") else "\n\n")
        pyproject.write_text(current + separator + render(conversion, source=path),
                             encoding="utf-8")
        click.echo(f"wrote [tool.pydolint] to {pyproject}")
    else:
        if standalone.exists():
            _fail(f"{standalone} already exists; not changed "
                  "(run without --write to see the converted table)")
        standalone.write_text(render(conversion, prefix="", source=path), encoding="utf-8")
        click.echo(f"wrote {standalone}")


def _fail(message: str):
    click.echo(f"pydolint: {message}", err=True)
    sys.exit(2)
