"""Shared fixtures: the loaded content, the seed documents, the app under AppTest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decision.load import Content, load_content
from decision.quotes import SEEDS_DIR

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """../shared/seeds/; skipped with a reason when absent, but never skipped in CI."""
    if SEEDS_DIR.is_dir():
        return SEEDS_DIR
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the seed documents are missing: {SEEDS_DIR}")
    pytest.skip(f"the seed documents are not beside this checkout ({SEEDS_DIR} is absent)")
