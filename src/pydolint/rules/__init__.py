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
    "py100_python_tag_floating",
    "py101_python_tag_no_patch",
    "py102_python_eol",
    "py103_python_prerelease",
    "py104_distro_release_eol",
    "py105_alpine_compiled_packages",
    "py106_full_image_final_stage",
    "py107_debian_release_floating",
    "py108_gpu_framework_on_python_image",
    "py109_python_tag_unknown",
    "py200_missing_pythonunbuffered",
    "py201_missing_pythondontwritebytecode",
    "py202_tls_verification_disabled",
    "py203_credentials_in_index_url",
    "py204_extra_index_url",
    "py300_pip_cache",
)
