"""Published evidence beside the documents' claims: where it belongs, and what it backs.

Pages call these to show, at each step and for each option, what published studies found;
the comparison page can reuse them for any option, including usual MS medicine.
"""

from __future__ import annotations

from dataclasses import dataclass

from decision.load import USUAL_CARE, Content
from decision.models import Claim, EvidenceItem, Outcome, Proportion

__all__ = [
    "USUAL_CARE",
    "Figure",
    "evidence_at",
    "evidence_texts",
    "figures_for",
    "flag_evidence",
    "flagged_claims",
    "group_of",
    "options_without_figures",
]


def evidence_at(
    content: Content, treatment_id: str, step_id: str | None = None
) -> tuple[EvidenceItem, ...]:
    """Evidence placed at one step of a treatment (step None: the treatment as a whole).

    `treatment_id` may be USUAL_CARE, for usual MS medicine (which has no steps).
    """
    return tuple(
        item
        for item in content.evidence.values()
        if any(p.treatment == treatment_id and p.step == step_id for p in item.at)
    )


def flagged_claims(content: Content) -> tuple[Claim, ...]:
    """Every claim that conflicts with published evidence, in content order."""
    return tuple(c for c in content.claims if c.flag is not None)


def flag_evidence(content: Content, claim: Claim) -> tuple[EvidenceItem, ...]:
    """The evidence items a claim's flag cites (none when the claim has no flag)."""
    if claim.flag is None:
        return ()
    return tuple(content.evidence[e] for e in claim.flag.evidence)


@dataclass(frozen=True)
class Figure:
    """One proportion from one study, ready to compare with others on the same outcome."""

    item: EvidenceItem
    proportion: Proportion


def figures_for(content: Content, outcome: Outcome) -> list[Figure]:
    """Every published figure for one outcome, grouped by option in a fixed order
    (the treatments as listed, then usual care), and by study within an option."""
    order = {tid: i for i, tid in enumerate([*content.treatments, USUAL_CARE])}
    found = [
        Figure(item, p)
        for item in content.evidence.values()
        for p in item.proportions
        if p.outcome == outcome.id
    ]
    return sorted(found, key=lambda f: min(order.get(o, len(order)) for o in f.proportion.options))


def evidence_texts(items: tuple[EvidenceItem, ...]) -> list[str]:
    """Every text shown for these items, for finding the medical words they use."""
    texts: list[str] = []
    for item in items:
        texts += [item.name, item.figure, item.population, item.uncertainty]
    return texts


def options_without_figures(content: Content, outcome: Outcome) -> list[str]:
    """The options this outcome matters for that no study here gives a figure for."""
    covered = {o for f in figures_for(content, outcome) for o in f.proportion.options}
    return [o for o in outcome.compares if o not in covered]


# The order in which the evidence page lists its groups of studies.
GROUPS = ("ahsct", "msc", "guidance", "ongoing", "ms")


def group_of(item: EvidenceItem) -> str:
    """Which group of the evidence page an item belongs to (one of GROUPS)."""
    if item.study_type == "ongoing_trial":
        return "ongoing"
    if item.study_type in ("guideline", "consumer_guidance"):
        return "guidance"
    if item.study_type == "review":
        return "ms"
    if any(p.treatment == "msc" for p in item.at):
        return "msc"
    return "ahsct"
