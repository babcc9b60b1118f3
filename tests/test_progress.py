"""Saving progress to a file and loading it back: the same state returns, and any file that
is malformed, oversized, foreign or tampered with is refused without changing anything."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import BaseModel, ConfigDict

from decision.progress import (
    APP,
    ERROR_CODES,
    MAX_BYTES,
    SAVED_KEYS,
    ProgressError,
    SavedKey,
    apply_progress,
    dump_progress,
    load_progress,
    saved_key,
)
from decision.questions import MAX_NOTE_CHARS, OwnQuestion

SESSION = {
    "walk_treatment": "msc",
    "walk_step": 3,
    "viewed_treatments": ["ahsct_myeloablative", "msc"],
    "questions_treatments": ["msc"],
    "questions_keep_approval": False,
    "questions_keep_gap_msc_cost": True,
    "questions_note_approval": "Спросить номер IND — <script>alert(1)</script>",
    "questions_own": [OwnQuestion(id="own_1", text="Can my partner stay? اسأل")],
    "questions_clinic_0": "Clinic Ä",
    "questions_clinic_2": "Клиника",
    "questions_answers": {"approval": {"0": "No IND", "2": "نعم"}},
}


def _file(state: dict, **top) -> bytes:
    data = {"app": APP, "version": 1, "saved_on": "2025-03-14", "state": state, **top}
    return json.dumps(data).encode("utf-8")


def test_save_then_load_gives_back_the_same_state(content):
    """Every saved answer (walkthrough place, treatments, kept and dropped questions, notes
    in any alphabet, own questions, clinic names and answers) comes back exactly."""
    raw = dump_progress({**SESSION, "not_saved": object()}, date(2025, 3, 14))
    restored = load_progress(raw, content)
    assert restored.saved_on == date(2025, 3, 14)
    assert restored.state == SESSION
    session: dict = {}
    apply_progress(session, restored)
    assert session == SESSION


def test_loading_replaces_the_saved_answers_and_keeps_the_rest(content):
    """Loading clears answers the file does not have (so the session matches the file) and
    leaves everything that is never saved alone."""
    raw = dump_progress({"walk_treatment": "msc"}, date(2025, 3, 14))
    session = {**SESSION, "questions_worksheet_version": 4}
    apply_progress(session, load_progress(raw, content))
    assert session == {"walk_treatment": "msc", "questions_worksheet_version": 4}


def test_the_file_says_what_it_is_and_holds_only_saved_keys(content):
    """The file names the app and format version, and holds only registered keys."""
    data = json.loads(dump_progress({**SESSION, "secret_cache": 1}, date(2025, 3, 14)))
    assert (data["app"], data["version"], data["saved_on"]) == (APP, 1, "2025-03-14")
    assert set(data["state"]) == set(SESSION)


def test_values_of_the_wrong_kind_are_not_saved():
    """A session value that is not of its registered kind is left out of the file."""
    data = json.loads(dump_progress({"walk_step": "three", "walk_treatment": "msc"}, date.today()))
    assert data["state"] == {"walk_treatment": "msc"}


def _tampered(**changes) -> bytes:
    return _file({**json.loads(dump_progress(SESSION, date.today()))["state"], **changes})


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"x" * (MAX_BYTES + 1), "too_large"),
        (b"\xff\xfe\x00{", "not_text"),
        (b"{not json", "not_json"),
        (b"", "not_json"),
        (b"[" * 100_000, "not_json"),
        (b'{"app": NaN}', "not_json"),
        (b'{"app": "ms-stem-cell-decision-aid", "app": "other"}', "not_json"),
        (b'"\\ud800"', "not_text"),
        (b"[1, 2]", "foreign"),
        (b'{"version": 1, "state": {}}', "foreign"),
        (json.dumps({"app": "another-app", "version": 1}).encode(), "foreign"),
        (_file({}, version=2), "newer_version"),
        (_file({}, version="1"), "unknown_version"),
        (_file({}, version=True), "unknown_version"),
        (_file({}, extra="x"), "bad_layout"),
        (_file({}, saved_on="yesterday"), "bad_layout"),
        (_file({}, saved_on="2025-02-30"), "bad_layout"),
        (_file({"cookie": 1}), "unknown_entry"),
        (_file({"questions_keep_Approval": True}), "unknown_entry"),
        (_file({"questions_clinic_4": "Fifth clinic"}), "unknown_entry"),
        (_file({"walk_step": "3"}), "wrong_value"),
        (_file({"walk_step": 3.0}), "wrong_value"),
        (_file({"walk_step": -1}), "wrong_value"),
        (_file({"questions_keep_approval": "yes"}), "wrong_value"),
        (_file({"questions_keep_approval": 1}), "wrong_value"),
        (_file({"questions_note_approval": "x" * (MAX_NOTE_CHARS + 1)}), "wrong_value"),
        (_file({"questions_own": [{"id": "own_1", "text": "Hi", "url": "x"}]}), "wrong_value"),
        (_file({"questions_own": [{"id": "mine", "text": "Hi"}]}), "wrong_value"),
        (_file({"questions_answers": {"approval": {"4": "yes"}}}), "wrong_value"),
        (_file({"questions_answers": {"approval": {"0": 5}}}), "wrong_value"),
        (_file({"walk_treatment": "heart_surgery"}), "unknown_choice"),
        (_file({"viewed_treatments": ["msc", "laser"]}), "unknown_choice"),
        (
            _file({"questions_own": [{"id": "own_1", "text": "A"}, {"id": "own_1", "text": "B"}]}),
            "unknown_choice",
        ),
        (_tampered(walk_step=[1]), "wrong_value"),
    ],
)
def test_bad_files_are_refused_with_a_reason(content, raw, code):
    """Malformed, oversized, foreign, newer, tampered or unknown files are refused, each
    with a reason the page can put into plain words."""
    with pytest.raises(ProgressError) as err:
        load_progress(raw, content)
    assert err.value.code == code


def test_a_refused_file_changes_nothing(content):
    """A refused file never reaches the session: what was there stays exactly as it was."""
    session = dict(SESSION)
    with pytest.raises(ProgressError):
        apply_progress(session, load_progress(_tampered(walk_step="x"), content))
    assert session == SESSION


def test_a_file_saved_on_windows_with_a_byte_order_mark_loads(content):
    """A file an editor saved with a UTF-8 byte-order mark still loads."""
    raw = b"\xef\xbb\xbf" + dump_progress(SESSION, date(2025, 3, 14))
    assert load_progress(raw, content).state == SESSION


class _Priorities(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    travel: int
    cost: int


def test_another_feature_can_register_its_answers(content):
    """A feature adds a SavedKey (here a pydantic model) and its answers save and load."""
    keys = [*SAVED_KEYS, SavedKey("criteria_priorities", _Priorities)]
    session = {"criteria_priorities": _Priorities(travel=3, cost=1), "walk_step": 1}
    restored = load_progress(dump_progress(session, date.today(), keys), content, keys)
    assert restored.state == session
    with pytest.raises(ProgressError):
        load_progress(dump_progress(session, date.today(), keys), content)  # not registered


def test_every_refusal_has_plain_words_on_the_page(content):
    """Each reason a file can be refused for is worded in content/pages/questions.yaml."""
    for code in ERROR_CODES:
        assert content.text("questions", f"load_error_{code}")


def test_the_first_entry_in_the_registry_that_a_key_falls_under_is_the_one_used():
    """An exact name and a pattern can both cover a key: the one listed first wins, in
    whichever order they are listed (a feature's entry never changes by being looked up)."""
    pattern = SavedKey("walk_", str, rest="[a-z]+")
    exact = SavedKey("walk_step", int)
    assert saved_key("walk_step", [pattern, exact]) is pattern
    assert saved_key("walk_step", [exact, pattern]) is exact
    assert saved_key("walk_other", [exact, pattern]) is pattern
    assert saved_key("walk_2", [exact, pattern]) is None
