"""What a person has gathered across the pages: the summary page and the take-away.

Built on demand from the session's values (`gathered_from_session`); nothing is stored.

    gathered = gathered_from_session(st.session_state)
    parts = summary_parts(content, gathered)      # the summary page, part by part
    handout = handout_from(content, gathered, made_on=date.today())  # the PDF, with it all

Each part is either filled in, or says it is not filled in yet and names the page to fill it
in. Parts that hold the person's own answers are marked `personal`, so a shared screen can
keep them hidden until the person chooses to show them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from decision.answers import SURE_ITEMS, Answers, answers_from_session
from decision.criteria import check_bodies, check_sources, explain
from decision.handout import Handout, HandoutTable
from decision.load import Content
from decision.questions import (
    MAX_CLINICS,
    MAX_NOTE_CHARS,
    OwnQuestion,
    all_questions,
    handout_for,
    kept,
    named_clinics,
)
from decision.readiness import feels_ready, quiz_result, sure_score
from decision.values import not_important, weighed

# Session keys the summary reads, and the pages that set them.
VIEWED = "viewed_treatments"  # pages/walkthrough.py
MARK = "compare_mark_"  # pages/compare.py: + a comparison row id
TREATMENTS = "questions_treatments"  # pages/questions.py, from here on
KEEP = "questions_keep_"  # + question id
NOTE = "questions_note_"  # + question id
OWN = "questions_own"
ANSWERS = "questions_answers"
CLINIC = "questions_clinic_"  # + slot, 0 to 3


def _flat(text: str) -> str:
    return " ".join(text.split())


def has_criteria_answers(answers: Answers) -> bool:
    """True once the person has answered anything on the "Is it for me?" page."""
    fields = ("age", "ms_type", "years_since_diagnosis", "edss", "walking", "dmt")
    more = ("active_on_dmt", "dmt_side_effects", "mri_active")
    return any(getattr(answers, f) is not None for f in (*fields, *more)) or bool(
        answers.conditions
    )


def criteria_table(content: Content, answers: Answers) -> HandoutTable | None:
    """Each stated criterion (sources, then professional bodies) and where the person's
    answers stand against it; None when nothing has been answered. Never an overall verdict."""
    if not has_criteria_answers(answers):
        return None
    words = content.pages["summary"]
    result = {k: words[f"result_{k}"] for k in ("met", "not_met", "unknown")}
    rows: list[tuple[str, str, str]] = []
    for group in check_sources(content, answers):
        for check in group.checks:
            rows.append(
                (
                    group.source.name,
                    f'{_flat(check.criterion.short)} ("{_flat(check.quote or "")}")',
                    f"{result[check.result]}. {explain(content, answers, check)}",
                )
            )
    for body in check_bodies(content, answers):
        for check in body.checks:
            rows.append(
                (
                    f"{body.body.name} ({body.body.year})",
                    _flat(check.criterion.short),
                    f"{result[check.result]}. {explain(content, answers, check)}",
                )
            )
    return HandoutTable(
        heading=words["criteria_heading"],
        columns=(words["col_who"], words["col_criterion"], words["col_result"]),
        rows=tuple(rows),
        intro=words["criteria_intro"],
    )


def priorities_table(content: Content, answers: Answers) -> HandoutTable | None:
    """The values the person rated, most important first; None when none is rated."""
    words = content.pages["summary"]
    rated = weighed(content, answers)
    if not rated:
        return None
    return HandoutTable(
        heading=words["priorities_heading"],
        columns=(words["col_value"], words["col_rating"]),
        rows=tuple((w.value.label, words[f"rating_{w.rating}"]) for w in rated),
        intro=words["priorities_intro"],
    )


def gathered_tables(content: Content, answers: Answers) -> list[HandoutTable]:
    """The extra sections of the take-away that the person has filled in, in page order."""
    return [
        table
        for table in (criteria_table(content, answers), priorities_table(content, answers))
        if table is not None
    ]


# --- The whole summary ----------------------------------------------------------------------


@dataclass(frozen=True)
class Gathered:
    """What a person has done in this session, as plain values (see gathered_from_session)."""

    viewed: tuple[str, ...] = ()  # treatment ids opened in the walkthrough, in order
    marked: frozenset[str] = frozenset()  # comparison row ids marked as important
    answers: Answers = field(default_factory=Answers)
    # The treatments chosen on the questions page; None until that page has been opened.
    question_treatments: tuple[str, ...] | None = None
    keep: Mapping[str, bool] = field(default_factory=dict)  # question id -> kept
    notes: Mapping[str, str] = field(default_factory=dict)  # question id -> note
    own: tuple[OwnQuestion, ...] = ()
    clinics: tuple[str, ...] = ()  # the four clinic slots, as typed ("" when empty)
    clinic_answers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def _rest(state: Mapping[str, Any], prefix: str, kind: type) -> dict[str, Any]:
    return {
        k[len(prefix) :]: v
        for k, v in state.items()
        if isinstance(k, str) and k.startswith(prefix) and len(k) > len(prefix)
        if isinstance(v, kind)
    }


def gathered_from_session(state: Mapping[str, Any]) -> Gathered:
    """Read what the summary needs from session values (st.session_state or a plain dict).
    Values of the wrong kind are left out. Raises pydantic.ValidationError, as
    answers_from_session does, if an answer is not a possible one."""
    viewed = state.get(VIEWED)
    chosen = state.get(TREATMENTS)
    own = state.get(OWN)
    answers = state.get(ANSWERS)
    return Gathered(
        viewed=tuple(t for t in viewed if isinstance(t, str)) if isinstance(viewed, list) else (),
        marked=frozenset(row for row, on in _rest(state, MARK, bool).items() if on),
        answers=answers_from_session(state),
        question_treatments=(
            tuple(t for t in chosen if isinstance(t, str)) if isinstance(chosen, list) else None
        ),
        keep=_rest(state, KEEP, bool),
        # A note longer than its box allows (e.g. set by a script) is held to the box's limit.
        # An empty note box is no note: drawing a box (opening its topic) changes nothing.
        notes={k: v[:MAX_NOTE_CHARS] for k, v in _rest(state, NOTE, str).items() if v},
        own=tuple(q for q in own if isinstance(q, OwnQuestion)) if isinstance(own, list) else (),
        clinics=tuple(
            v if isinstance(v := state.get(f"{CLINIC}{slot}"), str) else ""
            for slot in range(MAX_CLINICS)
        ),
        # Questions whose answers were all cleared again hold an empty mapping: left out.
        clinic_answers=(
            {k: v for k, v in answers.items() if isinstance(v, dict) and v}
            if isinstance(answers, dict)
            else {}
        ),
    )


@dataclass(frozen=True)
class Part:
    """One part of the summary: filled in, or not yet, with the page where it is done.

    `paragraphs` are plain text that may hold what the person typed: show them escaped.
    A table with one column is a list. A table headed like the part is the part's own content;
    other tables carry their own heading."""

    id: str
    heading: str
    page: str  # the page to fill it in, e.g. "pages/criteria.py"
    link: str  # the words of the link to that page
    personal: bool  # the person's own answers: hidden on a shared screen until shown
    filled: bool
    paragraphs: tuple[str, ...] = ()
    tables: tuple[HandoutTable, ...] = ()


class _Words:
    """The summary's words (content/pages/summary.yaml); a missing one is a ContentError."""

    def __init__(self, content: Content) -> None:
        self.content = content

    def __getitem__(self, key: str) -> str:
        return self.content.text("summary", key)


def _words(content: Content) -> _Words:
    return _Words(content)


def _part(content: Content, part_id: str, page: str, personal: bool, **filled: Any) -> Part:
    words = _words(content)
    return Part(
        id=part_id,
        heading=words[f"part_{part_id}"],
        page=page,
        link=words[f"link_{part_id}"],
        personal=personal,
        filled=bool(filled.get("paragraphs") or filled.get("tables")),
        **filled,
    )


def treatments_part(content: Content, gathered: Gathered) -> Part:
    """The treatments opened in the walkthrough, in the order they were opened."""
    words = _words(content)
    names = [content.treatments[t].name for t in gathered.viewed if t in content.treatments]
    tables = ()
    if names:
        tables = (
            HandoutTable(
                heading=words["part_treatments"],
                columns=(words["col_treatment"],),
                rows=tuple((name,) for name in names),
                intro=words["treatments_intro"],
            ),
        )
    return _part(content, "treatments", "pages/walkthrough.py", False, tables=tables)


def compare_part(content: Content, gathered: Gathered) -> Part:
    """The comparison's questions marked as important, in the comparison's order."""
    words = _words(content)
    rows = [row for row in content.comparison.rows if row.id in gathered.marked]
    tables = ()
    if rows:
        tables = (
            HandoutTable(
                heading=words["part_compare"],
                columns=(words["col_question"],),
                rows=tuple((row.question,) for row in rows),
                intro=words["compare_intro"],
            ),
        )
    return _part(content, "compare", "pages/compare.py", False, tables=tables)


def criteria_part(content: Content, gathered: Gathered) -> Part:
    """Where the person's answers stand against each stated criterion (never a verdict)."""
    table = criteria_table(content, gathered.answers)
    tables = (replace(table, heading=_words(content)["part_criteria"]),) if table else ()
    return _part(content, "criteria", "pages/criteria.py", True, tables=tables)


def priorities_part(content: Content, gathered: Gathered) -> Part:
    """What matters to the person: their ratings, and what they wrote in their own words."""
    words = _words(content)
    answers = gathered.answers
    paragraphs = []
    unrated = not_important(content, answers)
    if unrated:
        paragraphs.append(words["not_important"].format(values="; ".join(v.label for v in unrated)))
    if answers.values_note and answers.values_note.strip():
        paragraphs.append(words["own_words"].format(text=answers.values_note.strip()))
    table = priorities_table(content, answers)
    return _part(
        content,
        "priorities",
        "pages/values.py",
        True,
        paragraphs=tuple(paragraphs),
        tables=(table,) if table else (),
    )


def sure_part(content: Content, gathered: Gathered) -> Part:
    """The SURE answers and score, and how the knowledge check went."""
    words = _words(content)
    answers = gathered.answers
    paragraphs: list[str] = []
    tables: list[HandoutTable] = []
    if answers.sure:
        score = sure_score(answers)
        if score is None:
            paragraphs.append(
                words["sure_partial"].format(count=len(answers.sure), total=len(SURE_ITEMS))
            )
        else:
            meaning = content.text("sure", "sure_ready" if feels_ready(score) else "sure_not_ready")
            paragraphs.append(
                words["sure_score"].format(score=score, total=len(SURE_ITEMS))
                + " "
                + " ".join(meaning.split())
            )
        said = {"yes": words["answer_yes"], "no": words["answer_no"]}
        tables.append(
            HandoutTable(
                heading=words["sure_heading"],
                columns=(words["col_question"], words["col_your_answer"]),
                rows=tuple(
                    (q.question, said[answers.sure[q.id]])
                    for q in content.readiness.sure.questions
                    if q.id in answers.sure
                ),
            )
        )
    rows = []
    for question in content.readiness.knowledge:
        result = quiz_result(question, answers)
        if result is None:
            continue
        labels = {o.id: o.label for o in question.options}
        rows.append((question.question, labels[answers.quiz[question.id]], words[f"quiz_{result}"]))
    if rows:
        right = sum(row[2] == words["quiz_right"] for row in rows)
        paragraphs.append(
            words["quiz_summary"].format(
                answered=len(rows), total=len(content.readiness.knowledge), right=right
            )
        )
        tables.append(
            HandoutTable(
                heading=words["quiz_heading"],
                columns=(words["col_question"], words["col_your_answer"], words["col_quiz"]),
                rows=tuple(rows),
            )
        )
    return _part(
        content,
        "sure",
        "pages/sure.py",
        True,
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
    )


def treatments_to_ask(content: Content, gathered: Gathered) -> list[str]:
    """The treatments the questions are about: those chosen on the questions page, or, before
    it was opened, those looked at in the walkthrough (as the questions page starts)."""
    chosen = (
        gathered.viewed if gathered.question_treatments is None else gathered.question_treatments
    )
    return [t for t in dict.fromkeys(chosen) if t in content.treatments]


def questions_part(content: Content, gathered: Gathered) -> Part:
    """How many questions are kept, the clinics named, the person's own questions and notes."""
    words = _words(content)
    items = all_questions(content, treatments_to_ask(content, gathered), gathered.own)
    chosen = kept(items, gathered.keep)
    notes = [
        (i.text, gathered.notes[i.id].strip())
        for i in chosen
        if gathered.notes.get(i.id, "").strip()
    ]
    opened = bool(gathered.keep or gathered.own or notes)
    if not opened:
        return _part(content, "questions", "pages/questions.py", True)
    paragraphs = [words["questions_kept"].format(kept=len(chosen), total=len(items))]
    clinics = [name for _, name in named_clinics(list(gathered.clinics))]
    if clinics:
        paragraphs.append(words["questions_clinics"].format(clinics="; ".join(clinics)))
    tables = []
    own = [i for i in chosen if i.kind == "own"]
    if own:
        tables.append(
            HandoutTable(
                heading=words["own_heading"],
                columns=(words["col_own"],),
                rows=tuple((i.text,) for i in own),
            )
        )
    if notes:
        tables.append(
            HandoutTable(
                heading=words["notes_heading"],
                columns=(words["col_question"], words["col_note"]),
                rows=tuple(notes),
            )
        )
    return _part(
        content,
        "questions",
        "pages/questions.py",
        True,
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
    )


def summary_parts(content: Content, gathered: Gathered) -> list[Part]:
    """Every part of the summary, in the order of the aid's pages."""
    return [
        treatments_part(content, gathered),
        compare_part(content, gathered),
        criteria_part(content, gathered),
        priorities_part(content, gathered),
        sure_part(content, gathered),
        questions_part(content, gathered),
    ]


def part_tables(content: Content, part: Part) -> list[HandoutTable]:
    """One part as take-away sections: its heading with its paragraphs (or "Not filled in
    yet"), then its tables."""
    words = _words(content)
    if not part.filled:
        return [HandoutTable(heading=part.heading, columns=(), rows=(), intro=words["not_filled"])]
    rest = list(part.tables)
    first = rest.pop(0) if rest and rest[0].heading == part.heading else None
    intro = [*part.paragraphs, *([first.intro] if first and first.intro else [])]
    head = HandoutTable(
        heading=part.heading,
        columns=first.columns if first else (),
        rows=first.rows if first else (),
        intro="\n\n".join(intro),
    )
    return [head, *rest]


def summary_tables(content: Content, gathered: Gathered, made_on: date) -> list[HandoutTable]:
    """The summary as the take-away's extra sections: a dated heading, then every part but
    the questions (the handout itself lists those, with notes and answers)."""
    words = _words(content)
    tables = [
        HandoutTable(
            heading=words["handout_heading"],
            columns=(),
            rows=(),
            intro=words["handout_intro"].format(date=made_on.isoformat()),
        )
    ]
    for part in summary_parts(content, gathered):
        if part.id != "questions":
            tables += part_tables(content, part)
    return tables


def handout_from(content: Content, gathered: Gathered, *, made_on: date) -> Handout:
    """The take-away for this session: the kept questions with notes and clinics' answers,
    then the dated summary (the same on the questions page and the summary page)."""
    items = all_questions(content, treatments_to_ask(content, gathered), gathered.own)
    chosen = kept(items, gathered.keep)
    return handout_for(
        content,
        made_on=made_on,
        treatment_ids=treatments_to_ask(content, gathered),
        items=chosen,
        notes={i.id: gathered.notes.get(i.id, "") for i in chosen},
        answers=gathered.clinic_answers,
        clinics=named_clinics(list(gathered.clinics)),
        tables=summary_tables(content, gathered, made_on),
    )
