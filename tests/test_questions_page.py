"""The questions page, driven as a person would through AppTest: questions grouped by topic,
kept or dropped, own questions, notes, the clinics' worksheet, the take-away buttons, and
saving and loading progress."""

from __future__ import annotations

import json
import re
from datetime import date

from apptest_helpers import folded, open_page, open_topics, open_worksheet, visible_text

from decision.progress import dump_progress, saved_key

PAGE = "pages/questions.py"
UPLOAD = "questions_progress_file"


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _labels(at) -> dict[str, str]:
    """Question checkboxes by key, with the label as a person reads it."""
    return {
        c.key.removeprefix("questions_keep_"): _unescape(c.label)
        for c in at.checkbox
        if c.key and c.key.startswith("questions_keep_")
    }


def _saved(at) -> dict:
    """What the page would save: every registered key in the session."""
    state = at.session_state._state._state.filtered_state
    return {k: v for k, v in state.items() if saved_key(k) is not None}


def _name_clinics(at, *names: str):
    """Open the worksheet (drawn only while open) and name clinics, as a person types them."""
    open_worksheet(at)
    for slot, name in enumerate(names):
        at.text_input(key=f"questions_clinic_{slot}").input(name)
    return at.run()


def test_questions_are_grouped_by_the_eight_topics_with_their_origin(content):
    """Each topic has its own section, then the person's own questions; each listed question
    shows where it comes from: a document's checklist, quoted, or a published list."""
    at = open_page(PAGE)
    labels = [e.label for e in at.expander]
    for topic in content.question_bank.topics:
        assert any(label.startswith(topic.title + " (") for label in labels), topic.title
    assert any(label.startswith("Your own questions (") for label in labels)
    open_topics(at)
    assert _labels(at)["certificates"].startswith("Does the clinic have national or")
    text = folded(visible_text(at))
    assert (
        'From the checklist on the page of MediGlobus (agency): "Does the clinic have national'
        in text
    )
    assert "From the US FDA list: Ask to see the consent form." in text
    assert f"{len(content.question_bank.questions)} of" in text


def test_treatments_looked_at_bring_their_gap_questions(content):
    """After looking at MSC therapy in Step by step, the page asks about it by default, with
    a question naming each MSC step whose cost no document states."""
    at = open_page("pages/walkthrough.py")
    at.radio(key="walk_treatment").set_value("msc").run()
    at.switch_page(PAGE).run()
    assert at.multiselect(key="questions_treatments").value == ["ahsct_myeloablative", "msc"]
    labels = _labels(open_topics(at))
    assert "4. Giving the cells" in labels["gap_msc_cost"]
    assert labels["gap_msc_cost"].startswith("Mesenchymal stem cell (MSC) therapy: no document")
    assert "gap_ahsct_myeloablative_cost" in labels
    assert "You looked at these in Step by step." in visible_text(at)


def test_without_a_treatment_looked_at_the_person_picks_one(content):
    """Opened directly, the page says no treatment was looked at and lets the person pick;
    picking one adds its gap questions."""
    at = open_page(PAGE)
    assert "You have not looked at a treatment in Step by step yet." in visible_text(at)
    open_topics(at)
    assert len(_labels(at)) == len(content.question_bank.questions)
    assert not any(k.startswith("gap_") for k in _labels(at))
    at.multiselect(key="questions_treatments").set_value(["ahsct_non_myeloablative"]).run()
    labels = _labels(at)  # the open topics stay open, with the new questions in them
    assert "5. Getting your stem cells back" in labels["gap_ahsct_non_myeloablative_cost"]


def test_a_dropped_question_leaves_the_count_and_the_worksheet(content):
    """Unticking a question drops it: the count goes down, its note box goes, and the
    worksheet has no row for it."""
    at = _name_clinics(open_page(PAGE), "Clinic A")
    total = len(content.question_bank.questions)
    rows = list(at.data_editor[0].value["question"])
    assert len(rows) == total
    open_topics(at, "team")
    assert "questions_note_certificates" in [a.key for a in at.text_area]
    at.checkbox(key="questions_keep_certificates").uncheck().run()
    assert f"{total - 1} of {total} questions kept." in visible_text(at)
    assert "questions_note_certificates" not in [a.key for a in at.text_area]
    rows = list(at.data_editor[0].value["question"])
    assert len(rows) == total - 1
    assert not any(r.startswith("Does the clinic have national") for r in rows)


def test_own_question_is_added_shown_as_typed_and_can_be_removed():
    """A question the person types (even HTML-like) joins "Your own questions" as written,
    is kept by default, and can be removed; empty or repeated text is refused."""
    at = open_page(PAGE)
    typed = "Can my partner stay? <b>Honest</b> answer, please *now*"
    at.text_input(key="questions_own_text").input(typed).run()
    at.button(key="questions_own_add").click().run()
    assert _labels(at)["own_1"] == typed
    assert at.text_input(key="questions_own_text").value == ""
    assert "Added to Your own questions." in visible_text(at)
    at.button(key="questions_own_add").click().run()
    assert "Type a question first." in visible_text(at)
    at.text_input(key="questions_own_text").input(typed.upper()).run()
    at.button(key="questions_own_add").click().run()
    assert "That question is already on your list." in visible_text(at)
    at.button(key="questions_own_remove_own_1").click().run()
    assert "own_1" not in _labels(at)
    # The topic stays open (its count changed): it says there is no own question now.
    assert "You have not added a question of your own yet." in visible_text(at)


def test_notes_stay_when_the_person_visits_another_page():
    """A note written on a question is still there after a visit to the glossary."""
    at = open_topics(open_page(PAGE), "evidence")
    note = "Ask twice. Спросить дважды. <script>alert(1)</script>"
    at.text_area(key="questions_note_approval").input(note).run()
    at.switch_page("pages/glossary.py").run()
    at.switch_page(PAGE).run()
    open_topics(at, "evidence")
    assert at.text_area(key="questions_note_approval").value == note


def _notes(at) -> list[str]:
    return [a.key for a in at.text_area if a.key and a.key.startswith("questions_note_")]


def test_a_closed_topic_draws_no_question_and_an_open_one_draws_all_of_its_own(content):
    """Every topic starts closed and draws nothing inside, while the count covers every
    question; an opened topic shows each of its questions with a note box; closed again, it
    draws nothing."""
    at = open_page(PAGE)
    total = len(content.question_bank.questions)
    assert _labels(at) == {}
    assert _notes(at) == []
    assert f"{total} of {total} questions kept." in visible_text(at)
    team = [q.id for q in content.question_bank.questions if q.topic == "team"]
    open_topics(at, "team")
    assert list(_labels(at)) == team
    assert _notes(at) == [f"questions_note_{i}" for i in team]
    at.session_state["questions_topic_team"] = False
    at.run()
    assert _labels(at) == {}
    assert _notes(at) == []


def test_answers_in_closed_topics_are_kept_counted_and_taken_away():
    """A note written in one topic and a question dropped in another stay when their topics
    are closed and others opened: the count, the handout and the progress file have them with
    every topic closed, and reopened topics show them as left."""
    at = open_topics(open_page(PAGE), "evidence")
    note = "Ask for the IND number. Спросить."
    at.text_area(key="questions_note_approval").input(note).run()
    at.session_state["questions_topic_evidence"] = False
    open_topics(at, "team")
    assert "questions_note_approval" not in _notes(at)
    at.checkbox(key="questions_keep_certificates").uncheck().run()
    at.session_state["questions_topic_team"] = False
    open_topics(at, "costs")
    at.session_state["questions_topic_costs"] = False
    at.run()
    assert _labels(at) == {}
    text = visible_text(at)
    total = int(re.search(r"of (\d+) questions kept", text).group(1))
    assert f"{total - 1} of {total} questions kept." in text
    at.button(key="questions_download_md_make").click().run()
    handout = _unescape(_file(at, "questions_download_md").decode("utf-8"))
    assert note in handout
    assert "Does the clinic have national or" not in handout
    assert _saved(at)["questions_note_approval"] == note
    assert _saved(at)["questions_keep_certificates"] is False
    open_topics(at, "evidence", "team")
    assert at.text_area(key="questions_note_approval").value == note
    assert at.checkbox(key="questions_keep_certificates").value is False


def test_an_added_question_opens_your_own_questions_to_show_it():
    """Adding a question opens "Your own questions" (and no other topic), where it shows."""
    at = open_page(PAGE)
    at.text_input(key="questions_own_text").input("Can my partner stay?").run()
    at.button(key="questions_own_add").click().run()
    assert _labels(at) == {"own_1": "Can my partner stay?"}
    assert _notes(at) == ["questions_note_own_1"]


def test_the_medical_words_are_explained_when_their_section_is_opened(content):
    """ "Medical words in these questions" draws nothing while closed; opened, it explains
    each glossary term the questions use."""
    from decision.questions import all_questions
    from decision.walkthrough import terms_in

    at = open_page(PAGE)
    terms = terms_in(content, *(i.text for i in all_questions(content, [])))
    assert terms
    words = next(e for e in at.expander if e.label == "Medical words in these questions")
    assert visible_text(words) == ""
    at.session_state["questions_words"] = True
    at.run()
    words = next(e for e in at.expander if e.label == "Medical words in these questions")
    shown = folded(visible_text(words))
    for term in terms:
        assert f"{term.term}: {folded(term.plain)}" in shown, term.term


def test_a_medical_word_in_a_persons_own_question_is_explained_too(content):
    """A glossary term that no listed question uses is explained once the person asks about
    it in their own question, in the glossary's order with the others."""
    from decision.questions import all_questions
    from decision.walkthrough import terms_in

    listed = terms_in(content, *(i.text for i in all_questions(content, [])))
    extra = next(term for term in content.glossary if term not in listed)
    at = open_page(PAGE)
    at.text_input(key="questions_own_text").input(f"What does {extra.term} mean for me?").run()
    at.button(key="questions_own_add").click().run()
    at.session_state["questions_words"] = True
    at.run()
    words = next(e for e in at.expander if e.label == "Medical words in these questions")
    shown = folded(visible_text(words))
    order = [t for t in content.glossary if t in listed or t == extra]
    places = [shown.index(f"{term.term}: {folded(term.plain)}") for term in order]
    assert places == sorted(places)


def test_worksheet_has_a_column_per_clinic_and_marks_what_is_unanswered(content):
    """Each named clinic gets a column; every empty cell reads "— not answered yet —", and
    a count per clinic says how many questions it has not answered."""
    at = open_worksheet(open_page(PAGE))
    assert "Name at least one clinic above to start the worksheet." in visible_text(at)
    at = _name_clinics(at, "Clinic A", "", "Клиника Б")
    editor = at.data_editor[0]
    table = editor.value
    assert list(table.columns) == ["question", "c0", "c2"]
    assert set(table["c0"]) == {"— not answered yet —"}
    total = len(table)
    at.session_state[editor.key] = {
        "edited_rows": {0: {"c0": "Yes, in writing"}, 1: {"c2": "Нет"}, 2: {"c0": "  "}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    first, second = table["question"][0], table["question"][1]
    ids = {i.text: i.id for i in _items(content)}
    assert at.session_state["questions_answers"] == {
        ids[first]: {"0": "Yes, in writing"},
        ids[second]: {"2": "Нет"},
    }
    text = visible_text(at)
    assert f"Clinic A: {total - 1} of {total} questions not answered yet." in text
    assert f"Клиника Б: {total - 1} of {total} questions not answered yet." in text


def _items(content):
    from decision.questions import all_questions

    return all_questions(content, [])


def test_take_away_is_offered_as_pdf_text_and_spreadsheet():
    """The page offers to make the handout as PDF, Markdown and CSV, each a download once
    made, and a progress file to save."""
    at = open_page(PAGE)
    makes = {b.key: b.label for b in at.button if b.key and b.key.endswith("_make")}
    assert makes["questions_download_pdf_make"] == "Make my PDF"
    assert makes["questions_download_md_make"] == "Make my text file"
    assert makes["questions_download_csv_make"] == "Make my spreadsheet"
    for key in makes:
        at.button(key=key).click().run()
    labels = {b.key: b.label for b in at.download_button}
    assert labels["questions_download_pdf"] == "Download as PDF (to print)"
    assert labels["questions_download_md"] == "Download as text (Markdown)"
    assert labels["questions_download_csv"] == "Download as a spreadsheet (CSV)"
    assert labels["questions_save_progress"] == "Save my progress (file)"
    assert not [b for b in at.button if b.key and b.key.endswith("_make")]


def _file(at, key: str) -> bytes:
    """The bytes a download button offers (kept in the person's session, pages/downloads.py)."""
    from pages.downloads import MADE

    assert key in [b.key for b in at.download_button], f"{key} is not offered"
    return at.session_state[MADE + key][1]


def test_a_file_made_on_request_has_the_persons_questions_and_notes():
    """Pressing "Make my text file" offers a Markdown file with the person's own question,
    their note and their clinic, and without a question they dropped."""
    at = open_page(PAGE)
    at.text_input(key="questions_own_text").input("Can my partner stay on the ward?").run()
    at.button(key="questions_own_add").click().run()
    at.text_area(key="questions_note_own_1").input("Ask about the family room.").run()
    open_topics(at, "team").checkbox(key="questions_keep_certificates").uncheck().run()
    _name_clinics(at, "Clinic A")
    assert "questions_download_md" not in [b.key for b in at.download_button]
    at.button(key="questions_download_md_make").click().run()
    assert not at.exception
    text = _unescape(_file(at, "questions_download_md").decode("utf-8"))
    assert "Can my partner stay on the ward?" in text
    assert "Ask about the family room." in text
    assert "Clinic A" in text
    assert "Does the clinic have national or" not in text
    at.button(key="questions_download_pdf_make").click().run()
    assert _file(at, "questions_download_pdf").startswith(b"%PDF")


def test_a_change_after_making_a_file_withdraws_it_and_says_so():
    """After a file is made, dropping a question takes the old file away (no download is
    offered), says why, and offers to make it again; made again, it has the change."""
    at = open_topics(open_page(PAGE), "team")
    at.button(key="questions_download_md_make").click().run()
    assert "Does the clinic have national or" in _unescape(
        _file(at, "questions_download_md").decode("utf-8")
    )
    at.checkbox(key="questions_keep_certificates").uncheck().run()
    offered = [b.key for b in at.download_button]
    assert "questions_download_md" not in offered
    assert "questions_download_md_make" in [b.key for b in at.button]
    assert "You changed something after you made this file" in folded(visible_text(at))
    at.button(key="questions_download_md_make").click().run()
    assert "Does the clinic have national or" not in _unescape(
        _file(at, "questions_download_md").decode("utf-8")
    )
    assert "You changed something after you made this file" not in folded(visible_text(at))


def test_a_made_file_stays_while_nothing_in_it_changes():
    """Opening another topic, or running the page again, changes nothing in the file: the
    file made stays on offer, with no "you changed something" note."""
    at = open_topics(open_page(PAGE), "team")
    at.text_area(key="questions_note_certificates").input("Ask for the certificate.").run()
    at.button(key="questions_download_md_make").click().run()
    made = _file(at, "questions_download_md")
    open_topics(at, "evidence")
    at.run()
    assert _file(at, "questions_download_md") == made
    assert "You changed something after you made this file" not in folded(visible_text(at))


def _worked_session():
    """A session with something in every kind of saved answer."""
    at = open_page("pages/walkthrough.py")
    at.radio(key="walk_treatment").set_value("msc").run()
    at.button(key="walk_next").click().run()
    at.switch_page(PAGE).run()
    open_topics(at, "team", "evidence")
    at.checkbox(key="questions_keep_certificates").uncheck().run()
    at.text_area(key="questions_note_approval").input("IND? Ρωτήστε. اسأل").run()
    at.text_input(key="questions_own_text").input("Parking <i>near</i>?").run()
    at.button(key="questions_own_add").click().run()
    at = _name_clinics(at, "Clinic A")
    editor = at.data_editor[0]
    at.session_state[editor.key] = {
        "edited_rows": {0: {"c0": "Everything, in writing"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def test_save_then_load_in_a_new_session_gives_the_same_state():
    """Progress saved to a file and loaded in a fresh session (as after a server restart)
    brings back the same treatments, step, kept questions, notes, own questions, clinics and
    answers; the walkthrough opens where the person was."""
    before = _worked_session()
    saved = _saved(before)
    raw = dump_progress(saved, date(2025, 3, 14))
    assert json.loads(raw)["state"]["walk_treatment"] == "msc"

    at = open_page(PAGE)
    at.file_uploader(key=UPLOAD).set_value(("progress.json", raw, "application/json")).run()
    assert not at.exception
    assert "Your progress from 2025-03-14 is back." in visible_text(at)
    assert _saved(at) == saved
    open_worksheet(open_topics(at, "team", "evidence", "own"))
    assert _saved(at) == saved
    assert at.checkbox(key="questions_keep_certificates").value is False
    assert at.text_area(key="questions_note_approval").value == "IND? Ρωτήστε. اسأل"
    assert _labels(at)["own_1"] == "Parking <i>near</i>?"
    assert "Everything, in writing" in list(at.data_editor[0].value["c0"])
    at.switch_page("pages/walkthrough.py").run()
    assert at.radio(key="walk_treatment").value == "msc"
    assert at.progress[0].text.startswith("Step 2 of")


def test_a_bad_file_is_refused_and_nothing_changes():
    """A damaged, foreign or tampered file is refused with a plain reason, and everything
    the person had on the page stays as it was."""
    at = _worked_session()
    before = _saved(at)
    tampered = json.loads(dump_progress(before, date(2025, 3, 14)))
    tampered["state"]["questions_keep_approval"] = "yes please"
    cases = [
        (b"{not json", "The file is damaged, or it is not a progress file from this aid."),
        (b'{"app": "other-app", "version": 1}', "This is not a progress file from this aid."),
        (
            json.dumps(tampered).encode(),
            'The file holds the wrong kind of value for "questions_keep_approval".',
        ),
        (b"x" * 600_000, "The file is too large to be a progress file from this aid."),
    ]
    for raw, reason in cases:
        at.file_uploader(key=UPLOAD).set_value(("progress.json", raw, "application/json")).run()
        assert not at.exception
        shown = [_unescape(e.value) for e in at.error]
        assert any(
            "This file was not loaded, and nothing on this page has changed." in e for e in shown
        ), shown
        assert any(reason in e for e in shown), (reason, shown)
        assert _saved(at) == before
