"""The main journeys, walked in Chromium as a person would: with the mouse, and with the
keyboard alone (Tab, Shift+Tab, Enter, Space and the arrow keys)."""

from __future__ import annotations

import re

import pytest
from browser_helpers import after_rerun, open_worksheet, settled, visit

pytestmark = pytest.mark.browser

# The accessible name of the focused element, as a screen reader would read it (roughly).
# Only controls count: a focused container's text would "contain" every name on the page.
_FOCUSED = """() => {
  const e = document.activeElement;
  const controls = 'a, button, input, select, textarea, summary, [role=button], [role=link],'
    + ' [role=checkbox], [role=radio], [role=tab], [role=combobox], [role=switch]';
  if (!e || !e.matches(controls)) return '';
  const label = e.getAttribute('aria-label')
    || (e.labels && e.labels.length ? e.labels[0].innerText : '')
    || e.innerText || '';
  return label.replace(/\\s+/g, ' ').trim();
}"""


def focused(page) -> str:
    return page.evaluate(_FOCUSED)


def tab_to(page, name: str, key: str = "Tab", limit: int = 400, exact: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element's name contains `name` (or, with
    `exact`, is `name`)."""
    for _ in range(limit):
        now = focused(page)
        if (now == name) if exact else (name in now):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{name!r} was not reached with {key} in {limit} presses")


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


# --- With the mouse ------------------------------------------------------------------------------


def test_home_page_reads_and_leads_to_the_walkthrough(server, browser):
    """The home page explains MS, the decision and the options, says it is not advice, and
    its first link opens Step by step."""
    page = browser.new_page()
    visit(page, server + "/")
    main = page.locator("[data-testid=stMain]")
    for heading in ("MS in brief", "The decision", "The three stem cell treatments"):
        assert main.get_by_role("heading", name=heading).is_visible()
    assert main.get_by_text("This aid gives information, not medical advice.").first.is_visible()
    after_rerun(page, main.get_by_role("link", name="Walk through a treatment step by step").click)
    page.get_by_text("Step 1 of").wait_for()
    assert page.url.split("?")[0].endswith("/walkthrough")
    page.close()


def test_each_treatment_is_walked_to_its_last_step(server, browser, content):
    """For each treatment, Next leads step by step to the last one, which says so; Next is
    then disabled."""
    page = browser.new_page()
    visit(page, server + "/walkthrough")
    for treatment in content.treatments.values():
        name = re.compile(f"^{re.escape(treatment.name)}$")
        option = page.get_by_test_id("stRadioOption").filter(has_text=name)
        if option.get_attribute("data-selected") != "true":
            after_rerun(page, option.click)
        total = len(treatment.steps)
        page.get_by_text(f"Step 1 of {total}").wait_for()
        for number in range(2, total + 1):
            after_rerun(page, page.get_by_role("button", name="Next step").click)
            page.get_by_text(f"Step {number} of {total}").wait_for()
        heading = page.get_by_role("heading", name=treatment.steps[-1].title, exact=True)
        assert heading.is_visible()
        assert page.get_by_text("This is the last step of this treatment.").is_visible()
        assert page.get_by_role("button", name="Next step").is_disabled()
    page.close()


def test_comparison_opens_a_question_with_every_option_side_by_side(server, browser, content):
    """Opening a question on the comparison shows a short answer for each of the four options."""
    page = browser.new_page()
    visit(page, server + "/compare")
    summary = page.locator("summary").filter(has_text=content.comparison.rows[0].question).first
    after_rerun(page, summary.click)  # an opened question is drawn by the run it starts
    row = summary.locator("xpath=..")
    for name in [*(t.name for t in content.treatments.values()), content.usual_care.name]:
        assert row.get_by_text(name, exact=True).first.is_visible(), name
    page.close()


def test_criteria_page_filled_in_shows_where_the_answers_stand(server, browser):
    """A 52-year-old with EDSS 6.5 reads, row by row, what they meet and do not meet."""
    page = browser.new_page()
    visit(page, server + "/criteria")
    age = page.get_by_role("spinbutton", name="Your age")
    after_rerun(page, lambda: (age.fill("52"), age.press("Enter")))
    edss = page.get_by_role("combobox", name=re.compile("Your EDSS score, if you know it"))
    edss.click()
    edss.press_sequentially("6.5")  # typing filters the list (and opens it if the click did not)
    after_rerun(page, page.get_by_role("option", name="6.5", exact=True).click)
    page.get_by_text("Used below: your EDSS score, 6.5.").wait_for()
    assert page.get_by_text("Does not meet it").first.is_visible()
    assert page.get_by_text("Age: 52").first.is_visible()
    page.close()


def test_a_question_list_is_built_and_taken_away_as_a_pdf(server, browser, tmp_path):
    """A person drops a question, adds their own, writes a note and names a clinic; the PDF
    they download has their question, note and clinic, and not the dropped question."""
    page = browser.new_page(accept_downloads=True)
    visit(page, server + "/questions")
    # Opening a topic runs the page again, which draws its questions.
    after_rerun(page, page.locator("summary").filter(has_text="The team and accreditation").click)
    dropped = page.get_by_role("checkbox", name=re.compile("^Does the clinic have national"))
    after_rerun(page, dropped.locator("xpath=ancestor::label[1]").click)
    assert not dropped.is_checked()
    own = page.get_by_role("textbox", name="Your question")
    own.fill("Can my partner stay with me on the ward?")
    after_rerun(page, page.get_by_role("button", name="Add question").click)
    page.get_by_text("Added to Your own questions.").wait_for()
    # Adding a question opened its topic, to show it there.
    own_topic = page.locator("details").filter(has=page.locator("summary", has_text="Your own"))
    assert own_topic.first.get_attribute("open") is not None
    page.get_by_role("checkbox", name="Can my partner stay with me on the ward?").wait_for()
    note = page.get_by_role("textbox", name="Your notes").last
    after_rerun(page, lambda: (note.fill("Ask about the family room."), note.press("Tab")))
    open_worksheet(page)
    clinic = page.get_by_role("textbox", name="Clinic 1", exact=True)
    after_rerun(page, lambda: (clinic.fill("Clinic A"), clinic.press("Enter")))
    after_rerun(page, page.get_by_role("button", name="Make my PDF").click)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as PDF (to print)").click()
    path = tmp_path / "handout.pdf"
    download.value.save_as(path)
    text = _pdf_text(path)
    assert "Can my partner stay with me on the ward?" in text
    assert "Ask about the family room." in text
    assert "Clinic A" in text
    assert "Does the clinic have national" not in text
    page.close()


# --- With the keyboard alone -------------------------------------------------------------------


def test_walkthrough_to_the_last_step_by_keyboard(server, browser):
    """Tab reaches Next step; Enter moves on, and keeps the focus there, to the last step."""
    page = browser.new_page()
    visit(page, server + "/walkthrough")
    text = page.get_by_text(re.compile(r"^Step 1 of \d+$"))
    total = int(text.inner_text().rsplit(" ", 1)[1])
    tab_to(page, "Next step")
    for number in range(2, total + 1):
        after_rerun(page, lambda: page.keyboard.press("Enter"))
        page.get_by_text(f"Step {number} of {total}").wait_for()
        if number < total:  # on the last step Next is disabled, and lets the focus go
            assert "Next step" in focused(page)
    assert page.get_by_text("This is the last step of this treatment.").is_visible()
    tab_to(page, "Previous step", key="Shift+Tab")
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    page.get_by_text(f"Step {total - 1} of {total}").wait_for()
    page.close()


def test_menu_is_used_by_keyboard(server, browser):
    """The menu's links are reached with Tab and followed with Enter."""
    page = browser.new_page()
    visit(page, server + "/")
    tab_to(page, "Questions to ask")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Questions to ask", exact=True).wait_for()
    settled(page)
    assert page.url.split("?")[0].endswith("/questions")
    page.close()


def test_criteria_answered_by_keyboard(server, browser):
    """The age is typed into its box, and a yes/no question is answered with the arrow keys."""
    page = browser.new_page()
    visit(page, server + "/criteria")
    tab_to(page, "Your age", exact=True)  # not its help button, "Help for Your age"
    after_rerun(page, lambda: (page.keyboard.type("52"), page.keyboard.press("Enter")))
    page.get_by_text("Age: 52").first.wait_for()
    group = page.get_by_role(
        "radiogroup", name="Have side effects made it hard to keep taking a DMT?"
    )
    for _ in range(200):
        if group.evaluate("g => g.contains(document.activeElement)"):
            break
        page.keyboard.press("Tab")
    assert focused(page) == "Yes"
    # In a radio group, Space picks the focused answer; the arrow keys move to another one.
    after_rerun(page, lambda: page.keyboard.press("Space"))
    main = page.locator("[data-testid=stMain]")
    main.get_by_text("Side effects from a DMT: yes").first.wait_for()
    after_rerun(page, lambda: page.keyboard.press("ArrowRight"))
    assert focused(page) == "No"
    main.get_by_text("Side effects from a DMT: no").first.wait_for()
    page.close()


def test_a_question_is_dropped_and_the_pdf_downloaded_by_keyboard(server, browser, tmp_path):
    """A topic is opened with Enter, a question dropped with Space, and the PDF handout is
    made and then downloaded with Enter on its buttons."""
    page = browser.new_page(accept_downloads=True)
    visit(page, server + "/questions")
    count = page.get_by_text(re.compile(r"^\d+ of \d+ questions kept"))
    kept, total = (int(n) for n in re.findall(r"\d+", count.inner_text())[:2])
    tab_to(page, "The team and accreditation")
    after_rerun(page, lambda: page.keyboard.press("Enter"))  # opening a topic runs the page
    # Streamlit draws an opened topic's questions a few at a time; a person waits to see them.
    first = page.get_by_role("checkbox", name=re.compile(r"^Does the clinic have national"))
    first.wait_for()
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    tab_to(page, "Does the clinic have national")
    after_rerun(page, lambda: page.keyboard.press("Space"))
    page.get_by_text(f"{kept - 1} of {total} questions kept").wait_for()
    tab_to(page, "Make my PDF")
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    tab_to(page, "Download as PDF (to print)")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = tmp_path / "handout.pdf"
    download.value.save_as(path)
    text = _pdf_text(path)
    assert "Questions to ask about stem cell treatment for MS" in text
    assert "Does the clinic have national" not in text
    page.close()
