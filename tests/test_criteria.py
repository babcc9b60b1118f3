"""Where a person's answers stand against each stated criterion, as scenarios."""

from __future__ import annotations

import pytest

from decision.answers import Answers
from decision.criteria import (
    check_bodies,
    check_sources,
    edss_in_use,
    evaluate,
    explain,
    find_check,
)
from decision.models import Rule


def result(content, criterion_id: str, **answers) -> str:
    return find_check(content, Answers(**answers), criterion_id).result


def why(content, criterion_id: str, **answers) -> str:
    given = Answers(**answers)
    return explain(content, given, find_check(content, given, criterion_id))


# --- EDSS and age ------------------------------------------------------------------------------


def test_52_year_old_with_edss_6_5_misses_pirogov_edss_and_meets_its_age_statement(content):
    """A 52-year-old with EDSS 6.5 does not meet the Pirogov EDSS criterion (6.0 or lower) and
    meets its age statement (people over 50 now come for treatment)."""
    assert result(content, "pirogov_edss", age=52, edss=6.5) == "not_met"
    assert result(content, "pirogov_age", age=52, edss=6.5) == "met"


def test_52_year_old_does_not_meet_the_under_50_statements(content):
    """At 52, MediGlobus's "under 50" and the MS Society's "younger than 50" are not met."""
    assert result(content, "mediglobus_under_50", age=52) == "not_met"
    assert result(content, "nmss_under_50", age=52) == "not_met"


def test_49_year_old_meets_under_50_but_not_ectrims_under_45(content):
    """At 49, "under 50" is met and ECTRIMS/EBMT's "younger than about 45" is not."""
    assert result(content, "mediglobus_under_50", age=49) == "met"
    assert result(content, "ectrims_under_45", age=49) == "not_met"


def test_edss_6_0_meets_pirogov_but_not_ectrims_below_6(content):
    """EDSS 6.0 is "6.0 or lower" (Pirogov) but not "below 6.0" (ECTRIMS/EBMT)."""
    assert result(content, "pirogov_edss", edss=6.0) == "met"
    assert result(content, "ectrims_edss_below_6", edss=6.0) == "not_met"


def test_without_any_answers_every_criterion_says_cannot_tell(content):
    """With nothing answered, no criterion is met or missed, except where no answer could
    settle it either way."""
    nothing = Answers()
    for group in check_sources(content, nothing):
        for check in group.checks:
            assert check.result == "unknown", check.criterion.id
    for body in check_bodies(content, nothing):
        for check in body.checks:
            assert check.result == "unknown", check.criterion.id


# --- The walking helper --------------------------------------------------------------------------


def test_own_edss_score_takes_precedence_over_the_walking_estimate(content):
    """A person who gives a score and a walking answer is checked on their score."""
    answers = Answers(edss=3.0, walking="wheelchair")
    edss = edss_in_use(content, answers)
    assert (edss.low, edss.high, edss.estimated) == (3.0, 3.0, False)
    assert result(content, "pirogov_edss", edss=3.0, walking="wheelchair") == "met"


def test_someone_who_needs_a_stick_to_walk_100_m_is_estimated_at_6_0(content):
    """Needing a stick on one side for about 100 metres is an estimated EDSS of about 6.0: it
    meets Pirogov's "6.0 or lower" and not ECTRIMS/EBMT's "below 6.0"."""
    assert result(content, "pirogov_edss", walking="one_side_support") == "met"
    assert result(content, "ectrims_edss_below_6", walking="one_side_support") == "not_met"


def test_someone_who_walks_as_far_as_they_like_is_estimated_below_6(content):
    """Unlimited walking is an estimated EDSS of 0 to 3.5, within every stated EDSS limit."""
    assert result(content, "pirogov_edss", walking="unlimited") == "met"
    assert result(content, "ectrims_edss_below_6", walking="unlimited") == "met"


def test_someone_who_mostly_uses_a_wheelchair_is_estimated_above_the_limits(content):
    """Mostly using a wheelchair is an estimated EDSS of 7.0 or more: above every stated limit."""
    assert result(content, "pirogov_edss", walking="wheelchair") == "not_met"
    assert result(content, "ectrims_edss_below_6", walking="wheelchair") == "not_met"


def test_an_estimate_is_explained_as_an_estimate_not_a_score(content):
    """The "based on" text says the EDSS was estimated from walking and is not a score."""
    text = why(content, "pirogov_edss", walking="both_sides_support")
    assert text == "EDSS: about 6.5 (an estimate from walking, not a score)."
    assert why(content, "pirogov_edss", edss=6.5) == "EDSS: 6.5 (your score)."
    assert "0 to 3.5" in why(content, "pirogov_edss", walking="unlimited")


def test_an_estimated_range_across_a_limit_cannot_tell():
    """An estimate of 4.0 to 7.0 against "6.0 or lower" cannot tell: it may be either side."""
    from decision.criteria import EdssInUse

    rule = Rule(field="edss", op="<=", value=6.0)
    span = EdssInUse(4.0, 7.0, estimated=True)
    assert evaluate(rule, Answers(), span).result == "unknown"


# --- Type of MS and disease activity -------------------------------------------------------------


def test_years_since_diagnosis_10_does_not_meet_less_than_10_years(content):
    """Diagnosed 10 years ago is not "less than 10 years"; 9 years is."""
    assert result(content, "mediglobus_under_10_years", years_since_diagnosis=10) == "not_met"
    assert result(content, "mediglobus_under_10_years", years_since_diagnosis=9) == "met"


def test_secondary_progressive_ms_misses_rrms_and_cannot_tell_for_relapsing_ms(content):
    """SPMS does not meet MediGlobus's "relapsing-remitting MS"; for the MS Society's
    "relapsing MS" it cannot tell, since SPMS with relapses may count."""
    assert result(content, "mediglobus_rrms", ms_type="spms") == "not_met"
    assert result(content, "nmss_relapsing", ms_type="spms") == "unknown"


def test_primary_progressive_ms_does_not_meet_relapsing_ms(content):
    """PPMS does not meet "relapsing MS" or "relapsing-remitting MS"."""
    assert result(content, "nmss_relapsing", ms_type="ppms") == "not_met"
    assert result(content, "mediglobus_rrms", ms_type="ppms") == "not_met"


def test_not_sure_of_ms_type_cannot_tell(content):
    """ "I'm not sure" is an honest answer: it gives "cannot tell", never "does not meet"."""
    assert result(content, "mediglobus_rrms", ms_type="unsure") == "unknown"
    assert result(content, "pirogov_active_ms", ms_type="unsure", mri_active="yes") == "unknown"


def test_pirogov_active_ms_is_met_with_mri_activity(content):
    """Any type of MS with new activity on MRI meets the Pirogov statement on MS types."""
    assert result(content, "pirogov_active_ms", ms_type="ppms", mri_active="yes") == "met"


def test_pirogov_active_ms_without_mri_activity_cannot_tell_because_of_lowered(content):
    """Without MRI activity, the page's other route (an EDSS that "lowered" by 1.0 in a year)
    is unclear, so it cannot tell, and says why."""
    assert result(content, "pirogov_active_ms", ms_type="rrms", mri_active="no") == "unknown"
    text = why(content, "pirogov_active_ms", ms_type="rrms", mri_active="no")
    assert '"lowered by 1.0 or more in one year"' in text


def test_the_lowered_wording_is_noted_not_silently_reinterpreted(content):
    """The criterion carries a note that the page says "lowered", which may mean worsened."""
    check = find_check(content, Answers(), "pirogov_active_ms")
    assert '"lowered"' in check.criterion.note and "went up" in check.criterion.note
    assert "lowered by 1.0 or more in one year" in check.quote


# --- Disease-modifying treatment -----------------------------------------------------------------


def test_ms_active_despite_a_high_efficacy_dmt_meets_both_bodies_and_mediglobus(content):
    """MS that stayed active on a high-efficacy DMT meets ECTRIMS/EBMT, the MS Society and
    MediGlobus's "DMTs did not have the expected effect"."""
    answers = {"dmt": "high_efficacy", "active_on_dmt": "yes"}
    assert result(content, "ectrims_high_efficacy_failed", **answers) == "met"
    assert result(content, "nmss_active_despite_high_efficacy", **answers) == "met"
    assert result(content, "mediglobus_dmts_failed", **answers) == "met"


def test_ms_active_on_a_dmt_that_is_not_high_efficacy(content):
    """MS active on other DMTs meets MediGlobus, not ECTRIMS/EBMT; the MS Society also counts
    people who cannot take high-efficacy DMTs, which the aid does not ask, so it cannot tell."""
    answers = {"dmt": "other", "active_on_dmt": "yes"}
    assert result(content, "mediglobus_dmts_failed", **answers) == "met"
    assert result(content, "ectrims_high_efficacy_failed", **answers) == "not_met"
    assert result(content, "nmss_active_despite_high_efficacy", **answers) == "unknown"


def test_someone_who_has_taken_no_dmt_does_not_meet_dmts_failed(content):
    """With no DMT taken, "previous treatment with DMTs did not have the expected effect" is
    not met."""
    assert result(content, "mediglobus_dmts_failed", dmt="none") == "not_met"


def test_side_effects_alone_meet_swiss_medicas_main_therapy_statement(content):
    """Swiss Medica says stem cells "can be promising" when the main therapy fails or its
    drugs cause side effects: side effects alone meet it."""
    assert result(content, "swiss_medica_main_therapy", dmt_side_effects="yes") == "met"
    assert result(content, "swiss_medica_main_therapy", dmt="none") == "unknown"
    assert (
        result(content, "swiss_medica_main_therapy", dmt="none", dmt_side_effects="no") == "not_met"
    )


# --- Health conditions ---------------------------------------------------------------------------


def test_a_heart_problem_does_not_meet_pirogovs_good_health(content):
    """Saying yes to a heart problem does not meet "good health including heart and renal
    functions", and the reason names it."""
    answers = {"conditions": {"heart": "yes"}}
    assert result(content, "pirogov_good_health", **answers) == "not_met"
    assert "You said yes to: a heart problem." in why(content, "pirogov_good_health", **answers)


def test_good_health_is_met_only_when_each_named_problem_is_answered_no(content):
    """Heart, kidneys, other serious illness and life-threatening illness all "no" meets it;
    one "not sure" leaves it open."""
    all_no = {c: "no" for c in ("heart", "kidney", "other_serious", "life_threatening")}
    assert result(content, "pirogov_good_health", conditions=all_no) == "met"
    one_unsure = {**all_no, "kidney": "unsure"}
    assert result(content, "pirogov_good_health", conditions=one_unsure) == "unknown"


def test_pregnancy_does_not_meet_swiss_medicas_contraindication(content):
    """Pregnancy or breastfeeding is a contraindication Swiss Medica lists."""
    answers = {"conditions": {"pregnant": "yes"}}
    assert result(content, "swiss_medica_not_pregnant", **answers) == "not_met"


def test_swiss_medicas_and_some_others_can_never_be_told(content):
    """ "and some others" lists nothing, so it cannot tell whatever the answers."""
    everything_no = {c.id: "no" for c in content.criteria.conditions}
    assert result(content, "swiss_medica_others", conditions=everything_no) == "unknown"
    assert (
        why(content, "swiss_medica_others") == "The page does not say what the other reasons are."
    )


# --- The shape of the results --------------------------------------------------------------------


def test_every_source_appears_and_pages_without_rules_have_no_checks(content):
    """All five documents are listed; the unnamed clinic and Zignagenix state no rules, and the
    unnamed clinic's "while a person can still walk" is shown as a statement, not a rule."""
    groups = {g.source.id: g for g in check_sources(content, Answers())}
    assert set(groups) == set(content.sources)
    assert groups["zignagenix"].checks == () and groups["zignagenix"].also_says == ()
    assert groups["unnamed_msc_clinic"].checks == ()
    assert "while a person can still walk" in groups["unnamed_msc_clinic"].also_says[0]


def test_source_criteria_quote_the_source_and_body_criteria_cite_the_body(content):
    """Each source criterion carries the source's own words; each body its citation and year."""
    for group in check_sources(content, Answers()):
        for check in group.checks:
            assert check.quote
    for body in check_bodies(content, Answers()):
        assert body.body.citation and body.body.year >= 2021
        assert all(check.quote is None for check in body.checks)


@pytest.mark.parametrize(
    ("parts", "combined", "expected"),
    [
        (["met", "unknown"], "all_of", "unknown"),
        (["not_met", "unknown"], "all_of", "not_met"),
        (["met", "met"], "all_of", "met"),
        (["met", "unknown"], "any_of", "met"),
        (["not_met", "unknown"], "any_of", "unknown"),
        (["not_met", "not_met"], "any_of", "not_met"),
    ],
)
def test_combined_rules_cannot_tell_only_when_the_missing_answer_could_change_it(
    parts, combined, expected
):
    """ "All of" fails on any miss and "any of" passes on any match, even with answers missing;
    otherwise a missing answer leaves it open."""
    answer_for = {"met": "yes", "not_met": "no", "unknown": None}
    fields = ["active_on_dmt", "mri_active"]
    rules = [Rule(field=f, one_of=["yes"]) for f in fields]
    answers = Answers(**{f: answer_for[p] for f, p in zip(fields, parts, strict=True)})
    assert evaluate(Rule(**{combined: rules}), answers).result == expected
