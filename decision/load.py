"""Load content/ once, validate it strictly, and cross-check its references.

Every failure raises ContentError naming the file and the field, so a maintainer can
find the mistake without reading a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from decision.models import (
    Claim,
    ClaimsFile,
    ComparisonFile,
    CriteriaFile,
    Disclosures,
    EvidenceFile,
    EvidenceItem,
    GlossaryFile,
    Outcome,
    PageText,
    QuestionsFile,
    ReadinessFile,
    Rule,
    Source,
    SourcesFile,
    Term,
    Treatment,
    TreatmentsFile,
    UsualCare,
    UsualCareFile,
    ValuesFile,
    WarningSign,
    WarningSignsFile,
)

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
# Names another content folder to load instead of content/: for a maintainer checking a draft
# (`DECISION_AID_CONTENT_DIR=/path/to/draft streamlit run app.py`), and for the tests.
CONTENT_DIR_ENV = "DECISION_AID_CONTENT_DIR"

M = TypeVar("M", bound=BaseModel)

# The id of the usual-care option (staying on, or changing, disease-modifying treatment).
# Evidence can be placed on it before it exists as a treatment in content/treatments.yaml.
USUAL_CARE = "usual_dmt"


class ContentError(ValueError):
    """Content that does not validate. `file` and `field` say where."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file, self.field, self.problem = file, field, problem
        super().__init__(f"{file}: {field}: {problem}")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping (PyYAML keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _field_path(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def read_model(path: Path, model: type[M], root: Path) -> M:
    """Parse one YAML file into `model`, or raise ContentError naming file and field."""
    name = (
        path.relative_to(root.parent).as_posix() if path.is_relative_to(root.parent) else str(path)
    )
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except OSError as err:
        raise ContentError(name, "(file)", f"cannot be read: {err.strerror}") from err
    except yaml.YAMLError as err:
        raise ContentError(name, "(file)", f"is not valid YAML: {err}") from err
    try:
        return model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        problem = first["msg"]
        if first["type"] == "extra_forbidden":
            problem = "unknown key (not part of the content model)"
        raise ContentError(name, _field_path(first["loc"]), problem) from err


@dataclass(frozen=True)
class Content:
    """All validated content, read-only. Build it with load_content()."""

    sources: dict[str, Source]
    treatments: dict[str, Treatment]
    claims: tuple[Claim, ...]
    glossary: tuple[Term, ...]
    pages: dict[str, dict[str, str]]
    evidence: dict[str, EvidenceItem]
    outcomes: dict[str, Outcome]
    warning_signs: tuple[WarningSign, ...]
    disclosures: Disclosures
    usual_care: UsualCare
    comparison: ComparisonFile
    question_bank: QuestionsFile
    _by_place: dict[tuple[str, str | None], tuple[Claim, ...]] = field(repr=False)
    criteria: CriteriaFile  # who each source and professional body says a treatment is for
    values: ValuesFile  # what may matter to a person, and what bears on it for each option
    readiness: ReadinessFile  # the SURE test and the knowledge check

    @cached_property
    def claims_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def claims_at(self, treatment: str, step: str | None) -> tuple[Claim, ...]:
        """Claims placed at one step of a treatment (step None: about the whole treatment)."""
        return self._by_place.get((treatment, step), ())

    def text(self, page: str, key: str) -> str:
        """A sentence or label from content/pages/<page>.yaml; a missing one is a content error."""
        try:
            return self.pages[page][key]
        except KeyError:
            raise ContentError(f"content/pages/{page}.yaml", key, "missing") from None

    @cached_property
    def term_pattern(self) -> re.Pattern[str]:
        names = sorted({n for t in self.glossary for n in (t.term, *t.also)}, key=len, reverse=True)
        return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I)


def _unique(items: Iterable[Any], what: str, file: str, field_name: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise ContentError(file, f"{field_name}[{i}].id", f"{what} id {item.id!r} repeats")
        seen.add(item.id)


def _check_comparison(
    comparison: ComparisonFile, usual_care: UsualCare, steps: dict[str, set[str]]
) -> None:
    """Cross-check content/comparison.yaml against the options, their steps and usual care."""
    file = "content/comparison.yaml"
    if sorted(comparison.options) != sorted(steps):
        raise ContentError(file, "options", f"must name each option once: {sorted(steps)}")
    _unique(comparison.rows, "row", file, "rows")
    known_steps = set().union(*steps.values())
    for i, row in enumerate(comparison.rows):
        selections = [(f"rows[{i}].steps", row.steps)] + [
            (f"rows[{i}].totals[{k}].steps", total.steps) for k, total in enumerate(row.totals)
        ]
        for where, selection in selections:
            for j, step in enumerate([] if selection == "all" else selection):
                if step not in known_steps:
                    raise ContentError(file, f"{where}[{j}]", f"no option has a step {step!r}")
    _unique(comparison.unknown_costs, "unknown cost", file, "unknown_costs")
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


def _check_questions(bank: QuestionsFile, source_ids: set[str]) -> None:
    """Cross-check content/questions.yaml: unique ids, known topics, sources and lists."""
    name = "content/questions.yaml"
    _unique(bank.topics, "topic", name, "topics")
    _unique(bank.published, "published list", name, "published")
    _unique(bank.questions, "question", name, "questions")
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


def content_dir() -> Path:
    """The content folder to load: content/ beside this package, unless the environment
    variable DECISION_AID_CONTENT_DIR names another one."""
    override = os.environ.get(CONTENT_DIR_ENV, "").strip()
    return Path(override) if override else CONTENT_DIR


def load_content(root: Path | None = None) -> Content:
    """Read and validate every file in the content folder (by default content_dir()); raise
    ContentError on the first problem."""
    root = content_dir() if root is None else Path(root)
    sources = read_model(root / "sources.yaml", SourcesFile, root).sources
    _unique(sources, "source", "content/sources.yaml", "sources")
    treatments = read_model(root / "treatments.yaml", TreatmentsFile, root).treatments
    _unique(treatments, "treatment", "content/treatments.yaml", "treatments")
    glossary = read_model(root / "glossary.yaml", GlossaryFile, root).terms
    _unique(glossary, "term", "content/glossary.yaml", "terms")
    page_files = sorted((root / "pages").glob("*.yaml"))
    if not page_files:
        raise ContentError("content/pages/", "(folder)", "holds no page text files")
    pages = {path.stem: read_model(path, PageText, root).root for path in page_files}

    usual_care = read_model(root / "usual_care.yaml", UsualCareFile, root).usual_care
    if usual_care.id in {t.id for t in treatments}:
        raise ContentError(
            "content/usual_care.yaml", "usual_care.id", f"{usual_care.id!r} is a treatment id"
        )
    if usual_care.id != USUAL_CARE:
        # Evidence, values and claims name the option by this id.
        raise ContentError("content/usual_care.yaml", "usual_care.id", f"must be {USUAL_CARE!r}")

    source_ids = {s.id for s in sources}
    question_bank = read_model(root / "questions.yaml", QuestionsFile, root)
    _check_questions(question_bank, source_ids)
    steps = {t.id: {s.id for s in t.steps} for t in treatments}
    evidence_file = read_model(root / "evidence.yaml", EvidenceFile, root)
    evidence_ids = {e.id for e in evidence_file.evidence}
    # Usual care is an option with no steps: claims about it are about the whole option.
    steps[usual_care.id] = set()
    claims: list[Claim] = []
    seen: set[str] = set()
    claim_files = sorted((root / "claims").glob("*.yaml"))
    if not claim_files:
        raise ContentError("content/claims/", "(folder)", "holds no claims files")
    for path in claim_files:
        name = f"content/claims/{path.name}"
        for i, claim in enumerate(read_model(path, ClaimsFile, root).claims):
            where = f"claims[{i}]"
            if claim.id in seen:
                raise ContentError(name, f"{where}.id", f"claim id {claim.id!r} repeats")
            seen.add(claim.id)
            if claim.source not in source_ids:
                raise ContentError(name, f"{where}.source", f"unknown source {claim.source!r}")
            for j, place in enumerate(claim.at):
                if place.treatment not in steps:
                    raise ContentError(
                        name, f"{where}.at[{j}].treatment", f"unknown treatment {place.treatment!r}"
                    )
                if place.step is not None and place.treatment == usual_care.id:
                    raise ContentError(
                        name,
                        f"{where}.at[{j}].step",
                        f"{usual_care.id!r} has no steps; leave out step to place the claim"
                        " on the whole option",
                    )
                if place.step is not None and place.step not in steps[place.treatment]:
                    raise ContentError(
                        name,
                        f"{where}.at[{j}].step",
                        f"treatment {place.treatment!r} has no step {place.step!r}",
                    )
            if claim.flag is not None:
                for j, ev in enumerate(claim.flag.evidence):
                    if ev not in evidence_ids:
                        raise ContentError(
                            name, f"{where}.flag.evidence[{j}]", f"unknown evidence item {ev!r}"
                        )
            claims.append(claim)

    _check_evidence(evidence_file, steps, {c.id for c in claims})
    disclosures = read_model(root / "disclosures.yaml", Disclosures, root)
    _check_dates(evidence_file, disclosures)
    signs = read_model(root / "warning_signs.yaml", WarningSignsFile, root).signs
    _check_signs(signs, evidence_ids, {c.id for c in claims}, source_ids)
    comparison = read_model(root / "comparison.yaml", ComparisonFile, root)
    _check_comparison(comparison, usual_care, steps)
    row_ids = {row.id for row in comparison.rows}
    for i, item in enumerate(evidence_file.evidence):
        for j, row_id in enumerate(item.rows):
            if row_id not in row_ids:
                raise ContentError(
                    "content/evidence.yaml",
                    f"evidence[{i}].rows[{j}]",
                    f"no comparison row {row_id!r}",
                )

    by_place: dict[tuple[str, str | None], list[Claim]] = {}
    for claim in claims:
        for place in claim.at:
            by_place.setdefault((place.treatment, place.step), []).append(claim)
    claims_by_id = {c.id: c for c in claims}
    criteria = read_model(root / "criteria.yaml", CriteriaFile, root)
    _check_criteria(criteria, source_ids, set(steps), claims_by_id)
    values = read_model(root / "values.yaml", ValuesFile, root)
    _check_values(values, set(steps), claims_by_id)
    readiness = read_model(root / "readiness.yaml", ReadinessFile, root)
    _check_readiness(readiness, {t.id: t for t in treatments}, pages)
    return Content(
        sources={s.id: s for s in sources},
        treatments={t.id: t for t in treatments},
        claims=tuple(claims),
        glossary=tuple(sorted(glossary, key=lambda t: t.term.lower())),
        pages=pages,
        evidence={e.id: e for e in evidence_file.evidence},
        outcomes={o.id: o for o in evidence_file.outcomes},
        warning_signs=tuple(signs),
        disclosures=disclosures,
        usual_care=usual_care,
        comparison=comparison,
        question_bank=question_bank,
        _by_place={k: tuple(v) for k, v in by_place.items()},
        criteria=criteria,
        values=values,
        readiness=readiness,
    )


def _check_rule(rule: Rule, conditions: set[str], file: str, where: str) -> None:
    for i, condition in enumerate(rule.absent or []):
        if condition not in conditions:
            raise ContentError(file, f"{where}.absent[{i}]", f"unknown condition {condition!r}")
    for name in ("all_of", "any_of"):
        for i, part in enumerate(getattr(rule, name) or []):
            _check_rule(part, conditions, file, f"{where}.{name}[{i}]")


def _check_treatments(ids: list[str], treatments: set[str], file: str, where: str) -> None:
    for i, treatment in enumerate(ids):
        if treatment not in treatments:
            raise ContentError(file, f"{where}[{i}]", f"unknown treatment {treatment!r}")


def _check_criteria(
    criteria: CriteriaFile, sources: set[str], treatments: set[str], claims: dict[str, Claim]
) -> None:
    """Every source appears once; claims are the source's own eligibility claims; rules name
    known conditions; ids do not repeat."""
    file = "content/criteria.yaml"
    _unique(criteria.conditions, "condition", file, "conditions")
    _unique(criteria.edss.walking, "walking answer", file, "edss.walking")
    _unique(criteria.bodies, "body", file, "bodies")
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
        _check_treatments(group.treatments, treatments, file, f"{where}.treatments")
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
        _check_treatments(body.treatments, treatments, file, f"bodies[{b}].treatments")
        groups.append((f"bodies[{b}]", body.criteria))
    for where, group_criteria in groups:
        for i, criterion in enumerate(group_criteria):
            if criterion.id in seen_criteria:
                raise ContentError(
                    file, f"{where}.criteria[{i}].id", f"criterion id {criterion.id!r} repeats"
                )
            seen_criteria.add(criterion.id)
            _check_rule(criterion.rule, conditions, file, f"{where}.criteria[{i}].rule")


def _check_values(values: ValuesFile, treatments: set[str], claims: dict[str, Claim]) -> None:
    """Every value says what bears on it for every option, and no option is left out; claims
    shown for an option are placed at that treatment."""
    file = "content/values.yaml"
    _unique(values.options, "option", file, "options")
    _unique(values.values, "value", file, "values")
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


def _fold(text: str) -> str:
    return " ".join(text.split())


def _check_readiness(
    readiness: ReadinessFile, treatments: dict[str, Treatment], pages: dict[str, dict[str, str]]
) -> None:
    """Each knowledge question's answer rests on words that really are in the aid's content."""
    file = "content/readiness.yaml"
    _unique(readiness.knowledge, "question", file, "knowledge")
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
        if _fold(basis.says) not in _fold(text):
            raise ContentError(file, f"{where}.says", "these words are not in the text named")


def _check_places(places: Iterable[Any], steps: dict[str, set[str]], file: str, where: str) -> None:
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


def _check_evidence(data: EvidenceFile, steps: dict[str, set[str]], claim_ids: set[str]) -> None:
    """Evidence ids are unique, and every place, outcome, option and claim it names exists."""
    file = "content/evidence.yaml"
    _unique(data.outcomes, "outcome", file, "outcomes")
    _unique(data.evidence, "evidence", file, "evidence")
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
        _check_places(item.at, steps, file, f"evidence[{i}].at")
        for j, p in enumerate(item.proportions):
            where = f"evidence[{i}].proportions[{j}]"
            if p.outcome not in outcome_ids:
                raise ContentError(file, f"{where}.outcome", f"unknown outcome {p.outcome!r}")
            for k, option in enumerate(p.options):
                if option not in options:
                    raise ContentError(
                        file, f"{where}.options[{k}]", f"unknown treatment {option!r}"
                    )


def _check_dates(data: EvidenceFile, disclosures: Disclosures) -> None:
    """No item can have been checked after the date the aid says the evidence was searched."""
    for i, item in enumerate(data.evidence):
        if item.last_checked > disclosures.evidence_searched:
            raise ContentError(
                "content/evidence.yaml",
                f"evidence[{i}].last_checked",
                f"{item.last_checked} is after the date the evidence was last searched "
                f"({disclosures.evidence_searched}, content/disclosures.yaml)",
            )


def _check_signs(
    signs: list[WarningSign], evidence_ids: set[str], claim_ids: set[str], source_ids: set[str]
) -> None:
    """Every warning sign names known bodies, and its examples name known claims or sources."""
    file = "content/warning_signs.yaml"
    _unique(signs, "warning sign", file, "signs")
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
