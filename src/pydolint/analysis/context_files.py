"""Locations in files other than the Dockerfile: build-context files and inline heredoc files.

A finding about a line of ``requirements.txt`` is reported at that file's own
path, as the user can open it: the build context root joined with the
context path, relative to the working directory when the Dockerfile path is
(``docker/app/requirements.txt`` for ``pydolint docker/app/Dockerfile``).
A file created by a ``COPY <<EOF`` heredoc is located in the Dockerfile.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydolint.analysis.dependencies import LoadedFile
from pydolint.analysis.requirements import RequirementLine
from pydolint.model import Span
from pydolint.rule import RuleContext


def display_path(ctx: RuleContext, context_path: str) -> str:
    """The path to print for a build-context file."""
    if ctx.build_context is None:
        return context_path
    joined = Path(ctx.build_context.root) / context_path
    if joined.is_absolute() and ctx.path != "-" and not Path(ctx.path).is_absolute():
        try:
            return os.path.relpath(joined)
        except ValueError:  # another drive
            pass
    return os.path.normpath(joined)


def requirement_location(ctx: RuleContext, loaded: LoadedFile,
                         line: RequirementLine) -> tuple[str, Span]:
    """(path, span) of one line of a requirements file."""
    source = loaded.source
    if source is not None and source.text is not None:  # a heredoc in the Dockerfile
        for heredoc in source.instruction.heredocs:
            if heredoc.text == source.text:
                row = heredoc.start_line + line.line - 1
                return ctx.path, Span.line(row, line.column, line.end_column)
    return display_path(ctx, line.path), Span.line(line.line, line.column, line.end_column)
