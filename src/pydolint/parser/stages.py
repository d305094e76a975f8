"""The stage model and the variables in effect at every instruction."""

from __future__ import annotations

from pydolint.model import Instruction, Stage, SyntaxIssue
from pydolint.parser.instructions import KNOWN
from pydolint.variables import Variables


def build_stages(instructions: list[Instruction], escape: str,
                 build_args: dict[str, str] | None = None,
                 problems: list[SyntaxIssue] | None = None) -> tuple[list[Stage], list[Instruction]]:
    """Assign instructions to stages and attach a Variables view to each.

    ``build_args`` (``--build-arg``, compose ``args``) override ARG defaults
    wherever the ARG is declared, as in a real build.
    """
    build_args = build_args or {}
    problems = [] if problems is None else problems  # FROM images BuildKit cannot pull
    stages: list[Stage] = []
    global_args: list[Instruction] = []
    meta = Variables(escape=escape)  # the global scope, seen by FROM lines
    scope = meta
    for instruction in instructions:
        if instruction.keyword == "FROM":
            stage = _new_stage(instruction, len(stages), stages, meta, problems)
            stages.append(stage)
            parent = stages[stage.parent_stage] if stage.parent_stage is not None else None
            inherited = _final_env(parent) if parent else {}
            scope = Variables(inherited, {}, escape)
        instruction._variables = scope
        if instruction.sub_instruction is not None:
            instruction.sub_instruction._variables = scope
        if stages:
            instruction.stage = len(stages) - 1
            stages[-1].instructions.append(instruction)
            if instruction.sub_instruction is not None:
                instruction.sub_instruction.stage = instruction.stage
        elif instruction.keyword == "ARG":
            global_args.append(instruction)
        elif instruction.keyword in KNOWN:
            problems.append(SyntaxIssue(
                f"{instruction.keyword} before the first FROM: only ARG may come before FROM "
                "(BuildKit fails with 'no build stage in current context')",
                instruction.keyword_span))
        scope = _apply(instruction, scope, meta, build_args)
        if not stages:
            meta = scope
    return stages, global_args


def _apply(instruction: Instruction, scope: Variables, meta: Variables,
           build_args: dict[str, str] | None = None) -> Variables:
    if instruction.keyword == "ENV":
        # BuildKit expands every pair with the values from before the instruction:
        # in `ENV A=1 B=$A`, B does not see the new A
        env = {}
        for pair in instruction.key_values:
            result = scope.expand(pair.raw_value or "")
            env[pair.key] = result.result if result else (pair.value or "")
        return scope.with_env(env)
    if instruction.keyword == "ARG":
        current = scope
        for pair in instruction.key_values:
            if build_args and pair.key in build_args:
                value = build_args[pair.key]
            elif pair.raw_value is not None:
                result = current.expand(pair.raw_value)
                value = result.result if result else pair.value
            elif pair.key in meta.args:
                value = meta.args[pair.key]  # re-declared global: takes its default
            else:
                value = None
            current = current.with_args({pair.key: value})
        return current
    return scope


def variables_after(instruction: Instruction) -> Variables:
    """The variables in effect once ``instruction`` has run."""
    return _apply(instruction, instruction.variables, Variables(escape=instruction.variables.escape))


def _final_env(stage: Stage) -> dict[str, str]:
    return dict(variables_after(stage.instructions[-1]).env)


def words_span(instruction: Instruction):
    return instruction.args[0].span if instruction.args else instruction.keyword_span


def _new_stage(instruction: Instruction, index: int, stages: list[Stage], meta: Variables,
               problems: list[SyntaxIssue]) -> Stage:
    from pydolint.imageref import parse_image_ref

    words = instruction.value
    image = words[0] if words else ""
    name = words[2] if len(words) == 3 and words[1].lower() == "as" else None
    result = meta.expand(image)
    resolved = result.result if result is not None else None
    unresolved = result is None or bool(result.unmatched)
    parent = None
    if resolved is not None:
        # BuildKit stores stage names lower-cased and looks FROM up exactly as written
        for earlier in stages:
            if earlier.name is not None and earlier.name.lower() == resolved:
                parent = earlier.index
    platform_flag = instruction.flag("platform")
    image_ref = None
    if resolved and not unresolved and parent is None and resolved != "scratch":
        image_ref = parse_image_ref(resolved)
        if image_ref is None and "$" not in image:  # with variables, DF105 explains it
            stage_hint = next((f"; stage names match exactly, so write `FROM {e.name.lower()}`"
                               for e in stages if e.name and e.name.lower() == resolved.lower()),
                              "; the empty image is `scratch`, in lower case"
                              if resolved.lower() == "scratch" else "")
            problems.append(SyntaxIssue(
                f"`{resolved}` is not a valid image reference (names are lower case, with an "
                f"optional registry, :tag and @digest){stage_hint}",
                words_span(instruction)))
    return Stage(
        index=index, name=name, from_instruction=instruction, image=image,
        resolved_image=resolved if not unresolved else None, unresolved=unresolved,
        image_ref=image_ref, platform=platform_flag.value if platform_flag else None,
        parent_stage=parent,
    )
