"""The summary page, driven as a person would through AppTest: empty and filled sessions, clinic
view (one part per screen, answers hidden until shown), and nothing personal in the URL."""

from __future__ import annotations

import re

import pytest
from apptest_helpers import APP, folded, open_page, open_topics, open_worksheet, visible_text
from streamlit.testing.v1 import AppTest

from decision.links import LINK_KEYS

PAGE = "pages/summary.py"
PARTS = {
    "treatments": "walkthrough",
    "compare": "compare",
    "criteria": "criteria",
    "priorities": "values",
    "sure": "sure",
    "questions": "questions",
}
NOTE = "Ask about <script>alert(1)</script> *twice*. Спросить."
VALUES_NOTE = "Being home for my children [matters](javascript:x)"


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _part(at, part_id: str):
    return at.get_by_key(f"summary_part_{part_id}")


def _links(block) -> list[str]:
    return [link.proto.page for link in block.get("page_link")]


def _fill_every_page(at: AppTest) -> AppTest:
    """Look at a treatment, mark a question, and answer something on every page."""
    at.switch_page("pages/walkthrough.py").run()
    at.radio(key="walk_treatment").set_value("msc").run()
    at.switch_page("pages/compare.py").run()
    at.checkbox(key="compare_mark_risks").check().run()
    at.switch_page("pages/criteria.py").run()
    at.number_input(key="criteria_age").set_value(52).run()
    at.selectbox(key="criteria_edss").set_value(6.5).run()
    at.switch_page("pages/values.py").run()
    at.segmented_control(key="values_rate_cost").set_value("very").run()
    at.text_area(key="values_note").input(VALUES_NOTE).run()
    at.switch_page("pages/sure.py").run()
    for item in ("sure", "understand", "risk_benefit", "encouragement"):
        at.radio(key=f"sure_item_{item}").set_value("yes").run()
    at.radio(key="quiz_item_msc_approved").set_value("no").run()
    at.switch_page("pages/questions.py").run()
    open_topics(at, "team", "evidence")
    at.checkbox(key="questions_keep_certificates").uncheck().run()
    at.text_area(key="questions_note_approval").input(NOTE).run()
    at.text_input(key="questions_own_text").input("Can my partner stay?").run()
    at.button(key="questions_own_add").click().run()
    open_worksheet(at).text_input(key="questions_clinic_0").input("Clinic <b>A</b>").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def filled() -> AppTest:
    """A session with something done on every page, then the summary opened."""
    at = _fill_every_page(open_page("pages/home.py"))
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_summary_opens_with_its_disclaimer_and_the_date():
    """The summary opens without an error, says it is not advice, and is dated."""
    at = open_page(PAGE)
    text = visible_text(at)
    assert "This aid gives information, not medical advice." in text
    assert "Made on " in text


def test_an_empty_session_says_not_filled_in_yet_with_a_link_for_every_part():
    """With nothing done yet, each part says "Not filled in yet." and links to its page."""
    at = open_page(PAGE)
    for part_id, page in PARTS.items():
        block = _part(at, part_id)
        assert "Not filled in yet." in visible_text(block), part_id
        assert any(page in target for target in _links(block)), part_id


def test_a_filled_session_shows_what_was_done_on_every_page(filled):
    """Each part shows what the person did: the treatment looked at, the marked question,
    where their answers stand, their ratings and own words, their SURE score and knowledge
    check, and their questions, notes and clinic."""
    shown = {part_id: folded(visible_text(_part(filled, part_id))) for part_id in PARTS}
    for part_id, text in shown.items():
        assert "Not filled in yet." not in text, part_id
    assert "Myeloablative aHSCT" in shown["treatments"]
    assert "Mesenchymal stem cell (MSC) therapy" in shown["treatments"]
    assert "What are the main risks?" in shown["compare"]
    assert "What does it cost" not in shown["compare"]
    criteria = _part(filled, "criteria").table[0].value
    assert any("Does not meet it" in cell and "6\\.5" in cell for cell in criteria.iloc[:, 2])
    priorities = _part(filled, "priorities").table[0].value
    assert ["Cost", "Very important"] in priorities.values.tolist()
    assert f"In your own words: {VALUES_NOTE}" in shown["priorities"]
    assert "Your SURE score: 4 out of 4." in shown["sure"]
    assert "1 of 6 questions answered. Right answers: 1." in shown["sure"]
    assert (
        "You kept" in shown["questions"]
        and "Clinics you named: Clinic <b>A</b>." in (shown["questions"])
    )
    assert "Your own questions" in shown["questions"]
    assert "Can my partner stay?" in shown["questions"]
    notes = _part(filled, "questions").table[0].value
    assert notes.columns.tolist() == ["Question", "Your note"]
    assert [_unescape(v) for v in notes.iloc[0]][1] == NOTE


def test_what_the_person_typed_is_shown_as_typed_never_as_markup(filled):
    """Notes, own words and clinic names with HTML or Markdown are shown as the characters
    typed: escaped for Markdown, so no link, script or bold is made from them."""
    raw = [m.value for m in filled.markdown]
    cells = [v for table in filled.table for v in table.value.to_numpy().ravel().tolist()]
    for value in raw + cells:
        assert "<script>" not in value and "<b>" not in value and "](javascript" not in value
    assert any(r"\<script\>alert\(1\)\</script\> \*twice\*" in value for value in cells)
    assert any(r"\[matters\]\(javascript\:x\)" in value for value in raw)
    assert any(r"Clinic \<b\>A\</b\>" in value for value in raw)


def test_the_summary_offers_the_handout_with_it_all():
    """The summary page offers the same PDF handout as the questions page."""
    at = open_page(PAGE)
    assert not at.download_button
    make = at.button(key="summary_download_pdf_make")
    assert make.label == "Make my handout (PDF)"
    make.click().run()
    (button,) = at.download_button
    assert button.key == "summary_download_pdf"
    assert button.label == "Download the handout (PDF)"


def _clinic(at: AppTest) -> AppTest:
    at.toggle(key="clinic_view").set_value(True).run()
    assert not at.exception
    return at


def _parts_on_screen(at) -> list[str]:
    return [part_id for part_id in PARTS if _exists(at, f"summary_part_{part_id}")]


def _exists(at, key: str) -> bool:
    try:
        at.get_by_key(key)
    except KeyError:
        return False
    return True


def test_clinic_view_shows_one_part_per_screen_with_previous_and_next():
    """In clinic view the summary shows one part at a time, says which of how many, and
    Previous and Next move between parts; a part can be picked directly too."""
    at = _clinic(open_page(PAGE))
    assert _parts_on_screen(at) == ["treatments"]
    assert at.progress[0].text == "Part 1 of 6"
    assert at.button(key="summary_previous").disabled
    at.button(key="summary_next").click().run()
    assert _parts_on_screen(at) == ["compare"]
    assert at.progress[0].text == "Part 2 of 6"
    at.radio(key="summary_topic").set_value("questions").run()
    assert _parts_on_screen(at) == ["questions"]
    assert at.button(key="summary_next").disabled
    at.button(key="summary_previous").click().run()
    assert _parts_on_screen(at) == ["sure"]


def test_clinic_view_hides_answers_until_the_person_shows_them():
    """On a shared screen, the person's own answers are hidden, whatever part is on screen,
    until they turn on "Show my answers"; leaving the page hides them again."""
    at = _fill_every_page(open_page("pages/home.py"))
    at.switch_page(PAGE).run()
    at = _clinic(at)
    assert at.toggle(key="summary_show_answers").value is False
    for part_id in ("criteria", "priorities", "sure", "questions"):
        at.radio(key="summary_topic").set_value(part_id).run()
        text = folded(visible_text(_part(at, part_id)))
        assert "Your answers in this part are hidden" in text, part_id
        assert not _part(at, part_id).table, part_id
    for secret in ("Very important", "SURE score", "Спросить", "Being home"):
        assert secret not in visible_text(at)
    at.radio(key="summary_topic").set_value("treatments").run()
    assert "Mesenchymal stem cell (MSC) therapy" in visible_text(at)  # not an answer

    at.radio(key="summary_topic").set_value("priorities").run()
    at.toggle(key="summary_show_answers").set_value(True).run()
    assert "Your answers in this part are hidden" not in visible_text(at)
    assert ["Cost", "Very important"] in _part(at, "priorities").table[0].value.values.tolist()

    at.switch_page("pages/glossary.py").run()
    at.switch_page(PAGE).run()
    assert at.toggle(key="summary_show_answers").value is False
    assert "Your answers in this part are hidden" in visible_text(at)


def test_clinic_view_is_one_setting_for_the_whole_session():
    """Clinic view turned on from any page's side bar is still on on every other page, with
    its larger text, until it is turned off."""
    at = open_page("pages/walkthrough.py")
    assert "The text is larger" not in visible_text(at.sidebar)
    at.toggle(key="clinic_view").set_value(True).run()
    assert "The text is larger while clinic view is on" in visible_text(at.sidebar)
    for page in ("pages/glossary.py", PAGE):
        at.switch_page(page).run()
        assert at.toggle(key="clinic_view").value is True, page
    assert _parts_on_screen(at) == ["treatments"]
    at.toggle(key="clinic_view").set_value(False).run()
    assert _parts_on_screen(at) == list(PARTS)


def test_without_clinic_view_every_part_is_shown_with_no_hiding(filled):
    """Outside clinic view the summary is one page with all six parts and no hidden parts."""
    assert _parts_on_screen(filled) == list(PARTS)
    assert "hidden" not in visible_text(filled)


def test_no_answer_ever_reaches_the_address():
    """Followed from a link and then filled in on every page, the session's address holds
    only the link's treatment and step: no answer, note or choice goes into the URL."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    at.query_params.update({"treatment": "msc", "step": "2"})
    at.switch_page("pages/walkthrough.py").run()
    at = _fill_every_page(at)
    for page in ("pages/summary.py", "pages/walkthrough.py"):
        at.switch_page(page).run()
        _clinic(at)
    assert set(at.query_params) <= set(LINK_KEYS)
    assert at.query_params == {"treatment": "msc", "step": "2"}


def test_home_and_the_menu_lead_to_the_summary():
    """The home page links to the summary, and the menu lists it under "Take it with you"."""
    at = open_page("pages/home.py")
    assert any("summary" in link.proto.page for link in at.page_link)
    at.switch_page(PAGE).run()
    assert at.title[0].value == "Summary"
