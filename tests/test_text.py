"""How durations, prices and odd text are turned into what a person reads."""

from __future__ import annotations

import re
from datetime import date

import pytest

from decision.models import Cost, Duration
from decision.text import escape_markdown, format_date, format_duration, format_price


@pytest.mark.parametrize(
    ("duration", "shown"),
    [
        (Duration(min=4, max=4, unit="days"), "4 days"),
        (Duration(min=1, max=1, unit="weeks"), "1 week"),
        (Duration(min=5, max=15, unit="days"), "5 to 15 days"),
        (Duration(max=3, unit="weeks"), "up to 3 weeks"),
        (Duration(min=12, unit="months"), "at least 12 months"),
        (Duration(min=1.5, max=2, unit="years"), "1.5 to 2 years"),
    ],
)
def test_durations_read_as_the_source_states_them(duration, shown):
    """A single time, a range, an upper or a lower bound each read naturally."""
    assert format_duration(duration) == shown


def test_price_is_shown_as_written_with_its_currency():
    """A price keeps the source's own words and names its currency; it is never converted."""
    cost = Cost(amount=14000, currency="EUR", as_written="from €14,000", qualifier="from")
    assert format_price(cost) == "from €14,000 (EUR)"


def test_markup_in_quotes_is_escaped():
    """HTML, links, emphasis and dollar signs in a quote are shown as text, not markup: every
    special character is escaped, and removing the escapes gives back the exact text."""
    raw = "<script>alert(1)</script> *bold* [x](y) $15,000 and $5 `code` # heading"
    escaped = escape_markdown(raw)
    assert re.search(r"(?<!\\)[<>*\[\]$`#]", escaped) is None
    assert re.sub(r"\\(.)", r"\1", escaped) == raw


def test_dates_read_as_day_month_year_in_words():
    """A date reads "22 November 2026", without a leading zero, whatever the server locale."""
    assert format_date(date(2026, 11, 22)) == "22 November 2026"
    assert format_date(date(2027, 3, 1)) == "1 March 2027"
