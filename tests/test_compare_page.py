"""The comparison page, driven through AppTest: four options, "not stated" cells, and charts
that receive the stated durations and prices."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from apptest_helpers import folded, open_page, visible_text
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from bench.pages import APP
from bench.server import Server
from bench.wsclient import Client, run_session
from decision.comparison import grid, options
from decision.costs import statements_without_price_across
from decision.load import load_content
from decision.text import escape_math
from decision.timeline import to_days

TIMELINES = "compare_timelines"  # whether the timelines are open (drawn only while open)
PRICES = "compare_prices"  # whether the prices' charts and tables are open

PAGE = "pages/compare.py"
_ESCAPE = re.compile(r"\\(.)")


@pytest.fixture(scope="module")
def at(content):
    """The comparison page, opened once, with every question, the timelines and the prices
    opened as a person would (each is drawn while it is open)."""
    at = open_page(PAGE)
    for row in content.comparison.rows:
        at.session_state[f"compare_row_{row.id}"] = True
    at.session_state[TIMELINES] = at.session_state[PRICES] = True
    at.run()
    assert not at.exception
    return at


def _more_button(at, row_id: str):
    """The open tab's "Show more" button under a question, or None once all is shown."""
    prefix = f"compare_shown_{row_id}_"
    found = [b for b in at.button if (b.key or "").startswith(prefix)]
    assert len(found) <= 1, found
    return found[0] if found else None


def _show_all(at, row_id: str) -> int:
    """Press the open tab's "Show more" until every statement is shown, as a person would;
    how many presses that took."""
    for presses in range(20):
        button = _more_button(at, row_id)
        if button is None:
            return presses
        button.click().run()
        assert not at.exception
    raise AssertionError("Show more never ran out")


@pytest.fixture(scope="module")
def option_tabs(at, content) -> dict[tuple[str, str], object]:
    """Under every question, each option's tab as it is once chosen (choosing one runs the
    page and draws that option's statements) and all its statements shown, by (row id, option
    id). The first tab of each question is open again afterwards."""
    seen = {}
    for row, cells in grid(content):
        labels = [tab.label for tab in _row_expander(at, row.question).tabs]
        for label, cell in zip(labels, cells, strict=True):
            at.session_state[f"compare_tab_{row.id}"] = label
            at.run()
            assert not at.exception
            _show_all(at, row.id)
            tabs = _row_expander(at, row.question).tabs
            seen[row.id, cell.option.id] = next(tab for tab in tabs if tab.label == label)
        at.session_state[f"compare_tab_{row.id}"] = labels[0]
        at.run()
    return seen


def test_a_question_shows_its_answers_once_opened(content):
    """A closed question shows only its wording; opened, it shows all four options with a
    tab each, and closing it hides them again."""
    at = open_page(PAGE)
    row = content.comparison.rows[0]
    names = [o.name for o in options(content)]
    assert not _row_expander(at, row.question).tabs
    at.session_state[f"compare_row_{row.id}"] = True
    at.run()
    labels = [tab.label.rsplit(" (", 1)[0] for tab in _row_expander(at, row.question).tabs]
    assert labels == names
    at.session_state[f"compare_row_{row.id}"] = False
    at.run()
    assert not _row_expander(at, row.question).tabs


def test_an_open_question_shows_one_options_statements_at_a_time(content):
    """Under an open question, the first option's statements are shown at the start, and
    another option's once its tab is chosen; each tab's label says how many it holds."""
    at = open_page(PAGE)
    row, cells = next((r, c) for r, c in grid(content) if r.id == "results")
    at.session_state[f"compare_row_{row.id}"] = True
    at.run()
    first, third = cells[0], cells[2]
    only_first = [c for c in first.claims if c.id not in {x.id for x in third.claims}]
    only_third = [c for c in third.claims if c.id not in {x.id for x in first.claims}]
    assert only_first and only_third
    _show_all(at, row.id)
    text = folded(visible_text(_row_expander(at, row.question)))
    assert all(folded(claim.quote) in text for claim in first.claims)
    assert not any(folded(claim.quote) in text for claim in only_third)
    labels = [tab.label for tab in _row_expander(at, row.question).tabs]
    assert labels[2] == f"{third.option.name} ({len(third.claims)})"
    at.session_state[f"compare_tab_{row.id}"] = labels[2]
    at.run()
    _show_all(at, row.id)
    text = folded(visible_text(_row_expander(at, row.question)))
    assert all(folded(claim.quote) in text for claim in third.claims)
    assert not any(folded(claim.quote) in text for claim in only_first)


TIMELINE = "compare_timeline"  # the timeline tab that is open (one is drawn at a time)


def _timeline_tabs(at) -> Iterator[str]:
    """Open each timeline tab in turn, as a person would (each runs the page), yielding its
    label; the first tab is open again afterwards."""
    names = [o.name for o in options(load_content())]
    for name in names:
        at.session_state[TIMELINE] = name
        at.run()
        assert not at.exception
        yield name
    at.session_state[TIMELINE] = names[0]
    at.run()


def _charts_now(at) -> dict[str, tuple[dict, object]]:
    """The charts on the page as it is now, by title: (Vega-Lite spec, proto)."""
    found = {}
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
        found[title] = (spec, chart.proto)
    return found


def _charts(at) -> dict[str, tuple[dict, object]]:
    """Every chart on the page by its title, with each timeline tab opened in turn."""
    found = {}
    for _ in _timeline_tabs(at):
        found |= _charts_now(at)
    return found


def test_timelines_and_prices_are_drawn_once_opened():
    """The timelines and the prices' charts draw nothing while closed; opened, they show
    their charts and tables; closed again, nothing. What no document prices stays in view."""
    at = open_page(PAGE)
    assert not _charts_now(at)
    assert len(at.table) == 1  # the table at a glance
    labels = [e.label for e in at.expander]
    assert "The timelines: a chart and a table for each option" in labels
    assert "The prices the documents state (3): charts and tables" in labels
    assert "No document states a price for: Usual MS treatment (DMT)." in visible_text(at)
    at.session_state[TIMELINES] = True
    at.run()
    assert "Myeloablative aHSCT" in _charts_now(at)
    at.session_state[PRICES] = True
    at.run()
    assert "Prices stated in EUR, as each document writes them" in _charts_now(at)
    assert len(at.table) == 1 + 1 + 2  # at a glance, the open timeline, two currencies
    at.session_state[TIMELINES] = at.session_state[PRICES] = False
    at.run()
    assert not _charts_now(at)


def test_a_timeline_tab_is_drawn_when_chosen(content):
    """The timelines show one option at a time: the first at the start, another once its tab
    is chosen; each tab holds the same parts (a chart or our words, then the table)."""
    at = open_page(PAGE)
    at.session_state[TIMELINES] = True
    at.run()
    names = [o.name for o in options(content)]
    treatments = list(content.treatments.values())
    assert treatments[0].name in _charts_now(at)
    assert treatments[1].name not in _charts_now(at)
    at.session_state[TIMELINE] = treatments[1].name
    at.run()
    assert treatments[1].name in _charts_now(at)
    assert treatments[0].name not in _charts_now(at)
    tab = next(t for t in at.tabs if t.label == treatments[1].name)
    assert tab.table and tab.caption
    assert [t.label for t in at.tabs][-len(names) :] == names


def _chart_data(proto):
    """The rows a chart was given (Streamlit moves them out of the spec, as Arrow)."""
    (dataset,) = proto.datasets
    return convert_arrow_bytes_to_pandas_df(dataset.data.data)


def _days(value) -> float | None:
    """Days for comparing: None for no figure (NaN in the chart data), else rounded."""
    return None if value is None or value != value else round(float(value), 6)


def _plain(value: str) -> str:
    return _ESCAPE.sub(r"\1", value)


def _row_expander(at, question):
    return next(e for e in at.expander if e.label == question)


def test_compare_page_opens_with_its_disclaimer(at):
    """The page opens without an error, says it is not advice, and ranks nothing."""
    assert not at.exception
    text = visible_text(at)
    assert "This aid gives information, not medical advice." in text
    assert "We do not rank the options or pick one for you." in text


def test_every_question_shows_all_four_options(at, content):
    """Each of the eight questions shows a labelled block for each of the four options, and
    one tab per option to read what the documents say."""
    names = [o.name for o in options(content)]
    for row in content.comparison.rows:
        block = _row_expander(at, row.question)
        # Each block's text opens with the option's name in bold, as a paragraph of its own.
        openings = [_plain(m.value).split("\n\n")[0] for m in block.markdown]
        for name in names:
            assert f"**{name}**" in openings, (row.id, name)
        labels = [tab.label for tab in block.tabs]
        assert [label.rsplit(" (", 1)[0] for label in labels] == names


def test_cells_no_document_answers_say_not_stated(at, content, option_tabs):
    """Wherever no document answers a question for an option, the cell says so in words (in
    the block and in its tab), and the table at a glance says "Not stated"."""
    glance = at.table[0].value
    assert [_plain(c) for c in glance.columns] == [o.name for o in options(content)]
    not_stated_somewhere = 0
    for (row, cells), glance_row in zip(grid(content), glance.itertuples(index=False), strict=True):
        expected = sum(cell.not_stated for cell in cells)
        for cell, glance_cell in zip(cells, glance_row, strict=True):
            assert _plain(glance_cell).startswith("Not stated") == cell.not_stated
            in_tab = [w.value for w in option_tabs[row.id, cell.option.id].warning]
            assert (row.not_stated in in_tab) == cell.not_stated, (row.id, cell.option.id)
        # In the blocks above the tabs: one warning per option no document answers, and the
        # open tab's (the first option's) own.
        shown = [w.value for w in _row_expander(at, row.question).warning].count(row.not_stated)
        assert shown == expected + cells[0].not_stated, row.id
        not_stated_somewhere += expected
    assert not_stated_somewhere, "the documents leave gaps; some cells must say so"


def test_usual_care_cost_cell_says_no_document_states_it(at, option_tabs):
    """Usual MS treatment: "No document states what it costs." under the cost question."""
    tab = option_tabs["cost", "usual_dmt"]
    assert tab.label.startswith("Usual MS treatment")
    assert "No document states what it costs." in [w.value for w in tab.warning]


def test_a_long_list_of_statements_is_shown_ten_at_a_time(content):
    """The 40 statements on the results of MSC therapy come ten at a time: the count shown so
    far, and a button for ten more, until all are shown; the published evidence stays after
    them all along. Options with ten or fewer show all, with no button."""
    at = open_page(PAGE)
    row, cells = next((r, c) for r, c in grid(content) if r.id == "results")
    msc = next(cell for cell in cells if cell.option.id == "msc")
    assert len(msc.claims) == 40 and msc.evidence
    at.session_state[f"compare_row_{row.id}"] = True
    at.session_state[f"compare_tab_{row.id}"] = f"{msc.option.name} (40)"
    at.run()
    for shown in (10, 20, 30, 40):
        text = folded(visible_text(_row_expander(at, row.question)))
        # Unique quotes only: two of the 40 may quote the same words.
        quotes = [folded(claim.quote) for claim in msc.claims]
        unique = [q for q in quotes if quotes.count(q) == 1]
        assert all(q in text for q in unique if quotes.index(q) < shown)
        assert not any(q in text for q in unique if quotes.index(q) >= shown)
        assert all(item.name in text for item in msc.evidence)
        button = _more_button(at, row.id)
        if shown == 40:
            assert button is None
            assert "Shown so far" not in text
            break
        assert f"Shown so far: {shown} of the 40 statements." in text
        assert button.label == "Show 10 more statements"
        button.click().run()
        assert not at.exception
    usual = next(cell for cell in cells if cell.option.id == "usual_dmt")
    at.session_state[f"compare_tab_{row.id}"] = f"{usual.option.name} ({len(usual.claims)})"
    at.run()
    assert len(usual.claims) <= 10 and _more_button(at, row.id) is None
    text = folded(visible_text(_row_expander(at, row.question)))
    assert all(folded(claim.quote) in text for claim in usual.claims)


def test_one_statement_left_is_offered_as_one(content):
    """With one statement left to show, the button says "Show 1 more statement"."""
    at = open_page(PAGE)
    row, cells = next((r, c) for r, c in grid(content) if r.id == "involves")
    msc = next(cell for cell in cells if cell.option.id == "msc")
    assert len(msc.claims) == 11
    at.session_state[f"compare_row_{row.id}"] = True
    at.session_state[f"compare_tab_{row.id}"] = f"{msc.option.name} (11)"
    at.run()
    assert _more_button(at, row.id).label == "Show 1 more statement"
    assert _show_all(at, row.id) == 1


def test_each_tab_shows_every_statement_with_its_source_and_quote(content, option_tabs):
    """Under every question, each option's tab shows each selected claim: who says it, our
    plain words and the exact quote."""
    for row, cells in grid(content):
        for cell in cells:
            tab = option_tabs[row.id, cell.option.id]
            assert tab.label.endswith(f"({len(cell.claims)})")
            text = folded(visible_text(tab))
            for claim in cell.claims:
                assert f"{content.sources[claim.source].name} says:" in text, claim.id
                assert folded(claim.plain) in text, claim.id
                assert folded(claim.quote) in text, claim.id


def test_our_words_are_labelled_as_ours(at, content):
    """Our general words on usual care are shown under "In our words", not as a source's."""
    block = _row_expander(at, "What follow-up does it need?")
    text = folded(visible_text(block))
    assert "In our words (general, not from the documents):" in text
    assert folded(content.usual_care.our_words["follow_up"]) in text


def test_timeline_charts_receive_the_stated_durations(at, content):
    """Each treatment's chart is given every stated time at every step, in days, from its
    source; and each step with no stated time as "not stated", with no length."""
    charts = _charts(at)
    for treatment_id, treatment in content.treatments.items():
        _, proto = charts[treatment.name]
        data = _chart_data(proto)
        stated = data[data["status"] == "stated"]
        got = {
            (r.claim, r.source, _days(r.shortest_days), _days(r.longest_days))
            for r in stated.itertuples()
            if r.step != "Whole treatment (not added up)"
        }
        expected = set()
        for step in treatment.steps:
            for claim in content.claims_at(treatment_id, step.id):
                if claim.duration is None:
                    continue
                d = claim.duration
                expected.add(
                    (
                        claim.id,
                        content.sources[claim.source].name,
                        None if d.min is None else _days(to_days(d.min, d.unit)),
                        None if d.max is None else _days(to_days(d.max, d.unit)),
                    )
                )
        assert got == expected, treatment_id
        missing = set(data[data["status"] == "not stated"]["step"])
        unstated = {
            f"{n}. {s.title}"
            for n, s in enumerate(treatment.steps, start=1)
            if not any(c.duration for c in content.claims_at(treatment_id, s.id))
        }
        assert missing == unstated, treatment_id
        assert data[data["status"] == "not stated"]["bar_end_days"].isna().all()


def test_every_chart_has_a_title_axis_titles_alt_text_and_a_table(at):
    """Each chart has a title, titled axes, alt text that states its takeaway (also shown as a
    caption), and its figures beside it in a table."""
    seen = {}
    for _ in _timeline_tabs(at):
        charts = _charts_now(at)
        captions = [_plain(c.value) for c in at.caption]
        for title, (spec, proto) in charts.items():
            assert title
            encodings = [layer["encoding"] for layer in spec["layer"]]
            assert any(e.get("x", {}).get("title") for e in encodings), title
            assert any(e.get("y", {}).get("title") for e in encodings), title
            assert proto.alt and proto.alt in captions, title
        has_timeline = len(charts) - 2  # prices in two currencies are always there
        # The table at a glance, the open timeline's table, one per price chart.
        assert len(at.table) == 1 + (1 if has_timeline else 0) + 2
        seen |= charts
    assert len(seen) == 5  # three timelines, and prices in two currencies


def test_timeline_alt_text_states_the_total_and_what_is_missing(at):
    """Non-myeloablative aHSCT: the stated times add up to 384 days to 1,871 days, and 2 of its
    7 steps have no stated time; MSC therapy says which steps only some forms have."""
    _, proto = _charts(at)["Non-myeloablative aHSCT"]
    assert proto.alt == (
        "Non-myeloablative aHSCT: the stated times, added up step by step, come to 384 days "
        "(about 13 months) to 1,871 days (about 5.1 years). No document states how long 2 of "
        "these 7 steps take."
    )
    _, msc = _charts(at)["Mesenchymal stem cell (MSC) therapy"]
    assert msc.alt.endswith(
        "No document states how long 3 of these 5 steps take. Not added, because only some "
        "forms have them: Taking your own cells (own cells only); Repeat doses."
    )


def test_timeline_total_names_the_steps_it_could_not_count(at):
    """Below the chart, the total says which steps no document gives a time for."""
    at.session_state[TIMELINE] = "Non-myeloablative aHSCT"
    at.run()
    tab = next(t for t in at.tabs if t.label == "Non-myeloablative aHSCT")
    text = folded(_plain(visible_text(tab)))
    at.session_state[TIMELINE] = "Myeloablative aHSCT"  # the first tab again, for other tests
    at.run()
    assert "the stated times add up to 384 days (about 13 months) to 1,871 days" in text
    assert (
        "No document states how long these steps take, so they are not in it: "
        "Getting your stem cells back; Engraftment, in isolation." in text
    )


def test_costs_keep_each_currency_and_list_what_no_one_states(at, content):
    """Prices show in their own currency and words, with "no document states what this price
    includes"; nothing is converted; the unknown costs are listed."""
    charts = _charts(at)
    for currency, amounts in {"EUR": [14000.0], "USD": [15000.0, 15000.0]}.items():
        spec, proto = charts[f"Prices stated in {currency}, as each document writes them"]
        data = _chart_data(proto)
        assert set(data["currency"]) == {currency}
        assert list(data["amount"]) == amounts
    tables = [t.value for t in at.table]
    cells = {_plain(str(v)) for t in tables for v in t.reset_index().to_numpy().ravel()}
    assert {"from €14,000 (EUR)", "from $15,000 (USD)", "starts at $15,000 (USD)"} <= cells
    assert "No document states what this price includes." in cells
    text = visible_text(at)
    assert "We do not convert between currencies." in text
    assert "No document states a price for: Usual MS treatment (DMT)." in text
    for item in content.comparison.unknown_costs:
        assert f"{item.label}: {item.plain}" in text


def test_published_studies_are_shown_beside_what_the_documents_say(at, content, option_tabs):
    """Each row's option blocks say what published studies found, by name, and the studies'
    own cards (findings, who took part, how sure) are in the options' tabs."""
    text = folded(visible_text(at))
    assert "What published studies found:" in text
    assert "MIST trial" in text
    mist = content.evidence["mist_2019"]
    cards = [
        (row.id, cell.option.id)
        for row, cells in grid(content)
        for cell in cells
        if mist in cell.evidence
    ]
    assert cards
    for where in cards:
        assert folded(mist.figure) in folded(visible_text(option_tabs[where])), where


def test_other_cost_statements_show_each_claim_once_opened(content):
    """The documents' other statements about cost (those without a price) are in their own
    section; opened, each shows who says it and what they say."""
    others = statements_without_price_across(content, [o.id for o in options(content)])
    assert others
    at = open_page(PAGE)
    label = f"Other things the documents say about cost ({len(others)})"
    section = next(e for e in at.expander if e.label == label)
    assert not section.markdown
    at.session_state["compare_other_costs"] = True
    at.run()
    text = folded(visible_text(next(e for e in at.expander if e.label == label)))
    for claim in others:
        assert folded(claim.plain) in text
        assert f"{content.sources[claim.source].name} says" in text


def test_a_question_runs_on_its_own_when_opened_or_changed(content):
    """Opening a question, its tabs and "Show more" redraw that question only, not the page."""
    # As the browser asks for them (a fragment, issue 8): the statements arrive and the rest
    # of the page is not sent again; a run of the whole page sends its title again.
    title = content.text("compare", "title")
    heaviest, cells = max(grid(content), key=lambda rc: max(len(c.claims) for c in rc[1]))
    longest = max(cells, key=lambda cell: len(cell.claims))
    assert len(longest.claims) > 10  # so that "Show more" is there to press

    async def steps(client: Client) -> None:
        await client.rerun(page="compare")
        assert title in client.texts
        row, tabs = f"compare_row_{heaviest.id}", f"compare_tab_{heaviest.id}"
        others = [f"compare_row_{r.id}" for r, _ in grid(content) if r.id != heaviest.id]
        assert not client.drawn(tabs)

        await client.expand(row, True)
        assert client.fragment_runs == 1
        assert client.drawn(tabs) and all(client.drawn(key) for key in others)
        assert title not in client.texts

        label = next(x for x in client.widget(tabs).labels if x.startswith(longest.option.name))
        await client.choose(tabs, label)
        more = f"compare_shown_{heaviest.id}_{longest.option.id}_more"
        assert client.fragment_runs == 2 and client.drawn(more)
        assert escape_math(longest.claims[0].plain) in "\n".join(client.texts)
        assert title not in client.texts

        await client.click(more)
        assert client.fragment_runs == 3
        assert escape_math(longest.claims[10].plain) in "\n".join(client.texts)
        assert title not in client.texts

        await client.rerun()  # anything outside the questions runs the whole page
        assert client.fragment_runs == 3 and title in client.texts
        assert client.drawn(tabs) and client.drawn(more)

    with Server(APP) as server:
        run_session(server, steps)
