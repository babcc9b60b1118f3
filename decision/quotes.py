"""Check that every quoted claim appears word for word in its source document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from decision.load import Content

# The seed documents live beside the repository, in ../shared/seeds/.
SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "`": "'",
    }
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold typographic quote marks to plain ones and runs of whitespace to one space."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def quote_in(quote: str, document: str) -> bool:
    """True when `quote` appears in `document` once both are folded."""
    return fold(quote) in fold(document)


@dataclass(frozen=True)
class MissingQuote:
    claim_id: str
    source_id: str
    seed_file: str
    quote: str

    def __str__(self) -> str:
        return f"{self.claim_id}: not found in {self.seed_file} ({self.source_id}): {self.quote!r}"


def missing_quotes(content: Content, seeds_dir: Path = SEEDS_DIR) -> list[MissingQuote]:
    """Every claim whose quote is not in its source's seed document."""
    documents: dict[str, str] = {}
    missing = []
    for claim in content.claims:
        source = content.sources[claim.source]
        if source.seed_file not in documents:
            documents[source.seed_file] = (seeds_dir / source.seed_file).read_text(encoding="utf-8")
        if not quote_in(claim.quote, documents[source.seed_file]):
            missing.append(MissingQuote(claim.id, source.id, source.seed_file, claim.quote))
    return missing
