"""Every page at 200% text size, and on a phone-sized screen (390 by 844): nothing is cut off
or pushed sideways out of view, and the menu can still be reached."""

from __future__ import annotations

import pytest
from browser_helpers import _NEXT_FRAME, RUN_TIMEOUT, after_rerun, app_pages, settled, visit

pytestmark = pytest.mark.browser
PAGES = app_pages()
PHONE = {"width": 390, "height": 844}

# How far the page itself can be scrolled sideways (0: not at all). Wide tables and charts
# scroll inside their own box, which is allowed.
_SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Text of the main part that lies (partly) outside the visible width of the window.
_CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const scrollsItself = (e) => {
    for (let p = e.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll'].includes(s.overflowX) && p.scrollWidth > p.clientWidth) return true;
    }
    return false;
  };
  const texts = document.querySelectorAll(
    '[data-testid=stMain] h1, [data-testid=stMain] h2, [data-testid=stMain] p,'
    + ' [data-testid=stMain] label, [data-testid=stMain] button');
  return [...texts].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.left < -1 || r.right > width + 1) && !scrollsItself(e);
  }).map((e) => e.innerText.slice(0, 60));
}"""


# Where every heading, text, label and button is: the same twice in a row means the layout
# has stopped moving.
_LAYOUT = """() => [...document.querySelectorAll(
    '[data-testid=stMain] h1, [data-testid=stMain] h2, [data-testid=stMain] p,'
    + ' [data-testid=stMain] label, [data-testid=stMain] button, [data-testid=stSidebar]')]
  .map((e) => { const r = e.getBoundingClientRect();
    return [Math.round(r.left), Math.round(r.right)].join(','); }).join(';')"""


def _still(page, tries: int = 40) -> None:
    """Wait until the layout reads the same twice, 250 ms apart (at most `tries` times)."""
    last = page.evaluate(_LAYOUT)
    for _ in range(tries):
        page.wait_for_timeout(250)
        now = page.evaluate(_LAYOUT)
        if now == last:
            return
        last = now


@pytest.mark.parametrize("app_page", PAGES, ids=lambda p: p.url_path or "home")
def test_every_page_works_with_text_at_200_percent(server, browser, app_page):
    """With the text twice its size, the page does not scroll sideways, no heading, text,
    label or button is cut off at the sides, and the title is still shown."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    visit(page, server + app_page.path)
    title = page.locator("[data-testid=stMain] h1").first.inner_text()
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    settled(page)
    # Measure the page as a person sees it: with its own fonts, not the wider stand-in the
    # browser shows while they load (a button once measured wider than its column then).
    page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=RUN_TIMEOUT)
    page.evaluate(_NEXT_FRAME)
    # And once the layout has stopped moving: the menu and the columns take a moment to
    # settle at the new size (a button was once measured past the edge mid-way, twice).
    _still(page)
    assert page.evaluate(_SIDEWAYS) <= 1
    assert page.evaluate(_CUT_OFF) == []
    assert page.get_by_role("heading", name=title, exact=True).first.is_visible()
    page.close()


@pytest.mark.parametrize("app_page", PAGES, ids=lambda p: p.url_path or "home")
def test_every_page_fits_a_phone_screen(server, browser, app_page):
    """On a 390 by 844 screen the page does not scroll sideways and nothing is cut off."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    visit(page, server + app_page.path)
    assert page.evaluate(_SIDEWAYS) <= 1
    assert page.evaluate(_CUT_OFF) == []
    context.close()


def test_the_menu_opens_and_works_on_a_phone(server, browser):
    """On a phone the menu is folded away; its button opens it, and a link in it opens the
    page."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    visit(page, server + "/")
    link = page.get_by_role("link", name="Questions to ask", exact=True)
    # Folded away: the sidebar is moved off the screen, so the link is not in the window.
    assert not link.evaluate("(a) => a.getBoundingClientRect().right > 0")
    page.get_by_test_id("stExpandSidebarButton").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().left >= 0"
    )
    after_rerun(page, link.click)
    page.get_by_role("heading", name="Questions to ask", exact=True).wait_for()
    assert page.evaluate(_SIDEWAYS) <= 1
    context.close()
