"""The charts are drawn only from figures that can honestly share one scale."""

from __future__ import annotations

import pytest

from pages.charts import price_chart, timeline_chart


def test_a_price_chart_refuses_to_put_two_currencies_on_one_scale():
    """Drawing dollars and euros on one axis would compare them silently; it is refused."""
    rows = [
        {"row": "a", "source": "A", "as_written": "$1", "amount": 1, "currency": "USD"},
        {"row": "b", "source": "B", "as_written": "€1", "amount": 1, "currency": "EUR"},
    ]
    with pytest.raises(ValueError, match="one currency"):
        price_chart(rows, title="t", x_title="x", y_title="y")


def test_a_step_with_no_stated_time_is_a_mark_never_a_bar():
    """In the timeline chart, bars are drawn only for stated times; a step with none gets a
    hollow diamond and the words "not stated" at zero."""
    rows = [
        {
            "order": 1,
            "step": "1. Tests",
            "some_forms": False,
            "status": "stated",
            "source": "A",
            "claim": "a",
            "stated": "1 week",
            "shortest_days": 7.0,
            "longest_days": 7.0,
            "bar_end_days": 7.0,
            "note": "",
        },
        {
            "order": 2,
            "step": "2. Reinfusion",
            "some_forms": False,
            "status": "not stated",
            "source": "",
            "claim": "",
            "stated": "",
            "shortest_days": None,
            "longest_days": None,
            "bar_end_days": None,
            "note": "",
        },
    ]
    spec = timeline_chart(
        rows,
        title="T",
        subtitle="S",
        x_title="Stated time (days)",
        y_title="Step",
        legend_title="Who states it",
        not_stated_label="not stated",
    ).to_dict()
    marks = {}
    for layer in spec["layer"]:
        mark = layer["mark"]["type"]
        filters = [t["filter"] for t in layer.get("transform", []) if "filter" in t]
        marks.setdefault(mark, []).append(" ".join(map(str, filters)))
    assert all("'stated'" in f for f in marks["bar"])
    assert all("'not stated'" in f for f in marks["point"])
    not_stated_text = [
        layer for layer in spec["layer"] if layer["encoding"].get("text") == {"value": "not stated"}
    ]
    assert len(not_stated_text) == 1
