"""What published studies found: figures out of 100 people, with icon arrays, beside what
the documents state on the same point; then every study and piece of guidance."""

import pandas as pd
import streamlit as st

from decision.evidence import (
    GROUPS,
    USUAL_CARE,
    Figure,
    figures_for,
    group_of,
    options_without_figures,
)
from decision.frequencies import in_words, natural_frequency, time_frame_note
from decision.models import Outcome
from pages.charts import ChartSpec, prepare
from pages.icon_array import icon_array
from pages.shared import (
    claim_card,
    content,
    content_cache,
    drawn_while_open,
    evidence_card,
    footer,
    md,
    say,
    say_all,
    say_under,
    t,
)

c = content()
words = c.pages["evidence"]


def option_name(option: str) -> str:
    if option in c.treatments:
        return c.treatments[option].name
    if option == USUAL_CARE:
        return t("evidence", "option_usual_dmt")
    return option


def table_row(figure: Figure) -> dict[str, str]:
    p, nf = figure.proportion, natural_frequency(figure.proportion)
    if nf.zero_upper is not None:
        per_100 = t("evidence", "per_100_none").format(denominator=nf.denominator)
    elif nf.under_one:
        per_100 = t("evidence", "per_100_under_one")
    else:
        per_100 = t("evidence", "per_100_about").format(count=nf.count)
    if nf.low is not None and nf.high is not None:
        likely = t("evidence", "range_cell").format(low=nf.low, high=nf.high, per=nf.per)
    else:
        likely = t("evidence", "no_range")
    return {
        t("evidence", "col_group"): p.group,
        t("evidence", "col_study"): figure.item.name,
        t("evidence", "col_type"): t("evidence", f"study_type_{figure.item.study_type}"),
        t("evidence", "col_people"): f"{p.denominator:,}",
        t("evidence", "col_per_100"): per_100,
        t("evidence", "col_range"): likely,
        t("evidence", "col_time"): p.time.words,
    }


st.title(t("evidence", "title"))
say_all(
    md(t("evidence", "intro")),
    "### " + md(t("evidence", "reading_heading")),
    md(t("evidence", "reading_body")),
    md(t("evidence", "limits_body")),
)


@content_cache
def _icon_array(outcome_id: str, item_id: str, index: int) -> ChartSpec:
    """The icon array of one figure (the index-th on its outcome), built once per process."""
    outcome = c.outcomes[outcome_id]
    figure = figures_for(c, outcome)[index]
    assert figure.item.id == item_id
    p = figure.proportion
    return prepare(
        icon_array(
            natural_frequency(p),
            title=p.group,
            subtitle=p.time.words,
            description=in_words(p, outcome, words),
            affected_label=outcome.affected_label,
            not_affected_label=outcome.not_affected_label,
            legend_title=t("evidence", "chart_people_label"),
        )
    )


def show_figure(figure: Figure, outcome: Outcome, key: str, index: int) -> None:
    """One figure: its icon array, the same numbers in words, its source and how sure it is."""
    p, item = figure.proportion, figure.item
    sentence = in_words(p, outcome, words)
    kind = t("evidence", f"study_type_{item.study_type}")
    st.vega_lite_chart(
        spec=_icon_array(outcome.id, figure.item.id, index).spec(),
        key=key,
        width="content",
    )
    say(sentence)
    st.caption(
        t("evidence", "figure_source").format(
            name=item.name, study_type=kind, people=f"{p.denominator:,}"
        )
    )
    with st.expander(t("evidence", "figure_details")):
        say(t("evidence", "card_people_guidance"), population=item.population)
        say(t("evidence", "card_sure"), uncertainty=item.uncertainty)


say_under(t("evidence", "outcomes_heading"), md(t("evidence", "outcomes_intro")))
for outcome in c.outcomes.values():
    # Each point is drawn only while it is open (opening it runs the page again): all of
    # them at once would be hundreds of elements at every run. Open, it shows everything.
    section = drawn_while_open(outcome.name, key=f"evidence_outcome_{outcome.id}")
    if section is None:
        continue
    figures = figures_for(c, outcome)
    with section:
        say(outcome.plain)
        with st.container(border=True):
            none = [] if outcome.claims else [md(t("evidence", "no_document_figure"))]
            say_under(t("evidence", "outcome_claims_heading"), *none, level=3)
            for claim in (x for x in c.claims if x.id in outcome.claims):
                claim_card(claim)
        st.subheader(t("evidence", "outcome_studies_heading"))
        if figures:
            st.info(
                time_frame_note([f.proportion for f in figures], words), icon=":material/schedule:"
            )
        # Two figures to a row, so options sit side by side; on phones they stack.
        for start in range(0, len(figures), 2):
            for i, (column, figure) in enumerate(
                zip(st.columns(2, gap="medium"), figures[start : start + 2], strict=False)
            ):
                with column:
                    show_figure(
                        figure,
                        outcome,
                        key=f"evidence_chart_{outcome.id}_{start + i}",
                        index=start + i,
                    )
        missing = options_without_figures(c, outcome)
        if missing:
            say(t("evidence", "no_figure_for"), options="; ".join(map(option_name, missing)))
        if figures:
            st.caption(t("evidence", "table_caption"))
            st.table(
                pd.DataFrame([table_row(f) for f in figures]).set_index(t("evidence", "col_group"))
            )

say_under(t("evidence", "all_studies_heading"), md(t("evidence", "all_studies_intro")))
for group in GROUPS:
    items = [item for item in c.evidence.values() if group_of(item) == group]
    if not items:
        continue
    section = drawn_while_open(
        f"{t('evidence', f'group_{group}')} ({len(items)})", key=f"evidence_group_{group}"
    )
    if section is not None:
        with section:
            for item in items:
                evidence_card(item)

footer()
