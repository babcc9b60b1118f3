"""Load content/ once, validate it strictly, and cross-check its references.

Every failure raises ContentError naming the file and the field, so a maintainer can
find the mistake without reading a traceback.
"""

from __future__ import annotations

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
    Disclosures,
    EvidenceFile,
    EvidenceItem,
    GlossaryFile,
    Outcome,
    PageText,
    Source,
    SourcesFile,
    Term,
    Treatment,
    TreatmentsFile,
    WarningSign,
    WarningSignsFile,
)

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"

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
    _by_place: dict[tuple[str, str | None], tuple[Claim, ...]] = field(repr=False)

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


def load_content(root: Path = CONTENT_DIR) -> Content:
    """Read and validate every file in content/; raise ContentError on the first problem."""
    root = Path(root)
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

    source_ids = {s.id for s in sources}
    steps = {t.id: {s.id for s in t.steps} for t in treatments}
    evidence_file = read_model(root / "evidence.yaml", EvidenceFile, root)
    evidence_ids = {e.id for e in evidence_file.evidence}
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

    by_place: dict[tuple[str, str | None], list[Claim]] = {}
    for claim in claims:
        for place in claim.at:
            by_place.setdefault((place.treatment, place.step), []).append(claim)
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
        _by_place={k: tuple(v) for k, v in by_place.items()},
    )


def _check_places(places: Iterable[Any], steps: dict[str, set[str]], file: str, where: str) -> None:
    for j, place in enumerate(places):
        if place.treatment == USUAL_CARE and place.treatment not in steps:
            if place.step is not None:
                raise ContentError(file, f"{where}[{j}].step", "usual care has no steps")
            continue
        if place.treatment not in steps:
            raise ContentError(
                file, f"{where}[{j}].treatment", f"unknown treatment {place.treatment!r}"
            )
        if place.step is not None and place.step not in steps[place.treatment]:
            raise ContentError(
                file,
                f"{where}[{j}].step",
                f"treatment {place.treatment!r} has no step {place.step!r}",
            )


def _check_evidence(data: EvidenceFile, steps: dict[str, set[str]], claim_ids: set[str]) -> None:
    """Evidence ids are unique, and every place, outcome, option and claim it names exists."""
    file = "content/evidence.yaml"
    _unique(data.outcomes, "outcome", file, "outcomes")
    _unique(data.evidence, "evidence", file, "evidence")
    outcome_ids = {o.id for o in data.outcomes}
    options = set(steps) | {USUAL_CARE}
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
