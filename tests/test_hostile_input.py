"""Odd and hostile text in notes and own questions (HTML, scripts, right-to-left writing,
combining marks, emoji, 100,000 characters) is shown and exported as text, and the app keeps
working."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date

import pytest
from apptest_helpers import open_page, open_topics, visible_text
from browser_helpers import after_rerun, open_expander, open_worksheet, settled, visit

from decision.handout import MAX_PDF_TEXT, to_csv, to_markdown, to_pdf
from decision.questions import (
    MAX_NOTE_CHARS,
    MAX_QUESTION_CHARS,
    OwnQuestion,
    handout_for,
    own_items,
)

PAGE = "pages/questions.py"
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": '<img src=x onerror="alert(1)">',
    "arabic": "هل يمكن لعائلتي البقاء معي؟",
    "hebrew": "האם המשפחה שלי יכולה להישאר?",
    "combining": "Z̤͔ͧ̑̓ä͖̭̈̇l͖͎g͞o",
    "emoji": "Can my 👩‍👩‍👧 stay? 🏥💉",
}
HUGE = "x" * 100_000


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _own_labels(at) -> list[str]:
    return [
        _unescape(c.label) for c in at.checkbox if c.key and c.key.startswith("questions_keep_own_")
    ]


@pytest.mark.parametrize("name", HOSTILE)
def test_own_question_and_note_are_shown_as_typed(name):
    """An own question and a note with HTML, a script, right-to-left text, combining marks or
    emoji are kept and shown exactly as typed, as text."""
    text = HOSTILE[name]
    at = open_page(PAGE)
    at.text_input(key="questions_own_text").input(text).run()
    at.button(key="questions_own_add").click().run()
    assert not at.exception
    assert _own_labels(at) == [text]
    at.text_area(key="questions_note_own_1").input(text).run()
    assert at.text_area(key="questions_note_own_1").value == text
    assert not at.exception


def test_text_past_a_box_limit_is_refused_and_the_page_goes_on():
    """A 100,000-character question or note is refused by its box (it keeps at most 500 or
    2,000 characters), and the page goes on working."""
    at = open_topics(open_page(PAGE), "evidence")
    at.text_input(key="questions_own_text").input(HUGE).run()
    at.text_area(key="questions_note_approval").input(HUGE).run()
    assert not at.exception
    assert at.text_input(key="questions_own_text").value == ""
    assert at.text_area(key="questions_note_approval").value == ""
    at.checkbox(key="questions_keep_approval").uncheck().run()  # the next action still runs
    assert not at.exception


def test_a_note_at_its_limit_says_that_more_was_not_kept():
    """A note of 2,000 characters (as a browser keeps of a longer paste) says it is at its
    limit and that anything longer was not kept."""
    at = open_topics(open_page(PAGE), "evidence")
    at.text_area(key="questions_note_approval").input("z" * MAX_NOTE_CHARS).run()
    assert not at.exception
    assert "This note is at its limit of 2,000 characters." in visible_text(at)


def _handout(text: str):
    from decision.load import load_content

    content = load_content()
    own = [OwnQuestion(id="own_1", text=text[:MAX_QUESTION_CHARS])]
    items = own_items(own)
    return handout_for(
        content,
        made_on=date(2026, 1, 1),
        treatment_ids=[],
        items=items,
        notes={"own_1": text[:MAX_NOTE_CHARS]},
        answers={"own_1": {"0": text[:1000]}},
        clinics=[(0, "Clinic <b>A</b>")],
    )


@pytest.mark.parametrize("name", HOSTILE)
def test_exports_keep_hostile_text_as_text(name):
    """Markdown escapes the text (it reads back exactly), the CSV holds it exactly, and the
    PDF is made without error, with HTML-like text printed literally."""
    text = HOSTILE[name]
    handout = _handout(text)
    markdown = to_markdown(handout)
    assert text in _unescape(markdown)
    assert re.search(r"(?<!\\)<", markdown) is None  # every < is escaped
    rows = list(csv.reader(io.StringIO(to_csv(handout).decode("utf-8-sig"))))
    assert [text, text, text] == [rows[1][1], rows[1][2], rows[1][3]]
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(to_pdf(handout)))
    printed = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    if text.isascii():
        assert text in printed


def test_a_100000_character_text_is_cut_in_the_pdf_with_a_marker():
    """Text far past any limit (only a damaged or hand-made file could hold it) is cut in the
    PDF, which says how much was left out."""
    from pypdf import PdfReader

    handout = _handout(HUGE)
    questions = tuple(replace(q, note=HUGE) for q in handout.questions)
    pdf = to_pdf(replace(handout, questions=questions))

    printed = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert f"{len(HUGE) - MAX_PDF_TEXT:,} more characters not printed here" in printed


# --- In a real browser ---------------------------------------------------------------------------


def _open(page, title: str) -> None:
    """Open the expander whose title holds `title`, unless it is open already, and wait until
    its contents are on screen (a topic's questions are drawn only while it is open)."""
    details = page.locator("details").filter(has=page.locator("summary", has_text=title)).first
    if details.get_attribute("open") is None:
        open_expander(page, details.locator("summary").first)


@pytest.mark.browser
def test_hostile_text_in_the_browser_stays_text_and_the_app_responds(server, browser, tmp_path):
    """In Chromium: every hostile text added as an own question and typed as a note is shown
    as typed; no script runs (no dialog, no injected element); a 100,000-character paste is
    cut to the note's limit with a message; the Markdown and CSV downloads hold the text."""
    page = browser.new_page(accept_downloads=True)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visit(page, server + "/questions")
    own = page.get_by_role("textbox", name="Your question")
    for text in HOSTILE.values():
        own.fill(text)
        after_rerun(page, page.get_by_role("button", name="Add question").click)
    _open(page, "Your own questions")
    for text in HOSTILE.values():
        box = page.get_by_test_id("stCheckbox").filter(has_text=text)
        assert box.count() == 1 and box.inner_text().strip() == text, text
    note = page.get_by_role("textbox", name="Your notes").last
    after_rerun(page, lambda: (note.fill(" ".join(HOSTILE.values())), note.press("Control+Enter")))
    assert dialogs == []
    assert page.locator("script", has_text="alert(1)").count() == 0
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("[data-testid=stMain]").get_by_text(HOSTILE["script"]).count() >= 1

    first_note = page.get_by_role("textbox", name="Your notes").first
    _open(page, "The treatment (")
    first_note.click()
    # As a paste: the box keeps at most its limit of characters; nothing breaks.
    page.keyboard.insert_text(HUGE)
    first_note.press("Control+Enter")
    settled(page)
    assert len(first_note.input_value()) <= MAX_NOTE_CHARS
    # The app still responds: the next action runs to the end.
    open_worksheet(page)
    clinic = page.get_by_role("textbox", name="Clinic 1", exact=True)
    after_rerun(page, lambda: (clinic.fill("Clinic A"), clinic.press("Enter")))
    assert dialogs == []

    after_rerun(page, page.get_by_role("button", name="Make my text file").click)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as text (Markdown)").click()
    markdown = _unescape(download.value.path().read_text(encoding="utf-8"))
    after_rerun(page, page.get_by_role("button", name="Make my spreadsheet").click)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
    rows = csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig")))
    sheet = "\n".join(cell for row in rows for cell in row)
    for text in HOSTILE.values():
        assert text in markdown and text in sheet, text
    page.close()
