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
    GlossaryFile,
    PageText,
    QuestionsFile,
    Source,
    SourcesFile,
    Term,
    Treatment,
    TreatmentsFile,
)

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"

M = TypeVar("M", bound=BaseModel)


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
    question_bank: QuestionsFile
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
    question_bank = read_model(root / "questions.yaml", QuestionsFile, root)
    _check_questions(question_bank, source_ids)
    steps = {t.id: {s.id for s in t.steps} for t in treatments}
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
            claims.append(claim)

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
        question_bank=question_bank,
        _by_place={k: tuple(v) for k, v in by_place.items()},
    )
