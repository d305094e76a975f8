"""Rule documentation: the docstring's sections, executable examples and pages.

A rule docstring is Markdown with ``## What it does``, ``## Why it matters``,
``## Example``, ``## Use instead`` and optionally ``## Options``. Fenced
blocks tagged ``dockerfile`` are the example Dockerfiles; a fence such as
```` ```text file=requirements.txt ```` adds a file to the example's build context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydolint.rule import Rule

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Options")
_HEADING = re.compile(
    r"^\s*(?:#+\s*|\*\*)?(" + "|".join(SECTIONS) + r")\s*(?:\*\*)?\s*:?\s*(?:\*\*)?\s*$",
    re.IGNORECASE,
)
REQUIRED_SECTIONS = SECTIONS[:4]
_UNDERLINE = re.compile(r"^\s*([-=~^#*])\1{2,}\s*$")


def clean_doc(doc: str) -> str:
    """Like ``inspect.cleandoc``: drop the common indentation and blank edges."""
    import textwrap

    lines = doc.expandtabs().splitlines()
    if not lines:
        return ""
    first, rest = lines[0].strip(), textwrap.dedent("\n".join(lines[1:]))
    return "\n".join([first, *rest.splitlines()]).strip("\n")


def doc_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its sections.

    Headings may be Markdown (``## What it does``), plain (``What it does:``)
    or underlined. Text before the first heading is returned under ``""``.
    """
    canonical = {name.lower(): name for name in SECTIONS}
    sections: dict[str, list[str]] = {"": []}
    current = ""
    in_fence = False
    for line in clean_doc(doc or "").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            current = canonical[match.group(1).lower()]
            sections[current] = []
            continue
        if (not in_fence and _UNDERLINE.match(line)
                and not any(s.strip() for s in sections[current])):
            continue  # the underline of a heading just seen
        sections[current].append(line)
    return {name: "\n".join(body).strip() for name, body in sections.items()}


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.")


def first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n", 1)[0].split())


def first_sentence(text: str) -> str:
    """The first sentence of the first paragraph, whitespace collapsed."""
    paragraph = first_paragraph(text)
    for match in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[: match.end()]
        if candidate.lower().endswith(_ABBREVIATIONS):
            continue
        return candidate
    return paragraph


_FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
_OPTION_LINE = re.compile(r"^- `([a-z0-9-]+)`", re.MULTILINE)


@dataclass
class Example:
    dockerfile: str
    files: dict[str, str] = field(default_factory=dict)


def sections(rule: Rule) -> dict[str, str]:
    return {name: body for name, body in doc_sections(rule.doc).items() if name}


def title(rule: Rule) -> str:
    """The docstring's first line."""
    return (rule.doc or "").strip().splitlines()[0].strip() if rule.doc else rule.name


def summary(rule: Rule) -> str:
    """The first sentence of "What it does"."""
    return first_sentence(sections(rule).get("What it does", ""))


def example(rule: Rule, section: str) -> Example | None:
    body = sections(rule).get(section)
    if body is None:
        return None
    dockerfile, files = None, {}
    for fence in _FENCE.finditer(body):
        lang, info, content = fence.groups()
        name = re.search(r"file=(\S+)", info)
        if name:
            files[name.group(1)] = content
        elif lang.lower() == "dockerfile" and dockerfile is None:
            dockerfile = content
    return Example(dockerfile, files) if dockerfile is not None else None


def documented_options(rule: Rule) -> list[str]:
    return _OPTION_LINE.findall(sections(rule).get("Options", ""))


def page(rule: Rule) -> str:
    aliases = ", ".join(f"`{a}`" for a in rule.aliases) or "none"
    lines = [
        f"# {rule.code} `{rule.name}`",
        "",
        title(rule),
        "",
        "| Severity | Enabled by default | Fix available | Aliases |",
        "|---|---|---|---|",
        f"| {rule.severity} | {'yes' if rule.enabled else 'no'} | "
        f"{'yes' if rule.fixable else 'no'} | {aliases} |",
        "",
    ]
    for name, body in sections(rule).items():
        lines += [f"## {name}", "", body, ""]
    return "\n".join(lines).rstrip() + "\n"


def rule_table(rules: list[Rule], link_prefix: str = "") -> str:
    lines = [
        "| Code | Name | Severity | Default | Fix | Aliases | Summary |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in rules:
        aliases = ", ".join(rule.aliases)
        lines.append(
            f"| [{rule.code}]({link_prefix}{rule.code}.md) | `{rule.name}` | {rule.severity} | "
            f"{'on' if rule.enabled else 'off'} | {'yes' if rule.fixable else ''} | "
            f"{aliases} | {summary(rule)} |"
        )
    return "\n".join(lines) + "\n"


def index_page(rules: list[Rule]) -> str:
    return ("# pydolint rules\n\nGenerated by `pydolint rules --write-docs rules/`; "
            "do not edit by hand. Other linters' codes (hadolint, BuildKit, Checkov, "
            "Trivy) and the rules that cover them are in [aliases.md](aliases.md).\n\n"
            + rule_table(rules))


README_START, README_END = "<!-- rules-table:start -->\n", "<!-- rules-table:end -->"


def readme_with_table(readme: str, rules: list[Rule]) -> str:
    """The README text with its rule table regenerated between the markers."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        return readme
    return readme[: start + len(README_START)] + rule_table(rules, "rules/") + readme[end:]


def render_pages(rules: list[Rule]) -> dict[str, str]:
    from pydolint.aliases_page import render_aliases_page

    pages = {f"{rule.code}.md": page(rule) for rule in rules}
    pages["README.md"] = index_page(rules)
    pages["aliases.md"] = render_aliases_page(rules)
    return pages


def write_docs(rules: list[Rule], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    pages = render_pages(rules)
    for stale in directory.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        target = directory / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    readme = directory.resolve().parent / "README.md"
    if readme.is_file():  # the project README shows the same table
        text = readme.read_text(encoding="utf-8")
        updated = readme_with_table(text, rules)
        if updated != text:
            readme.write_text(updated, encoding="utf-8")
            written.append(readme)
    return written
