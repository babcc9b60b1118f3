"""Shared fixtures: the loaded content, the seed documents, the app under AppTest."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from decision.load import CONTENT_DIR, Content, load_content
from decision.quotes import SEEDS_DIR

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of content/ in a temporary folder, for a test to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """../shared/seeds/; skipped with a reason when absent, but never skipped in CI."""
    if SEEDS_DIR.is_dir():
        return SEEDS_DIR
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the seed documents are missing: {SEEDS_DIR}")
    pytest.skip(f"the seed documents are not beside this checkout ({SEEDS_DIR} is absent)")


# --- The app served for real, and Chromium (browser tests) -------------------------------------


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """One `streamlit run app.py` for the whole test session, on a free loopback port, with
    its output kept (see tests/browser_helpers.py)."""
    from browser_helpers import start_app

    server = start_app(tmp_path_factory.mktemp("app_server"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def server(app_server) -> str:
    """The served app's address, e.g. http://127.0.0.1:8765."""
    return app_server.url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (never `playwright install`)."""
    from browser_helpers import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
