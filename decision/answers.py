"""A person's answers on the "Is it for me?" pages, as one model that can be saved and restored.

The answers live only in st.session_state, under widget keys that start with one of
KEY_PREFIXES. This module turns those session values into an `Answers` model and back, so
that other code (for example an export built in memory) never needs to know the keys.

    answers = answers_from_session(st.session_state)      # the model, every field optional
    keys = owned_keys(st.session_state)                    # the session keys these pages own
    st.session_state.update(session_from_answers(answers)) # restore, before the widgets run

Nothing here stores anything: no files, no logs, no caches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

YesNoUnsure = Literal["yes", "no", "unsure"]
MsType = Literal["rrms", "spms", "ppms", "unsure"]
# Which disease-modifying treatments (DMTs) a person has taken.
DmtHistory = Literal["none", "other", "high_efficacy", "unsure"]
Rating = Literal["not", "somewhat", "very"]
SureItem = Literal["sure", "understand", "risk_benefit", "encouragement"]
YesNo = Literal["yes", "no"]

MS_TYPES: tuple[str, ...] = get_args(MsType)
DMT_HISTORIES: tuple[str, ...] = get_args(DmtHistory)
YES_NO_UNSURE: tuple[str, ...] = get_args(YesNoUnsure)
RATINGS: tuple[str, ...] = get_args(Rating)
SURE_ITEMS: tuple[str, ...] = get_args(SureItem)
# Scores on the EDSS: 0, then 1.0 to 9.5 in half steps. (10 is death due to MS.)
EDSS_SCORES: tuple[float, ...] = (0.0, *(x / 2 for x in range(2, 20)))

# Answers that rules can test, and the kind of each.
NUMBER_FIELDS: tuple[str, ...] = ("age", "years_since_diagnosis", "edss")
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "ms_type": MS_TYPES,
    "dmt": DMT_HISTORIES,
    "active_on_dmt": YES_NO_UNSURE,
    "dmt_side_effects": YES_NO_UNSURE,
    "mri_active": YES_NO_UNSURE,
}

_ID = re.compile(r"[a-z0-9][a-z0-9_]*")


class Answers(BaseModel):
    """Everything a person may answer on the three pages. Every field is optional: None, or an
    empty mapping, means "not answered"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Who they are and their MS (page "Is it for me?", keys criteria_*)
    age: int | None = Field(default=None, ge=0, le=120)
    ms_type: MsType | None = None
    years_since_diagnosis: int | None = Field(default=None, ge=0, le=100)
    edss: float | None = None  # the person's own score, as their neurologist gave it
    walking: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_]*$")  # walking band id
    dmt: DmtHistory | None = None
    active_on_dmt: YesNoUnsure | None = None  # MS stayed active (relapses, MRI) while on a DMT
    dmt_side_effects: YesNoUnsure | None = None  # side effects made a DMT hard to keep taking
    mri_active: YesNoUnsure | None = None  # new or active lesions on MRI in the past year
    conditions: dict[str, YesNoUnsure] = {}  # health condition id -> answer
    # What matters to them (page "What matters to me", keys values_*)
    values: dict[str, Rating] = {}  # value id -> how much it matters
    values_note: str | None = Field(default=None, max_length=2000)  # in their own words
    # How sure they feel (page "How sure I feel", keys sure_* and quiz_*)
    sure: dict[SureItem, YesNo] = {}
    quiz: dict[str, str] = {}  # knowledge-check question id -> chosen option id

    @field_validator("edss")
    @classmethod
    def _edss_on_the_scale(cls, value: float | None) -> float | None:
        if value is not None and value not in EDSS_SCORES:
            raise ValueError("EDSS is 0 or 1.0 to 9.5 in steps of 0.5")
        return value

    @field_validator("conditions", "values", "quiz")
    @classmethod
    def _ids(cls, value: dict[str, Any]) -> dict[str, Any]:
        for key in value:
            if not _ID.fullmatch(key):
                raise ValueError(f"{key!r} is not an id")
        return value


# Session key for each single answer.
FIELD_KEYS: dict[str, str] = {
    "age": "criteria_age",
    "ms_type": "criteria_ms_type",
    "years_since_diagnosis": "criteria_years",
    "edss": "criteria_edss",
    "walking": "criteria_walking",
    "dmt": "criteria_dmt",
    "active_on_dmt": "criteria_active_on_dmt",
    "dmt_side_effects": "criteria_dmt_side_effects",
    "mri_active": "criteria_mri_active",
    "values_note": "values_note",
}
# Session key prefix for each mapping of answers: prefix + item id.
MAP_PREFIXES: dict[str, str] = {
    "conditions": "criteria_condition_",
    "values": "values_rate_",
    "sure": "sure_item_",
    "quiz": "quiz_item_",
}
# Every session key these pages own starts with one of these. Not every key with these
# prefixes is an answer (a page's buttons use them too): owned_keys() says which are.
KEY_PREFIXES: tuple[str, ...] = ("criteria_", "values_", "sure_", "quiz_")

_BY_KEY = {key: name for name, key in FIELD_KEYS.items()}


def session_key(field: str, item: str | None = None) -> str:
    """The session (widget) key of one answer: session_key("age") == "criteria_age",
    session_key("values", "cost") == "values_rate_cost"."""
    if item is None:
        return FIELD_KEYS[field]
    return MAP_PREFIXES[field] + item


def _owner(key: str) -> tuple[str, str | None] | None:
    """The Answers field (and item id) a session key holds, or None if not one of ours."""
    if key in _BY_KEY:
        return _BY_KEY[key], None
    for field, prefix in MAP_PREFIXES.items():
        if key.startswith(prefix) and len(key) > len(prefix):
            return field, key[len(prefix) :]
    return None


def owned_keys(state: Mapping[str, Any]) -> list[str]:
    """The keys in `state` that hold an answer from these pages, sorted."""
    return sorted(k for k in state if isinstance(k, str) and _owner(k) is not None)


def answers_from_session(state: Mapping[str, Any]) -> Answers:
    """Build the Answers model from session values (st.session_state or any plain dict).

    Keys that are not ours are ignored; a None value means "not answered". Raises
    pydantic.ValidationError if a value is not a possible answer.
    """
    data: dict[str, Any] = {name: {} for name in MAP_PREFIXES}
    for key in owned_keys(state):
        value = state[key]
        if value is None or value == "":
            continue
        field, item = _owner(key)  # type: ignore[misc]
        if item is None:
            data[field] = value
        else:
            data[field][item] = value
    return Answers.model_validate(data)


def session_from_answers(answers: Answers) -> dict[str, Any]:
    """The session values that show `answers` in the widgets: the inverse of
    answers_from_session. Only answered questions appear."""
    state: dict[str, Any] = {}
    for field, key in FIELD_KEYS.items():
        value = getattr(answers, field)
        if value is not None:
            state[key] = value
    for field in MAP_PREFIXES:
        for item, value in getattr(answers, field).items():
            state[session_key(field, item)] = value
    return state


def forget(state: MutableMapping[str, Any], prefix: str = "") -> list[str]:
    """Remove the answers these pages own from `state` (only keys starting with `prefix`, if
    given), for a "clear my answers" button. Returns the keys removed."""
    gone = [k for k in owned_keys(state) if k.startswith(prefix)]
    for key in gone:
        del state[key]
    return gone
