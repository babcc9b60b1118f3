"""Content with a mistake gives every page an error page that names the file and field (for
the people who look after the aid), never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
import yaml
from apptest_helpers import APP, visible_text
from browser_helpers import app_pages, start_app
from streamlit.testing.v1 import AppTest

from decision.load import CONTENT_DIR, CONTENT_DIR_ENV, content_dir

BROKEN = "content/treatments.yaml: treatments[2].steps[0].title: Field required"
SORRY = "The aid cannot start because some of its content has a mistake."
PAGES = [p.file for p in app_pages()]


def _broken_copy(folder: Path) -> Path:
    """A copy of content/ whose third treatment has a step without a title."""
    root = folder / "content"
    shutil.copytree(CONTENT_DIR, root)
    path = root / "treatments.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["treatments"][2]["steps"][0].pop("title")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def broken_content(tmp_path, monkeypatch) -> Iterator[Path]:
    """The app reads a broken content folder (through DECISION_AID_CONTENT_DIR), with the
    content cache emptied before and after so no other test sees it."""
    root = _broken_copy(tmp_path)
    monkeypatch.setenv(CONTENT_DIR_ENV, str(root))
    st.cache_resource.clear()
    yield root
    st.cache_resource.clear()


def _run(page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    if page != "pages/home.py":
        at.switch_page(page).run()
    return at


def test_the_content_folder_can_be_named_by_an_environment_variable(tmp_path, monkeypatch):
    """DECISION_AID_CONTENT_DIR names the folder to load; without it, content/ is used."""
    monkeypatch.delenv(CONTENT_DIR_ENV, raising=False)
    assert content_dir() == CONTENT_DIR
    monkeypatch.setenv(CONTENT_DIR_ENV, str(tmp_path))
    assert content_dir() == tmp_path


@pytest.mark.parametrize("page", PAGES)
def test_broken_content_shows_an_error_page_naming_file_and_field(broken_content, page):
    """Every page, opened with a broken content file, says the aid has a mistake, names the
    file and the field for the maintainer, and raises no exception (so shows no traceback)."""
    at = _run(page)
    assert not at.exception, [e.value for e in at.exception]
    assert SORRY in visible_text(at)
    assert "not with anything you did" in visible_text(at)
    assert [c.value for c in at.code] == [BROKEN]


def test_a_missing_page_text_shows_the_error_page_with_its_file_and_key(tmp_path, monkeypatch):
    """A page text that content/pages/<page>.yaml lacks is named on the error page."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    path = root / "pages" / "home.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("ms_heading")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv(CONTENT_DIR_ENV, str(root))
    st.cache_resource.clear()
    try:
        at = _run("pages/home.py")
    finally:
        st.cache_resource.clear()
    assert not at.exception
    assert SORRY in visible_text(at)
    assert [c.value for c in at.code] == ["content/pages/home.yaml: ms_heading: missing"]


# --- In a real browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory) -> Iterator[str]:
    """The app served with a broken content folder."""
    scratch = tmp_path_factory.mktemp("broken_app")
    root = _broken_copy(scratch)
    server = start_app(scratch, env={CONTENT_DIR_ENV: str(root)})
    yield server.url
    server.stop()


@pytest.mark.browser
@pytest.mark.parametrize("page", app_pages(), ids=lambda p: p.url_path or "home")
def test_broken_content_in_a_browser_shows_no_traceback(broken_server, browser, page):
    """In Chromium, each page shows the error page with the file and field, and no Python
    traceback or exception text."""
    tab = browser.new_page()
    tab.goto(broken_server + page.path)
    main = tab.locator("[data-testid=stMain]")
    main.get_by_text(SORRY).wait_for(timeout=60_000)
    main.get_by_text(BROKEN).wait_for(timeout=60_000)  # the code block is drawn a moment later
    text = main.inner_text()
    for leak in ("Traceback", 'File "', "Error:", "pydantic", "site-packages"):
        assert leak not in text, leak
    assert tab.locator("[data-testid=stException]").count() == 0
    tab.close()
