import datetime
from pathlib import Path

import pytest

from pydolint.rule import set_today

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(autouse=True)
def fixed_lint_date():
    """Date-dependent rules see the same day in every test run."""
    set_today(datetime.date(2026, 11, 23))
    yield
    set_today(None)
