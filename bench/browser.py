"""Time from opening each page in headless Chromium until the script has finished and the page
is idle: Streamlit marks its root element data-test-script-state="notRunning" once a run is
done, and the network is then quiet (Playwright's "networkidle": no request for 500 ms, which
is included in the figure)."""

from __future__ import annotations

import time
from pathlib import Path

from bench.apptest_runs import ONE_LINE, Timing
from bench.pages import APP, Page
from bench.server import Server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FINISHED = (
    "() => { const app = document.querySelector('[data-testid=stApp]');"
    " return app && app.getAttribute('data-test-script-state') === 'notRunning'"
    " && document.querySelector('[data-testid=stMainBlockContainer] .stElementContainer')"
    " !== null; }"
)


def _open(browser, url: str, timeout_ms: int) -> float:
    page = browser.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="load", timeout=timeout_ms)
        page.wait_for_function(FINISHED, timeout=timeout_ms, polling=25)
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        return time.perf_counter() - start
    finally:
        page.close()


def _measure(server: Server, addresses: list[tuple[str, str]], runs: int, budget: float):
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            _open(browser, server.url + "/", 60_000)  # the browser's cache holds the app's JS
            for name, address in addresses:
                deadline = time.monotonic() + budget
                seconds = []
                while len(seconds) < runs and time.monotonic() < deadline:
                    seconds.append(_open(browser, f"{server.url}/{address}", 60_000))
                out.append(Timing(name, seconds))
        finally:
            browser.close()
    return out


def pages(pages: list[Page], runs: int, budget: float = 60.0) -> list[Timing]:
    """Each page opened `runs` times, each in a new tab (a new session), in one browser."""
    with Server(APP) as server:
        return _measure(server, [(p.path, p.address) for p in pages], runs, budget)


def one_line(runs: int, budget: float = 60.0) -> Timing:
    with Server(ONE_LINE) as server:
        return _measure(server, [("one-line app", "")], runs, budget)[0]
