"""What a person fills in on the "Is it for me?" pages travels with them: into the take-away
and into a saved progress file."""

from __future__ import annotations

import io
from datetime import date

from apptest_helpers import open_page
from pypdf import PdfReader

from decision.answers import Answers
from decision.handout import to_markdown, to_pdf
from decision.progress import dump_progress, load_progress, saved_key
from decision.questions import handout_for
from decision.summary import criteria_table, gathered_tables, priorities_table


def _answered_session():
    at = open_page("pages/criteria.py")
    at.number_input(key="criteria_age").set_value(52).run()
    at.selectbox(key="criteria_edss").set_value(6.5).run()
    at.switch_page("pages/values.py").run()
    at.segmented_control(key="values_rate_cost").set_value("very").run()
    at.switch_page("pages/sure.py").run()
    at.radio(key="sure_item_sure").set_value("no").run()
    return at


def _saved(at) -> dict:
    state = at.session_state._state._state.filtered_state
    return {k: v for k, v in state.items() if saved_key(k) is not None}


def test_criteria_and_priorities_answers_are_saved_and_restored(content):
    """Age, EDSS, a rated value and a SURE answer are in the progress file, load back, and
    show again on their pages in a new session."""
    saved = _saved(_answered_session())
    assert saved["criteria_age"] == 52
    assert saved["criteria_edss"] == 6.5
    assert saved["values_rate_cost"] == "very"
    assert saved["sure_item_sure"] == "no"
    raw = dump_progress(saved, date(2026, 11, 22))
    answered = {k: v for k, v in saved.items() if v is not None}
    restored = load_progress(raw, content).state
    assert {k: v for k, v in restored.items() if v is not None} == answered

    at = open_page("pages/questions.py")
    upload = ("progress.json", raw, "application/json")
    at.file_uploader(key="questions_progress_file").set_value(upload).run()
    assert not at.exception
    at.switch_page("pages/criteria.py").run()
    assert at.number_input(key="criteria_age").value == 52


def test_an_edss_off_the_scale_in_a_file_is_refused(content):
    """A progress file with an EDSS of 6.3 (not a score on the scale) is refused."""
    raw = dump_progress({"criteria_edss": 6.3}, date(2026, 11, 22))
    try:
        load_progress(raw, content)
    except ValueError as err:
        assert "6.3" in str(err)
    else:
        raise AssertionError("an EDSS of 6.3 was accepted")


def test_handout_carries_the_criteria_table_and_priorities(content):
    """With answers given, the PDF and text take-away include where the answers stand against
    each stated criterion (never an overall verdict) and what matters to the person."""
    answers = Answers(age=52, edss=6.5, values={"cost": "very"})
    tables = gathered_tables(content, answers)
    assert [t.heading for t in tables] == [
        "What the documents and professional bodies state, and your answers",
        "What matters to you",
    ]
    handout = handout_for(
        content,
        made_on=date(2026, 11, 22),
        treatment_ids=["ahsct_non_myeloablative"],
        items=[],
        notes={},
        answers={},
        clinics=[],
        tables=tables,
    )
    markdown = to_markdown(handout)
    assert "Does not meet it" in markdown  # Pirogov's EDSS 6.0 or lower, for an EDSS of 6.5
    assert "Very important" in markdown
    assert "eligible" not in markdown.lower()
    pdf = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(to_pdf(handout))).pages
    )
    assert "What matters to you" in pdf
    assert "Going by your answers" in pdf


def test_nothing_answered_adds_no_empty_sections(content):
    """A person who skipped those pages gets no empty criteria or priorities section."""
    assert criteria_table(content, Answers()) is None
    assert priorities_table(content, Answers()) is None


def test_questions_page_offers_the_take_away_after_answers_elsewhere():
    """After answering the "Is it for me?" pages, the questions page renders its take-away
    buttons without an error."""
    at = _answered_session()
    at.switch_page("pages/questions.py").run()
    assert not at.exception
    at.button(key="questions_download_pdf_make").click().run()
    assert not at.exception
    assert "Download as PDF (to print)" in [b.label for b in at.download_button]
