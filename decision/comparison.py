"""The side-by-side comparison: for each question (row) and option (column), what answers it.

A cell holds our own general words (labelled as ours), the documents' claims that the row
selects (content/comparison.yaml: claim kinds, whole option and/or steps), and the times the
row adds up. It has a place for published evidence too, which another part of the aid fills.
"""

from __future__ import annotations

from dataclasses import dataclass

from decision.load import Content
from decision.models import Claim, ComparisonRow, EvidenceItem, RowTotal
from decision.timeline import Total, add_up, treatment_timeline


@dataclass(frozen=True)
class Option:
    """One column: a treatment or usual care."""

    id: str
    name: str
    has_steps: bool


def options(content: Content) -> list[Option]:
    """The four options, in the comparison's column order."""
    found = []
    for option_id in content.comparison.options:
        if option_id == content.usual_care.id:
            found.append(Option(option_id, content.usual_care.name, has_steps=False))
        else:
            found.append(Option(option_id, content.treatments[option_id].name, has_steps=True))
    return found


@dataclass(frozen=True)
class Cell:
    """What the comparison shows for one row and one option."""

    row: ComparisonRow
    option: Option
    ours: tuple[str, ...]  # our own general words, shown as ours, never as a source's
    claims: tuple[Claim, ...]  # what the documents state, each with its source
    totals: tuple[tuple[RowTotal, Total], ...]  # stated times added up, for options with steps
    # Published evidence for this row and option (content/evidence.yaml), set beside the
    # documents' claims.
    evidence: tuple[EvidenceItem, ...] = ()

    @property
    def not_stated(self) -> bool:
        """True when no document states anything that answers this row for this option."""
        return not self.claims

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The documents the claims come from, each once, in order of first claim."""
        return tuple(dict.fromkeys(c.source for c in self.claims))


def _places(content: Content, row: ComparisonRow, option: Option) -> list[str | None]:
    """Where the row looks for claims on this option: the whole option, then its steps."""
    places: list[str | None] = [None] if row.whole else []
    if option.has_steps:
        places += [
            s.id
            for s in content.treatments[option.id].steps
            if row.steps == "all" or s.id in row.steps
        ]
    return places


def row_claims(content: Content, row: ComparisonRow, option: Option) -> tuple[Claim, ...]:
    """The claims of the row's kinds placed where the row looks, each once, in place order."""
    seen: dict[str, Claim] = {}
    for place in _places(content, row, option):
        for claim in content.claims_at(option.id, place):
            if claim.kind in row.kinds:
                seen.setdefault(claim.id, claim)
    return tuple(seen.values())


def our_words(content: Content, row: ComparisonRow, option: Option) -> tuple[str, ...]:
    """Our own general words for a cell: a summary, the row's steps in plain words, or, for
    usual care, its words for this row."""
    if not option.has_steps:
        usual = content.usual_care
        if row.ours == "summary":
            return (usual.summary,)
        return (usual.our_words[row.id],) if row.id in usual.our_words else ()
    treatment = content.treatments[option.id]
    if row.ours == "summary":
        return (treatment.summary,)
    if row.ours == "step_text":
        return tuple(s.plain for s in treatment.steps if row.steps == "all" or s.id in row.steps)
    return ()


def cell(content: Content, row: ComparisonRow, option: Option) -> Cell:
    """The cell for one row and one option."""
    totals: tuple[tuple[RowTotal, Total], ...] = ()
    if option.has_steps and row.totals:
        steps = treatment_timeline(content, option.id).steps
        totals = tuple((spec, add_up(steps, spec.steps)) for spec in row.totals)
    return Cell(
        row=row,
        option=option,
        ours=our_words(content, row, option),
        claims=row_claims(content, row, option),
        totals=totals,
        evidence=row_evidence(content, row, option),
    )


def row_evidence(content: Content, row: ComparisonRow, option: Option) -> tuple[EvidenceItem, ...]:
    """Published evidence that answers this row for this option, in content order."""
    return tuple(
        item
        for item in content.evidence.values()
        if row.id in item.rows and any(p.treatment == option.id for p in item.at)
    )


def grid(content: Content) -> list[tuple[ComparisonRow, list[Cell]]]:
    """Every row, with one cell per option in column order."""
    columns = options(content)
    return [(row, [cell(content, row, o) for o in columns]) for row in content.comparison.rows]
