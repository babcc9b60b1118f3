"""Turning content into safe, readable text: Markdown escaping, durations and prices."""

from __future__ import annotations

import re
from datetime import date

from decision.models import Cost, Duration

# Characters that Markdown (and Streamlit's math and emoji syntax) would interpret.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~:=])")


def escape_markdown(text: str) -> str:
    """Escape text so that st.markdown shows it exactly as written, never as markup or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def escape_math(text: str) -> str:
    """Escape only dollar signs, so our own Markdown renders but "$15,000" is not read as math."""
    return text.replace("$", r"\$")


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def _unit(unit: str, value: float) -> str:
    return unit[:-1] if value == 1 else unit


def format_duration(d: Duration) -> str:
    """'4 days', '5 to 15 days', 'up to 3 weeks', 'at least 12 months'."""
    if d.min is not None and d.max is not None:
        if d.min == d.max:
            return f"{_number(d.max)} {_unit(d.unit, d.max)}"
        return f"{_number(d.min)} to {_number(d.max)} {d.unit}"
    if d.max is not None:
        return f"up to {_number(d.max)} {_unit(d.unit, d.max)}"
    assert d.min is not None
    return f"at least {_number(d.min)} {_unit(d.unit, d.min)}"


def format_price(c: Cost) -> str:
    """The price as the source writes it, with its currency code: 'from $15,000 (USD)'."""
    return f"{c.as_written} ({c.currency})"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(d: date) -> str:
    """'22 November 2026': day, month name and year (English whatever the server's locale)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
