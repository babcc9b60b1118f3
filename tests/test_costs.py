"""Stated prices keep their currency and words; costs no one states are listed as unknown."""

from __future__ import annotations

from decision.costs import (
    StatedPrice,
    by_currency,
    distinct_wordings,
    prices_across,
    stated_prices,
    statements_without_price,
    statements_without_price_across,
    unknown_costs,
    unknown_costs_by_options,
)
from decision.models import Claim, Cost, Place


def _price(claim_id: str, amount: float, currency: str, as_written: str) -> StatedPrice:
    claim = Claim(
        id=claim_id,
        source="agency",
        kind="cost",
        plain="A price.",
        quote=f"the price is {as_written}",
        at=[Place(treatment="msc")],
        cost=Cost(amount=amount, currency=currency, as_written=as_written, qualifier="from"),
    )
    return StatedPrice(claim=claim, source_name="Agency", step_title=None)


def test_mixed_currencies_are_grouped_by_currency_and_never_converted():
    """Dollars and euros stay in their own groups, with the amounts and words as stated."""
    prices = [
        _price("a", 15000, "USD", "from $15,000"),
        _price("b", 14000, "EUR", "from €14,000"),
        _price("c", 20000, "USD", "from $20,000"),
    ]
    groups = by_currency(prices)
    assert list(groups) == ["EUR", "USD"]
    assert [p.cost.amount for p in groups["USD"]] == [15000, 20000]
    assert [p.cost.as_written for p in groups["EUR"]] == ["from €14,000"]


def test_one_figure_stated_twice_reads_once_and_currencies_stay_apart():
    """ "From $15,000" and "starts at $15,000" are one figure; €14,000 is another, not merged."""
    costs = [
        _price("a", 15000, "USD", "from $15,000").cost,
        _price("b", 15000, "USD", "starts at $15,000").cost,
        _price("c", 15000, "EUR", "from €15,000").cost,
    ]
    assert distinct_wordings(costs) == ["from $15,000 (USD)", "from €15,000 (EUR)"]


def test_each_stem_cell_option_shows_the_agency_prices_and_what_they_cover(content):
    """MSC therapy and both forms of aHSCT carry MediGlobus's prices; none says what it covers."""
    for option in ("ahsct_myeloablative", "ahsct_non_myeloablative", "msc"):
        prices = stated_prices(content, option)
        assert {p.claim.id for p in prices} == {
            "mediglobus_price_turkey",
            "mediglobus_price_czech",
            "mediglobus_price_starts_at",
        }
        assert all(p.source_name == "MediGlobus (agency)" for p in prices)
        assert all(p.cost.covers is None for p in prices)


def test_usual_care_has_no_stated_price(content):
    """No document states what usual MS treatment costs."""
    assert stated_prices(content, "usual_dmt") == []
    assert statements_without_price(content, "usual_dmt") == []


def test_a_price_placed_on_several_options_is_listed_once_with_all_of_them(content):
    """Each price shows once in the costs view, with every option the document ties it to."""
    views = prices_across(content, ["ahsct_myeloablative", "ahsct_non_myeloablative", "msc"])
    assert len(views) == 3
    for view in views:
        assert set(view.option_ids) == {"msc", "ahsct_myeloablative", "ahsct_non_myeloablative"}


def test_costs_no_one_states_come_from_content_for_each_option(content):
    """Travel, a place to stay, a companion, medicines, scans and complications are unknown
    for a stem cell treatment; usual care lists only those that apply to it."""
    labels = [item.label for item in unknown_costs(content, "msc")]
    assert labels == [
        "Travel",
        "A place to stay",
        "Someone to come with you",
        "Medicines",
        "Check-ups and scans",
        "Treating complications",
    ]
    usual = [item.id for item in unknown_costs(content, "usual_dmt")]
    assert usual == ["medicines", "follow_up_scans", "complications"]


def test_unknown_costs_shared_by_several_options_are_listed_once(content):
    """The three stem cell treatments share travel, a place to stay and a companion; all four
    options share medicines, scans and complications: two lists, not four."""
    options = ["ahsct_myeloablative", "ahsct_non_myeloablative", "msc", "usual_dmt"]
    groups = unknown_costs_by_options(content, options)
    assert [(applies, [i.id for i in items]) for applies, items in groups] == [
        (tuple(options[:3]), ["travel", "accommodation", "companion"]),
        (tuple(options), ["medicines", "follow_up_scans", "complications"]),
    ]


def test_a_cost_statement_without_a_price_is_listed_once(content):
    """What the agency says packages include has no price; it is listed once, not per option."""
    claims = statements_without_price_across(content, ["ahsct_myeloablative", "msc"])
    assert [c.id for c in claims] == ["mediglobus_package_includes_care"]
