"""Altair charts for the pages, built from figures that decision/ computes.

No Streamlit calls here: a page shows the chart with st.vega_lite_chart(spec=..., alt=takeaway),
its takeaway as a caption, and the same figures as a table. Charts show content only (never a
person's answers), so a page builds each one once per server process with prepare() in a
cached function: building and validating an Altair chart costs far more than showing it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

NOT_STATED_GREY = "#6b6b6b"
# Altair's theme is global to the process; Streamlit switches it off while it converts a chart.
_THEME_LOCK = threading.Lock()


@dataclass(frozen=True)
class ChartSpec:
    """A chart converted once, as st.altair_chart would convert it: its Vega-Lite spec without
    the data (JSON), and each dataset as Arrow bytes."""

    spec_json: str
    datasets: tuple[tuple[str, bytes], ...]

    def spec(self) -> dict[str, Any]:
        """A fresh copy of the spec for one script run (Streamlit edits the spec it is given)."""
        spec = json.loads(self.spec_json)
        spec["datasets"] = dict(self.datasets)
        return spec


def prepare(chart: alt.TopLevelMixin) -> ChartSpec:
    """Convert an Altair chart to what st.vega_lite_chart needs, without Altair's default
    theme (as st.altair_chart does), with its data as Arrow (as Streamlit would send it)."""
    with _THEME_LOCK:
        theme = alt.theme.enable("none") if alt.theme.active == "default" else nullcontext()
        with theme:
            spec = chart.to_dict()
    datasets = spec.pop("datasets", {})
    return ChartSpec(
        json.dumps(spec),
        tuple((name, convert_anything_to_arrow_bytes(rows)) for name, rows in datasets.items()),
    )


# Zero-width spaces make repeated step labels distinct rows without showing any difference.
_INVISIBLE = "\u200b"


def timeline_chart(
    rows: Sequence[dict[str, object]],
    *,
    title: str,
    subtitle: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    not_stated_label: str,
) -> alt.LayerChart:
    """One bar per stated time (from 0 to the longest stated time), a tick at the shortest
    time where a range is given, and a hollow diamond with "not stated" for a step that has
    no stated time. Each bar has its own row; the step's name is written above its first
    row, so the bars keep the full width on a phone. The source is the colour and is on
    hover, with the document's own words."""
    frame = pd.DataFrame(list(rows))
    repeats: dict[str, int] = {}
    labels, first = [], []
    for step in frame["step"]:
        seen = repeats.get(str(step), 0)
        labels.append(f"{step}{_INVISIBLE * seen}")
        first.append(seen == 0)
        repeats[str(step)] = seen + 1
    frame["row"] = labels
    frame["first_of_step"] = first
    frame["zero"] = 0.0
    longest = pd.to_numeric(frame["bar_end_days"], errors="coerce").max()
    # Room to the right of the longest bar for its label.
    domain_end = float(longest) * 1.5 if pd.notna(longest) and longest > 0 else 10.0

    y = alt.Y(
        "row:N",
        sort=labels,
        title=y_title,
        axis=alt.Axis(labels=False, ticks=False, domain=False),
        scale=alt.Scale(paddingInner=0.05),
    )
    x_scale = alt.Scale(domain=[0, domain_end], nice=False)
    tooltip = [
        alt.Tooltip("step:N", title=y_title),
        alt.Tooltip("source:N", title=legend_title),
        alt.Tooltip("stated:N", title="Stated"),
        alt.Tooltip("shortest_days:Q", title="Shortest (days)", format=",.1f"),
        alt.Tooltip("longest_days:Q", title="Longest (days)", format=",.1f"),
        alt.Tooltip("note:N", title="Note"),
    ]
    base = alt.Chart(frame)
    step_names = (
        base.transform_filter(alt.datum.first_of_step)
        .mark_text(align="left", baseline="bottom", dy=-9, fontSize=12, fontWeight="bold")
        .encode(y=y, x=alt.X("zero:Q", scale=x_scale), text="step:N")
    )
    stated = base.transform_filter(alt.datum.status == "stated")
    bars = stated.mark_bar(height={"band": 0.42}, yOffset=6).encode(
        y=y,
        x=alt.X("bar_end_days:Q", title=x_title, scale=x_scale, axis=alt.Axis(tickCount=8)),
        color=alt.Color(
            "source:N",
            title=legend_title,
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320),
        ),
        tooltip=tooltip,
    )
    shortest = (
        stated.transform_filter(
            "isValid(datum.shortest_days) && isValid(datum.longest_days)"
            " && datum.shortest_days < datum.longest_days"
        )
        .mark_tick(color="black", thickness=2, size=14, yOffset=6)
        .encode(y=y, x=alt.X("shortest_days:Q", scale=x_scale), tooltip=tooltip)
    )
    words = stated.mark_text(align="left", dx=4, dy=6, fontSize=12).encode(
        y=y, x=alt.X("bar_end_days:Q", scale=x_scale), text="stated:N", tooltip=tooltip
    )
    missing = base.transform_filter(alt.datum.status == "not stated")
    diamonds = missing.mark_point(
        shape="diamond", filled=False, size=80, color=NOT_STATED_GREY, strokeWidth=2, yOffset=6
    ).encode(
        y=y,
        x=alt.X("zero:Q", scale=x_scale),
        tooltip=[alt.Tooltip("step:N", title=y_title), alt.Tooltip("status:N", title="Stated")],
    )
    missing_words = missing.mark_text(
        align="left", dx=10, dy=6, fontSize=12, fontStyle="italic", color=NOT_STATED_GREY
    ).encode(y=y, x=alt.X("zero:Q", scale=x_scale), text=alt.value(not_stated_label))
    # A fixed height per row (not a total height): the legend and axes must not squeeze bars.
    return alt.layer(step_names, bars, shortest, words, diamonds, missing_words).properties(
        title=alt.TitleParams(text=title, subtitle=subtitle, anchor="start"),
        height=alt.Step(44),
    )


def price_chart(
    rows: Sequence[dict[str, object]], *, title: str, x_title: str, y_title: str
) -> alt.LayerChart:
    """Prices in ONE currency: a point at each stated figure, labelled with the words the
    document uses. Never given more than one currency."""
    frame = pd.DataFrame(list(rows))
    currencies = set(frame["currency"])
    if len(currencies) != 1:
        raise ValueError(f"a price chart shows one currency, not {sorted(currencies)}")
    domain_end = float(frame["amount"].max()) * 1.6
    x = alt.X("amount:Q", title=x_title, scale=alt.Scale(domain=[0, domain_end], nice=False))
    y = alt.Y("row:N", sort=list(frame["row"]), title=y_title, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip("source:N", title="Who states it"),
        alt.Tooltip("as_written:N", title="As written"),
        alt.Tooltip("amount:Q", title="Amount", format=",.0f"),
        alt.Tooltip("covers:N", title="What it includes"),
    ]
    base = alt.Chart(frame)
    points = base.mark_point(filled=True, size=120).encode(y=y, x=x, tooltip=tooltip)
    words = base.mark_text(align="left", dx=10, fontSize=12).encode(
        y=y, x=x, text="as_written:N", tooltip=tooltip
    )
    return alt.layer(points, words).properties(title=title, height=alt.Step(40))
