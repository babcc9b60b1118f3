"""Typed models for everything in content/. Unknown keys are errors (extra="forbid")."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

Slug = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
NonEmpty = Field(min_length=1)

ClaimKind = Literal["what_happens", "timeline", "risk", "cost", "benefit", "eligibility"]
# The kinds a step must either have a claim for or say "No source states ...".
REQUIRED_KINDS: tuple[ClaimKind, ...] = ("timeline", "risk", "cost")
TimeUnit = Literal["hours", "days", "weeks", "months", "years"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """One seed document: who published it and what it sells."""

    id: str = Slug
    name: str = NonEmpty  # short label shown beside every claim
    publisher: str = NonEmpty  # as the document names itself (or says it does not)
    kind: Literal["clinic", "medical-travel agency", "medical-travel website"]
    sells: str = NonEmpty
    seed_file: str = Field(pattern=r"^[0-9]{3}_[0-9a-f]+\.txt$")


class Duration(Strict):
    """A length of time as a source states it: "4 days", "5 to 15 days", "up to 3 weeks"."""

    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    unit: TimeUnit

    @model_validator(mode="after")
    def _range(self) -> Duration:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Cost(Strict):
    """A price in the currency the source states; never converted here."""

    amount: float = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")  # ISO 4217 code of the currency as written
    as_written: str = NonEmpty  # the price exactly as the source writes it, e.g. "from $15,000"
    qualifier: Literal["exactly", "from", "up to", "about"]
    covers: str | None = None  # what the price includes, as stated; None: no source says


class Place(Strict):
    """Where a claim belongs: a treatment, and a step of it (no step: the whole treatment)."""

    treatment: str = Slug
    step: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_]*$")


class Flag(Strict):
    """A claim that conflicts with published evidence: a short neutral note, and the evidence
    items (ids in content/evidence.yaml) that show why."""

    note: str = NonEmpty
    evidence: list[str] = Field(min_length=1)


class Claim(Strict):
    """Something a source document states, in our words, with its verbatim quote."""

    id: str = Slug
    source: str = Slug
    kind: ClaimKind
    plain: str = NonEmpty
    quote: str = Field(min_length=8)
    at: list[Place] = Field(min_length=1)
    duration: Duration | None = None
    cost: Cost | None = None
    # Where the document names or files this under something else, we say so here.
    placement_note: str | None = None
    flag: Flag | None = None

    @model_validator(mode="after")
    def _kind_fields(self) -> Claim:
        if self.duration is not None and self.kind != "timeline":
            raise ValueError("duration is only for claims of kind 'timeline'")
        if self.cost is not None and self.kind != "cost":
            raise ValueError("cost is only for claims of kind 'cost'")
        return self


class Variant(Strict):
    id: str = Slug
    name: str = NonEmpty
    plain: str = NonEmpty


class Step(Strict):
    id: str = Slug
    title: str = NonEmpty
    plain: str = NonEmpty  # what happens, in our words
    variants: list[str] = []  # empty: every variant; else only these


class Treatment(Strict):
    id: str = Slug
    name: str = NonEmpty
    family: Literal["ahsct", "msc"]
    summary: str = NonEmpty
    variants: list[Variant] = []
    steps: list[Step] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_and_known(self) -> Treatment:
        step_ids = [s.id for s in self.steps]
        if len(set(step_ids)) != len(step_ids):
            raise ValueError(f"step ids repeat: {sorted(step_ids)}")
        known = {v.id for v in self.variants}
        for step in self.steps:
            unknown = set(step.variants) - known
            if unknown:
                raise ValueError(f"step {step.id!r} names unknown variants {sorted(unknown)}")
        return self


class Term(Strict):
    """A glossary entry. `also` lists other spellings found in the documents."""

    id: str = Slug
    term: str = NonEmpty
    also: list[str] = []
    plain: str = NonEmpty


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class TreatmentsFile(Strict):
    treatments: list[Treatment] = Field(min_length=1)


class ClaimsFile(Strict):
    claims: list[Claim] = Field(min_length=1)


class GlossaryFile(Strict):
    terms: list[Term] = Field(min_length=1)


class PageText(RootModel[dict[str, str]]):
    """Words on one page (headings, labels, messages), by key. Markdown; no raw HTML."""

    model_config = ConfigDict(frozen=True)


# --- Questions to ask a clinic (content/questions.yaml) ---------------------------------------


class Topic(Strict):
    """A group of questions, e.g. "Costs and what they include"."""

    id: str = Slug
    title: str = NonEmpty


class PublishedList(Strict):
    """A question list published by an independent body (see ../shared/EVIDENCE.md)."""

    id: str = Slug
    name: str = NonEmpty  # short label shown beside a question
    citation: str = NonEmpty


class DocumentOrigin(Strict):
    """A question drawn from a source document's own checklist, with its words verbatim."""

    kind: Literal["document"]
    source: str = Slug
    quote: str = Field(min_length=8)


class PublishedOrigin(Strict):
    """A question drawn from a published list; `point` says, in our words, what it asks."""

    kind: Literal["published"]
    list: str = Slug
    point: str = NonEmpty


Origin = Annotated[DocumentOrigin | PublishedOrigin, Field(discriminator="kind")]


class Question(Strict):
    """One question to ask any clinic, with its topic and where it comes from."""

    id: str = Slug
    topic: str = Slug
    text: str = Field(min_length=8)
    origins: list[Origin] = Field(min_length=1)


class GapTemplates(Strict):
    """Wording of the questions made from what no document states, and from flagged claims.

    Placeholders: {treatment} and {steps} in the gap questions; {source} and {quote} in
    `flagged`. `topics` says under which topic each kind of gap question is shown.
    """

    timeline: str = NonEmpty
    risk: str = NonEmpty
    cost: str = NonEmpty
    flagged: str = NonEmpty
    step: str = NonEmpty  # how one step is named in a list: {number} and {title}
    topics: dict[Literal["timeline", "risk", "cost", "flagged"], str]

    @model_validator(mode="after")
    def _placeholders(self) -> GapTemplates:
        need = {
            "timeline": {"treatment", "steps"},
            "risk": {"treatment", "steps"},
            "cost": {"treatment", "steps"},
            "flagged": {"source", "quote"},
            "step": {"number", "title"},
        }
        for name, wanted in need.items():
            found = set(re.findall(r"{(\w+)}", getattr(self, name)))
            if found != wanted:
                raise ValueError(f"{name} must use exactly {sorted(wanted)}, not {sorted(found)}")
        if set(self.topics) != {"timeline", "risk", "cost", "flagged"}:
            raise ValueError("topics must name a topic for timeline, risk, cost and flagged")
        return self


class QuestionsFile(Strict):
    topics: list[Topic] = Field(min_length=1)
    published: list[PublishedList] = Field(min_length=1)
    gaps: GapTemplates
    questions: list[Question] = Field(min_length=1)
