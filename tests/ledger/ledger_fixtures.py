"""Hand-made ledgers over the Lemvig model with two units, across the 2025/2026 term boundary.

Expected dates are worked out by hand from the model's rules: an agreement document's deadline is
the end of the year's Q4; 31 December is a closed day in Lemvig, so it moves to the previous
working day, 30 December (Tuesday in 2025, Wednesday in 2026). The year-1 documents of the
2026–2029 term (vision, policies, strategies) share that deadline: 2026-12-30.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cycle.model import load_model
from cycle.plan import build_plan

UNITS = pd.DataFrame(
    [
        {"id": "skole-a", "name": "Skole A", "area": "Skole", "leader": "Leder A", "director": "Direktør B&K"},
        {"id": "plejehjem-b", "name": "Plejehjem B", "area": "Ældre", "leader": "Leder B", "director": "Direktør S&S"},
    ]
)


@pytest.fixture(scope="session")
def model():
    return load_model("lemvig")


@pytest.fixture(scope="session")
def plans(model):
    """The two terms' plans, built once; ``plans[2022]``, ``plans[2026]``."""
    return {year: build_plan(model, year, UNITS) for year in (2022, 2026)}


@pytest.fixture
def write(tmp_path):
    """Write a status file from lines of text; returns its path."""

    def _write(text: str, name: str = "status.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write
