"""Cross-checks between content files: ids that repeat, and references to sources,
treatments, steps, claims, evidence and rows that do not exist.

Each check raises ContentError naming the file and the field of the first problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from decision.errors import ContentError
from decision.models import (
    USUAL_CARE,
    Claim,
    ComparisonFile,
    CriteriaFile,
    Disclosures,
    EvidenceFile,
    QuestionsFile,
    ReadinessFile,
    Rule,
    Treatment,
    UsualCare,
    ValuesFile,
    WarningSign,
)


def unique(items: Iterable[Any], what: str, file: str, field_name: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise ContentError(file, f"{field_name}[{i}].id", f"{what} id {item.id!r} repeats")
        seen.add(item.id)


def check_comparison(
    comparison: ComparisonFile, usual_care: UsualCare, steps: dict[str, set[str]]
) -> None:
    """Cross-check content/comparison.yaml against the options, their steps and usual care."""
    file = "content/comparison.yaml"
    if sorted(comparison.options) != sorted(steps):
        raise ContentError(file, "options", f"must name each option once: {sorted(steps)}")
    unique(comparison.rows, "row", file, "rows")
    known_steps = set().union(*steps.values())
    for i, row in enumerate(comparison.rows):
        selections = [(f"rows[{i}].steps", row.steps)] + [
            (f"rows[{i}].totals[{k}].steps", total.steps) for k, total in enumerate(row.totals)
        ]
        for where, selection in selections:
            for j, step in enumerate([] if selection == "all" else selection):
                if step not in known_steps:
                    raise ContentError(file, f"{where}[{j}]", f"no option has a step {step!r}")
    unique(comparison.unknown_costs, "unknown cost", file, "unknown_costs")
    for i, item in enumerate(comparison.unknown_costs):
        for j, option in enumerate(item.options):
            if option not in steps:
                raise ContentError(
                    file, f"unknown_costs[{i}].options[{j}]", f"unknown option {option!r}"
                )
    rows = {row.id for row in comparison.rows}
    for key in usual_care.our_words:
        if key not in rows:
            raise ContentError(
                "content/usual_care.yaml", f"usual_care.our_words.{key}", "no comparison row"
            )


# Question ids the aid makes itself (from gaps, flagged claims and a person's own questions).
RESERVED_QUESTION_PREFIXES = ("gap_", "flag_", "own_")


def check_questions(bank: QuestionsFile, source_ids: set[str]) -> None:
    """Cross-check content/questions.yaml: unique ids, known topics, sources and lists."""
    name = "content/questions.yaml"
    unique(bank.topics, "topic", name, "topics")
    unique(bank.published, "published list", name, "published")
    unique(bank.questions, "question", name, "questions")
    topics = {t.id for t in bank.topics}
    lists = {p.id for p in bank.published}
    for kind, topic in bank.gaps.topics.items():
        if topic not in topics:
            raise ContentError(name, f"gaps.topics.{kind}", f"unknown topic {topic!r}")
    for i, question in enumerate(bank.questions):
        where = f"questions[{i}]"
        if question.id.startswith(RESERVED_QUESTION_PREFIXES):
            raise ContentError(name, f"{where}.id", "ids starting gap_, flag_ or own_ are kept")
        if question.topic not in topics:
            raise ContentError(name, f"{where}.topic", f"unknown topic {question.topic!r}")
        for j, origin in enumerate(question.origins):
            if origin.kind == "document" and origin.source not in source_ids:
                raise ContentError(
                    name, f"{where}.origins[{j}].source", f"unknown source {origin.source!r}"
                )
            if origin.kind == "published" and origin.list not in lists:
                raise ContentError(
                    name, f"{where}.origins[{j}].list", f"unknown published list {origin.list!r}"
                )


def check_rule(rule: Rule, conditions: set[str], file: str, where: str) -> None:
    for i, condition in enumerate(rule.absent or []):
        if condition not in conditions:
            raise ContentError(file, f"{where}.absent[{i}]", f"unknown condition {condition!r}")
    for name in ("all_of", "any_of"):
        for i, part in enumerate(getattr(rule, name) or []):
            check_rule(part, conditions, file, f"{where}.{name}[{i}]")


def check_treatments(ids: list[str], treatments: set[str], file: str, where: str) -> None:
    for i, treatment in enumerate(ids):
        if treatment not in treatments:
            raise ContentError(file, f"{where}[{i}]", f"unknown treatment {treatment!r}")


def check_criteria(
    criteria: CriteriaFile, sources: set[str], treatments: set[str], claims: dict[str, Claim]
) -> None:
    """Every source appears once; claims are the source's own eligibility claims; rules name
    known conditions; ids do not repeat."""
    file = "content/criteria.yaml"
    unique(criteria.conditions, "condition", file, "conditions")
    unique(criteria.edss.walking, "walking answer", file, "edss.walking")
    unique(criteria.bodies, "body", file, "bodies")
    conditions = {c.id for c in criteria.conditions}
    seen_sources: set[str] = set()
    seen_criteria: set[str] = set()
    for g, group in enumerate(criteria.sources):
        where = f"sources[{g}]"
        if group.source not in sources:
            raise ContentError(file, f"{where}.source", f"unknown source {group.source!r}")
        if group.source in seen_sources:
            raise ContentError(file, f"{where}.source", f"source {group.source!r} repeats")
        seen_sources.add(group.source)
        check_treatments(group.treatments, treatments, file, f"{where}.treatments")
        quoted = [("intro", group.intro)] if group.intro else []
        quoted += [(f"criteria[{i}]", c) for i, c in enumerate(group.criteria)]
        quoted += [(f"also_says[{i}]", q) for i, q in enumerate(group.also_says)]
        for place, item in quoted:
            if item.claim is None:
                continue
            claim = claims.get(item.claim)
            if claim is None:
                raise ContentError(file, f"{where}.{place}.claim", f"unknown claim {item.claim!r}")
            if claim.source != group.source:
                raise ContentError(
                    file, f"{where}.{place}.claim", f"claim {claim.id!r} is not from {group.source}"
                )
            if place != "intro" and claim.kind != "eligibility":
                raise ContentError(
                    file,
                    f"{where}.{place}.claim",
                    f"claim {claim.id!r} is not an eligibility claim",
                )
    missing = sorted(sources - seen_sources)
    if missing:
        raise ContentError(file, "sources", f"no entry for source(s) {missing}")
    groups = [(f"sources[{g}]", s.criteria) for g, s in enumerate(criteria.sources)]
    for b, body in enumerate(criteria.bodies):
        check_treatments(body.treatments, treatments, file, f"bodies[{b}].treatments")
        groups.append((f"bodies[{b}]", body.criteria))
    for where, group_criteria in groups:
        for i, criterion in enumerate(group_criteria):
            if criterion.id in seen_criteria:
                raise ContentError(
                    file, f"{where}.criteria[{i}].id", f"criterion id {criterion.id!r} repeats"
                )
            seen_criteria.add(criterion.id)
            check_rule(criterion.rule, conditions, file, f"{where}.criteria[{i}].rule")


def check_values(values: ValuesFile, treatments: set[str], claims: dict[str, Claim]) -> None:
    """Every value says what bears on it for every option, and no option is left out; claims
    shown for an option are placed at that treatment."""
    file = "content/values.yaml"
    unique(values.options, "option", file, "options")
    unique(values.values, "value", file, "values")
    options = {o.id: o for o in values.options}
    for i, option in enumerate(values.options):
        if option.treatment is not None and option.treatment not in treatments:
            raise ContentError(
                file, f"options[{i}].treatment", f"unknown treatment {option.treatment!r}"
            )
    for v, value in enumerate(values.values):
        where = f"values[{v}].features"
        for option_id in value.features:
            if option_id not in options:
                raise ContentError(file, f"{where}.{option_id}", "unknown option")
        for option_id, option in options.items():
            features = value.features.get(option_id)
            if not features:
                raise ContentError(
                    file, f"{where}.{option_id}", "missing: every value must cover every option"
                )
            for f, feature in enumerate(features):
                if feature.claim is None:
                    continue
                claim = claims.get(feature.claim)
                if claim is None:
                    raise ContentError(
                        file, f"{where}.{option_id}[{f}].claim", f"unknown claim {feature.claim!r}"
                    )
                if option.treatment not in {p.treatment for p in claim.at}:
                    raise ContentError(
                        file,
                        f"{where}.{option_id}[{f}].claim",
                        f"claim {claim.id!r} is not placed at this option's treatment",
                    )


def fold(text: str) -> str:
    return " ".join(text.split())


def check_readiness(
    readiness: ReadinessFile, treatments: dict[str, Treatment], pages: dict[str, dict[str, str]]
) -> None:
    """Each knowledge question's answer rests on words that really are in the aid's content."""
    file = "content/readiness.yaml"
    unique(readiness.knowledge, "question", file, "knowledge")
    for i, question in enumerate(readiness.knowledge):
        basis = question.basis
        where = f"knowledge[{i}].basis"
        if basis.treatment is not None:
            if basis.treatment not in treatments:
                raise ContentError(
                    file, f"{where}.treatment", f"unknown treatment {basis.treatment!r}"
                )
            text = treatments[basis.treatment].summary
        else:
            assert basis.page is not None and basis.key is not None
            text = pages.get(basis.page, {}).get(basis.key)
            if text is None:
                raise ContentError(
                    file,
                    f"{where}.key",
                    f"no text {basis.key!r} in content/pages/{basis.page}.yaml",
                )
        if fold(basis.says) not in fold(text):
            raise ContentError(file, f"{where}.says", "these words are not in the text named")


def check_places(places: Iterable[Any], steps: dict[str, set[str]], file: str, where: str) -> None:
    for j, place in enumerate(places):
        if place.treatment not in steps:
            raise ContentError(
                file, f"{where}[{j}].treatment", f"unknown treatment {place.treatment!r}"
            )
        if place.step is not None and place.step not in steps[place.treatment]:
            problem = (
                "usual care has no steps"
                if place.treatment == USUAL_CARE
                else f"treatment {place.treatment!r} has no step {place.step!r}"
            )
            raise ContentError(file, f"{where}[{j}].step", problem)


def check_evidence(data: EvidenceFile, steps: dict[str, set[str]], claim_ids: set[str]) -> None:
    """Evidence ids are unique, and every place, outcome, option and claim it names exists."""
    file = "content/evidence.yaml"
    unique(data.outcomes, "outcome", file, "outcomes")
    unique(data.evidence, "evidence", file, "evidence")
    outcome_ids = {o.id for o in data.outcomes}
    options = set(steps)
    for i, outcome in enumerate(data.outcomes):
        for j, option in enumerate(outcome.compares):
            if option not in options:
                raise ContentError(
                    file, f"outcomes[{i}].compares[{j}]", f"unknown option {option!r}"
                )
        for j, claim_id in enumerate(outcome.claims):
            if claim_id not in claim_ids:
                raise ContentError(
                    file, f"outcomes[{i}].claims[{j}]", f"unknown claim {claim_id!r}"
                )
    for i, item in enumerate(data.evidence):
        check_places(item.at, steps, file, f"evidence[{i}].at")
        for j, p in enumerate(item.proportions):
            where = f"evidence[{i}].proportions[{j}]"
            if p.outcome not in outcome_ids:
                raise ContentError(file, f"{where}.outcome", f"unknown outcome {p.outcome!r}")
            for k, option in enumerate(p.options):
                if option not in options:
                    raise ContentError(
                        file, f"{where}.options[{k}]", f"unknown treatment {option!r}"
                    )


def check_dates(data: EvidenceFile, disclosures: Disclosures) -> None:
    """No item can have been checked after the date the aid says the evidence was searched."""
    for i, item in enumerate(data.evidence):
        if item.last_checked > disclosures.evidence_searched:
            raise ContentError(
                "content/evidence.yaml",
                f"evidence[{i}].last_checked",
                f"{item.last_checked} is after the date the evidence was last searched "
                f"({disclosures.evidence_searched}, content/disclosures.yaml)",
            )


def check_signs(
    signs: list[WarningSign], evidence_ids: set[str], claim_ids: set[str], source_ids: set[str]
) -> None:
    """Every warning sign names known bodies, and its examples name known claims or sources."""
    file = "content/warning_signs.yaml"
    unique(signs, "warning sign", file, "signs")
    for i, sign in enumerate(signs):
        for j, body in enumerate(sign.named_by):
            if body not in evidence_ids:
                raise ContentError(file, f"signs[{i}].named_by[{j}]", f"unknown evidence {body!r}")
        for j, example in enumerate(sign.examples):
            where = f"signs[{i}].examples[{j}]"
            if example.claim is not None and example.claim not in claim_ids:
                raise ContentError(file, f"{where}.claim", f"unknown claim {example.claim!r}")
            if example.source is not None and example.source not in source_ids:
                raise ContentError(file, f"{where}.source", f"unknown source {example.source!r}")


def check_claim(
    claim: Claim,
    file: str,
    where: str,
    source_ids: set[str],
    steps: dict[str, set[str]],
    evidence_ids: set[str],
) -> None:
    """Cross-check one claim: a known source, places at known steps (none on usual care, which
    has no steps), and known evidence behind its flag."""
    if claim.source not in source_ids:
        raise ContentError(file, f"{where}.source", f"unknown source {claim.source!r}")
    for j, place in enumerate(claim.at):
        if place.treatment not in steps:
            raise ContentError(
                file, f"{where}.at[{j}].treatment", f"unknown treatment {place.treatment!r}"
            )
        if place.step is not None and place.treatment == USUAL_CARE:
            raise ContentError(
                file,
                f"{where}.at[{j}].step",
                f"{USUAL_CARE!r} has no steps; leave out step to place the claim"
                " on the whole option",
            )
        if place.step is not None and place.step not in steps[place.treatment]:
            raise ContentError(
                file,
                f"{where}.at[{j}].step",
                f"treatment {place.treatment!r} has no step {place.step!r}",
            )
    if claim.flag is not None:
        for j, ev in enumerate(claim.flag.evidence):
            if ev not in evidence_ids:
                raise ContentError(
                    file, f"{where}.flag.evidence[{j}]", f"unknown evidence item {ev!r}"
                )


def check_evidence_rows(evidence: EvidenceFile, comparison: ComparisonFile) -> None:
    """Each evidence item names comparison rows that exist."""
    row_ids = {row.id for row in comparison.rows}
    for i, item in enumerate(evidence.evidence):
        for j, row_id in enumerate(item.rows):
            if row_id not in row_ids:
                raise ContentError(
                    "content/evidence.yaml",
                    f"evidence[{i}].rows[{j}]",
                    f"no comparison row {row_id!r}",
                )
