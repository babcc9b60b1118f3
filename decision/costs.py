"""What the documents state about cost, grouped by currency, and the costs no one states.

Prices are never converted: each keeps the currency and the words the source uses, and
prices in different currencies are never added, compared or put on one scale. A figure
"from" a price is a starting price, not the whole cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from decision.load import Content
from decision.models import Claim, Cost, UnknownCost


@dataclass(frozen=True)
class StatedPrice:
    """A price one source states, with where it is placed."""

    claim: Claim
    source_name: str
    step_title: str | None  # None: stated for the whole option

    @property
    def cost(self) -> Cost:
        assert self.claim.cost is not None
        return self.claim.cost


def _places(content: Content, option_id: str) -> list[tuple[str | None, str | None]]:
    """(step id, step title) for the whole option, then each of its steps."""
    treatment = content.treatments.get(option_id)
    steps = [(s.id, s.title) for s in treatment.steps] if treatment else []
    return [(None, None), *steps]


def cost_claims(content: Content, option_id: str) -> list[tuple[Claim, str | None]]:
    """Every cost claim placed on an option, with the title of its step (None: whole)."""
    found: list[tuple[Claim, str | None]] = []
    seen: set[str] = set()
    for step_id, title in _places(content, option_id):
        for claim in content.claims_at(option_id, step_id):
            if claim.kind == "cost" and claim.id not in seen:
                seen.add(claim.id)
                found.append((claim, title))
    return found


def stated_prices(content: Content, option_id: str) -> list[StatedPrice]:
    """The prices stated for an option (cost claims that give a figure), in content order."""
    return [
        StatedPrice(claim, content.sources[claim.source].name, title)
        for claim, title in cost_claims(content, option_id)
        if claim.cost is not None
    ]


def statements_without_price(content: Content, option_id: str) -> list[Claim]:
    """Cost claims for an option that give no figure (e.g. what a package includes)."""
    return [claim for claim, _ in cost_claims(content, option_id) if claim.cost is None]


class Priced(Protocol):
    @property
    def cost(self) -> Cost: ...


P = TypeVar("P", bound=Priced)


def by_currency(prices: Iterable[P]) -> dict[str, list[P]]:
    """Prices grouped by their own currency code (sorted by code), each group in the order
    given. Nothing is converted and no group is ever mixed with another."""
    groups: dict[str, list[P]] = {}
    for price in prices:
        groups.setdefault(price.cost.currency, []).append(price)
    return {code: groups[code] for code in sorted(groups)}


def distinct_wordings(costs: Iterable[Cost]) -> list[str]:
    """Each different figure as written, with its currency code, in order. The same figure
    stated twice ("from $15,000", "starts at $15,000") is one figure to read, not two."""
    seen: dict[tuple[float, str, str], str] = {}
    for cost in costs:
        seen.setdefault((cost.amount, cost.currency, cost.qualifier), cost.as_written)
    return [f"{words} ({currency})" for (_, currency, _), words in seen.items()]


def unknown_costs(content: Content, option_id: str) -> list[UnknownCost]:
    """The costs no source states, for one option, in content order."""
    return [item for item in content.comparison.unknown_costs if option_id in item.options]


@dataclass(frozen=True)
class PriceView:
    """A stated price once, with every option the document's claim is placed on."""

    price: StatedPrice
    option_ids: tuple[str, ...]

    @property
    def cost(self) -> Cost:
        return self.price.cost


def prices_across(content: Content, option_ids: Sequence[str]) -> list[PriceView]:
    """Each stated price once (a claim may be placed on several options), in option order."""
    views: dict[str, PriceView] = {}
    for option_id in option_ids:
        for price in stated_prices(content, option_id):
            placed = tuple(dict.fromkeys(p.treatment for p in price.claim.at))
            views.setdefault(price.claim.id, PriceView(price, placed))
    return list(views.values())


def statements_without_price_across(content: Content, option_ids: Sequence[str]) -> list[Claim]:
    """Cost claims with no figure on any of the options, each once, in option order."""
    found: dict[str, Claim] = {}
    for option_id in option_ids:
        for claim in statements_without_price(content, option_id):
            found.setdefault(claim.id, claim)
    return list(found.values())


def unknown_costs_by_options(
    content: Content, option_ids: Sequence[str]
) -> list[tuple[tuple[str, ...], list[UnknownCost]]]:
    """The costs no source states, grouped by the options they apply to (in column order), so
    that a list shared by several options is shown once."""
    groups: dict[tuple[str, ...], list[UnknownCost]] = {}
    for item in content.comparison.unknown_costs:
        applies = tuple(o for o in option_ids if o in item.options)
        if applies:
            groups.setdefault(applies, []).append(item)
    return list(groups.items())
