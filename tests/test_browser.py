"""The app served for real and opened in Chromium (Debian's, through Playwright)."""

from __future__ import annotations

import pytest
from browser_helpers import drawn_charts, open_expander, open_worksheet, settled, visit

# The served app (`server`) and Chromium (`browser`) are fixtures in conftest.py.
pytestmark = pytest.mark.browser


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
    visit(page, f"{server}/evidence")
    # Each point's pictures are inside it: open the first point, as a person would.
    open_expander(page, page.locator("[data-testid=stMain] summary").first)
    label = drawn_charts(page)[0].get_attribute("aria-label")  # the first on the page
    assert label == (
        "aHSCT, 15 studies pooled: about 17 out of 100 people like those in the study had "
        "their disability get worse, by 2 years."
    )
    assert page.get_by_text(label).first.is_visible()
    page.close()


def test_questions_take_away_and_progress_file_work_in_a_real_browser(server, browser, tmp_path):
    """On the questions page a person downloads the PDF handout (it opens and holds their
    clinic's name and the questions), saves progress to a file, and loads that file in a new
    session, which brings the clinic's name back."""
    from pypdf import PdfReader

    page = browser.new_page(accept_downloads=True)
    page.goto(f"{server}/questions")
    page.get_by_text("questions kept").first.wait_for(timeout=60_000)
    open_worksheet(page)
    page.get_by_role("textbox", name="Clinic 1", exact=True).fill("Клиника Ä")
    page.keyboard.press("Enter")
    page.get_by_text("Клиника Ä: ").first.wait_for(timeout=60_000)
    settled(page)

    # Two steps: the file is made on request, then downloaded.
    page.get_by_role("button", name="Make my PDF").click()
    ready = page.get_by_role("button", name="Download as PDF (to print)")
    ready.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as download:
        ready.click()
    pdf_path = tmp_path / "handout.pdf"
    download.value.save_as(pdf_path)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf_path).pages).split())
    assert "Questions to ask about stem cell treatment for MS" in text
    assert "Клиника Ä" in text
    assert "Is the centre accredited to international standards" in text

    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Save my progress (file)").click()
    progress = tmp_path / "progress.json"
    download.value.save_as(progress)
    page.close()

    fresh = browser.new_context().new_page()
    fresh.goto(f"{server}/questions")
    fresh.get_by_text("questions kept").first.wait_for(timeout=60_000)
    settled(fresh)
    fresh.locator("input[type=file]").set_input_files(progress)
    fresh.get_by_text("is back.").wait_for(timeout=60_000)
    settled(fresh)
    open_worksheet(fresh)
    clinic = fresh.get_by_role("textbox", name="Clinic 1", exact=True)
    assert clinic.input_value() == "Клиника Ä"
    fresh.close()
