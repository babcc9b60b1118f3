"""Typed models for everything in content/. Unknown keys are errors (extra="forbid")."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from decision.answers import CHOICE_FIELDS, EDSS_SCORES, NUMBER_FIELDS, SURE_ITEMS

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


# The id of the usual-care option (staying on, or changing, disease-modifying treatment).
# Evidence, values and claims name the option by this id.
USUAL_CARE = "usual_dmt"


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


# --- "Is it for me?": stated criteria, what matters, how sure (content/criteria.yaml,
# content/values.yaml, content/readiness.yaml) -------------------------------------------------

RuleOp = Literal["<", "<=", ">", ">=", "answered"]


class Rule(Strict):
    """A test over a person's answers (decision/answers.py), in exactly one of these forms:

    - compare: `field` (age, years_since_diagnosis, edss) `op` ("<", "<=", ">", ">=") `value`;
      or `field` with op "answered" (met by any answer);
    - one_of: a choice `field` whose answer must be one of `one_of`; answers in `unclear_for`
      leave it open ("cannot tell");
    - absent: health conditions (ids in criteria.yaml) the person must not have;
    - all_of / any_of: two or more rules, all or at least one of which must be met;
    - unclear: a part of a statement no answer can settle; the text says why.
    """

    field: str | None = None
    op: RuleOp | None = None
    value: float | None = None
    one_of: list[str] | None = None
    unclear_for: list[str] = []
    absent: list[str] | None = Field(default=None, min_length=1)
    all_of: list[Rule] | None = Field(default=None, min_length=2)
    any_of: list[Rule] | None = Field(default=None, min_length=2)
    unclear: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_form(self) -> Rule:
        forms = {
            "op": self.op is not None,
            "one_of": self.one_of is not None,
            "absent": self.absent is not None,
            "all_of": self.all_of is not None,
            "any_of": self.any_of is not None,
            "unclear": self.unclear is not None,
        }
        chosen = [name for name, given in forms.items() if given]
        if len(chosen) != 1:
            raise ValueError("give exactly one of: op, one_of, absent, all_of, any_of, unclear")
        form = chosen[0]
        if (self.field is not None) != (form in ("op", "one_of")):
            raise ValueError("'field' goes with 'op' or 'one_of', and only with them")
        if (self.value is not None) != (form == "op" and self.op != "answered"):
            raise ValueError("'value' goes with a comparison op (<, <=, >, >=), and only with it")
        if self.unclear_for and form != "one_of":
            raise ValueError("'unclear_for' goes only with 'one_of'")
        if form == "op":
            known = NUMBER_FIELDS if self.op != "answered" else (*NUMBER_FIELDS, *CHOICE_FIELDS)
            if self.field not in known:
                raise ValueError(f"cannot use op {self.op!r} on field {self.field!r}")
        if form == "one_of":
            if self.field not in CHOICE_FIELDS:
                raise ValueError(f"'one_of' needs a choice field, one of {sorted(CHOICE_FIELDS)}")
            allowed = set(CHOICE_FIELDS[self.field]) - {"unsure"}
            given = [*(self.one_of or []), *self.unclear_for]
            wrong = sorted(set(given) - allowed)
            if wrong:
                raise ValueError(f"{self.field} has no answer {wrong}; use {sorted(allowed)}")
            if len(set(given)) != len(given):
                raise ValueError("an answer is listed twice in one_of / unclear_for")
        return self


class Quoted(Strict):
    """Something a source states: an existing claim (by id), or its own verbatim quote from the
    source's document (checked by the quote tests)."""

    claim: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_]*$")
    quote: str | None = Field(default=None, min_length=8)

    @model_validator(mode="after")
    def _claim_or_quote(self) -> Quoted:
        if (self.claim is None) == (self.quote is None):
            raise ValueError("give either 'claim' (a claim id) or 'quote', not both")
        return self


class Criterion(Strict):
    """One stated criterion: our short plain wording and a rule over a person's answers."""

    id: str = Slug
    short: str = NonEmpty
    rule: Rule
    note: str | None = None  # something a person should know when reading the result


class SourceCriterion(Criterion, Quoted):
    """A criterion a source document states, with its words (a claim or a verbatim quote)."""


class SourceCriteria(Strict):
    """What one source document states about whom its treatment is for."""

    source: str = Slug
    treatments: list[str] = Field(min_length=1)
    intro: Quoted | None = None  # the words that introduce its list, if any
    note: str | None = None
    criteria: list[SourceCriterion] = []
    also_says: list[Quoted] = []  # statements about who it is for that are not rules


class Body(Strict):
    """A professional body's published criteria, in our plain words, with its citation."""

    id: str = Slug
    name: str = NonEmpty
    citation: str = NonEmpty
    year: int = Field(ge=1990, le=2100)
    treatments: list[str] = Field(min_length=1)
    summary: str = NonEmpty
    criteria: list[Criterion] = Field(min_length=1)
    notes: list[str] = []


class Condition(Strict):
    """A health condition a document names as a reason not to treat; asked yes / no / not sure."""

    id: str = Slug
    label: str = NonEmpty  # the question, e.g. "A heart problem, or ..."
    name: str = NonEmpty  # short, for explanations, e.g. "a heart problem"
    help: str = NonEmpty


class EdssLevel(Strict):
    score: str = NonEmpty
    meaning: str = NonEmpty


class WalkingBand(Strict):
    """How far a person can walk, and the EDSS range that describes it (an estimate only)."""

    id: str = Slug
    label: str = NonEmpty
    low: float = Field(ge=0, le=9.5)
    high: float = Field(ge=0, le=9.5)

    @model_validator(mode="after")
    def _range(self) -> WalkingBand:
        for bound in (self.low, self.high):
            if bound not in EDSS_SCORES:
                raise ValueError(f"{bound} is not an EDSS score (0, or 1.0 to 9.5 by 0.5)")
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is larger than high ({self.high})")
        return self


class EdssGuide(Strict):
    citation: str = NonEmpty
    scale: list[EdssLevel] = Field(min_length=2)
    walking: list[WalkingBand] = Field(min_length=2)


class CriteriaFile(Strict):
    edss: EdssGuide
    conditions: list[Condition] = Field(min_length=1)
    sources: list[SourceCriteria] = Field(min_length=1)
    bodies: list[Body] = Field(min_length=1)


class Feature(Strict):
    """A feature of an option that bears on a value: our own sentence (with its published
    source, if any), or a claim that a document makes (shown attributed)."""

    text: str | None = Field(default=None, min_length=1)
    cite: str | None = Field(default=None, min_length=1)
    claim: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_]*$")

    @model_validator(mode="after")
    def _text_or_claim(self) -> Feature:
        if (self.text is None) == (self.claim is None):
            raise ValueError("give either 'text' or 'claim', not both")
        if self.cite is not None and self.text is None:
            raise ValueError("'cite' goes with 'text' (a claim names its own source)")
        return self


class Option(Strict):
    """One of the options a person weighs: a treatment (by id) or our own described option."""

    id: str = Slug
    treatment: str | None = None
    name: str | None = Field(default=None, min_length=1)
    summary: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _treatment_or_described(self) -> Option:
        if (self.treatment is None) == (self.name is None or self.summary is None):
            raise ValueError("give either 'treatment', or 'name' and 'summary'")
        return self


class Value(Strict):
    """Something that may matter to a person, and what bears on it for every option."""

    id: str = Slug
    label: str = NonEmpty
    help: str = NonEmpty
    features: dict[str, list[Feature]]


class ValuesFile(Strict):
    options: list[Option] = Field(min_length=2)
    values: list[Value] = Field(min_length=1)


class SureQuestion(Strict):
    id: Literal["sure", "understand", "risk_benefit", "encouragement"]
    name: str = NonEmpty  # e.g. "Sure of myself"
    question: str = NonEmpty
    if_no: str = NonEmpty  # what may help a person who answers no


class SureTest(Strict):
    citation: str = NonEmpty
    questions: list[SureQuestion]

    @model_validator(mode="after")
    def _the_four(self) -> SureTest:
        if tuple(q.id for q in self.questions) != SURE_ITEMS:
            raise ValueError(f"the SURE test has these four questions, in order: {SURE_ITEMS}")
        return self


class QuizOption(Strict):
    id: str = Slug
    label: str = NonEmpty


class Basis(Strict):
    """Where in this aid's content the answer to a knowledge question comes from: a
    treatment's summary or a page text, which must contain `says`."""

    where: str = NonEmpty  # shown to the person, e.g. "Start here: the three treatments"
    treatment: str | None = None
    page: str | None = None
    key: str | None = None
    says: str = Field(min_length=8)

    @model_validator(mode="after")
    def _one_place(self) -> Basis:
        if (self.treatment is None) == (self.page is None or self.key is None):
            raise ValueError("give either 'treatment', or 'page' and 'key'")
        return self


class QuizQuestion(Strict):
    id: str = Slug
    question: str = NonEmpty
    options: list[QuizOption] = Field(min_length=2)
    answer: str = Slug
    explanation: str = NonEmpty
    basis: Basis

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> QuizQuestion:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"option ids repeat: {ids}")
        if self.answer not in ids:
            raise ValueError(f"answer {self.answer!r} is not one of the options {ids}")
        return self


class ReadinessFile(Strict):
    sure: SureTest
    knowledge: list[QuizQuestion] = Field(min_length=4, max_length=6)


# --- Published evidence (content/evidence.yaml) ---------------------------------------------

StudyType = Literal[
    "randomised_trial",
    "registry",
    "meta_analysis",
    "cohort_study",
    "uncontrolled_trial",
    "case_series",
    "survey",
    "review",
    "guideline",
    "consumer_guidance",
    "ongoing_trial",
]
# Study types that report on people, so must say how many took part and when.
STUDIES_OF_PEOPLE: tuple[StudyType, ...] = (
    "randomised_trial",
    "registry",
    "meta_analysis",
    "cohort_study",
    "uncontrolled_trial",
    "case_series",
    "survey",
)
# Study types that need no year (a web page that is kept up to date, a trial still running).
UNDATED_TYPES: tuple[StudyType, ...] = ("consumer_guidance", "ongoing_trial")

_MONTHS_PER = {"days": 12 / 365.25, "weeks": 12 / 52.18, "months": 1.0, "years": 12.0}


class TimeFrame(Strict):
    """Over what time a figure was counted: our words, and the length where there is one."""

    words: str = NonEmpty  # e.g. "within 100 days of treatment", "at 5 years"
    amount: float | None = Field(default=None, gt=0)
    unit: TimeUnit | None = None

    @model_validator(mode="after")
    def _both_or_neither(self) -> TimeFrame:
        if (self.amount is None) != (self.unit is None):
            raise ValueError("give amount and unit together, or neither")
        if self.unit == "hours":
            raise ValueError("unit 'hours' is too short for a study's time frame")
        return self

    @property
    def months(self) -> float | None:
        """The length in months, for comparing time frames; None: no single length."""
        if self.amount is None or self.unit is None:
            return None
        return round(self.amount * _MONTHS_PER[self.unit], 1)


class Proportion(Strict):
    """A share of people in a study who had an outcome: events out of a denominator, over a
    time frame, with its 95% confidence interval where the study gives one (all in percent)."""

    outcome: str = Slug
    group: str = NonEmpty  # who these people were, e.g. "Non-myeloablative aHSCT (MIST)"
    options: list[str] = Field(min_length=1)  # the treatments (or usual care) it is about
    events: int | None = Field(default=None, ge=0)
    percent: float | None = Field(default=None, ge=0, le=100)
    denominator: int = Field(gt=0)
    time: TimeFrame
    ci_low: float | None = Field(default=None, ge=0, le=100)
    ci_high: float | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _consistent(self) -> Proportion:
        if self.events is None and self.percent is None:
            raise ValueError("give events, percent or both")
        if self.events is not None and self.events > self.denominator:
            raise ValueError(f"events ({self.events}) exceed the denominator ({self.denominator})")
        if self.events is not None and self.percent is not None:
            exact = 100 * self.events / self.denominator
            if abs(exact - self.percent) > 0.1:
                raise ValueError(
                    f"percent ({self.percent}) does not match {self.events} of "
                    f"{self.denominator} ({exact:.1f})"
                )
        if (self.ci_low is None) != (self.ci_high is None):
            raise ValueError("give ci_low and ci_high together, or neither")
        outside = (
            self.ci_low is not None
            and self.ci_high is not None
            and not self.ci_low <= self.value <= self.ci_high
        )
        if outside:
            raise ValueError(
                f"the figure ({self.value:.1f}) lies outside its confidence interval "
                f"({self.ci_low} to {self.ci_high})"
            )
        return self

    @property
    def value(self) -> float:
        """The figure in percent (from events and denominator where the study counts them)."""
        if self.events is not None:
            return 100 * self.events / self.denominator
        assert self.percent is not None
        return self.percent


class Outcome(Strict):
    """Something studies count (for example, disability getting worse), and how we name it."""

    id: str = Slug
    name: str = NonEmpty
    plain: str = NonEmpty
    affected: str = NonEmpty  # follows "people like those in the study ...", e.g. "got worse"
    affected_label: str = NonEmpty  # icon array legend, e.g. "got worse"
    not_affected_label: str = NonEmpty  # e.g. "did not get worse"
    # The options this outcome matters for (treatment ids or usual care); the aid says
    # plainly which of them no study here gives a figure for.
    compares: list[str] = Field(min_length=1)
    claims: list[str] = []  # ids of claims in content/claims/ that state something on this


class EvidenceItem(Strict):
    """One published study or piece of guidance, described so a reader can judge it."""

    id: str = Slug
    name: str = NonEmpty  # short label, e.g. "MIST trial"
    citation: str = NonEmpty
    year: int | None = Field(default=None, ge=1900, le=2100)
    study_type: StudyType
    population: str = NonEmpty  # who took part (or who the guidance is for)
    number_of_people: int | None = Field(default=None, gt=0)
    figure: str = NonEmpty  # what it found, in our words, with denominators and time frames
    proportions: list[Proportion] = []
    uncertainty: str = NonEmpty  # confidence interval, or "uncontrolled", "self-reported", ...
    last_checked: date
    at: list[Place] = Field(min_length=1)
    # The comparison rows (content/comparison.yaml) this item answers, to sit beside the
    # documents' claims in those rows for the options it is placed at.
    rows: list[str] = []

    @model_validator(mode="after")
    def _complete(self) -> EvidenceItem:
        if self.study_type in STUDIES_OF_PEOPLE and self.number_of_people is None:
            raise ValueError(f"a {self.study_type} must give number_of_people")
        if self.study_type not in UNDATED_TYPES and self.year is None:
            raise ValueError(f"a {self.study_type} must give its year")
        for i, p in enumerate(self.proportions):
            if self.number_of_people is not None and p.denominator > self.number_of_people:
                raise ValueError(
                    f"proportions[{i}] counts {p.denominator} people, more than the "
                    f"{self.number_of_people} in the study"
                )
        return self


class EvidenceFile(Strict):
    outcomes: list[Outcome] = Field(min_length=1)
    evidence: list[EvidenceItem] = Field(min_length=1)


# --- How to judge a clinic's claims (content/warning_signs.yaml) ------------------------------


class SignExample(Strict):
    """An example from the documents: an existing claim by id, or a new verbatim quote."""

    claim: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_]*$")
    source: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_]*$")
    quote: str | None = Field(default=None, min_length=8)
    note: str | None = None  # our short comment on the example

    @model_validator(mode="after")
    def _claim_or_quote(self) -> SignExample:
        if self.claim is not None and (self.source is not None or self.quote is not None):
            raise ValueError("give either claim, or source and quote, not both")
        if self.claim is None and (self.source is None or self.quote is None):
            raise ValueError("give a claim id, or a source and its quote")
        return self


class WarningSign(Strict):
    """A warning sign named by regulators or MS organisations, with examples from the
    documents."""

    id: str = Slug
    sign: str = NonEmpty
    named_by: list[str] = Field(min_length=1)  # evidence ids of the bodies that name it
    what_they_say: str = NonEmpty
    examples: list[SignExample] = Field(min_length=1)


class WarningSignsFile(Strict):
    signs: list[WarningSign] = Field(min_length=1)


# --- Disclosures (content/disclosures.yaml) --------------------------------------------------


class Disclosures(Strict):
    """What a certified decision aid discloses: dates, update policy, makers, funding."""

    published: date
    evidence_searched: date
    next_review: date
    update_policy: str = NonEmpty
    made_by: str = NonEmpty
    funding: str = NonEmpty
    conflicts: str = NonEmpty

    @model_validator(mode="after")
    def _dates(self) -> Disclosures:
        if self.next_review <= self.evidence_searched:
            raise ValueError("next_review must come after evidence_searched")
        return self


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
