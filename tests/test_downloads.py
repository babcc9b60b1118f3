"""The fingerprint that tells whether a file a person made still matches their answers
(pages/downloads.py): the same answers give the same fingerprint, whatever order the session
handed them over in; any change gives another."""

from __future__ import annotations

from datetime import date

from decision.answers import Answers
from decision.summary import Gathered
from pages.downloads import fingerprint


def _gathered(keep: dict[str, bool], marked: frozenset[str], notes: dict[str, str]) -> Gathered:
    return Gathered(
        viewed=("myeloablative",),
        marked=marked,
        answers=Answers(),
        question_treatments=("myeloablative",),
        keep=keep,
        notes=notes,
        clinics=("Clinic A", "", "", ""),
        clinic_answers={"cost": {"0": "£30,000"}, "team": {"0": "Yes"}},
    )


def test_the_same_answers_in_another_order_keep_the_file():
    one = _gathered({"a": True, "b": False}, frozenset({"x", "y"}), {"a": "n1", "b": "n2"})
    two = Gathered(
        viewed=("myeloablative",),
        marked=frozenset({"y", "x"}),
        answers=Answers(),
        question_treatments=("myeloablative",),
        keep={"b": False, "a": True},
        notes={"b": "n2", "a": "n1"},
        clinics=("Clinic A", "", "", ""),
        clinic_answers={"team": {"0": "Yes"}, "cost": {"0": "£30,000"}},
    )
    assert fingerprint(one, date(2026, 1, 2)) == fingerprint(two, date(2026, 1, 2))


def test_any_change_withdraws_the_file():
    base = _gathered({"a": True, "b": False}, frozenset({"x"}), {"a": "n1"})
    before = fingerprint(base, date(2026, 1, 2))
    changed = [
        _gathered({"a": False, "b": False}, frozenset({"x"}), {"a": "n1"}),  # a question dropped
        _gathered({"a": True, "b": False}, frozenset(), {"a": "n1"}),  # a mark taken off
        _gathered({"a": True, "b": False}, frozenset({"x"}), {"a": "n1 "}),  # a note edited
        _gathered({"a": True, "b": False}, frozenset({"x"}), {}),  # a note cleared
    ]
    for other in changed:
        assert fingerprint(other, date(2026, 1, 2)) != before
    assert fingerprint(base, date(2026, 1, 3)) != before  # the date on the file
    answered = Gathered(**{**base.__dict__, "answers": Answers(age=50)})
    assert fingerprint(answered, date(2026, 1, 2)) != before
