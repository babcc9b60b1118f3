"""Privacy in a real browser: using every page sends nothing beyond the local server, and a
person's answers never reach the address bar, the server's output or any file."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_helpers import ROOT, after_rerun, app_pages, open_worksheet, visit

from decision.progress import MAX_BYTES

pytestmark = pytest.mark.browser

MARKER = "Zq7-private-answer-4711"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
# Issue 9 puts the walkthrough's place in the address (?treatment=&step=): not an answer.
ALLOWED_QUERY_KEYS = {"treatment", "step"}
CACHES = {"__pycache__", ".pytest_cache", ".ruff_cache", ".git", ".venv"}


def _files(root: Path) -> dict[str, float]:
    """Every file under `root` (outside caches), with its modification time."""
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in CACHES]
        for name in names:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = path.stat().st_mtime
    return found


def _use_every_page(page, server: str, urls: list[str]) -> None:
    """Visit every page, and type the marker into every kind of answer there is."""
    for app_page in app_pages():
        visit(page, server + app_page.path)
        page.mouse.wheel(0, 20_000)  # charts and the rest are drawn as they come into view
        urls.append(page.url)
    visit(page, server + "/walkthrough")
    after_rerun(page, page.get_by_role("button", name="Next step").click)
    urls.append(page.url)
    visit(page, server + "/criteria")
    age = page.get_by_role("spinbutton", name="Your age")
    after_rerun(page, lambda: (age.fill("47"), age.press("Enter")))
    urls.append(page.url)
    visit(page, server + "/values")
    note = page.get_by_role("textbox", name="Anything else that matters to you?")
    after_rerun(page, lambda: (note.fill(MARKER), note.press("Control+Enter")))
    urls.append(page.url)
    visit(page, server + "/questions")
    own = page.get_by_role("textbox", name="Your question")
    own.fill(f"{MARKER} own question")
    after_rerun(page, page.get_by_role("button", name="Add question").click)
    open_worksheet(page)
    clinic = page.get_by_role("textbox", name="Clinic 1", exact=True)
    after_rerun(page, lambda: (clinic.fill(f"{MARKER} clinic"), clinic.press("Enter")))
    after_rerun(page, page.locator("summary").filter(has_text="The treatment").first.click)
    note = page.get_by_role("textbox", name="Your notes").first
    after_rerun(page, lambda: (note.fill(f"{MARKER} note"), note.press("Control+Enter")))
    after_rerun(page, page.get_by_role("button", name="Make my PDF").click)
    with page.expect_download():
        page.get_by_role("button", name="Download as PDF (to print)").click()
    with page.expect_download():
        page.get_by_role("button", name="Save my progress (file)").click()
    urls.append(page.url)


@pytest.fixture(scope="module")
def session_used(app_server, browser):
    """Every page used, with the marker typed as an answer: the requests the browser made,
    every address it showed, and the files in the repository and the server's home and
    temporary folders before and after."""
    before = {"repo": _files(ROOT), "home": _files(app_server.home), "tmp": _files(app_server.tmp)}
    requests: list[str] = []
    urls: list[str] = []
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", lambda socket: requests.append(socket.url))
    _use_every_page(page, app_server.url, urls)
    context.close()
    after = {"repo": _files(ROOT), "home": _files(app_server.home), "tmp": _files(app_server.tmp)}
    return {"requests": requests, "urls": urls, "before": before, "after": after}


def test_no_request_leaves_the_local_server(session_used):
    """Using every page, the browser asks nothing of any host but the local server (no fonts,
    icons, analytics or anything else from outside)."""
    outside = []
    for url in session_used["requests"]:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        if parts.hostname not in {h.strip("[]") for h in LOCAL_HOSTS}:
            outside.append(url)
    assert session_used["requests"], "no request was seen"
    assert not outside, outside


def test_no_answer_appears_in_the_address(session_used):
    """The address never holds an answer: no query keys but the walkthrough's place."""
    for url in session_used["urls"]:
        assert MARKER not in url
        assert set(parse_qs(urlsplit(url).query)) <= ALLOWED_QUERY_KEYS, url


def test_no_answer_reaches_the_server_output(session_used, app_server):
    """What a person types never appears in what the server prints (its logs)."""
    assert MARKER not in app_server.output()


def test_the_app_writes_no_file(session_used):
    """Using every page (with downloads) adds or changes no file in the repository, nor in
    the server's home or temporary folders."""
    for where in ("repo", "home", "tmp"):
        before, after = session_used["before"][where], session_used["after"][where]
        changed = sorted(k for k in after if before.get(k) != after[k])
        assert not changed, (where, changed)


# --- The server's settings ------------------------------------------------------------------------


def test_server_settings_protect_patients():
    """.streamlit/config.toml: no usage statistics, no tracebacks or error links for patients,
    the viewer's toolbar, a 1 MB upload limit (above the largest progress file), and no
    debug logging (which could print what a person sends)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["showErrorLinks"] is False
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["maxUploadSize"] == 1
    assert MAX_BYTES < 1_000_000
    assert config["logger"]["level"] in ("warning", "error")


def test_the_page_favicon_is_not_fetched_from_outside():
    """app.py's page icon is an emoji (drawn by the browser), not a Material icon, which
    Streamlit fetches from Google's servers."""
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    icon = re.search(r'page_icon="([^"]+)"', app)
    assert icon is not None and not icon.group(1).startswith(":material")
