"""The comparison page served for real and opened in Chromium: what assistive technology gets."""

from __future__ import annotations

import pytest
from browser_helpers import after_rerun, open_expander, open_tab, visit

pytestmark = pytest.mark.browser


def test_each_chart_is_named_by_its_takeaway_and_not_stated_cells_show(server, browser):
    """In a real browser the first timeline chart's accessible name is its takeaway sentence,
    its axes are titled, and the table at a glance shows "Not stated"."""
    page = browser.new_page()
    visit(page, f"{server}/compare")
    page.get_by_role("heading", name="Compare the options").wait_for(timeout=30_000)
    # The timelines are drawn once opened, as a person opens them; charts are drawn when they
    # come into view.
    timelines = page.locator("summary").filter(has_text="The timelines")
    after_rerun(page, timelines.click)
    timelines.scroll_into_view_if_needed()
    chart = page.locator(
        '[role="graphics-document"][aria-label^="Myeloablative aHSCT: the stated times, added"]'
    )
    chart.wait_for(timeout=30_000)
    assert "No document states how long 4 of these 7 steps take." in chart.get_attribute(
        "aria-label"
    )
    assert page.locator("[aria-label^=\"X-axis titled 'Stated time (days)'\"]").count() >= 1
    glance = page.get_by_role("table", name="At a glance")
    assert glance.get_by_text("Not stated").first.is_visible()
    page.close()


def test_show_more_works_by_keyboard_and_keeps_the_focus(server, browser):
    """Under the 40 statements on the results of MSC therapy, "Show 10 more statements" is
    pressed with the keyboard; ten more cards come, and the focus stays on the button, so
    pressing again goes on where the person was."""
    page = browser.new_page()
    visit(page, f"{server}/compare")
    page.get_by_role("heading", name="Compare the options").wait_for(timeout=30_000)
    question = page.locator("summary").filter(has_text="What do the documents say about results?")
    open_expander(page, question)
    open_tab(page, page.get_by_role("tab", name="Mesenchymal stem cell (MSC) therapy (40)"))
    cards = page.get_by_text("Show the exact words")
    assert cards.count() == 10
    button = page.get_by_role("button", name="Show 10 more statements")
    button.focus()
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    assert cards.count() == 20
    assert page.get_by_text("Shown so far: 20 of the 40 statements.").is_visible()
    focused = page.evaluate("() => document.activeElement?.innerText ?? ''")
    assert "Show 10 more statements" in focused
    page.close()
