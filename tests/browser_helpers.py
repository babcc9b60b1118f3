"""Helpers for the browser tests: serve the app, list its pages, wait for Streamlit, run axe.

The fixtures that use these (one served app and one Chromium per test session) are in
conftest.py. Chromium is Debian's (/usr/bin/chromium), driven through Playwright; never
`playwright install`.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench.pages import app_pages as bench_app_pages
from bench.server import free_port, streamlit_run, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
# Chromium must not reach for Google's services: this machine has no internet, and a
# patient's browser session must not be mixed up with anything else.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A run of the app (a page, or a rerun after a click) finishes well within this.
RUN_TIMEOUT = 60_000


# --- The pages of the app ----------------------------------------------------------------------


@dataclass(frozen=True)
class AppPage:
    """One page in app.py's navigation."""

    file: str  # "pages/walkthrough.py"
    title: str
    url_path: str  # "" for the default page
    default: bool = False

    @property
    def path(self) -> str:
        """The page's address on the server, from the root: "/" or "/walkthrough"."""
        return "/" + self.url_path


def app_pages(app: Path = APP) -> list[AppPage]:
    """Every page in app.py's navigation, in menu order, read from its source (no Streamlit
    run; bench/pages.py reads it, for the benchmarks too), so that a page added there is
    covered by every test that walks all pages."""
    return [
        AppPage(file=page.path, title=page.title, url_path=page.address, default=page.default)
        for page in bench_app_pages(app)
    ]


# --- The served app ------------------------------------------------------------------------------


@dataclass
class AppServer:
    """`streamlit run app.py` on a loopback port, with everything it prints kept in memory.

    HOME and TMPDIR point at empty folders of their own, so a test can see whether the app
    wrote anything there.
    """

    url: str
    process: subprocess.Popen[bytes]
    home: Path
    tmp: Path
    _lines: list[str] = field(default_factory=list)

    def output(self) -> str:
        """Everything the server has printed so far (stdout and stderr)."""
        return "".join(self._lines)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


def start_app(scratch: Path, env: Mapping[str, str] | None = None) -> AppServer:
    """Start the app from the repository root, as a person would run it, and wait until it
    answers its health check. `scratch` is an empty folder for the server's HOME and TMPDIR."""
    home, tmp = scratch / "home", scratch / "tmp"
    home.mkdir(parents=True)
    tmp.mkdir(parents=True)
    port = free_port()
    process = subprocess.Popen(
        streamlit_run(APP, port),
        cwd=ROOT,
        env={**os.environ, "HOME": str(home), "TMPDIR": str(tmp), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    server = AppServer(f"http://127.0.0.1:{port}", process, home, tmp)

    def drain() -> None:
        assert process.stdout is not None
        for raw in iter(process.stdout.readline, b""):
            server._lines.append(raw.decode("utf-8", "replace"))

    threading.Thread(target=drain, daemon=True).start()
    if wait_until_up(server.url, process, timeout=60):
        return server
    server.stop()
    raise RuntimeError(f"the app did not start:\n{server.output()[-3000:]}")


# --- Waiting for Streamlit -----------------------------------------------------------------------

_STATE = "document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')"

# Counts the runs of the app script that the page has been told have finished. Each run ends
# with a ForwardMsg whose field 6 (script_finished) is set; status 2 means "stopped early for
# a rerun", and another run follows. (Watching the "running" state on the page is not
# enough: a quick run can start and end before the page ever draws it.) A length is read
# into a constant before it moves `i`: `i += varint()` would add it to `i` as it was before
# the length's own bytes were read, one short, and miss the field after (it had made the
# end of a run go uncounted whenever the byte before it happened to parse as another field).
_RUN_COUNTER = """(() => {
  if (window.__runsDone !== undefined) return;
  window.__runsDone = 0;
  const finished = (buffer) => {
    const b = new Uint8Array(buffer);
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do { byte = b[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; }
      while (byte & 0x80 && i < b.length);
      return value;
    };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { const v = varint(); if (field === 6) return v !== 2; }
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 1) { i += 8; } else if (wire === 5) { i += 4; } else { return false; }
    }
    return false;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const count = (buffer) => { if (finished(buffer)) setTimeout(() => window.__runsDone++); };
        if (event.data instanceof ArrayBuffer) count(event.data);
        else if (event.data instanceof Blob) event.data.arrayBuffer().then(count);
      });
    }
  };
})();"""
_DONE = f"() => window.__runsDone > 0 && {_STATE} === 'notRunning'"
# On opening a page there is a second sign that the first run has finished, for the case
# where the counter is installed after a quick run's message has gone by: the page holds
# something the script drew (nothing is drawn before a first run) and no run is going on.
_DRAWN = "document.querySelector('[data-testid=stMain] [data-testid=stElementContainer]')"
_FIRST_DONE = f"() => (window.__runsDone > 0 || {_DRAWN} !== null) && {_STATE} === 'notRunning'"
_NEXT_FRAME = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


def settled(page: Any) -> None:
    """Wait until the app's script is not running (and the page has drawn what it sent)."""
    page.wait_for_function(f"() => {_STATE} === 'notRunning'", timeout=RUN_TIMEOUT)
    page.evaluate(_NEXT_FRAME)


def visit(page: Any, url: str) -> None:
    """Open an address and wait until the app's first run there has finished and is drawn."""
    page.add_init_script(_RUN_COUNTER)
    page.goto(url)
    page.wait_for_function(_FIRST_DONE, timeout=RUN_TIMEOUT)
    page.evaluate(_NEXT_FRAME)


# Streamlit first draws a grey placeholder (stSkeleton) for a chart and swaps in the chart once
# its drawing code has loaded; Vega then names the chart's own element (role
# "graphics-document", aria-label = the chart's description).
_NO_PLACEHOLDER = "() => !document.querySelector('[data-testid=stMain] [data-testid=stSkeleton]')"
CHART = "[data-testid=stVegaLiteChart]"
DRAWN_CHART = f'{CHART}[role="graphics-document"]'


def drawn_charts(page: Any, *, visible_only: bool = True) -> list[Any]:
    """Every chart in the main part of the page, each scrolled into view and drawn by Vega
    (so that it has its accessible name). Waits for the placeholders to be replaced first:
    right after a run, charts are still placeholders, and a list taken then would be empty."""
    page.wait_for_function(_NO_PLACEHOLDER, timeout=RUN_TIMEOUT)
    charts = page.locator(f"[data-testid=stMain] {CHART}" + (":visible" if visible_only else ""))
    found = charts.all()
    for chart in found:
        chart.scroll_into_view_if_needed(timeout=RUN_TIMEOUT)
        page.wait_for_function(
            "(el) => el.getAttribute('role') === 'graphics-document'",
            arg=chart.element_handle(timeout=RUN_TIMEOUT),
            timeout=RUN_TIMEOUT,
        )
    return found


_FILLED = "(d) => !d.isConnected || d.querySelector('[data-testid=stElementContainer]') !== null"


def open_expander(page: Any, summary: Any) -> None:
    """Open an expander by clicking its label, and wait until its contents are on screen. Some
    expanders draw their contents only while open (the click runs the page again), others
    hold them already: either way, wait until something is inside and no run is going on.

    In two CI runs (of many) an opened comparison question stayed empty; the second time it
    was closed again once no run was going on, as if the click had not taken. So once no run
    is going on, an expander still closed is clicked once more, and one open but empty is
    closed and opened again, as a person would; empty after that is a failure that says
    which expander it was."""
    # This expander's own element: a locator such as "the first closed expander" would move on
    # to the next one once this one is open.
    details = summary.locator("xpath=..").element_handle(timeout=RUN_TIMEOUT)
    label = details.query_selector(":scope > summary")
    label.click()
    try:
        page.wait_for_function(_FILLED, arg=details, timeout=RUN_TIMEOUT // 3)
    except PlaywrightTimeoutError:
        settled(page)
        if details.evaluate("(d) => d.isConnected && d.open"):
            label.click()  # close it
            settled(page)
            label.click()  # and open it again
        elif details.evaluate("(d) => d.isConnected && !d.open"):
            label.click()  # the click did not take: it is still closed
        try:
            page.wait_for_function(_FILLED, arg=details, timeout=RUN_TIMEOUT)
        except PlaywrightTimeoutError:
            state = details.evaluate(
                "(d) => ({label: d.querySelector('summary')?.innerText, open: d.open,"
                " html: d.outerHTML.slice(0, 600),"
                " script: document.querySelector('[data-testid=stApp]')"
                "?.getAttribute('data-test-script-state')})"
            )
            raise AssertionError(
                f"the expander stayed empty after it was opened: {state}"
            ) from None
    settled(page)


def open_tab(page: Any, tab: Any) -> None:
    """Show a tab by clicking it, and wait until its panel holds what it shows: some tabs are
    drawn only once chosen (the click runs the page again), others are drawn already."""
    tab.click()
    # Only the chosen tab names its panel (the others have no panel on the page).
    page.wait_for_function(
        "(tab) => tab.getAttribute('aria-selected') === 'true'",
        arg=tab.element_handle(timeout=RUN_TIMEOUT),
        timeout=RUN_TIMEOUT,
    )
    panel = tab.get_attribute("aria-controls", timeout=RUN_TIMEOUT)
    page.wait_for_function(
        "(id) => document.getElementById(id)"
        "?.querySelector('[data-testid=stElementContainer]') != null",
        arg=panel,
        timeout=RUN_TIMEOUT,
    )
    settled(page)


def open_worksheet(page: Any) -> None:
    """Open the questions page's worksheet, as a person clicks its label, and wait for its
    first name box: the worksheet is drawn only while open (the click runs the page)."""
    page.locator("summary").filter(has_text="Your worksheet").first.click()
    page.get_by_role("textbox", name="Clinic 1", exact=True).wait_for(timeout=RUN_TIMEOUT)
    settled(page)


def after_rerun(page: Any, action: Callable[[], Any]) -> None:
    """Do something that makes Streamlit run the script again (a click, a key, a changed
    value), and wait until that run has finished and is drawn. The page must have been
    opened with visit()."""
    settled(page)
    page.evaluate("() => { window.__runsDone = 0; }")
    action()
    page.wait_for_function(_DONE, timeout=RUN_TIMEOUT)
    page.evaluate(_NEXT_FRAME)


# --- Accessibility (axe-core, shipped inside axe-playwright-python) -----------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")

# Violations inside Streamlit's own markup that the app cannot change. Each is one rule on
# one exact element, never a whole rule or a whole region:
# - Streamlit draws the menu built by st.navigation with sections as
#   <ul data-testid="stSidebarNavItems"> holding a <div> per section (with its <header>) that
#   holds the <li> links. Lists must hold <li> directly, and <li> must sit in a list, so axe
#   reports "list" on that <ul> and "listitem" on each link's <li>. The links themselves are
#   named and reachable by keyboard.
STREAMLIT_EXCEPTIONS: tuple[tuple[str, str], ...] = (
    ("list", "ul[data-testid='stSidebarNavItems']"),
    ("listitem", "ul[data-testid='stSidebarNavItems'] li"),
)

_AXE_SCRIPT: str | None = None


def _axe_script() -> str:
    global _AXE_SCRIPT
    if _AXE_SCRIPT is None:
        import axe_playwright_python

        path = Path(axe_playwright_python.__file__).with_name("axe.min.js")
        _AXE_SCRIPT = path.read_text(encoding="utf-8")
    return _AXE_SCRIPT


def _excepted(page: Any, rule: str, target: list[Any]) -> bool:
    selectors = [s for r, s in STREAMLIT_EXCEPTIONS if r == rule]
    if not selectors or len(target) != 1 or not isinstance(target[0], str):
        return False
    return bool(
        page.evaluate(
            "([t, sels]) => { const e = document.querySelector(t);"
            " return !!e && sels.some((s) => e.matches(s)); }",
            [target[0], selectors],
        )
    )


def axe_problems(page: Any) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations on the page as it is now, one line per
    element: rule id, impact, target and what to fix. Known Streamlit markup is left out."""
    settled(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_script())
    results = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    problems = []
    for violation in results["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            if _excepted(page, violation["id"], node["target"]):
                continue
            problems.append(
                f"{violation['id']} ({violation['impact']}): {node['target']}: "
                f"{violation['help']} -- {node.get('failureSummary', '').strip()[:300]}"
            )
    return problems
