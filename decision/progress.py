"""Save a person's progress as a small JSON file they keep, and load it back safely.

The file (made in memory, downloaded by the person, never stored by the aid):

    {"app": "ms-stem-cell-decision-aid", "version": 1, "saved_on": "2025-03-14",
     "state": {"walk_treatment": "msc", "questions_keep_approval": false, ...}}

Only session keys listed in SAVED_KEYS are saved or restored. A feature that wants its
answers saved adds SavedKey entries (a key, or a key prefix with a pattern for the rest; the
type the value must have, which may be a pydantic model; and an optional check against the
content), e.g.:

    SAVED_KEYS.append(SavedKey("criteria_age", int))

The answers of the "Is it for me?" pages are registered from their model (decision/answers.py).

Loading validates the whole file first (size, UTF-8, JSON, app, version, every key and every
value, strictly) and only then hands back the new state, so a refused file changes nothing.
Problems are reported as ProgressError(code, detail); the page words each code for people.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from decision.answers import EDSS_SCORES, FIELD_KEYS, MAP_PREFIXES
from decision.answers import Answers as PersonAnswers
from decision.load import Content
from decision.questions import (
    MAX_ANSWER_CHARS,
    MAX_CLINIC_NAME_CHARS,
    MAX_NOTE_CHARS,
    MAX_OWN_QUESTIONS,
    OwnQuestion,
)

APP = "ms-stem-cell-decision-aid"
VERSION = 1
# Far above what the page's own limits let a person type; the upload limit is 1 MB
# (.streamlit/config.toml).
MAX_BYTES = 512_000
MAX_DEPTH = 20

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]{0,119}$")]
Check = Callable[[Any, Content], str | None]


# Every reason a file can be refused for; the page has words for each (load_error_<code>).
ERROR_CODES = (
    "too_large",
    "not_text",
    "not_json",
    "foreign",
    "newer_version",
    "unknown_version",
    "bad_layout",
    "unknown_entry",
    "wrong_value",
    "unknown_choice",
)


class ProgressError(ValueError):
    """A progress file that cannot be loaded. `code` names the problem for the page's words;
    `detail` is a key or value to show (as plain text)."""

    def __init__(self, code: str, detail: str = "") -> None:
        assert code in ERROR_CODES, code
        self.code, self.detail = code, detail
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass(frozen=True)
class SavedKey:
    """A session key that is saved: `name` exactly, or, with `rest`, every key that starts
    with `name` and continues with text matching the pattern `rest`."""

    name: str
    type: Any
    rest: str | None = None
    check: Check | None = None

    @cached_property
    def adapter(self) -> TypeAdapter[Any]:
        return TypeAdapter(self.type)

    def matches(self, key: str) -> bool:
        if self.rest is None:
            return key == self.name
        return (
            key.startswith(self.name) and re.fullmatch(self.rest, key[len(self.name) :]) is not None
        )


def _known_treatment(value: str, content: Content) -> str | None:
    return None if value in content.treatments else value


def _known_treatments(values: list[str], content: Content) -> str | None:
    return next((v for v in values if v not in content.treatments), None)


def _unique_own_ids(values: list[OwnQuestion], content: Content) -> str | None:
    ids = [q.id for q in values]
    return next((i for i in ids if ids.count(i) > 1), None)


QUESTION_ID = r"[a-z0-9][a-z0-9_]{0,119}"
Answers = dict[
    Id, dict[Literal["0", "1", "2", "3"], Annotated[str, Field(max_length=MAX_ANSWER_CHARS)]]
]

SAVED_KEYS: list[SavedKey] = [
    # The step-by-step walkthrough (pages/walkthrough.py).
    SavedKey("walk_treatment", Id, check=_known_treatment),
    SavedKey("walk_step", Annotated[int, Field(ge=0, le=100)]),
    SavedKey(
        "viewed_treatments", Annotated[list[Id], Field(max_length=20)], check=_known_treatments
    ),
    # The comparison's questions a person marked as important (pages/compare.py).
    SavedKey("compare_mark_", bool, rest=QUESTION_ID),
    # Questions to ask (pages/questions.py).
    SavedKey(
        "questions_treatments", Annotated[list[Id], Field(max_length=20)], check=_known_treatments
    ),
    SavedKey("questions_keep_", bool, rest=QUESTION_ID),
    SavedKey("questions_note_", Annotated[str, Field(max_length=MAX_NOTE_CHARS)], rest=QUESTION_ID),
    SavedKey(
        "questions_own",
        Annotated[list[OwnQuestion], Field(max_length=MAX_OWN_QUESTIONS)],
        check=_unique_own_ids,
    ),
    SavedKey(
        "questions_clinic_", Annotated[str, Field(max_length=MAX_CLINIC_NAME_CHARS)], rest="[0-3]"
    ),
    SavedKey("questions_answers", Annotated[Answers, Field(max_length=500)]),
]


def _answer_type(name: str) -> Any:
    """The type of one answer on the "Is it for me?" pages, with its limits, taken from the
    PersonAnswers model so the two never drift apart."""
    info = PersonAnswers.model_fields[name]
    return Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def _item_type(name: str) -> Any:
    """The type of each item of a mapping answer (e.g. one condition, one rating)."""
    return get_args(PersonAnswers.model_fields[name].annotation)[1]


def _on_edss_scale(value: float | None, content: Content) -> str | None:
    return None if value is None or value in EDSS_SCORES else str(value)


def _known_walking(value: str | None, content: Content) -> str | None:
    known = {band.id for band in content.criteria.edss.walking}
    return None if value is None or value in known else value


# "Is it for me?", "What matters to me" and "How sure I feel" (decision/answers.py).
_ANSWER_CHECKS: dict[str, Check] = {"edss": _on_edss_scale, "walking": _known_walking}
SAVED_KEYS += [
    SavedKey(key, _answer_type(name), check=_ANSWER_CHECKS.get(name))
    for name, key in FIELD_KEYS.items()
]
SAVED_KEYS += [
    SavedKey(prefix, _item_type(name), rest=QUESTION_ID) for name, prefix in MAP_PREFIXES.items()
]


def saved_key(key: str, keys: list[SavedKey] | None = None) -> SavedKey | None:
    """The registry entry a session key falls under, or None when it is not saved."""
    return _finder(SAVED_KEYS if keys is None else keys)(key)


def _finder(keys: list[SavedKey]) -> Callable[[str], SavedKey | None]:
    """saved_key() for many keys at once: the questions page saves from every key in the
    session (a hundred or more) at every run, and asking each of the registry's entries in
    turn was a few percent of the page's run. Exact names are found in a dict, patterns only
    where the key starts with their prefix; the first entry in the registry's order wins, as
    before. Built per call (the registry may grow), and nothing is kept: keys can come from an
    uploaded file."""
    exact: dict[str, tuple[int, SavedKey]] = {}
    for position, entry in enumerate(keys):
        if entry.rest is None:
            exact.setdefault(entry.name, (position, entry))
    patterns = [(position, entry) for position, entry in enumerate(keys) if entry.rest is not None]

    def find(key: str) -> SavedKey | None:
        named = exact.get(key)
        before = named[0] if named is not None else len(keys)
        for position, entry in patterns:
            if position > before:
                break
            if entry.matches(key):
                return entry
        return named[1] if named is not None else None

    return find


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    app: Literal["ms-stem-cell-decision-aid"]
    version: Literal[1]
    saved_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    state: dict[str, Any]


@dataclass(frozen=True)
class Restored:
    """A fully validated progress file: when it was saved, and the session values to set."""

    saved_on: date
    state: dict[str, Any]


def dump_progress(
    session: Mapping[str, Any], today: date, keys: list[SavedKey] | None = None
) -> bytes:
    """The saved keys found in `session`, as the bytes of a progress file. Values that do not
    have their registered type are left out, so every file made here loads back."""
    state: dict[str, Any] = {}
    find = _finder(SAVED_KEYS if keys is None else keys)
    for key in sorted(k for k in session if isinstance(k, str)):
        entry = find(key)
        if entry is None:
            continue
        try:
            value = entry.adapter.validate_python(session[key], strict=True)
        except ValidationError:
            continue
        state[key] = entry.adapter.dump_python(value, mode="json")
    data = {"app": APP, "version": VERSION, "saved_on": today.isoformat(), "state": state}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ProgressError("not_json")
        result[key] = value
    return result


def _no_constants(name: str) -> None:
    raise ProgressError("not_json")  # NaN and Infinity are not JSON


def _check_text(value: Any, depth: int = 0) -> None:
    """Refuse nesting deeper than any saved value, and text with broken characters."""
    if depth > MAX_DEPTH:
        raise ProgressError("bad_layout")
    if isinstance(value, str):
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
            raise ProgressError("not_text")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, depth + 1)
            _check_text(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_text(item, depth + 1)


def _shown(key: str) -> str:
    return key if len(key) <= 60 else key[:60] + "…"


def load_progress(raw: bytes, content: Content, keys: list[SavedKey] | None = None) -> Restored:
    """Validate a progress file completely and return what to restore; raise ProgressError
    (nothing else) for any file that is not one this aid made."""
    if len(raw) > MAX_BYTES:
        raise ProgressError("too_large")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProgressError("not_text") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except ProgressError:
        raise
    except (ValueError, RecursionError):
        raise ProgressError("not_json") from None
    _check_text(data)
    if not isinstance(data, dict) or data.get("app") != APP:
        raise ProgressError("foreign")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ProgressError("newer_version")
    if version != VERSION or isinstance(version, bool):
        raise ProgressError("unknown_version")
    try:
        parsed = _File.model_validate(data)
        saved_on = date.fromisoformat(parsed.saved_on)
    except (ValidationError, ValueError):
        raise ProgressError("bad_layout") from None

    state: dict[str, Any] = {}
    find = _finder(SAVED_KEYS if keys is None else keys)
    for key, value in parsed.state.items():
        entry = find(key)
        if entry is None:
            raise ProgressError("unknown_entry", _shown(key))
        try:
            state[key] = entry.adapter.validate_python(value, strict=True)
        except ValidationError:
            raise ProgressError("wrong_value", _shown(key)) from None
        if entry.check is not None:
            problem = entry.check(state[key], content)
            if problem is not None:
                raise ProgressError("unknown_choice", _shown(str(problem)))
    return Restored(saved_on=saved_on, state=state)


def apply_progress(
    session: MutableMapping[str, Any], restored: Restored, keys: list[SavedKey] | None = None
) -> None:
    """Replace every saved key in `session` with the restored state (keys the file does not
    have are cleared, so the session becomes exactly what was saved)."""
    find = _finder(SAVED_KEYS if keys is None else keys)
    for key in [k for k in session if isinstance(k, str) and find(k) is not None]:
        del session[key]
    for key, value in restored.state.items():
        session[key] = value
