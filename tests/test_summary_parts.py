"""The summary built from a session (decision/summary.py), the take-away that carries it, and
the comparison's marked questions being saved with progress."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from decision.handout import to_csv, to_markdown, to_pdf
from decision.load import ContentError
from decision.progress import ProgressError, dump_progress, load_progress, saved_key
from decision.questions import OwnQuestion
from decision.summary import gathered_from_session, handout_from, summary_parts

DAY = date(2026, 11, 22)
PART_IDS = ["treatments", "compare", "criteria", "priorities", "sure", "questions"]
HEADINGS = [
    "Treatments you looked at",
    "Questions you marked as important",
    "Is it for me? Your answers against what is stated",
    "What matters to you",
    "How sure you feel",
]
FILLED = {
    "viewed_treatments": ["msc", "ahsct_non_myeloablative"],
    "compare_mark_risks": True,
    "compare_mark_cost": True,
    "compare_mark_time": False,
    "criteria_age": 52,
    "criteria_edss": 6.5,
    "values_rate_cost": "very",
    "values_rate_time_away": "not",
    "values_note": "Being home for my children <b>matters</b>",
    "sure_item_sure": "no",
    "sure_item_understand": "yes",
    "sure_item_risk_benefit": "yes",
    "sure_item_encouragement": "yes",
    "quiz_item_msc_approved": "no",
    "quiz_item_ahsct_whose_cells": "donor",
    "questions_keep_certificates": False,
    "questions_note_approval": "Ask for the IND number. Спросить.",
    "questions_own": [OwnQuestion(id="own_1", text="Can my partner stay? *really*")],
    "questions_clinic_0": "Clinic A",
}


def _pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def _parts(content, state):
    return {p.id: p for p in summary_parts(content, gathered_from_session(state))}


def test_an_empty_session_has_every_part_not_filled_in_with_its_page(content):
    """With nothing done yet, each of the six parts is not filled in, and names the page
    where it is done."""
    parts = summary_parts(content, gathered_from_session({}))
    assert [p.id for p in parts] == PART_IDS
    assert not any(p.filled for p in parts)
    assert [p.page for p in parts] == [
        "pages/walkthrough.py",
        "pages/compare.py",
        "pages/criteria.py",
        "pages/values.py",
        "pages/sure.py",
        "pages/questions.py",
    ]


def test_a_filled_session_fills_every_part(content):
    """Treatments looked at, marked questions, criteria, priorities, SURE and knowledge check,
    and questions each show what the person did."""
    parts = _parts(content, FILLED)
    assert all(p.filled for p in parts.values())
    assert [r[0] for r in parts["treatments"].tables[0].rows] == [
        "Mesenchymal stem cell (MSC) therapy",
        "Non-myeloablative aHSCT",
    ]
    assert [r[0] for r in parts["compare"].tables[0].rows] == [
        "What are the main risks?",
        "What does it cost, and what does the price include?",
    ]
    criteria = parts["criteria"].tables[0]
    assert any(r[2].startswith("Does not meet it. EDSS: 6.5") for r in criteria.rows)
    priorities = parts["priorities"]
    assert ("Cost", "Very important") in priorities.tables[0].rows
    assert "In your own words: Being home for my children <b>matters</b>" in priorities.paragraphs
    assert priorities.paragraphs[0].startswith("You rated these as not important: ")
    sure = parts["sure"]
    assert sure.paragraphs[0].startswith("Your SURE score: 3 out of 4.")
    assert "2 of 6 questions answered. Right answers: 1." in sure.paragraphs[1]
    quiz = sure.tables[1]
    question = "In June 2021, did the US FDA say any stem cell product was approved for MS?"
    assert (question, "No", "Right") in quiz.rows
    assert ("In aHSCT, whose stem cells are used?", "A donor's", "Not quite") in quiz.rows
    questions = parts["questions"]
    assert questions.paragraphs[1] == "Clinics you named: Clinic A."
    assert questions.tables[0].rows == (("Can my partner stay? *really*",),)
    assert questions.tables[1].rows[0][1] == "Ask for the IND number. Спросить."


def test_only_the_persons_own_answers_are_marked_personal(content):
    """Criteria, priorities, SURE and questions are the person's own answers (hidden on a
    shared screen until shown); treatments looked at and marked questions are not."""
    parts = _parts(content, FILLED)
    assert {p.id for p in parts.values() if p.personal} == {
        "criteria",
        "priorities",
        "sure",
        "questions",
    }


def test_some_sure_answers_give_no_score_yet(content):
    """Two of four SURE answers give no score: the part says how many are answered."""
    parts = _parts(content, {"sure_item_sure": "yes", "sure_item_understand": "no"})
    assert parts["sure"].paragraphs == (
        "You answered 2 of the 4 SURE questions. Answer all of them to see a score.",
    )


def test_the_pdf_holds_the_dated_summary_and_space_for_the_clinicians_notes(content):
    """The handout PDF has the summary's headings, the date it was made, what the person
    entered, and a "Clinician's notes" space."""
    text = _pdf_text(to_pdf(handout_from(content, gathered_from_session(FILLED), made_on=DAY)))
    assert "Made on 2026-11-22" in text
    assert "Summary of this session Made on 2026-11-22." in text
    for heading in HEADINGS:
        assert heading in text, heading
    assert "Clinician's notes" in text
    for entered in ["What are the main risks?", "Your SURE score: 3 out of 4.", "<b>matters</b>"]:
        assert entered in text, entered
    assert "Can my partner stay? *really*" in text  # an own question, in the questions list


def test_the_pdf_of_an_empty_session_says_each_part_is_not_filled_in(content):
    """With nothing done yet, the summary in the PDF lists each part as not filled in yet,
    and still has the clinician's notes."""
    text = _pdf_text(to_pdf(handout_from(content, gathered_from_session({}), made_on=DAY)))
    for heading in HEADINGS:
        assert f"{heading} Not filled in yet." in text, heading
    assert "Clinician's notes" in text


def test_the_text_and_spreadsheet_take_aways_carry_the_summary(content):
    """The Markdown download has the summary and the clinician's notes, the person's text
    escaped; the CSV has the summary's tables."""
    handout = handout_from(content, gathered_from_session(FILLED), made_on=DAY)
    markdown = to_markdown(handout)
    assert "## Summary of this session" in markdown
    assert "## Clinician's notes" in markdown
    assert r"\<b\>matters\</b\>" in markdown and "<b>" not in markdown
    rows = to_csv(handout).decode("utf-8-sig")
    assert "Questions you marked as important" in rows and "What are the main risks?" in rows


def test_marked_comparison_questions_are_saved_and_restored(content):
    """Questions marked on the comparison page go into the progress file and come back."""
    assert saved_key("compare_mark_risks") is not None
    raw = dump_progress({"compare_mark_risks": True, "compare_mark_cost": False}, DAY)
    restored = load_progress(raw, content).state
    assert restored == {"compare_mark_risks": True, "compare_mark_cost": False}


def test_a_mark_that_is_not_yes_or_no_is_refused(content):
    """A progress file whose mark is not true or false is refused, naming the entry."""
    raw = (
        b'{"app": "ms-stem-cell-decision-aid", "version": 1, "saved_on": "2026-11-22",'
        b' "state": {"compare_mark_risks": "yes"}}'
    )
    with pytest.raises(ProgressError) as err:
        load_progress(raw, content)
    assert (err.value.code, err.value.detail) == ("wrong_value", "compare_mark_risks")


def test_a_missing_summary_word_names_the_file_and_the_key(content):
    """If content/pages/summary.yaml lacks a word the summary needs, the error names the file
    and the key, as for every other page."""
    broken = replace(content, pages={**content.pages, "summary": {}})
    with pytest.raises(ContentError) as err:
        summary_parts(broken, gathered_from_session({}))
    assert (err.value.file, err.value.field) == ("content/pages/summary.yaml", "part_treatments")
