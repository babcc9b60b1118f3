"""Every quote is word for word in the seed document it is attributed to."""

from __future__ import annotations

import pytest

from decision.load import load_content
from decision.quotes import fold, missing_quotes, quote_in

CLAIMS = load_content().claims


def test_folding_ignores_whitespace_and_typographic_quote_marks():
    """Line breaks, double spaces and curly quotes do not stop a quote matching."""
    assert quote_in("it's  in\nthe \u201cdocument\u201d", 'Yes, it\u2019s in the "document" here.')
    assert fold(" a\u00a0 b ") == "a b"


def test_folding_does_not_hide_changed_words():
    """A quote with a changed word, letter or number is not found."""
    document = "The TRM (treatment-related mortality) rate is at 0%!"
    assert not quote_in("The TRM rate is at 0%!", document)
    assert not quote_in("rate is at 1%", document)


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_quote_is_verbatim_in_its_source(claim, content, seeds_dir):
    """The quote appears in the named source's document, word for word."""
    source = content.sources[claim.source]
    document = (seeds_dir / source.seed_file).read_text(encoding="utf-8")
    assert quote_in(claim.quote, document), f"{claim.id}: quote not in {source.seed_file}"


def test_no_quote_is_missing(content, seeds_dir):
    """The whole-content check agrees: no quote is missing from its document."""
    assert [str(m) for m in missing_quotes(content, seeds_dir)] == []


def _criteria_quotes():
    """Words the criteria quote directly (not through a claim), with their source."""
    content = load_content()
    for group in content.criteria.sources:
        quoted = [group.intro] if group.intro else []
        quoted += [*group.criteria, *group.also_says]
        for item in quoted:
            if item.quote is not None:
                yield pytest.param(group.source, item.quote, id=f"{group.source}:{item.quote[:30]}")


@pytest.mark.parametrize(("source_id", "quote"), list(_criteria_quotes()))
def test_criteria_quotes_are_verbatim_in_their_source(source_id, quote, content, seeds_dir):
    """A criterion that quotes its source directly quotes it word for word."""
    document = (seeds_dir / content.sources[source_id].seed_file).read_text(encoding="utf-8")
    assert quote_in(quote, document), f"{source_id}: quote not in its document: {quote!r}"
