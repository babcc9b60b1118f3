"""Typed models for everything in content/. Unknown keys are errors (extra="forbid")."""

from __future__ import annotations

from typing import Literal

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
    """Where a claim belongs: a treatment, and a step of it (no step: the whole treatment).

    `treatment` may also be the usual-care option (content/usual_care.yaml), which has no
    steps: claims about it are always about the whole option.
    """

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


class UsualCare(Strict):
    """The fourth option: staying on, or changing, usual disease-modifying treatment (DMT).

    Our own general words, not the documents'. It has no steps; claims about it are placed
    at `treatment: <id>` with no step.
    """

    id: str = Slug
    name: str = NonEmpty
    summary: str = NonEmpty  # what it involves, in our words
    # Our general words for other comparison rows, by row id (content/comparison.yaml).
    our_words: dict[str, str] = {}


StepsSelection = list[str] | Literal["all"]


class RowTotal(Strict):
    """A time the comparison adds up for a row: the stated times of some steps."""

    id: str = Slug
    label: str = NonEmpty  # what is added up, e.g. "From the first tests to the last check-up"
    steps: StepsSelection = "all"


class ComparisonRow(Strict):
    """One question patients ask, and which claims answer it for each option."""

    id: str = Slug
    label: str = NonEmpty  # short, for the table at a glance
    question: str = NonEmpty
    kinds: list[ClaimKind] = Field(min_length=1)
    whole: bool = True  # include claims about the whole option
    steps: StepsSelection = "all"  # which steps' claims (step ids shared across treatments)
    # Our own general words shown first for a treatment: its summary, or the plain text of
    # the row's steps. Usual care, which has no steps, shows its `our_words` for the row, or
    # its summary where `ours` is "summary".
    ours: Literal["summary", "step_text"] | None = None
    not_stated: str = NonEmpty  # "No document states ..."
    totals: list[RowTotal] = []


class UnknownCost(Strict):
    """A cost that no source states, listed so that it is not forgotten."""

    id: str = Slug
    label: str = NonEmpty
    plain: str = NonEmpty
    options: list[str] = Field(min_length=1)  # the options it applies to


class ComparisonFile(Strict):
    options: list[str] = Field(min_length=1)  # column order
    rows: list[ComparisonRow] = Field(min_length=1)
    unknown_costs: list[UnknownCost] = Field(min_length=1)


class UsualCareFile(Strict):
    usual_care: UsualCare


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
