"""What matters to me: what bears on each value, for every option, with no score or ranking."""

from __future__ import annotations

import re
from dataclasses import fields

from decision.answers import Answers
from decision.values import Weighed, not_important, options, shown_features, weighed


def test_four_options_are_weighed_including_usual_treatment(content):
    """The three treatments and staying on or changing usual DMT, in that fixed order."""
    assert [o.id for o in options(content)] == [
        "ahsct_myeloablative",
        "ahsct_non_myeloablative",
        "msc",
        "usual_dmt",
    ]
    usual = options(content)[-1]
    assert usual.name == "Staying on, or changing, your usual MS medicine (DMT)"


def test_the_values_the_issue_names_can_all_be_weighed(content):
    """Avoiding chemotherapy, stopping progression, time away, cost, evidence and risk of
    death or serious harm are all there (with recovery time and repeat treatments)."""
    labels = {v.id for v in content.values.values}
    assert {
        "avoid_chemotherapy",
        "stop_progression",
        "time_away",
        "cost",
        "evidence_strength",
        "risk_of_harm",
        "recovery_time",
        "repeat_treatments",
    } <= labels


def test_every_value_shows_something_for_every_option(content):
    """No option is left out of any value: each has at least one feature."""
    option_ids = [o.id for o in options(content)]
    for value in content.values.values:
        shown = shown_features(content, value)
        assert list(shown) == option_ids, value.id
        assert all(shown[o] for o in option_ids), value.id


def test_very_important_values_come_first_then_somewhat(content):
    """Values rated very important are shown before somewhat important ones; values rated not
    important, or not rated, are not compared."""
    answers = Answers(values={"cost": "somewhat", "time_away": "very", "evidence_strength": "not"})
    shown = weighed(content, answers)
    assert [(w.value.id, w.rating) for w in shown] == [("time_away", "very"), ("cost", "somewhat")]
    assert [v.id for v in not_important(content, answers)] == ["evidence_strength"]


def test_options_keep_the_same_order_whatever_matters_to_the_person(content):
    """The options are never reordered by a person's ratings: there is no ranking."""
    order = [o.id for o in options(content)]
    for rating in ("very", "somewhat"):
        for value in content.values.values:
            shown = weighed(content, Answers(values={value.id: rating}))
            assert list(shown[0].features) == order


def test_nothing_is_scored_or_added_up(content):
    """A weighed value holds the value, the person's rating and the features: no score."""
    assert [f.name for f in fields(Weighed)] == ["value", "rating", "features"]


def test_a_claim_is_shown_with_who_says_it_and_a_price_with_its_currency(content):
    """The cost of MSC therapy shows MediGlobus's starting price as written, in its currency,
    says the price's contents are not stated, and keeps the exact words."""
    cost = next(v for v in content.values.values if v.id == "cost")
    msc = shown_features(content, cost)["msc"]
    turkey = next(f for f in msc if f.price and "$15,000" in f.price)
    assert turkey.source == "MediGlobus (agency)"
    assert turkey.price == "from $15,000 (USD)" and turkey.price_covers is None
    assert turkey.quote == "Turkeyfrom $15,000"
    assert "does not say which treatment this price is for" in turkey.note


def test_avoiding_chemotherapy_says_which_options_use_it(content):
    """Both aHSCT forms use chemotherapy; MSC therapy usually does not."""
    chemo = next(v for v in content.values.values if v.id == "avoid_chemotherapy")
    shown = shown_features(content, chemo)
    assert shown["ahsct_myeloablative"][0].text.startswith("Uses chemotherapy")
    assert shown["ahsct_non_myeloablative"][0].text.startswith("Uses chemotherapy")
    assert shown["msc"][0].text == "Usually no chemotherapy."


FIGURE = re.compile(r"\d+(\.\d+)?%|\b\d+ (in 100|people)\b|\bof the \d+\b")


def test_published_figures_carry_their_citation(content):
    """Every feature that gives a percentage, a rate or a count of people names its source."""
    for value in content.values.values:
        for option_id, shown in shown_features(content, value).items():
            for feature in shown:
                if feature.source is None and FIGURE.search(feature.text):
                    assert feature.cite, (value.id, option_id, feature.text)
