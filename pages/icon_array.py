"""Icon arrays: 100 people as a 10 by 10 grid of marks, for one figure from one study.

Drawing only; the numbers come from decision.frequencies. Not a page of its own.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from decision.frequencies import NaturalFrequency, icon_cells

# People who had the outcome: dark orange crosses. People who did not: grey circles.
# Colour and shape both differ, so the chart reads without colour vision; both colours have
# at least 3:1 contrast with a white background.
AFFECTED = {"colour": "#B54708", "shape": "cross"}
NOT_AFFECTED = {"colour": "#6B7280", "shape": "circle"}


def icon_array(
    nf: NaturalFrequency,
    *,
    title: str,
    subtitle: str,
    description: str,
    affected_label: str,
    not_affected_label: str,
    legend_title: str,
) -> alt.Chart:
    """A 10 by 10 icon array. `description` is the chart's accessible name: say its takeaway.

    The grid has no axes: rows and columns mean nothing, only the count of each mark does,
    and that count is in the legend labels, the title and the text beside the chart.
    """
    yes = f"{nf.count} {affected_label}"
    no = f"{nf.per - nf.count} {not_affected_label}"
    frame = pd.DataFrame(
        [
            {"row": cell.row, "column": cell.column, "person": yes if cell.affected else no}
            for cell in icon_cells(nf)
        ]
    )
    domain = [yes, no]
    legend = alt.Legend(title=legend_title, orient="bottom", direction="vertical", labelLimit=0)
    return (
        alt.Chart(
            frame,
            # Vega draws a list as lines; wrapped so a long title never runs past the grid.
            title=alt.Title(textwrap.wrap(title, 30), subtitle=textwrap.wrap(subtitle, 38)),
            description=description,
        )
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=alt.X("column:O", axis=None),
            y=alt.Y("row:O", axis=None),
            color=alt.Color(
                "person:N",
                scale=alt.Scale(domain=domain, range=[AFFECTED["colour"], NOT_AFFECTED["colour"]]),
                legend=legend,
            ),
            shape=alt.Shape(
                "person:N",
                scale=alt.Scale(domain=domain, range=[AFFECTED["shape"], NOT_AFFECTED["shape"]]),
                legend=legend,
            ),
            tooltip=[alt.Tooltip("person:N", title=legend_title)],
        )
        # "pad": the 200 by 200 grid keeps its size and the title and legend add to it;
        # Streamlit's default ("fit") would squeeze the grid to make room for them.
        .properties(width=200, height=200, autosize=alt.AutoSizeParams(type="pad"))
    )
