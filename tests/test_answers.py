"""A person's answers: built from the session, restorable, and never taken from other keys."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from decision.answers import (
    KEY_PREFIXES,
    Answers,
    answers_from_session,
    forget,
    owned_keys,
    session_from_answers,
    session_key,
)

SESSION = {
    "criteria_age": 52,
    "criteria_ms_type": "spms",
    "criteria_edss": 6.5,
    "criteria_walking": "one_side_support",
    "criteria_dmt": "high_efficacy",
    "criteria_active_on_dmt": "yes",
    "criteria_condition_heart": "no",
    "values_rate_cost": "very",
    "values_note": "<b>Family first</b> — ça compte 💙",
    "sure_item_sure": "no",
    "quiz_item_msc_approved": "no",
    # Not answers: another page's state, and this page's own buttons.
    "walk_step": 3,
    "viewed_treatments": ["msc"],
    "criteria_clear": False,
    "sure_clear": False,
}


def test_answers_are_read_from_the_session_and_other_keys_are_ignored():
    """Only this page's answers are read; the walkthrough's state and buttons are not."""
    answers = answers_from_session(SESSION)
    assert answers.age == 52 and answers.edss == 6.5 and answers.ms_type == "spms"
    assert answers.conditions == {"heart": "no"}
    assert answers.values == {"cost": "very"}
    assert answers.sure == {"sure": "no"} and answers.quiz == {"msc_approved": "no"}
    assert answers.values_note == SESSION["values_note"]  # kept exactly as typed


def test_an_empty_session_gives_answers_with_nothing_answered():
    """Every answer is optional."""
    answers = answers_from_session({})
    assert answers == Answers()
    assert answers.age is None and answers.values == {}


def test_unanswered_widgets_count_as_not_answered():
    """A widget left empty (None) or an empty text box is "not answered", not an answer."""
    answers = answers_from_session({"criteria_age": None, "values_note": ""})
    assert answers.age is None and answers.values_note is None


def test_restoring_answers_gives_back_the_same_session_values():
    """session_from_answers is the inverse of answers_from_session, for saving and restoring."""
    answers = answers_from_session(SESSION)
    restored = session_from_answers(answers)
    assert answers_from_session(restored) == answers
    assert set(restored) == set(owned_keys(SESSION))


def test_the_keys_these_pages_own_all_carry_their_prefixes():
    """Answers live under criteria_, values_, sure_ and quiz_ keys; buttons are not answers."""
    keys = owned_keys(SESSION)
    assert keys and all(k.startswith(KEY_PREFIXES) for k in keys)
    assert "criteria_clear" not in keys and "sure_clear" not in keys and "walk_step" not in keys
    assert session_key("values", "cost") == "values_rate_cost"
    assert session_key("age") == "criteria_age"


def test_clearing_one_page_leaves_the_other_pages_answers():
    """ "Clear my answers" on the criteria page removes only that page's answers."""
    state = dict(SESSION)
    gone = forget(state, "criteria_")
    assert "criteria_age" in gone and "criteria_condition_heart" in gone
    assert "values_rate_cost" in state and "walk_step" in state and "criteria_clear" in state
    assert answers_from_session(state).age is None


@pytest.mark.parametrize(
    "bad",
    [
        {"criteria_edss": 6.3},
        {"criteria_edss": 10.0},
        {"criteria_age": -1},
        {"criteria_ms_type": "benign"},
        {"values_rate_cost": "extremely"},
        {"sure_item_sure": "maybe"},
        {"sure_item_other": "yes"},
        {"values_note": "x" * 2001},
    ],
)
def test_values_that_are_not_possible_answers_are_refused(bad):
    """An EDSS off the scale, an unknown type of MS or rating, or an over-long note is refused,
    so a restored file cannot slip in something the pages never ask."""
    with pytest.raises(ValidationError):
        answers_from_session(bad)


def test_answers_can_be_saved_as_json_and_read_back_unchanged():
    """The model round-trips through JSON, so an export built in memory can be restored."""
    answers = answers_from_session(SESSION)
    assert Answers.model_validate_json(answers.model_dump_json()) == answers
