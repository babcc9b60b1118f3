"""How to judge a clinic's claims: warning signs, each with examples quoted from the documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from decision.load import Content
from decision.models import EvidenceItem, SignExample, Source, WarningSign
from decision.quotes import SEEDS_DIR, quote_in


@dataclass(frozen=True)
class Example:
    """One example as shown: who says it and their exact words, and our note if any."""

    source: Source
    quote: str
    note: str | None


def example(content: Content, ex: SignExample) -> Example:
    """Resolve an example to its source and verbatim quote (from its claim, if it names one)."""
    if ex.claim is not None:
        claim = next(c for c in content.claims if c.id == ex.claim)
        return Example(content.sources[claim.source], claim.quote, ex.note)
    assert ex.source is not None and ex.quote is not None
    return Example(content.sources[ex.source], ex.quote, ex.note)


def examples(content: Content, sign: WarningSign) -> list[Example]:
    return [example(content, ex) for ex in sign.examples]


def named_by(content: Content, sign: WarningSign) -> list[EvidenceItem]:
    """The bodies (evidence items) that name a warning sign."""
    return [content.evidence[e] for e in sign.named_by]


def missing_example_quotes(content: Content, seeds_dir: Path = SEEDS_DIR) -> list[str]:
    """Every warning-sign example whose quote is not word for word in its source's document."""
    missing = []
    for sign in content.warning_signs:
        for i, ex in enumerate(examples(content, sign)):
            document = (seeds_dir / ex.source.seed_file).read_text(encoding="utf-8")
            if not quote_in(ex.quote, document):
                missing.append(f"{sign.id} example {i}: not in {ex.source.seed_file}: {ex.quote!r}")
    return missing
