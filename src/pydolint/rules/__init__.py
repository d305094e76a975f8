"""Built-in rules: one module each, listed here explicitly (and greppably).

Each module defines ``RULE = Rule(...)``; its docstring is the rule's page.
"""

BUILTIN_RULE_MODULES = (
    "df000_syntax_error",
    "df001_unknown_instruction",
    "df003_unknown_ignore_code",
    "df100_image_untagged",
    "df101_image_latest_tag",
    "df400_runs_as_root",
    "py105_alpine_compiled_packages",
    "py200_missing_pythonunbuffered",
    "py300_pip_cache",
)
