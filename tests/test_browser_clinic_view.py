"""Clinic view in a real browser: the text grows when it is switched on (for this session, on
every page) and is back to normal when it is off; every page still fits a phone screen with the
larger text; and axe finds no serious or critical problem in clinic view."""

from __future__ import annotations

import pytest
from browser_helpers import RUN_TIMEOUT, after_rerun, app_pages, axe_problems, settled, visit
from test_browser_layout import _CUT_OFF, _SIDEWAYS

pytestmark = pytest.mark.browser
PAGES = app_pages()
PHONE = {"width": 390, "height": 844}

_SIZES = """() => {
  const size = (selector) => {
    const e = document.querySelector(selector);
    return e ? parseFloat(getComputedStyle(e).fontSize) : null;
  };
  return {
    body: size('[data-testid=stMain] [data-testid=stMarkdownContainer] p'),
    title: size('[data-testid=stMain] h1'),
    label: size('[data-testid=stMain] [data-testid=stWidgetLabel]'),
    menu: size('[data-testid=stSidebarNav] a span[label]'),
  };
}"""


def _open_menu(page) -> None:
    """On a narrow screen the side bar is folded away: open it."""
    folded = "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect()"
    if page.evaluate(folded + ".left < 0"):
        page.get_by_test_id("stExpandSidebarButton").click()
        page.wait_for_function(folded + ".left >= 0")


def _flip(page, name: str) -> None:
    """Click a switch by its label (its input is drawn under the label)."""
    label = page.get_by_role("switch", name=name).locator("xpath=ancestor::label[1]")
    after_rerun(page, label.click)


_ROOT_SIZE = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"


def _switch(page) -> None:
    """Click the clinic view switch in the side bar, and wait until the page's text size
    has changed (the browser applies the new style a moment after the run has ended)."""
    _open_menu(page)
    before = page.evaluate(_ROOT_SIZE)
    _flip(page, "Clinic view")
    page.wait_for_function(f"() => ({_ROOT_SIZE})() !== {before}", timeout=RUN_TIMEOUT)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _go(page, title: str) -> None:
    """Open a page from the menu, as a person would, keeping this session, and wait until
    it is drawn."""
    target = next(p for p in PAGES if p.title == title)
    _open_menu(page)
    page.get_by_role("link", name=title, exact=True).click()
    # Waited for by its address: the run counter of after_rerun() can miss the end of a run
    # that stops early (st.stop, as pages with hidden answers do).
    page.wait_for_url(lambda url: url.rstrip("/").endswith(target.path.rstrip("/")))
    page.get_by_role("switch", name="Clinic view").wait_for(state="attached")
    settled(page)


def test_clinic_view_makes_all_the_text_larger_and_off_sets_it_back(server, browser):
    """Switched on, body text, headings, widget labels and the menu are at least a quarter
    larger, on this page and the next; switched off, they are back to their normal size."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    visit(page, server + "/criteria")
    page.get_by_text("Your age", exact=True).wait_for()
    normal = page.evaluate(_SIZES)
    assert all(normal.values()), normal
    _switch(page)
    larger = page.evaluate(_SIZES)
    for part, size in normal.items():
        assert larger[part] >= 1.25 * size, (part, size, larger[part])
    assert page.evaluate(_SIDEWAYS) <= 1

    _go(page, "What matters to me")  # the next page, from the menu: still larger
    assert page.evaluate(_SIZES)["body"] >= 1.25 * normal["body"]
    _go(page, "Is it for me?")
    _switch(page)
    assert page.evaluate(_SIZES) == normal
    page.close()


def test_another_session_keeps_normal_text(server, browser):
    """Clinic view in one browser tab leaves a second tab (another session) at normal size."""
    mine = browser.new_page(viewport={"width": 1280, "height": 800})
    visit(mine, server + "/")
    normal = mine.evaluate(_SIZES)["body"]
    _switch(mine)
    theirs = browser.new_page(viewport={"width": 1280, "height": 800})
    visit(theirs, server + "/")
    assert mine.evaluate(_SIZES)["body"] >= 1.25 * normal
    assert theirs.evaluate(_SIZES)["body"] == normal
    mine.close()
    theirs.close()


def test_every_page_fits_a_phone_screen_in_clinic_view(server, browser):
    """On a 390 by 844 screen with clinic view's larger text, no page scrolls sideways and
    no heading, text, label or button is cut off."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    visit(page, server + "/")
    normal = page.evaluate(_SIZES)["body"]
    _switch(page)
    for app_page in [*PAGES[1:], PAGES[0]]:  # from the home page (the first) to each other
        _go(page, app_page.title)
        assert page.evaluate(_SIZES)["body"] >= 1.2 * normal, app_page.title
        assert page.evaluate(_SIDEWAYS) <= 1, app_page.title
        assert page.evaluate(_CUT_OFF) == [], app_page.title
    context.close()


@pytest.mark.parametrize("title", ["Start here", "Is it for me?", "Compare the options", "Summary"])
def test_clinic_view_has_no_serious_accessibility_problem(server, browser, title):
    """In clinic view, with answers hidden and then shown, the page has no serious or critical
    WCAG 2.1 A/AA violation."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    visit(page, server + "/")
    _switch(page)
    _go(page, title)
    problems = axe_problems(page)
    assert not problems, "\n".join(problems)
    if page.get_by_role("switch", name="Show my answers").count():
        _flip(page, "Show my answers")
        problems = axe_problems(page)
        assert not problems, "\n".join(problems)
    page.close()
