"""rules/aliases.md: every other tool's code is either covered by a rule or says why not."""

from __future__ import annotations

import re

import pytest

from pydolint import docs
from pydolint.aliases_page import alias_rows, other_tools, render_aliases_page, unknown_aliases
from pydolint.registry import default_registry
from pydolint.rule import Rule

RULES = default_registry().rules

# hadolint 2.15.1: src/Hadolint/Rule/*.hs, plus DL1000 for parse errors
HADOLINT = ["DL1000", "DL1001", "DL3000", "DL3001", "DL3002", "DL3003", "DL3004", "DL3006", "DL3007", "DL3008", "DL3009", "DL3010", "DL3011", "DL3012", "DL3013", "DL3014", "DL3015", "DL3016", "DL3018", "DL3019", "DL3020", "DL3021", "DL3022", "DL3023", "DL3024", "DL3025", "DL3026", "DL3027", "DL3028", "DL3029", "DL3030", "DL3032", "DL3033", "DL3034", "DL3035", "DL3036", "DL3037", "DL3038", "DL3040", "DL3041", "DL3042", "DL3043", "DL3044", "DL3045", "DL3046", "DL3047", "DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3057", "DL3058", "DL3059", "DL3060", "DL3061", "DL3062", "DL3063", "DL3064", "DL3065", "DL3066", "DL3067", "DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006"]
# moby/buildkit frontend/dockerfile/linter/ruleset.go
BUILDKIT = ["StageNameCasing", "FromAsCasing", "NoEmptyContinuation", "ConsistentInstructionCasing", "DuplicateStageName", "ReservedStageName", "JSONArgsRecommended", "MaintainerDeprecated", "UndefinedArgInFrom", "WorkdirRelativePath", "UndefinedVar", "MultipleInstructionsDisallowed", "LegacyKeyValueFormat", "InvalidBaseImagePlatform", "RedundantTargetPlatform", "SecretsUsedInArgOrEnv", "InvalidDefaultArgInFrom", "FromPlatformFlagConstDisallowed", "CopyIgnoredFile", "InvalidDefinitionDescription", "ExposeProtoCasing", "ExposeInvalidFormat"]
CHECKOV = [f"CKV_DOCKER_{n}" for n in range(1, 12)]
TRIVY = [f"DS-{n:04d}" for n in range(1, 32)]


def codes(tool: str) -> list[str]:
    return [entry["code"] for entry in other_tools()[tool]]


def test_the_catalog_lists_every_code_of_every_tool_once():
    assert codes("hadolint") == HADOLINT
    assert sorted(codes("buildkit")) == sorted(BUILDKIT)
    assert codes("checkov") == CHECKOV
    assert codes("trivy") == TRIVY
    assert codes("shellcheck") == ["SC"]
    data = other_tools()
    assert data["checked"] and data["source"]
    for tool in ("hadolint", "buildkit", "checkov", "trivy", "shellcheck"):
        for entry in data[tool]:
            assert set(entry) <= {"code", "title", "severity", "pydolint", "reason", "note"}
            assert ("pydolint" in entry) != ("reason" in entry), entry["code"]
            for code in entry.get("pydolint", ()):
                assert re.fullmatch(r"(DF|PY)\d{3}", code), entry
    assert {e["severity"] for e in data["hadolint"]} <= {"error", "warning", "info", "style",
                                                          "ignore"}


@pytest.mark.parametrize("code", HADOLINT + BUILDKIT)
def test_every_hadolint_code_and_buildkit_check_is_on_the_page_mapped_or_explained(code):
    page = render_aliases_page(RULES)
    [row] = [r for r in alias_rows(RULES) if r.code == code]
    assert row.status != "gap"
    [line] = [line for line in page.splitlines() if line.startswith(f"| `{code}` |")]
    if row.status == "mapped":
        assert all(f"[{rule.code}]({rule.code}.md)" in line for rule in row.rules)
    elif row.status == "reason":
        assert line.endswith(f"none: {row.reason} |")
    else:
        assert "not yet: planned for " in line


def test_every_rule_alias_is_a_code_the_catalog_knows():
    # a misspelt alias would silently fail to match pragmas and --ignore
    assert unknown_aliases(RULES) == {}


def test_rules_that_exist_claim_the_codes_planned_for_them():
    known = {rule.code for rule in RULES}
    missing = sorted({(code, row.code) for row in alias_rows(RULES) if row.status == "planned"
                      for code in row.planned if code in known})
    assert missing == [], "aliases to add to rule modules: " + ", ".join(
        f"{code} += {alias}" for code, alias in missing)


def test_mapping_comes_from_rule_aliases():
    stub = Rule(code="DF999", name="stub", severity="info", check=lambda ctx: (), doc="Stub.",
                aliases=("DL3060", "CKV_DOCKER_5", "SC2086", "XX0001"))
    rows = {row.code: row for row in alias_rows([stub])}
    assert rows["DL3060"].status == "mapped" and rows["DL3060"].rules == (stub,)
    assert rows["CKV_DOCKER_5"].status == "mapped"
    assert rows["SC"].status == "mapped"
    assert rows["DL3042"].status == "planned" and rows["DL3042"].planned == ("PY300",)
    assert rows["DS-0024"].status == "reason"
    assert unknown_aliases([stub]) == {"XX0001": ["DF999"]}
    page = render_aliases_page([stub])
    assert "| `DL3060` | `yarn cache clean` missing after `yarn install` was run. | " \
           "[DF999](DF999.md) `stub` |" in page
    assert "| `XX0001` | [DF999](DF999.md) `stub` |" in page
    assert "| `CKV_DOCKER_5` | Ensure update instructions are not use alone in the Dockerfile | " \
           "[DF999](DF999.md) `stub` (Checkov also looks at apk, yum, dnf and zypper updates; " \
           "DF204 at apt.) |" in page


def test_write_docs_writes_the_aliases_page(tmp_path):
    docs.write_docs(RULES, tmp_path / "rules")
    assert (tmp_path / "rules" / "aliases.md").read_text() == render_aliases_page(RULES)
    assert "[aliases.md](aliases.md)" in (tmp_path / "rules" / "README.md").read_text()
