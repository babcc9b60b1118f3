"""The pages "Is it for me?", "What matters to me" and "How sure I feel", driven through AppTest."""

from __future__ import annotations

import re

import pytest
from apptest_helpers import APP, folded, open_page, visible_text
from streamlit.testing.v1 import AppTest

from decision.answers import Answers, session_from_answers

CRITERIA, VALUES, SURE = "pages/criteria.py", "pages/values.py", "pages/sure.py"
RESULTS = {"Meets it", "Does not meet it", "Cannot tell"}
_ESCAPE = re.compile(r"\\(.)")


def _plain(cell: str) -> str:
    """A table cell as a person reads it: without Markdown escapes, bold or italics."""
    return " ".join(_ESCAPE.sub(r"\1", cell.replace("**", "").replace("*", "")).split())


def _open(at, key: str):
    """Open a section that is drawn only while open, as a person would (it runs the page)."""
    at.session_state[key] = True
    at.run()
    assert not at.exception
    return at


HEALTH = "criteria_health_open"  # "Other health conditions" section
EDSS_GUIDE = "criteria_edss_guide_open"  # "What is the EDSS?"


def _rows(at) -> list[tuple[str, str]]:
    """Every row of every criteria table: (what is stated, going by your answers)."""
    rows = []
    for table in at.table:
        frame = table.value
        if "Going by your answers" in frame.columns:
            rows += [(_plain(a), _plain(b)) for a, b in frame.itertuples(index=False)]
    return rows


def _row(at, stated: str) -> str:
    """The "going by your answers" cell of the one row whose stated words contain `stated`."""
    found = [answer for what, answer in _rows(at) if stated in what]
    assert len(found) == 1, (stated, found)
    return found[0]


@pytest.mark.parametrize("page", [CRITERIA, VALUES, SURE])
def test_each_page_opens_with_its_disclaimer(page):
    """Each page opens without an error and says it is information, not medical advice."""
    at = open_page(page)
    assert not at.exception
    assert "This aid gives information, not medical advice." in visible_text(at)


# --- Is it for me? -------------------------------------------------------------------------------


def test_52_year_old_with_edss_6_5_sees_where_they_stand_against_pirogov():
    """A 52-year-old with EDSS 6.5 reads that they do not meet the Pirogov EDSS criterion, and
    meet its age statement, each with the page's own words and what it was based on."""
    at = open_page(CRITERIA)
    at.number_input(key="criteria_age").set_value(52).run()
    at.selectbox(key="criteria_edss").set_value(6.5).run()
    assert not at.exception
    assert _row(at, "Must have an EDSS score of 6.0 or lower") == (
        "Does not meet it. EDSS: 6.5 (your score)."
    )
    assert _row(at, "more patients above the age of 50 are flying in") == "Meets it. Age: 52."
    assert _row(at, "The patient is under 50 years") == "Does not meet it. Age: 52."


def test_every_result_is_meets_does_not_meet_or_cannot_tell():
    """Each row says one of three things, and never "eligible" or "not eligible"."""
    at = open_page(CRITERIA)
    at.number_input(key="criteria_age").set_value(40).run()
    rows = _rows(at)
    assert len(rows) >= 20
    for _, answer in rows:
        assert answer.split(".")[0] in RESULTS
        assert "eligib" not in answer.lower()


def test_the_page_never_says_eligible_in_its_own_words():
    """Only a source's own quoted words may say "eligible"; the aid's words never do."""
    at = open_page(CRITERIA)
    for element in [*at.markdown, *at.caption, *at.info, *at.warning, *at.header, *at.subheader]:
        for paragraph in element.value.split("\n\n"):
            if not paragraph.startswith(">"):  # a quote from a source
                assert "eligib" not in paragraph.lower(), paragraph
    assert "neurologist" in visible_text(at)


def test_a_bodys_own_notes_stand_apart_from_its_notes_on_criteria(content):
    """A professional body's general notes are a list of their own, not items under "Notes:"
    on its criteria (in one text, Markdown would join the two lists)."""
    at = open_page(CRITERIA)
    texts = [m.value for m in at.markdown]
    for body in content.criteria.bodies:
        assert body.notes
        for note in body.notes:
            words = _plain(note)
            holding = [text for text in texts if words in _plain(text)]
            assert len(holding) == 1, (body.id, note)
            assert "Notes:" not in holding[0], (body.id, note)


def test_every_source_and_body_is_named_and_pages_without_rules_say_so(content):
    """All five documents and both professional bodies appear, with citations; a page that
    states no rules says so."""
    at = open_page(CRITERIA)
    text = folded(visible_text(at))
    for source in content.sources.values():
        assert source.name in text
    assert "US National MS Society (2021)" in text and "ECTRIMS and EBMT" in text
    assert "Source: Miller AE et al. JAMA Neurology 2021;78(2):241-246." in text
    assert text.count("This page states no rules about whom it treats.") == 2


def test_the_edss_explainer_shows_the_scale_and_its_source():
    """ "What is the EDSS?" explains the scale, with its levels in a table and its source."""
    at = open_page(CRITERIA)
    assert not next(e for e in at.expander if e.label == "What is the EDSS?").table
    _open(at, EDSS_GUIDE)
    explainer = next(e for e in at.expander if e.label == "What is the EDSS?")
    scale = explainer.table[0].value
    assert list(scale.columns) == ["EDSS score", "What it means"]
    assert "Needs a stick, crutch or brace on one side" in " ".join(
        _plain(m) for m in scale["What it means"]
    )
    assert "Kurtzke JF" in visible_text(explainer)


def test_a_walking_estimate_is_shown_as_an_estimate_not_a_score():
    """Someone who does not know their score picks how far they can walk; the page says the
    estimate is not a score, and the table says which EDSS it used."""
    at = open_page(CRITERIA)
    at.selectbox(key="criteria_walking").set_value("one_side_support").run()
    warning = " ".join(w.value for w in at.warning).replace("**", "")
    assert "an estimated EDSS of 6.0" in warning
    assert "This is an estimate, not a score. Your neurologist can tell you your score." in warning
    assert _row(at, "Must have an EDSS score of 6.0 or lower") == (
        "Meets it. EDSS: about 6.0 (an estimate from walking, not a score)."
    )


def test_an_entered_score_is_used_instead_of_the_walking_estimate():
    """With both a score and a walking answer, the page says the score is used."""
    at = open_page(CRITERIA)
    at.selectbox(key="criteria_walking").set_value("wheelchair").run()
    at.selectbox(key="criteria_edss").set_value(3.0).run()
    info = " ".join(i.value for i in at.info).replace("**", "")
    assert "Used below: your EDSS score, 3.0. Your score is used, not the walking estimate." in info
    assert _row(at, "Must have an EDSS score of 6.0 or lower") == (
        "Meets it. EDSS: 3.0 (your score)."
    )


def test_a_contraindication_answered_yes_is_named_in_the_result():
    """Answering yes to pregnancy shows Swiss Medica's "pregnancy and lactation" as not met,
    naming the answer."""
    at = _open(open_page(CRITERIA), HEALTH)
    at.radio(key="criteria_condition_pregnant").set_value("yes").run()
    assert _row(at, "pregnancy and lactation") == (
        "Does not meet it. You said yes to: pregnancy or breastfeeding."
    )


def test_a_health_answer_is_kept_and_used_while_its_section_is_closed():
    """The health questions are drawn only while their section is open; an answer given
    there still counts in the results after the section is closed, and shows again when
    it is reopened."""
    at = open_page(CRITERIA)
    assert not [r for r in at.radio if r.key == "criteria_condition_pregnant"]
    _open(at, HEALTH).radio(key="criteria_condition_pregnant").set_value("yes").run()
    at.session_state[HEALTH] = False
    at.run()
    assert not [r for r in at.radio if r.key == "criteria_condition_pregnant"]
    assert _row(at, "pregnancy and lactation") == (
        "Does not meet it. You said yes to: pregnancy or breastfeeding."
    )
    assert _open(at, HEALTH).radio(key="criteria_condition_pregnant").value == "yes"


def test_the_lowered_wording_is_shown_as_a_note():
    """The note on Pirogov's "lowered by 1.0" is shown beside its table."""
    at = open_page(CRITERIA)
    text = folded(visible_text(at))
    assert 'The page says the EDSS score "lowered" by 1.0 or more.' in text


# --- What matters to me ------------------------------------------------------------------------


def test_rating_a_value_shows_what_bears_on_it_for_all_four_options(content):
    """Rating cost "very important" shows it, and what bears on it for each of the four
    options, in their fixed order, with who states each price."""
    at = open_page(VALUES)
    at.segmented_control(key="values_rate_cost").set_value("very").run()
    assert not at.exception
    assert "Cost" in [s.value for s in at.subheader]
    assert "Very important to you" in visible_text(at)
    names = [_plain(m.value) for m in at.markdown if m.value.startswith("**")]
    options = [
        "Myeloablative aHSCT",
        "Non-myeloablative aHSCT",
        "Mesenchymal stem cell (MSC) therapy",
        "Staying on, or changing, your usual MS medicine (DMT)",
    ]
    assert [n for n in names if n in options] == options
    text = _plain(visible_text(at))
    assert "MediGlobus (agency) says: In Turkey, the price starts at $15,000" in text
    assert "Stated price: from $15,000 (USD)." in text


def test_nothing_is_shown_for_values_not_rated_important():
    """Before any rating, the page invites ratings; a value rated not important is listed as
    such and not compared."""
    at = open_page(VALUES)
    assert "Rate how much things matter to you above." in visible_text(at)
    at.segmented_control(key="values_rate_time_away").set_value("not").run()
    assert "You rated these as not important: Time away from home." in visible_text(at)
    assert "Time away from home" not in [s.value for s in at.subheader]


def test_the_values_page_says_it_does_not_score_or_rank():
    """The page says plainly that nothing is added up, scored or ranked."""
    at = open_page(VALUES)
    text = visible_text(at)
    assert "The aid does not add anything up, give the options a score or rank them." in text


def test_odd_text_in_own_words_is_kept_exactly_and_breaks_nothing():
    """HTML, Markdown and any Unicode typed as "anything else that matters" is kept as typed."""
    from decision.answers import answers_from_session

    odd = "<script>alert(1)</script> **bold** $5 [x](y) 💙 ça"
    at = open_page(VALUES)
    at.text_area(key="values_note").input(odd).run()
    assert not at.exception
    assert answers_from_session(at.session_state).values_note == odd


# --- How sure I feel ---------------------------------------------------------------------------


def _answer_sure(at, **answers) -> None:
    for item, answer in answers.items():
        at.radio(key=f"sure_item_{item}").set_value(answer).run()


def test_four_yes_answers_show_4_out_of_4_and_what_it_means():
    """All four SURE answers "yes" show 4 out of 4, and that this suggests feeling ready."""
    at = open_page(SURE)
    assert "Answer all four questions to see your score." in visible_text(at)
    _answer_sure(at, sure="yes", understand="yes", risk_benefit="yes", encouragement="yes")
    success = at.success[0].value
    assert success.startswith("Your score: 4 out of 4. 4 out of 4 suggests you feel ready")


def test_a_no_lowers_the_score_and_shows_what_may_help():
    """A "no" to understanding the information scores 3 out of 4, suggests more information or
    support, and points back to the step-by-step walkthrough."""
    at = open_page(SURE)
    _answer_sure(at, sure="yes", understand="no", risk_benefit="yes", encouragement="yes")
    text = visible_text(at)
    assert "Your score: 3 out of 4. Fewer than 4 suggests you may want more information" in text
    assert "Talk to your neurologist." in text
    assert "Understand information. Go through the treatments again in Step by step" in text


def test_the_sure_test_is_credited():
    """The SURE test is credited to its authors (Légaré F et al.) and the Ottawa decision aids."""
    text = visible_text(open_page(SURE))
    assert "Légaré F, Kearing S, Clay K, et al." in text and "Ottawa decision aids" in text


def test_a_knowledge_answer_is_explained_with_where_it_comes_from():
    """Answering "did the US FDA say any stem cell product was approved for MS?" shows the
    answer, why, and the words in the aid it comes from."""
    at = open_page(SURE)
    at.radio(key="quiz_item_msc_approved").set_value("yes").run()
    assert at.info[-1].value.startswith("**Not quite.** No. In June 2021 the US FDA said")
    text = _plain(visible_text(at))
    assert "From this aid's description of MSC therapy:" in text
    assert "> In June 2021 the US FDA said no stem cell product was approved for MS." in text


# --- Answers stay in the session, and only there -----------------------------------------------


def test_answers_survive_moving_between_pages():
    """Answers on all three pages are still there after visiting other pages."""
    at = open_page(CRITERIA)
    at.number_input(key="criteria_age").set_value(52).run()
    _open(at, HEALTH).radio(key="criteria_condition_heart").set_value("no").run()
    at.switch_page(VALUES).run()
    at.segmented_control(key="values_rate_cost").set_value("very").run()
    at.switch_page(SURE).run()
    at.radio(key="sure_item_sure").set_value("no").run()
    at.switch_page("pages/home.py").run()
    at.switch_page(CRITERIA).run()
    assert at.number_input(key="criteria_age").value == 52
    assert _open(at, HEALTH).radio(key="criteria_condition_heart").value == "no"
    assert _row(at, "The patient is under 50 years") == "Does not meet it. Age: 52."
    at.switch_page(VALUES).run()
    assert at.segmented_control(key="values_rate_cost").value == "very"
    at.switch_page(SURE).run()
    assert at.radio(key="sure_item_sure").value == "no"


@pytest.mark.parametrize("page", [CRITERIA, VALUES, SURE])
def test_pages_with_answers_use_no_cache_and_no_address_bar_binding(page):
    """A page that reads answers never caches (only the shared content is cached, elsewhere),
    and never binds a widget to the address bar."""
    source = (APP.parent / page).read_text(encoding="utf-8")
    assert "cache" not in source and "query_params" not in source and "bind=" not in source


def test_answers_never_reach_the_address_bar():
    """No answer is put in the page address (query parameters), where it could be shared or
    logged."""
    at = open_page(CRITERIA)
    at.number_input(key="criteria_age").set_value(52).run()
    at.selectbox(key="criteria_ms_type").set_value("rrms").run()
    at.switch_page(VALUES).run()
    at.segmented_control(key="values_rate_cost").set_value("very").run()
    assert dict(at.query_params) == {}


def test_clear_removes_this_pages_answers_and_keeps_the_others():
    """ "Clear my answers on this page" empties that page only."""
    at = open_page(VALUES)
    at.segmented_control(key="values_rate_cost").set_value("very").run()
    at.switch_page(CRITERIA).run()
    at.number_input(key="criteria_age").set_value(52).run()
    at.button(key="criteria_clear").click().run()
    assert at.number_input(key="criteria_age").value is None
    at.switch_page(VALUES).run()
    assert at.segmented_control(key="values_rate_cost").value == "very"


def test_saved_answers_put_back_into_the_session_show_in_the_pages():
    """Answers restored into the session (as a saved file would be) fill the widgets and the
    results, without errors."""
    saved = Answers(age=52, edss=6.5, values={"cost": "very"}, sure={"sure": "yes"})
    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in session_from_answers(saved).items():
        at.session_state[key] = value
    at.run()
    at.switch_page(CRITERIA).run()
    assert not at.exception
    assert at.number_input(key="criteria_age").value == 52
    assert _row(at, "Must have an EDSS score of 6.0 or lower").startswith("Does not meet it.")
    at.switch_page(VALUES).run()
    assert at.segmented_control(key="values_rate_cost").value == "very"
    at.switch_page(SURE).run()
    assert at.radio(key="sure_item_sure").value == "yes"
