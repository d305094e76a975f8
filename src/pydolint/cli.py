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
    from pydolint.parser import parse
    from pydolint.parser.dump import document_to_dict, document_to_text

    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        click.echo(f"pydolint: cannot read {path}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    document = parse(data, path)
    if output_format == "text":
        click.echo(document_to_text(document), nl=False)
    else:
        import json

        click.echo(json.dumps(document_to_dict(document), indent=2, ensure_ascii=False))
