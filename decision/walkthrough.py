"""What the walkthrough shows at each step: the claims by kind, and what no source states."""

from __future__ import annotations

from dataclasses import dataclass

from decision.load import Content
from decision.models import REQUIRED_KINDS, Claim, ClaimKind, Step, Term, Treatment

# The order in which a step's claims are shown.
KIND_ORDER: tuple[ClaimKind, ...] = (
    "what_happens",
    "timeline",
    "risk",
    "benefit",
    "cost",
    "eligibility",
)


@dataclass(frozen=True)
class StepView:
    """One step as the walkthrough shows it."""

    treatment: Treatment
    step: Step
    number: int  # 1-based
    total: int
    claims: dict[ClaimKind, tuple[Claim, ...]]
    not_stated: tuple[ClaimKind, ...]  # timeline, risk or cost that no source states here


def steps_for(treatment: Treatment, variant: str | None = None) -> list[Step]:
    """The steps of a treatment, or only those that apply to one of its variants."""
    return [
        s for s in treatment.steps if variant is None or not s.variants or variant in s.variants
    ]


def by_kind(claims: tuple[Claim, ...]) -> dict[ClaimKind, tuple[Claim, ...]]:
    """Group claims by kind, in KIND_ORDER, keeping their order within a kind."""
    return {k: tuple(c for c in claims if c.kind == k) for k in KIND_ORDER}


def step_view(
    content: Content, treatment_id: str, index: int, variant: str | None = None
) -> StepView:
    """The step at `index` (0-based) of a treatment; the index is clamped into range."""
    treatment = content.treatments[treatment_id]
    steps = steps_for(treatment, variant)
    index = max(0, min(index, len(steps) - 1))
    step = steps[index]
    claims = by_kind(content.claims_at(treatment_id, step.id))
    return StepView(
        treatment=treatment,
        step=step,
        number=index + 1,
        total=len(steps),
        claims=claims,
        not_stated=tuple(k for k in REQUIRED_KINDS if not claims[k]),
    )


def terms_in(content: Content, *texts: str) -> list[Term]:
    """Glossary terms that appear in any of the texts, in glossary order."""
    found = {m.lower() for text in texts for m in content.term_pattern.findall(text)}
    if not found:
        return []  # most often no text at all (a person's own questions, before they add one)
    return [t for t in content.glossary if {t.term.lower(), *(a.lower() for a in t.also)} & found]


def step_texts(view: StepView) -> list[str]:
    """Every text shown on a step, for finding the medical terms it uses."""
    texts = [view.step.title, view.step.plain]
    for claims in view.claims.values():
        for claim in claims:
            texts += [claim.plain, claim.quote, claim.placement_note or ""]
    return texts
