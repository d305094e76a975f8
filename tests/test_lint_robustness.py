"""No input crashes a rule: generated and recombined Dockerfiles through every rule."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pydolint.api import _lint_one
from pydolint.config import Config
from pydolint.registry import default_registry

from conftest import FIXTURES
from test_conformance_properties import dockerfiles

EVERY_RULE = Config(select=("ALL",))
FIXTURE_LINES = sorted({
    line for path in FIXTURES.rglob("*Dockerfile*") if path.is_file()
    and not path.name.endswith((".expected", ".toml", ".dockerignore"))
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
})


def _crashes(text, context=None) -> str | None:
    return _lint_one(text, "Dockerfile", EVERY_RULE, default_registry(), context, True).error


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FIXTURE_LINES), min_size=1, max_size=40))
def test_recombined_fixture_lines_crash_no_rule(lines):
    assert _crashes("\n".join(lines) + "\n") is None


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dockerfiles())
def test_generated_dockerfiles_crash_no_rule(text):
    assert _crashes(text) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_crashes_no_rule(text):
    assert _crashes(text) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FIXTURE_LINES), min_size=1, max_size=25))
def test_rules_reading_a_build_context_crash_on_nothing(tmp_path, lines):
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\n-r other.txt\nnumpy>=1\n")
    (tmp_path / ".dockerignore").write_text("*.pyc\n!keep.pyc\n")
    (tmp_path / ".env").write_text("TOKEN=x\n")
    assert _crashes("\n".join(lines) + "\n", tmp_path) is None
