"""The app served for real and opened in Chromium (Debian's, through Playwright)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# Chromium must not reach for Google's services: this machine has no internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Start `streamlit run app.py` on a free loopback port; stop it afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"the app did not start: {process.stderr.read().decode()[-2000:]}")
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_walkthrough_renders_and_next_moves_on(server, browser):
    """In a real browser the walkthrough shows step 1 with its sourced claims; Next shows step 2."""
    page = browser.new_page()
    page.goto(f"{server}/walkthrough")
    page.get_by_text("Step 1 of 7").wait_for(timeout=30_000)
    # The menu is app.py's (a fresh server must not fall back to listing the pages/ folder).
    assert page.get_by_role("link", name="Start here").is_visible()
    assert page.get_by_role("link", name="shared").count() == 0
    assert page.get_by_role("heading", name="Tests before treatment").is_visible()
    assert page.get_by_text("No source states what this step costs.").first.is_visible()
    page.get_by_role("button", name="Next step").click()
    page.get_by_text("Step 2 of 7").wait_for(timeout=15_000)
    assert page.get_by_role("heading", name="Mobilisation").is_visible()
    page.close()


def test_icon_arrays_reach_screen_readers_with_their_takeaway(server, browser):
    """In a real browser, each icon array on "What studies found" is drawn, and its
    accessible name is the sentence that states its takeaway."""
    page = browser.new_page()
    page.goto(f"{server}/evidence")
    charts = page.locator('[role="graphics-document"]')
    charts.first.wait_for(timeout=30_000)
    label = charts.first.get_attribute("aria-label")
    assert label == (
        "aHSCT, 15 studies pooled: about 17 out of 100 people like those in the study had "
        "their disability get worse, by 2 years."
    )
    assert page.get_by_text(label).first.is_visible()
    page.close()
