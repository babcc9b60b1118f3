"""What matters to a person, and what bears on it for each option (content/values.yaml).

In the manner of the Ottawa decision aids: the person rates how much each value matters, and
sees the features of every option that bear on the values they rated important. Nothing here
scores, sums or ranks the options: options are always listed in content order, all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from decision.answers import Answers, Rating
from decision.load import Content
from decision.models import Value
from decision.text import format_price

# The order in which rated values are shown: the person's own order of importance.
SHOWN_RATINGS: tuple[Rating, ...] = ("very", "somewhat")


@dataclass(frozen=True)
class OptionView:
    id: str
    name: str
    summary: str


@dataclass(frozen=True)
class ShownFeature:
    """A feature as a person reads it: our sentence with its citation, or a claim with who
    says it, its quote and any stated price."""

    text: str
    cite: str | None = None
    source: str | None = None  # the source's name, for a claim
    quote: str | None = None  # the claim's exact words
    price: str | None = None  # a stated price, as written, with its currency
    price_covers: str | None = None  # what the price includes, as stated (None: not stated)
    note: str | None = None  # our note on where or how the document says it
    flag: str | None = None  # our note where the claim conflicts with published evidence


@dataclass(frozen=True)
class Weighed:
    """A value the person rated important, and what bears on it, option by option."""

    value: Value
    rating: Rating
    features: dict[str, tuple[ShownFeature, ...]]  # option id -> features, in option order


def options(content: Content) -> list[OptionView]:
    """Every option, in content order: the three treatments and usual treatment (DMT)."""
    out = []
    for option in content.values.options:
        if option.treatment is not None:
            treatment = content.treatments[option.treatment]
            out.append(OptionView(option.id, treatment.name, treatment.summary))
        else:
            assert option.name is not None and option.summary is not None
            out.append(OptionView(option.id, option.name, option.summary))
    return out


def shown_features(content: Content, value: Value) -> dict[str, tuple[ShownFeature, ...]]:
    """What bears on one value, for every option, in option order."""
    out: dict[str, tuple[ShownFeature, ...]] = {}
    for option in content.values.options:
        shown = []
        for feature in value.features[option.id]:
            if feature.claim is None:
                assert feature.text is not None
                shown.append(ShownFeature(" ".join(feature.text.split()), cite=feature.cite))
                continue
            claim = content.claims_by_id[feature.claim]
            shown.append(
                ShownFeature(
                    " ".join(claim.plain.split()),
                    source=content.sources[claim.source].name,
                    quote=" ".join(claim.quote.split()),
                    price=format_price(claim.cost) if claim.cost else None,
                    price_covers=claim.cost.covers if claim.cost else None,
                    note=" ".join(claim.placement_note.split()) if claim.placement_note else None,
                    flag=" ".join(claim.flag.note.split()) if claim.flag else None,
                )
            )
        out[option.id] = tuple(shown)
    return out


def weighed(content: Content, answers: Answers) -> list[Weighed]:
    """The values rated "very" and then "somewhat" important, each in content order, with what
    bears on each for every option. Values rated "not important" or not rated are left out."""
    out = []
    for rating in SHOWN_RATINGS:
        for value in content.values.values:
            if answers.values.get(value.id) == rating:
                out.append(Weighed(value, rating, shown_features(content, value)))
    return out


def not_important(content: Content, answers: Answers) -> list[Value]:
    """The values the person rated "not important", in content order."""
    return [v for v in content.values.values if answers.values.get(v.id) == "not"]
