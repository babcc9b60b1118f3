"""What a person sees of the published evidence: beside the claims at each step, as icon
arrays on "What studies found", the warning signs, and the disclosures."""

from __future__ import annotations

import json
import re

import pytest
from apptest_helpers import folded, headings, open_page, visible_text

from bench.pages import APP
from bench.server import Server
from bench.wsclient import Client, run_session
from decision.evidence import GROUPS, evidence_at, figures_for, flag_evidence, flagged_claims
from decision.frequencies import in_words
from decision.judging import examples, missing_example_quotes, named_by
from decision.quotes import fold
from decision.text import escape_math, format_date

NEW_PAGES = ["pages/evidence.py", "pages/judging_claims.py", "pages/about.py"]
ALL_PAGES = ["pages/home.py", "pages/walkthrough.py", "pages/glossary.py", *NEW_PAGES]


@pytest.mark.parametrize("page", NEW_PAGES)
def test_new_pages_render_with_their_disclaimer(page):
    """Each new page opens without an error and says it is information, not medical advice."""
    at = open_page(page)
    assert "This aid gives information, not medical advice." in visible_text(at)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_footer_discloses_dates_and_funding_and_links_to_about(page, content):
    """Every page's footer gives the publication and evidence-search dates, says there is no
    funding from any clinic, and links to the About page."""
    at = open_page(page)
    captions = " ".join(c.value for c in at.caption)
    assert "Published 22 November 2026. Evidence last searched 22 November 2026." in captions
    assert "no funding from, and no links with, any clinic" in folded(captions)
    assert "about" in [link.proto.page for link in at.get("page_link")]


# --- The walkthrough -------------------------------------------------------------------------


def _pick(at, treatment_id):
    at.radio(key="walk_treatment").set_value(treatment_id).run()
    assert not at.exception


def _whole_treatment(at):
    """The whole-treatment section, opened as a person would (it is drawn while open)."""
    at.session_state["walk_whole"] = True
    at.run()
    assert not at.exception
    return next(e for e in at.expander if e.label.startswith("What the documents say about"))


def _in_separate_columns(node, left: str, right: str) -> bool:
    """True when the two headings head two different columns (side by side on wide screens)."""
    columns = list(node.columns)
    lefts = [i for i, c in enumerate(columns) if left in headings(c, 3)]
    rights = [i for i, c in enumerate(columns) if right in headings(c, 3)]
    return bool(lefts and rights and set(lefts).isdisjoint(rights))


def test_every_step_sets_studies_beside_the_documents(content):
    """On every step of every treatment, "What the documents state" and "What published
    studies found" are both shown, in two columns, with the studies placed at that step (or
    a sentence saying none is about this step)."""
    at = open_page("pages/walkthrough.py")
    for treatment_id, treatment in content.treatments.items():
        _pick(at, treatment_id)
        for index, step in enumerate(treatment.steps):
            at.selectbox(key="walk_step").set_value(index).run()
            assert _in_separate_columns(
                at, "What the documents state", "What published studies found"
            )
            text = folded(visible_text(at))
            items = evidence_at(content, treatment_id, step.id)
            if not items:
                assert "No study in this aid is about this step on its own." in text
            for item in items:
                assert item.name in text, (treatment_id, step.id, item.id)
                assert folded(item.figure) in text, (treatment_id, step.id, item.id)


def test_whole_treatment_section_sets_studies_beside_the_documents(content):
    """The whole-treatment section shows every study placed on the treatment, with its
    figures out of 100 people, beside the documents' claims."""
    at = open_page("pages/walkthrough.py")
    words = content.pages["evidence"]
    for treatment_id in content.treatments:
        _pick(at, treatment_id)
        block = _whole_treatment(at)
        assert _in_separate_columns(
            block, "What the documents state", "What published studies found"
        )
        text = folded(visible_text(block))
        for item in evidence_at(content, treatment_id, None):
            assert item.name in text
            for p in item.proportions:
                assert folded(in_words(p, content.outcomes[p.outcome], words)) in text


def test_flagged_claim_shows_a_flag_with_its_note_and_citation(content):
    """The 0% treatment-related mortality claim shows a flag (an icon and the words
    "Conflicts with published evidence."), the neutral note, and the studies it cites."""
    claim = next(c for c in content.claims if c.id == "pirogov_mortality_zero")
    at = open_page("pages/walkthrough.py")
    _pick(at, "ahsct_non_myeloablative")
    block = _whole_treatment(at)
    flags = [w for w in block.warning if folded(claim.flag.note) in folded(w.value)]
    assert len(flags) == 1
    assert flags[0].icon == ":material/flag:"
    assert "Conflicts with published evidence." in flags[0].value
    for item in flag_evidence(content, claim):
        assert item.name in flags[0].value and item.citation.rstrip(".") in flags[0].value


# --- What studies found ----------------------------------------------------------------------


def _evidence_page(content):
    """ "What studies found" with every point and every group of studies opened, as a person
    would open them (each is drawn while it is open)."""
    at = open_page("pages/evidence.py")
    for outcome in content.outcomes:
        at.session_state[f"evidence_outcome_{outcome}"] = True
    for group in GROUPS:
        at.session_state[f"evidence_group_{group}"] = True
    at.run()
    assert not at.exception
    return at


def test_each_point_shows_its_studies_and_claims_once_opened_and_hides_them_when_closed(content):
    """A closed point shows only its name; opened, it shows the documents' claims, the
    studies' pictures and the table; closed again, they go."""
    at = open_page("pages/evidence.py")
    outcome = content.outcomes["treatment_death"]

    def point():
        return next(e for e in at.expander if e.label == outcome.name)

    assert not point().table and not point().get("vega_lite_chart")
    at.session_state[f"evidence_outcome_{outcome.id}"] = True
    at.run()
    inside = folded(visible_text(point()))
    for claim in (x for x in content.claims if x.id in outcome.claims):
        assert folded(claim.plain) in inside
    assert len(point().get("vega_lite_chart")) == len(figures_for(content, outcome))
    assert len(point().table) == 1
    at.session_state[f"evidence_outcome_{outcome.id}"] = False
    at.run()
    assert not point().table and not point().get("vega_lite_chart")


def _charts(at):
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def test_each_figure_has_an_icon_array_whose_alt_text_states_its_takeaway(content):
    """Every published figure gets a 10 by 10 icon array with a title, and a description
    (its accessible name) that is the same sentence the page shows beside it."""
    at = _evidence_page(content)
    words = content.pages["evidence"]
    expected = [
        in_words(f.proportion, outcome, words)
        for outcome in content.outcomes.values()
        for f in figures_for(content, outcome)
    ]
    specs = _charts(at)
    assert [s["description"] for s in specs] == expected
    shown = [folded(m.value) for m in at.markdown]
    for sentence in expected:
        assert folded(sentence) in shown
    for spec in specs:
        assert spec["title"]["text"]


def test_icon_arrays_tell_people_apart_by_colour_and_shape(content):
    """Affected and unaffected people differ in both colour and shape, the legend labels
    carry the counts, and the grid has no meaningless axes."""
    at = _evidence_page(content)
    spec = _charts(at)[0]
    colour, shape = spec["encoding"]["color"], spec["encoding"]["shape"]
    assert colour["field"] == shape["field"] == "person"
    assert len(set(colour["scale"]["range"])) == 2 and len(set(shape["scale"]["range"])) == 2
    assert colour["scale"]["domain"] == ["17 got worse", "83 did not get worse"]
    assert spec["encoding"]["x"]["axis"] is None and spec["encoding"]["y"]["axis"] is None


def test_each_outcome_repeats_its_figures_in_a_table(content):
    """Beside the pictures, every outcome with figures has a table with the same numbers."""
    at = _evidence_page(content)
    with_figures = [o for o in content.outcomes.values() if figures_for(content, o)]
    assert len(at.table) == len(with_figures)
    progression = at.table[0].value
    assert list(progression["Out of 100 people"]) == ["about 17", "about 23", "about 5", "about 62"]
    assert "over about 2 years of follow-up" in list(progression["Time frame"])


def test_different_time_frames_are_said_plainly_on_the_page(content):
    """Deaths from the treatment were counted over different times, and the page says so."""
    at = _evidence_page(content)
    notes = [i.value for i in at.info]
    assert any(
        "not counted over the same time" in n and "within 100 days of treatment" in n for n in notes
    )


def test_options_with_no_published_figure_are_named(content):
    """Where no study here gives a figure for an option, the page says which option."""
    text = folded(visible_text(_evidence_page(content)))
    assert (
        "No study in this aid gives a figure on this for: Mesenchymal stem cell (MSC) therapy."
        in text
    )


def test_documents_claims_are_shown_on_the_same_point(content):
    """The documents' own mortality figures are shown beside the published ones, flagged."""
    at = _evidence_page(content)
    text = folded(visible_text(at))
    for claim_id in content.outcomes["treatment_death"].claims:
        claim = next(c for c in content.claims if c.id == claim_id)
        assert folded(claim.plain) in text
        assert folded(claim.flag.note) in text


def test_every_study_and_guidance_is_listed_with_its_citation(content):
    """The page ends with every evidence item, its citation and the date it was checked."""
    at = _evidence_page(content)
    text = folded(visible_text(at))
    for item in content.evidence.values():
        assert item.name in text and folded(item.citation) in text
    assert "Last checked: 22 November 2026" in text
    groups = [e.label for e in at.expander]
    assert any(label.startswith("What we don't know yet: trials still running") for label in groups)


def test_each_study_card_shows_its_citation_and_date_in_view(content):
    """A study's card says, in its own text and not behind a further click, where the figures
    come from and when they were last checked."""
    at = _evidence_page(content)
    # Each card's text as a person reads it: without Markdown escapes or bold.
    cards = [folded(re.sub(r"\\(.)", r"\1", m.value.replace("**", ""))) for m in at.markdown]
    for item in content.evidence.values():
        card = next(text for text in cards if item.name in text and "Citation:" in text)
        assert f"Citation: {folded(item.citation)}" in card, item.id
        assert f"Last checked: {format_date(item.last_checked)}" in card, item.id


# --- How to judge a clinic's claims ----------------------------------------------------------


def test_warning_sign_examples_are_verbatim_in_their_documents(content, seeds_dir):
    """Every example on the judging page is word for word in the document it is from."""
    assert missing_example_quotes(content, seeds_dir) == []


def test_issue_warning_signs_each_have_a_named_body_and_an_example(content):
    """Paid treatment outside a trial, claims of no risk, one treatment for many diseases,
    testimonials instead of data, and registration presented as approval are all there,
    each named by at least one body and shown with at least one example."""
    signs = {s.id: s for s in content.warning_signs}
    for sign_id in [
        "paid_outside_trial",
        "no_risk",
        "many_diseases",
        "testimonials",
        "registration_as_approval",
    ]:
        assert named_by(content, signs[sign_id]) and examples(content, signs[sign_id])
    bodies = {b.id for s in content.warning_signs for b in named_by(content, s)}
    assert {"fda_2021", "isscr_closer_look", "nmss_2021", "ms_society_uk"} <= bodies


def test_judging_page_quotes_every_example_and_says_who_wrote_it(content):
    """Each warning sign shows the bodies that name it, and each example quoted in full with
    the name of the document it is from."""
    at = open_page("pages/judging_claims.py")
    text = visible_text(at)
    quotes = " ".join(
        fold(line) for m in at.markdown for line in m.value.split("\n\n") if line.startswith("> ")
    )
    quotes = quotes.replace("\\", "")
    for sign in content.warning_signs:
        assert sign.sign in [h.value for h in at.header]
        for body in named_by(content, sign):
            assert body.name in text
        for ex in examples(content, sign):
            assert f"From {ex.source.name}, word for word:" in text
            assert fold(ex.quote) in quotes


def test_judging_page_lists_every_flagged_claim(content):
    """Every claim flagged anywhere is also listed on the judging page, with its flag."""
    at = open_page("pages/judging_claims.py")
    section = next(e for e in at.expander if e.label.endswith("claims with a flag"))
    assert not section.warning  # drawn once opened, as a person would open it
    at.session_state["judging_flagged"] = True
    at.run()
    section = next(e for e in at.expander if e.label.endswith("claims with a flag"))
    assert section.label == f"The {len(flagged_claims(content))} claims with a flag"
    flags = " ".join(folded(w.value) for w in section.warning)
    for claim in flagged_claims(content):
        assert folded(claim.flag.note) in flags


def test_the_flagged_claims_open_without_the_rest_of_the_page_running_again(content):
    """Opening the flagged claims on Judging claims redraws that section only, not the page."""
    # As the browser asks for it (a fragment, issue 8): the cards arrive, the title does not.
    title = content.text("judging_claims", "title")
    first = flagged_claims(content)[0]

    async def steps(client: Client) -> None:
        await client.rerun(page="judging_claims")
        assert title in client.texts
        assert escape_math(first.plain) not in "\n".join(client.texts)
        await client.expand("judging_flagged", True)
        assert client.fragment_runs == 1
        assert escape_math(first.plain) in "\n".join(client.texts)
        assert title not in client.texts

    with Server(APP) as server:
        run_session(server, steps)


# --- About -----------------------------------------------------------------------------------


def test_about_page_carries_the_disclosures_and_every_source(content):
    """The About page gives the publication date, the evidence search date, the update
    policy, who made it, its funding, conflicts of interest (none with any clinic), the five
    documents and every evidence citation."""
    text = folded(visible_text(open_page("pages/about.py")))
    d = content.disclosures
    assert "Content published: 22 November 2026" in text
    assert "Evidence last searched: 22 November 2026" in text
    for words in (d.update_policy, d.made_by, d.funding, d.conflicts):
        assert folded(words) in text
    assert "no funding from any clinic" in text
    for source in content.sources.values():
        assert source.name in text
    for item in content.evidence.values():
        assert folded(item.citation) in text
