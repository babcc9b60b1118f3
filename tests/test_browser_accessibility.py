"""Accessibility in a real browser: axe-core finds no serious or critical WCAG 2.1 AA problem on
any page, in its first state or its main states; every chart is named by its takeaway and has
a table of the same figures after it.

Every page in app.py is covered (tests/browser_helpers.py reads the list), so a new page is
checked without editing this file. Known problems in Streamlit's own markup are listed, one
rule on one element each, in browser_helpers.STREAMLIT_EXCEPTIONS.
"""

from __future__ import annotations

import pytest
from browser_helpers import (
    APP,
    after_rerun,
    app_pages,
    axe_problems,
    drawn_charts,
    open_expander,
    open_tab,
    open_worksheet,
    visit,
)

pytestmark = pytest.mark.browser
PAGES = app_pages()


def _no_problems(page, state: str) -> None:
    problems = axe_problems(page)
    assert not problems, f"{state}: {len(problems)} problem(s):\n" + "\n".join(problems)


def _open_all_expanders(page) -> None:
    """Open every closed expander in the main part of the page, waiting after each one until
    its contents are drawn (some draw them only while open)."""
    closed = page.locator(
        "[data-testid=stMain] [data-testid=stExpander] details:not([open]) > summary:visible"
    )
    for _ in range(500):  # opening one can show others inside it
        if not closed.count():
            break
        open_expander(page, closed.first)


def _pages_with_charts() -> set[str]:
    """The pages whose script draws a chart (so that an empty list of charts is a failure)."""
    return {p.path for p in PAGES if "vega_lite_chart" in (APP.parent / p.file).read_text()}


@pytest.mark.parametrize("app_page", PAGES, ids=lambda p: p.url_path or "home")
def test_every_page_has_no_serious_accessibility_problem(server, browser, app_page):
    """Each page, as it first opens and then with all its expanders open (quotes, studies,
    words), has no serious or critical WCAG 2.1 A/AA violation."""
    page = browser.new_page()
    visit(page, server + app_page.path)
    drawn_charts(page)
    _no_problems(page, app_page.title)
    _open_all_expanders(page)
    _no_problems(page, f"{app_page.title}, expanders open")
    page.close()


@pytest.mark.parametrize("app_page", PAGES, ids=lambda p: p.url_path or "home")
def test_every_chart_is_named_by_its_takeaway_with_a_table_after_it(server, browser, app_page):
    """Every chart on every page has an accessible name that states its takeaway (a
    sentence), and a table with the same figures follows it."""
    page = browser.new_page()
    visit(page, server + app_page.path)
    names: list[tuple[str, bool]] = []  # each chart's name, and whether a table follows it

    def read_charts() -> None:
        for chart in drawn_charts(page):
            name = chart.get_attribute("aria-label") or ""
            names.append((name, chart.locator("xpath=following::table").count() >= 1))

    read_charts()
    _open_all_expanders(page)  # charts inside them are drawn once they are open
    read_charts()
    # Charts in tabs other than the first are drawn when their tab is shown.
    tabs = page.locator("[data-testid=stMain] [role=tab]:visible")
    for i in range(tabs.count()):
        open_tab(page, tabs.nth(i))
        read_charts()
    if app_page.path in _pages_with_charts():
        assert names, f"{app_page.title}: no chart was drawn"
    for name, table_after in names:
        assert len(name.split()) >= 6 and name.rstrip().endswith("."), name
        assert table_after, name
    page.close()


def test_walkthrough_step_with_everything_open_passes(server, browser):
    """A walkthrough step in the middle of MSC therapy, with every expander open."""
    page = browser.new_page()
    visit(page, f"{server}/walkthrough")
    after_rerun(page, lambda: page.get_by_text("Mesenchymal stem cell (MSC) therapy").click())
    after_rerun(page, lambda: page.get_by_role("button", name="Next step").click())
    page.get_by_text("Step 2 of").wait_for()
    for name in ("Forms of this treatment", "Medical words on this step"):
        page.locator("summary").filter(has_text=name).click()
    _no_problems(page, "walkthrough, MSC step 2, forms and words open")
    page.close()


def test_comparison_with_a_row_and_its_tabs_open_passes(server, browser):
    """The comparison with its first question open, then its last option's tab shown (its
    statements are drawn once it is chosen)."""
    page = browser.new_page()
    visit(page, f"{server}/compare")
    main = page.locator("[data-testid=stMain]")
    after_rerun(page, main.locator("[data-testid=stExpander] summary").first.click)
    _no_problems(page, "comparison, first row open")
    tab = main.locator("[data-testid=stExpander]").first.get_by_role("tab").last
    open_tab(page, tab)
    _no_problems(page, f"comparison, first row, tab {tab.inner_text()!r}")
    page.close()


def test_criteria_page_filled_in_passes(server, browser):
    """ "Is it for me?" with age, EDSS and answers given, and the results tables filled."""
    page = browser.new_page()
    visit(page, f"{server}/criteria")
    age = page.get_by_role("spinbutton", name="Your age")
    after_rerun(page, lambda: (age.fill("52"), age.press("Enter")))
    yes = page.get_by_test_id("stRadioOption").filter(has_text="Yes").first
    after_rerun(page, yes.click)
    page.get_by_text("Meets it").first.wait_for()
    _open_all_expanders(page)
    _no_problems(page, "criteria, filled in")
    page.close()


def test_questions_page_with_worksheet_and_own_question_passes(server, browser):
    """The questions page with an own question added and a clinic's worksheet showing."""
    page = browser.new_page()
    visit(page, f"{server}/questions")
    own = page.get_by_role("textbox", name="Your question")
    own.fill("Can my partner stay with me?")
    after_rerun(page, lambda: page.get_by_role("button", name="Add question").click())
    open_worksheet(page)
    clinic = page.get_by_role("textbox", name="Clinic 1", exact=True)
    after_rerun(page, lambda: (clinic.fill("Clinic A"), clinic.press("Enter")))
    page.locator("[data-testid=stDataFrame]").wait_for()
    _no_problems(page, "questions, worksheet")
    page.close()


def test_values_and_sure_pages_answered_pass(server, browser):
    """ "What matters to me" with a value rated, and "How sure I feel" with answers."""
    page = browser.new_page()
    visit(page, f"{server}/values")
    after_rerun(page, page.get_by_role("radio", name="Very important").first.click)
    _no_problems(page, "values, one rated")
    visit(page, f"{server}/sure")
    after_rerun(page, page.get_by_test_id("stRadioOption").filter(has_text="Yes").first.click)
    _no_problems(page, "sure, one answered")
    page.close()
