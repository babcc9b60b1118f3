"""Load content/ once, validate it strictly, and cross-check its references
(decision/checks.py).

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

from decision import checks
from decision.errors import ContentError
from decision.models import (
    USUAL_CARE,
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
        """Any glossary term or other name of one, as a whole word, longest first, any case."""
        names = {n.lower() for t in self.glossary for n in (t.term, *t.also)}
        return re.compile(r"(?<!\w)(" + _trie_pattern(names) + r")(?!\w)", re.I)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, longest first, as a tree of shared
    starts: a flat list of ~150 names is tried name by name at every word of a text, which
    made finding the terms in a page's questions take ~10 ms."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(rest) for char, rest in node.items() if char]
        if not branches:
            return ""
        joined = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A longer word is tried first; a word may also end here.
        return f"(?:{joined})?" if "" in node else joined

    return pattern(tree)


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
    checks.unique(sources, "source", "content/sources.yaml", "sources")
    treatments = read_model(root / "treatments.yaml", TreatmentsFile, root).treatments
    checks.unique(treatments, "treatment", "content/treatments.yaml", "treatments")
    glossary = read_model(root / "glossary.yaml", GlossaryFile, root).terms
    checks.unique(glossary, "term", "content/glossary.yaml", "terms")
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
    checks.check_questions(question_bank, source_ids)
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
            checks.check_claim(claim, name, where, source_ids, steps, evidence_ids)
            claims.append(claim)

    checks.check_evidence(evidence_file, steps, {c.id for c in claims})
    disclosures = read_model(root / "disclosures.yaml", Disclosures, root)
    checks.check_dates(evidence_file, disclosures)
    signs = read_model(root / "warning_signs.yaml", WarningSignsFile, root).signs
    checks.check_signs(signs, evidence_ids, {c.id for c in claims}, source_ids)
    comparison = read_model(root / "comparison.yaml", ComparisonFile, root)
    checks.check_comparison(comparison, usual_care, steps)
    checks.check_evidence_rows(evidence_file, comparison)

    by_place: dict[tuple[str, str | None], list[Claim]] = {}
    for claim in claims:
        for place in claim.at:
            by_place.setdefault((place.treatment, place.step), []).append(claim)
    claims_by_id = {c.id: c for c in claims}
    criteria = read_model(root / "criteria.yaml", CriteriaFile, root)
    checks.check_criteria(criteria, source_ids, set(steps), claims_by_id)
    values = read_model(root / "values.yaml", ValuesFile, root)
    checks.check_values(values, set(steps), claims_by_id)
    readiness = read_model(root / "readiness.yaml", ReadinessFile, root)
    checks.check_readiness(readiness, {t.id: t for t in treatments}, pages)
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
