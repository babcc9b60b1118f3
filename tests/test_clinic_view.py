"""Clinic view, driven through AppTest: larger text for this session only, and on every page
that shows what the person answered, the answers hidden until the person shows them, and never
lost by being hidden."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from apptest_helpers import APP, folded, open_page, open_topics, open_worksheet, visible_text
from streamlit.testing.v1 import AppTest

HIDDEN = "Clinic view is on, so your answers on this page are hidden."
SHOWN = "Your answers are on the screen."
NOTE = "Ask if my partner can stay <b>overnight</b>"
OWN = "Who pays if I get an infection?"
VALUES_NOTE = "Being home for my children"
_ESCAPE = re.compile(r"\\(.)")


def _style(at: AppTest) -> str:
    """The style the page adds (clinic view's larger text), or "" when none."""
    return "".join(h.proto.body for h in at.get("html"))


def _keys(at: AppTest) -> set[str]:
    """The keys of the widgets on screen (main part of the page)."""
    keys = set()
    for kind in (
        "number_input",
        "selectbox",
        "radio",
        "segmented_control",
        "text_area",
        "text_input",
        "checkbox",
        "multiselect",
    ):
        keys |= {w.key for w in getattr(at.main, kind) if w.key}
    return keys


def _everything_shown(at: AppTest) -> str:
    """All a person can read on the page: text, table cells and the values in widgets."""
    cells = [str(v) for table in at.table for v in table.value.to_numpy().ravel().tolist()]
    headers = [str(v) for table in at.table for v in table.value.columns]
    values = [
        str(w.value)
        for kind in ("number_input", "text_area", "text_input")
        for w in getattr(at.main, kind)
    ]
    labels = [w.label for w in at.main.checkbox]
    return folded(
        _ESCAPE.sub(r"\1", "\n".join([visible_text(at), *cells, *headers, *values, *labels]))
    )


def _clinic(at: AppTest, on: bool = True) -> AppTest:
    at.toggle(key="clinic_view").set_value(on).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _show(at: AppTest, on: bool = True) -> AppTest:
    at.toggle(key="summary_show_answers").set_value(on).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# --- Larger text ------------------------------------------------------------------------------


def test_clinic_view_makes_the_text_larger_and_turning_it_off_sets_it_back():
    """Clinic view adds our larger-text style to the page and says so in the side bar; normal
    view adds no style, and turning clinic view off takes it away again."""
    at = open_page("pages/walkthrough.py")
    assert _style(at) == ""
    assert "The text is larger" not in visible_text(at.sidebar)
    _clinic(at)
    style = _style(at)
    assert style.startswith("<style>") and style.endswith("</style>")
    assert "html { font-size: 137.5%; }" in style
    assert "The text is larger while clinic view is on" in visible_text(at.sidebar)
    # Through two pages: under AppTest (not in a browser) the first run after a page switch
    # does not yet see a switch that was just turned on.
    for page in ("pages/glossary.py", "pages/summary.py"):
        at.switch_page(page).run()
    assert "font-size" in _style(at)
    _clinic(at, on=False)
    assert _style(at) == ""


def test_larger_text_is_for_this_session_only():
    """Clinic view in one session leaves another session, on the same server, at normal size."""
    mine = _clinic(open_page("pages/home.py"))
    theirs = open_page("pages/home.py")
    assert "font-size" in _style(mine)
    assert _style(theirs) == ""


def test_the_browser_zoom_tip_is_gone():
    """Clinic view makes the text larger itself, so it no longer asks the person to zoom in."""
    at = _clinic(open_page("pages/home.py"))
    assert "zoom" not in visible_text(at).lower()


# --- Answers hidden until shown, on every page ------------------------------------------------


def _fill_criteria(at: AppTest) -> None:
    at.number_input(key="criteria_age").set_value(52).run()
    at.selectbox(key="criteria_edss").set_value(6.5).run()


def _fill_values(at: AppTest) -> None:
    at.segmented_control(key="values_rate_cost").set_value("very").run()
    at.text_area(key="values_note").input(VALUES_NOTE).run()


def _fill_sure(at: AppTest) -> None:
    for item in ("sure", "understand", "risk_benefit", "encouragement"):
        at.radio(key=f"sure_item_{item}").set_value("yes").run()
    at.radio(key="quiz_item_msc_approved").set_value("no").run()


def _fill_questions(at: AppTest) -> None:
    open_topics(at, "team", "evidence")
    at.checkbox(key="questions_keep_certificates").uncheck().run()
    at.text_area(key="questions_note_approval").input(NOTE).run()
    at.text_input(key="questions_own_text").input(OWN).run()
    at.button(key="questions_own_add").click().run()
    open_worksheet(at).text_input(key="questions_clinic_0").input("Clinic Alpha").run()


def _fill_compare(at: AppTest) -> None:
    at.checkbox(key="compare_mark_risks").check().run()


@dataclass(frozen=True)
class Answered:
    page: str
    fill: Callable[[AppTest], None]
    keys: frozenset[str]  # widgets that show an answer
    secrets: tuple[str, ...]  # what the answers look like on screen
    check: Callable[[AppTest], bool]  # the answer, read back from the widgets on screen
    # What a person does to see their answers on the page (the questions page: open the
    # topics they are in, as its topics are closed when the page opens).
    look: Callable[[AppTest], object] = lambda at: None


PAGES = [
    Answered(
        "pages/criteria.py",
        _fill_criteria,
        frozenset({"criteria_age", "criteria_edss"}),
        ("Going by your answers", "Does not meet it"),
        lambda at: (
            at.number_input(key="criteria_age").value == 52
            and at.selectbox(key="criteria_edss").value == 6.5
        ),
    ),
    Answered(
        "pages/values.py",
        _fill_values,
        frozenset({"values_rate_cost", "values_note"}),
        ("Very important to you", VALUES_NOTE),
        lambda at: (
            at.segmented_control(key="values_rate_cost").value == "very"
            and at.text_area(key="values_note").value == VALUES_NOTE
        ),
    ),
    Answered(
        "pages/sure.py",
        _fill_sure,
        frozenset({"sure_item_sure", "quiz_item_msc_approved"}),
        ("Your score: 4 out of 4.",),
        lambda at: (
            at.radio(key="sure_item_sure").value == "yes"
            and at.radio(key="quiz_item_msc_approved").value == "no"
        ),
    ),
    Answered(
        "pages/questions.py",
        _fill_questions,
        frozenset({"questions_keep_certificates", "questions_note_approval", "questions_clinic_0"}),
        (NOTE, OWN, "Clinic Alpha"),
        lambda at: (
            at.checkbox(key="questions_keep_certificates").value is False
            and at.text_area(key="questions_note_approval").value == NOTE
            and at.text_input(key="questions_clinic_0").value == "Clinic Alpha"
            and OWN in _everything_shown(at)
        ),
        lambda at: open_worksheet(open_topics(at, "team", "evidence", "own")),
    ),
    Answered(
        "pages/compare.py",
        _fill_compare,
        frozenset({"compare_mark_risks"}),
        (),
        lambda at: at.checkbox(key="compare_mark_risks").value is True,
    ),
]
IDS = [p.page.removeprefix("pages/").removesuffix(".py") for p in PAGES]


@pytest.mark.parametrize("answered", PAGES, ids=IDS)
def test_in_clinic_view_earlier_answers_are_hidden_until_the_person_shows_them(answered):
    """Answered earlier, then clinic view turned on: the page says the answers are hidden,
    and no answer is on screen (no answer widget, no answer in text or tables) until the
    person turns on "Show my answers"; then every answer is back as given."""
    at = open_page(answered.page)
    answered.fill(at)
    assert answered.check(at)
    _clinic(at)
    assert at.toggle(key="summary_show_answers").value is False
    answered.look(at)  # trying to see them changes nothing while they are hidden
    shown = _everything_shown(at)
    assert HIDDEN in shown
    assert not answered.keys & _keys(at)
    for secret in answered.secrets:
        assert secret not in shown, secret

    _show(at)
    assert HIDDEN not in _everything_shown(at)
    assert SHOWN in _everything_shown(at)
    answered.look(at)
    assert answered.keys <= _keys(at)
    assert answered.check(at)


@pytest.mark.parametrize("answered", PAGES, ids=IDS)
def test_hiding_answers_never_loses_them(answered):
    """Shown, hidden again, moved to another page and back, then shown: every answer is still
    there, on the page and for the summary outside clinic view."""
    at = open_page(answered.page)
    answered.fill(at)
    _clinic(at)
    _show(at)
    _show(at, on=False)
    assert not answered.keys & _keys(at)
    at.switch_page("pages/glossary.py").run()
    at.switch_page(answered.page).run()
    answered.look(at)
    assert not answered.keys & _keys(at)  # each page opens with the answers hidden again
    _show(at)
    answered.look(at)
    assert answered.check(at)
    _clinic(at, on=False)
    assert answered.check(at)


@pytest.mark.parametrize("answered", PAGES, ids=IDS)
def test_outside_clinic_view_answers_show_as_before(answered):
    """Without clinic view there is no hiding: no "Show my answers" switch, no hidden note,
    and every answer widget shows its answer."""
    at = open_page(answered.page)
    answered.fill(at)
    at.switch_page("pages/glossary.py").run()
    at.switch_page(answered.page).run()
    assert all(w.key != "summary_show_answers" for w in at.toggle)
    assert HIDDEN not in _everything_shown(at)
    answered.look(at)
    assert answered.keys <= _keys(at)
    assert answered.check(at)


def test_the_criteria_tables_stay_while_answers_are_hidden():
    """In clinic view with answers hidden, "Is it for me?" still shows what each source and
    body states, only without the column of where the person stands."""
    at = open_page("pages/criteria.py")
    _fill_criteria(at)
    _clinic(at)
    tables = [table.value for table in at.table if "What it states" in table.value.columns]
    assert tables
    for table in tables:
        assert table.columns.tolist() == ["What it states"]
    assert "not where you stand" in _everything_shown(at)


def test_show_my_answers_is_the_same_switch_as_on_the_summary():
    """The summary and the pages share one "Show my answers" switch, with the same words."""
    at = _clinic(open_page("pages/summary.py"))
    on_summary = at.toggle(key="summary_show_answers")
    at.switch_page("pages/values.py").run()
    on_values = at.toggle(key="summary_show_answers")
    assert on_summary.label == on_values.label == "Show my answers"
    assert on_summary.help == on_values.help
    assert "never deletes them" in on_values.help


def test_no_answer_reaches_the_address_in_clinic_view():
    """Hiding and showing answers puts nothing into the address."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    at.switch_page("pages/values.py").run()
    _fill_values(at)
    _show(_clinic(at))
    assert dict(at.query_params) == {}
