"""Does a stage run Python? Shared by the PYTHON* environment rules."""

from __future__ import annotations

import re

from pydolint.analysis.commands import stage_commands
from pydolint.analysis.stages import last_instruction, lineage_instructions, root_stage
from pydolint.model import Document, Stage

PYTHON_PROGRAMS = re.compile(
    r"^(python[0-9.]*|pypy[0-9.]*|gunicorn|uvicorn|hypercorn|daphne|granian|uwsgi|celery|flask|"
    r"django-admin|manage\.py|streamlit|jupyter|jupyter-lab|fastapi|waitress-serve|dramatiq|rq|"
    r"huey_consumer|pytest|dagster|airflow|prefect|scrapy|locust|mlflow|panel|gradio|voila)$")
PYTHON_RUNNERS = re.compile(r"^(uv|poetry|pipenv|pdm|hatch|rye)$")
INSTALLERS = re.compile(r"^(pip[0-9.]*|uv|poetry|pipenv|pdm|conda|mamba|micromamba)$")


def base_image(document: Document, stage: Stage):
    """(image reference, python/pypy tag) of the image at the root of the stage's FROM chain;
    either is None when unknown (an ARG without value, not a python image)."""
    def compute():
        from pydolint.pythontag import parse_python_tag

        ref = root_stage(document, stage).image_ref
        return ref, (parse_python_tag(ref) if ref is not None else None)

    return document.cached(("base_image", stage.index), compute)


def _program_words(values) -> list[str]:
    words = []
    for value in values:
        words += [w.strip("\"'") for w in value.split()]
    return [w.rsplit("/", 1)[-1] for w in words if w]


def runs_python(document: Document, stage: Stage) -> str | None:
    """Why the stage counts as running Python, or None."""
    ref, tag = base_image(document, stage)
    if tag is not None:
        return f"it is built on '{ref.familiar}'"
    for keyword in ("ENTRYPOINT", "CMD"):
        instruction = last_instruction(document, stage, keyword)
        if instruction is None:
            continue
        words = _program_words(instruction.value)
        for i, word in enumerate(words):
            if PYTHON_PROGRAMS.match(word) or (
                    PYTHON_RUNNERS.match(word) and "run" in words[i + 1:i + 2]):
                return f"its {keyword} (line {instruction.start_line}) runs {word}"
    for instruction, _script, command in stage_commands(
            document, lineage_instructions(document, stage)):
        name = command.argv[0].text.rsplit("/", 1)[-1]
        if INSTALLERS.match(name):
            return f"it runs {name} on line {instruction.start_line}"
    return None


def base_distro(document: Document, stage: Stage) -> str | None:
    """"alpine", "debian" or "windows" for the stage's base image; None if unknown."""
    ref, tag = base_image(document, stage)
    if ref is None:
        return None
    if tag is not None:
        if tag.variant == "alpine":
            return "alpine"
        return "windows" if tag.variant in ("windowsservercore", "nanoserver") else "debian"
    name, version = ref.short_name, (ref.tag or "").lower()
    if name == "alpine" or "alpine" in version:
        return "alpine"
    if name in ("debian", "ubuntu") or any(c in version for c in ("bookworm", "trixie", "bullseye")):
        return "debian"
    return None


def missing_python_env(ctx, name: str):
    """(stage, why it runs Python, fix) when the target stage runs Python and does
    not set ENV ``name``; None otherwise. Shared by the PYTHON* environment rules."""
    from pydolint.analysis.stages import final_variables, target_stage
    from pydolint.diagnostics import Edit, Fix
    from pydolint.model import Span

    stage = target_stage(ctx.document, ctx.target_stage)
    if stage is None or final_variables(stage).env.get(name):
        return None
    reason = runs_python(ctx.document, stage)
    if reason is None:
        return None
    line = stage.from_instruction.end_line
    fix = Fix((Edit(Span(line + 1, 1, line + 1, 1), f"ENV {name}=1\n"),),
              description=f"add ENV {name}=1 after line {line}")
    return stage, reason, fix
