"""The questions to ask any clinic: from the documents' checklists and published lists, from
what no document states at a step, from flagged claims, and the person's own.

Pure functions over the loaded content and plain values from the session; nothing here
stores anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from decision.handout import Handout, HandoutQuestion, HandoutTable, HandoutWords
from decision.load import Content
from decision.models import REQUIRED_KINDS, Claim, ClaimKind, DocumentOrigin, PublishedOrigin
from decision.quotes import fold
from decision.walkthrough import step_view

MAX_CLINICS = 4
MAX_OWN_QUESTIONS = 50
MAX_QUESTION_CHARS = 500
MAX_NOTE_CHARS = 2000
MAX_ANSWER_CHARS = 1000
MAX_CLINIC_NAME_CHARS = 80
SHORT_QUOTE_WORDS = 20

ItemKind = Literal["list", "gap", "flag", "own"]


class OwnQuestion(BaseModel):
    """A question the person wrote. Kept in the session (and in a saved progress file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^own_[0-9]{1,6}$")
    text: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)


@dataclass(frozen=True)
class AskItem:
    """One question as the page and the handout show it."""

    id: str
    topic: str  # a topic id from content/questions.yaml; "own" for the person's questions
    text: str
    kind: ItemKind
    origins: tuple[DocumentOrigin | PublishedOrigin, ...] = ()
    steps: tuple[str, ...] = ()  # gap questions: the steps no document covers
    claim: Claim | None = field(default=None, repr=False)  # flag questions: the claim


def short_quote(text: str, words: int = SHORT_QUOTE_WORDS) -> str:
    """The first `words` words of a quote, with "…" where it was cut."""
    parts = fold(text).split(" ")
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def list_questions(content: Content) -> list[AskItem]:
    """The questions in content/questions.yaml, in file order."""
    return [
        AskItem(
            id=q.id,
            topic=q.topic,
            text=" ".join(q.text.split()),
            kind="list",
            origins=tuple(q.origins),
        )
        for q in content.question_bank.questions
    ]


def _known(content: Content, treatment_ids: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for tid in treatment_ids:
        if tid in content.treatments and tid not in seen:
            seen.append(tid)
    return seen


def gap_questions(content: Content, treatment_ids: Iterable[str]) -> list[AskItem]:
    """For each treatment, one question per kind (time, risk, cost) naming every step where
    no document states it. Unknown treatment ids are ignored."""
    bank = content.question_bank
    templates: dict[ClaimKind, str] = {
        "timeline": bank.gaps.timeline,
        "risk": bank.gaps.risk,
        "cost": bank.gaps.cost,
    }
    items = []
    for tid in _known(content, treatment_ids):
        treatment = content.treatments[tid]
        missing: dict[ClaimKind, list[str]] = {k: [] for k in REQUIRED_KINDS}
        for index in range(len(treatment.steps)):
            view = step_view(content, tid, index)
            for kind in view.not_stated:
                missing[kind].append(
                    bank.gaps.step.format(number=view.number, title=view.step.title)
                )
        for kind in REQUIRED_KINDS:
            if missing[kind]:
                text = " ".join(templates[kind].split()).format(
                    treatment=treatment.name, steps="; ".join(missing[kind])
                )
                items.append(
                    AskItem(
                        id=f"gap_{tid}_{kind}",
                        topic=bank.gaps.topics[kind],
                        text=text,
                        kind="gap",
                        steps=tuple(missing[kind]),
                    )
                )
    return items


def flagged_claims(content: Content, treatment_ids: Iterable[str]) -> list[Claim]:
    """Claims with a flag that are shown for any of these treatments, in content order."""
    wanted = set(_known(content, treatment_ids))
    return [
        c for c in content.claims if c.flag is not None and any(p.treatment in wanted for p in c.at)
    ]


def flag_questions(content: Content, treatment_ids: Iterable[str]) -> list[AskItem]:
    """One question per flagged claim at these treatments, asking for the evidence behind it."""
    bank = content.question_bank
    template = " ".join(bank.gaps.flagged.split())
    return [
        AskItem(
            id=f"flag_{claim.id}",
            topic=bank.gaps.topics["flagged"],
            text=template.format(
                source=content.sources[claim.source].name, quote=short_quote(claim.quote)
            ),
            kind="flag",
            claim=claim,
        )
        for claim in flagged_claims(content, treatment_ids)
    ]


def own_items(own: Sequence[OwnQuestion]) -> list[AskItem]:
    """The person's own questions, as items under the topic "own"."""
    return [AskItem(id=q.id, topic="own", text=q.text, kind="own") for q in own]


def all_questions(
    content: Content, treatment_ids: Iterable[str], own: Sequence[OwnQuestion] = ()
) -> list[AskItem]:
    """Every question for these treatments: listed, gap, flag, then the person's own."""
    treatment_ids = list(treatment_ids)
    return [
        *list_questions(content),
        *gap_questions(content, treatment_ids),
        *flag_questions(content, treatment_ids),
        *own_items(own),
    ]


def by_topic(content: Content, items: Iterable[AskItem]) -> list[tuple[str, list[AskItem]]]:
    """Items grouped by topic id, in the order of content/questions.yaml, then "own".
    Within a topic: listed questions first, then gap and flag questions."""
    order = [t.id for t in content.question_bank.topics] + ["own"]
    rank = {"list": 0, "gap": 1, "flag": 2, "own": 3}
    groups: dict[str, list[AskItem]] = {t: [] for t in order}
    for item in items:
        groups.setdefault(item.topic, []).append(item)
    return [(t, sorted(groups[t], key=lambda i: rank[i.kind])) for t in order if groups[t]]


def kept(items: Iterable[AskItem], keep: Mapping[str, bool]) -> list[AskItem]:
    """The items the person keeps. A question is kept unless they have dropped it."""
    return [i for i in items if keep.get(i.id, True)]


def next_own_id(own: Sequence[OwnQuestion]) -> str:
    """A fresh id for a new own question."""
    numbers = [int(q.id.removeprefix("own_")) for q in own]
    return f"own_{max(numbers, default=0) + 1}"


def add_own(own: Sequence[OwnQuestion], text: str) -> list[OwnQuestion] | None:
    """The list with a new question added, or None when the text is empty, too long, a
    repeat of one already there, or the list is full."""
    text = text.strip()
    if not text or len(text) > MAX_QUESTION_CHARS or len(own) >= MAX_OWN_QUESTIONS:
        return None
    if any(fold(q.text).lower() == fold(text).lower() for q in own):
        return None
    return [*own, OwnQuestion(id=next_own_id(own), text=text)]


def unanswered(
    items: Sequence[AskItem], answers: Mapping[str, Mapping[str, str]], clinic: int
) -> list[AskItem]:
    """The items a clinic has no answer for yet (empty or blank answers count as none)."""
    return [i for i in items if not answers.get(i.id, {}).get(str(clinic), "").strip()]


def handout_words(content: Content) -> HandoutWords:
    """The handout's fixed words, from content/pages/questions.yaml (keys handout_*)."""
    return HandoutWords(
        **{f.name: content.text("questions", f"handout_{f.name}") for f in fields(HandoutWords)}
    )


def named_clinics(names: Sequence[str]) -> list[tuple[int, str]]:
    """(slot, name) for each of the four clinic slots the person has named, in slot order."""
    return [(slot, n.strip()) for slot, n in enumerate(names[:MAX_CLINICS]) if n and n.strip()]


def handout_for(
    content: Content,
    *,
    made_on: date,
    treatment_ids: Iterable[str],
    items: Sequence[AskItem],
    notes: Mapping[str, str],
    answers: Mapping[str, Mapping[str, str]],
    clinics: Sequence[tuple[int, str]],
    tables: Sequence[HandoutTable] = (),
) -> Handout:
    """The take-away for the kept items, grouped by topic, with notes and each named clinic's
    answer. `tables` are optional extra sections (e.g. a criteria table and priorities)."""
    titles = {t.id: t.title for t in content.question_bank.topics}
    titles["own"] = content.text("questions", "own_topic")
    questions = tuple(
        HandoutQuestion(
            topic=titles[topic],
            text=item.text,
            note=notes.get(item.id, ""),
            answers=tuple(answers.get(item.id, {}).get(str(slot), "") for slot, _ in clinics),
        )
        for topic, group in by_topic(content, items)
        for item in group
    )
    return Handout(
        words=handout_words(content),
        made_on=made_on,
        treatments=tuple(content.treatments[t].name for t in _known(content, treatment_ids)),
        clinics=tuple(name for _, name in clinics),
        questions=questions,
        tables=tuple(tables),
    )
