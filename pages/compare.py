"""Compare the options: four columns, one row per question, timelines and costs drawn."""

from __future__ import annotations

import functools

import pandas as pd
import pyarrow as pa
import streamlit as st

from decision.comparison import Cell, Option, grid, options
from decision.costs import (
    by_currency,
    distinct_wordings,
    prices_across,
    statements_without_price_across,
    unknown_costs_by_options,
)
from decision.models import ComparisonRow, RowTotal, Term
from decision.text import escape_markdown, escape_math
from decision.timeline import (
    Total,
    add_up,
    chart_rows,
    describe_days,
    treatment_timeline,
)
from decision.walkthrough import terms_in
from pages.charts import ChartSpec, prepare, price_chart, timeline_chart
from pages.shared import (
    answers_hidden,
    arrow_table,
    claim_card,
    content,
    content_cache,
    evidence_card,
    footer,
    md,
    open_section,
    page_link,
    say,
    say_all,
    say_under,
    t,
)

c = content()
# Four columns need the width; on a phone Streamlit stacks them, each with its label.
st.set_page_config(layout="wide")
OPTIONS = options(c)
NAMES = {o.id: o.name for o in OPTIONS}


@content_cache
def _grid() -> list[tuple[ComparisonRow, list[Cell]]]:
    """Every row and cell, worked out once per server process: they hold content only."""
    return grid(c)


GRID = _grid()


def p(key: str) -> str:
    return t("compare", key)


def _count(n: int, one: str, many: str) -> str:
    return p(one) if n == 1 else p(many).format(count=n)


def _counts(cell: Cell) -> dict[str, str]:
    return {
        "statements": _count(len(cell.claims), "statement_one", "statement_many"),
        "documents": _count(len(cell.source_ids), "document_one", "document_many"),
    }


def _step_list(total_steps) -> str:
    return "; ".join(s.step.title for s in total_steps)


def _only_upper(total: Total) -> bool:
    """True when every counted step has only a longest time ("up to"): no shorter figure."""
    return bool(total.counted) and len(total.no_lower) == len(total.counted)


def _total_text(total: Total) -> str:
    shortest = describe_days(total.shortest_days, round_up=False)
    if total.longest_days is None:
        return p("total_open").format(shortest=shortest)
    longest = describe_days(total.longest_days, round_up=True)
    if _only_upper(total):
        return p("total_up_to").format(longest=longest)
    return p("total_span").format(shortest=shortest, longest=longest)


def _total_lines(spec: RowTotal, total: Total) -> tuple[list[str], list[str]]:
    """A total, and everything it leaves out said in words (shown smaller, after it)."""
    if not (total.counted or total.not_stated or total.left_out):
        return [], []  # the option has none of these steps
    notes = []
    if not total.counted:
        line = md(p("total_none"), label=spec.label)
    elif total.longest_days is None:
        line = md(p("total_no_upper"), label=spec.label, total=_total_text(total))
        notes.append(
            escape_math(p("total_no_upper_steps")).format(
                steps=escape_markdown(_step_list(total.no_upper))
            )
        )
    elif _only_upper(total):
        line = md(p("total_only_upper"), label=spec.label, total=_total_text(total))
    else:
        line = md(p("total_range"), label=spec.label, total=_total_text(total))
    for steps, key in (
        (total.not_stated, "total_not_stated"),
        (total.no_lower, "total_no_lower"),
        (total.left_out, "total_left_out"),
    ):
        if steps:
            notes.append(escape_math(p(key)).format(steps=escape_markdown(_step_list(steps))))
    return [line], notes


def _show_total(spec: RowTotal, total: Total) -> None:
    lines, notes = _total_lines(spec, total)
    if lines:
        say_all(*lines)
    for note in notes:
        st.caption(note)


def _summary(cell: Cell) -> None:
    """The short answer for one option: our words, stated times added up, how much the
    documents say, or that they say nothing. Its paragraphs go out as few elements as the
    notes and warnings between them allow: each element is a cost at every run (issue 8)."""
    with st.container(border=True):
        text = [md("**{name}**", name=cell.option.name)]
        if cell.ours:
            text += [md(p("ours_label")), *(md(words) for words in cell.ours)]
        for spec, total in cell.totals:
            lines, notes = _total_lines(spec, total)
            text += lines
            if notes:
                say_all(*text)
                text = []
                for note in notes:
                    st.caption(note)
        text.append(md(p("documents_label")))
        if cell.not_stated:
            say_all(*text)
            text = []
            st.warning(cell.row.not_stated, icon=":material/help:")
        else:
            text.append(md(p("documents_count"), **_counts(cell)))
        text.append(md(p("evidence_label")))
        if cell.evidence:
            names = "; ".join(item.name for item in cell.evidence)
            text.append(md(p("evidence_names"), names=names))
        else:
            text.append(md(p("evidence_none")))
        say_all(*text)


def _published_evidence(cell: Cell) -> None:
    """Published evidence for this row and option, after what the documents state."""
    if cell.evidence:
        say(p("evidence_label"))
        for item in cell.evidence:
            evidence_card(item)


SHOWN = "compare_shown_"  # + row id + "_" + option id: how many statements are shown there
STEP = 10  # statements shown at first, and added by each "Show more"


def _show_more(key: str) -> None:
    st.session_state[key] = st.session_state.get(key, STEP) + STEP


def _details(cell: Cell) -> None:
    """What the documents say for one option, each claim with its source and quote: ten at a
    time, for every option alike ("Show more" adds ten), then the published evidence. The
    results of MSC therapy are 40 statements; all of them at once was a long read on a phone
    and 200 elements at every run (issue 8)."""
    if cell.not_stated:
        st.warning(cell.row.not_stated, icon=":material/help:")
    key = f"{SHOWN}{cell.row.id}_{cell.option.id}"
    shown = cell.claims[: st.session_state.get(key, STEP)]
    for claim in shown:
        claim_card(claim)
    # The button keeps the keyboard's focus as cards come before it (its key names it; a
    # browser test presses it by keyboard).
    left = len(cell.claims) - len(shown)
    if left:
        more = min(STEP, left)
        st.caption(md(p("shown_count"), shown=str(len(shown)), total=str(len(cell.claims))))
        st.button(
            p("show_more" if more > 1 else "show_one_more").format(count=more),
            key=f"{key}_more",
            help=p("show_more_help").format(step=STEP),
            on_click=_show_more,
            args=(key,),
            icon=":material/expand_more:",
        )
    _published_evidence(cell)


def _glance(row_cells: list[Cell]) -> list[str]:
    texts = []
    for cell in row_cells:
        parts = [p("glance_statements").format(**_counts(cell))] if cell.claims else []
        parts = parts or [p("glance_not_stated")]
        parts += distinct_wordings(claim.cost for claim in cell.claims if claim.cost)
        for _, total in cell.totals[:1]:  # the first total is the whole time
            if total.counted:
                parts.append(p("glance_total").format(total=_total_text(total)))
        texts.append(" · ".join(parts))
    return texts


def _plain_table(frame: pd.DataFrame) -> pa.Table:
    """A table as plain text (st.table reads Markdown in every cell, header and index), in
    the Arrow form Streamlit sends. Each has its row names as an index (shown)."""

    def plain(value: object) -> object:
        return escape_markdown(value) if isinstance(value, str) else value

    frame = frame.map(plain)
    frame.columns = [plain(name) for name in frame.columns]
    frame.index = frame.index.map(plain).rename(plain(frame.index.name))
    return arrow_table(frame)


# Every table on this page shows content only (never a person's answers), so each is built
# and escaped once per server process (the functions below), not at every run.


def _days(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    number = float(value)  # type: ignore[arg-type]
    return f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"


# --- Page -------------------------------------------------------------------------------------
st.title(p("title"))
say_all(md(p("intro")), md(t("common", "not_advice")), md(p("balance_note")))

st.header(p("glance_heading"))


@content_cache
def _glance_table() -> pa.Table:
    return _plain_table(
        pd.DataFrame(
            [_glance(cells) for _, cells in GRID],
            index=pd.Index([row.label for row, _ in GRID], name=p("glance_question")),
            columns=[o.name for o in OPTIONS],
        )
    )


st.table(_glance_table(), hide_index=False, alt=p("glance_heading"))
st.caption(escape_math(p("glance_caption")))


MARK = "compare_mark_"  # + row id: the questions a person marks as important (the summary)


@st.fragment
def _marks() -> None:
    # A fragment: ticking a box redraws only these boxes, not the whole comparison.
    for row, _ in GRID:
        st.checkbox(row.label, key=MARK + row.id, help=p("mark_help"), persist_state="session")


say_under(p("mark_heading"), md(p("mark_intro")), level=3)
if not answers_hidden():  # clinic view: the marks stay hidden (and kept) until shown
    _marks()

say_under(p("questions_heading"), md(p("questions_intro")))
ROW = "compare_row_"  # + row id: whether the person has opened that question
TAB = "compare_tab_"  # + row id: the option whose statements are shown under that question
TIMELINE = "compare_timeline"  # the option whose timeline tab is open
OTHER_COSTS = "compare_other_costs"  # whether "Other things the documents say about cost" is open


def _question(cells: list[Cell]) -> None:
    """An open question: every option's summary, and one option's statements (ten at a time)
    in its tab. The same structure for every row and option: one tab each, so that risks and
    results (and every other question) get equal space. One option's statements at a time:
    choosing a tab runs the question again and draws that one (the first at the start)."""
    row = cells[0].row
    for column, cell in zip(st.columns(len(cells)), cells, strict=True):
        with column:
            _summary(cell)
    if any(cell.not_stated for cell in cells):
        st.caption(escape_math(p("documents_none_note")))
    say(p("read_statements"))
    labels = [f"{cell.option.name} ({len(cell.claims)})" for cell in cells]
    tabs = st.tabs(labels, key=TAB + row.id, on_change="rerun")
    for tab, cell in zip(tabs, cells, strict=True):
        if tab.open:
            with tab:
                _details(cell)


for row, cells in GRID:
    # A question's answers are drawn only while it is open: all of them at once would be
    # about 2,000 elements at every run. Each question is a section of its own (a fragment):
    # opening it, choosing a tab or "Show more" runs only that question again.
    open_section(row.question, ROW + row.id, functools.partial(_question, cells))

# --- Timelines --------------------------------------------------------------------------------
say_under(p("timeline_heading"), md(p("timeline_intro")))
TIMELINES = "compare_timelines"  # whether the timelines are open
PRICES = "compare_prices"  # whether the prices' charts and tables are open


@content_cache
def _timeline_chart(option_id: str) -> ChartSpec:
    """One option's timeline chart, built once per server process: it shows content only."""
    option = next(o for o in OPTIONS if o.id == option_id)
    return prepare(
        timeline_chart(
            chart_rows(treatment_timeline(c, option_id), p("whole_label")),
            title=option.name,
            subtitle=p("chart_title"),
            x_title=p("chart_x"),
            y_title=p("chart_y"),
            legend_title=p("chart_legend"),
            not_stated_label=p("not_stated_mark"),
        )
    )


def _timeline(option: Option) -> None:
    if not option.has_steps:
        say(p("usual_care_timeline"), words=c.usual_care.our_words.get("time", ""))
        return
    timeline = treatment_timeline(c, option.id)
    total = add_up(timeline.steps)
    takeaway = p("timeline_alt").format(
        treatment=option.name,
        total=_total_text(total),
        missing=len(total.not_stated),
        steps=len(total.not_stated) + len(total.counted),
    )
    if total.left_out:
        takeaway += " " + p("timeline_alt_left_out").format(steps=_step_list(total.left_out))
    st.vega_lite_chart(spec=_timeline_chart(option.id).spec(), alt=takeaway)
    st.caption(escape_math(takeaway))
    _show_total(RowTotal(id="all_steps", label=p("chart_total_label")), total)
    st.table(_timeline_table(option.id), hide_index=False, alt=p("timeline_table_caption"))
    st.caption(p("timeline_table_caption"))
    for entry in (*timeline.steps, timeline.whole):
        for claim in entry.in_words:
            say(
                p("table_in_words"),
                step=entry.step.title if entry.step else p("whole_label"),
                source=c.sources[claim.source].name,
                words=" ".join(claim.plain.split()),
            )


@content_cache
def _timeline_table(option_id: str) -> pa.Table:
    """One option's timeline as a table (the chart's figures), built once per process."""
    rows = chart_rows(treatment_timeline(c, option_id), p("whole_label"))
    table = pd.DataFrame(
        [
            {
                p("col_step"): r["step"],
                p("col_source"): r["source"] or "",
                p("col_stated"): r["stated"] or p("table_not_stated"),
                p("col_shortest"): _days(r["shortest_days"]),
                p("col_longest"): _days(r["longest_days"]),
                p("col_some_forms"): p("some_forms_yes") if r["some_forms"] else "",
                p("col_note"): r["note"],
            }
            for r in rows
        ]
    )
    return _plain_table(table.set_index(p("col_step")))


# Drawn only while open, as the questions above are: a chart and its table at every run
# were much of the page's cost. One option's timeline at a time: choosing a tab runs the
# section again and draws that one (the first is open at the start). Each tab shows the same
# parts for every option.
def _timelines() -> None:
    say(p("timeline_units"))
    st.caption(escape_math(p("total_overlap")))
    timeline_tabs = st.tabs([o.name for o in OPTIONS], key=TIMELINE, on_change="rerun")
    for tab, option in zip(timeline_tabs, OPTIONS, strict=True):
        if tab.open:
            with tab:
                _timeline(option)


open_section(p("timelines_open"), TIMELINES, _timelines)

# --- Costs ------------------------------------------------------------------------------------
say_under(p("costs_heading"), md(p("costs_intro")))
prices = prices_across(c, list(NAMES))
qualifier = {
    q: p(f"qualifier_{q.replace(' ', '_')}") for q in ("exactly", "from", "up to", "about")
}


def _price_rows(group) -> list[dict[str, object]]:
    return [
        {
            "row": f"{view.price.source_name}: {view.cost.as_written}",
            "source": view.price.source_name,
            "as_written": view.cost.as_written,
            "amount": view.cost.amount,
            "currency": view.cost.currency,
            "covers": view.cost.covers or p("covers_not_stated"),
        }
        for view in group
    ]


@content_cache
def _price_chart(currency: str) -> ChartSpec:
    """The chart of the prices stated in one currency, built once per server process."""
    group = by_currency(prices_across(c, list(NAMES)))[currency]
    return prepare(
        price_chart(
            _price_rows(group),
            title=p("cost_chart_title").format(currency=currency),
            x_title=p("cost_x").format(currency=currency),
            y_title=p("cost_y"),
        )
    )


@content_cache
def _price_table(currency: str) -> pa.Table:
    """The prices stated in one currency as a table (the chart's figures), built once."""
    group = by_currency(prices_across(c, list(NAMES)))[currency]
    return _plain_table(
        pd.DataFrame(
            [
                {
                    p("col_price"): f"{view.cost.as_written} ({view.cost.currency})",
                    p("col_amount").format(currency=currency): f"{view.cost.amount:,.0f}",
                    p("col_kind"): qualifier[view.cost.qualifier],
                    p("col_source"): view.price.source_name,
                    p("col_for"): "; ".join(o.name for o in OPTIONS if o.id in view.option_ids),
                    p("col_covers"): view.cost.covers or p("covers_not_stated"),
                }
                for view in group
            ]
        ).set_index(p("col_price"))
    )


def _prices() -> None:
    """Each currency's prices: a chart, its takeaway, and a table with the same figures."""
    st.info(p("no_conversion"), icon=":material/currency_exchange:")
    for currency, group in by_currency(prices).items():
        st.subheader(p("currency_heading").format(currency=currency))
        rows = _price_rows(group)
        not_covered = sum(1 for view in group if not view.cost.covers)
        takeaway = p("cost_alt").format(
            currency=currency,
            prices="; ".join(f"{r['source']}, {r['as_written']}" for r in rows),
            not_covered=not_covered,
            count=len(group),
        )
        st.vega_lite_chart(spec=_price_chart(currency).spec(), alt=takeaway)
        st.caption(escape_math(takeaway))
        st.table(_price_table(currency), hide_index=False, alt=p("cost_table_caption"))
        st.caption(p("cost_table_caption"))


# Drawn only while open, as the timelines are.
open_section(p("prices_open").format(count=len(prices)), PRICES, _prices)


priced = {o for view in prices for o in view.option_ids}
unpriced = [o.name for o in OPTIONS if o.id not in priced]
if unpriced:
    st.warning(p("no_price_for").format(options="; ".join(unpriced)), icon=":material/help:")

others = statements_without_price_across(c, list(NAMES))
if others:

    def _other_costs() -> None:
        for claim in others:
            claim_card(claim)

    open_section(f"{p('other_cost_statements')} ({len(others)})", OTHER_COSTS, _other_costs)

say_under(p("unknowns_heading"), md(p("unknowns_intro")), level=3)
for applies, items in unknown_costs_by_options(c, list(NAMES)):
    say_all(
        md(p("unknowns_for"), options="; ".join(NAMES[o] for o in applies)),
        *(md("- **{label}**: {plain}", label=i.label, plain=i.plain) for i in items),
    )

# --- Words and links --------------------------------------------------------------------------


@content_cache
def _terms() -> list[Term]:
    """The glossary words the comparison uses, found once per server process."""
    texts = [row.question for row, _ in GRID]
    for _, cells in GRID:
        for cell in cells:
            texts += list(cell.ours) + [claim.plain for claim in cell.claims]
    return terms_in(c, *texts)


terms = _terms()
if terms:
    with st.expander(p("words_heading")):
        say_all(*(md("**{term}**: {plain}", term=x.term, plain=x.plain) for x in terms))
page_link("pages/walkthrough.py", label=p("see_walkthrough"), icon=":material/stairs:")
page_link("pages/glossary.py", label=p("see_glossary"), icon=":material/menu_book:")
footer()
