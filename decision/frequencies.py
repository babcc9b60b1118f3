"""Probabilities as natural frequencies: "about 5 out of 100 people like those in the study".

Every figure is put over the same denominator (100 people) and keeps its own time frame;
where figures compared side by side have different time frames, the aid says so instead of
pretending they match. The words come from content/pages/evidence.yaml (passed in as
`words`), so this module holds the arithmetic and no patient-facing sentences.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from decision.models import Outcome, Proportion

PER = 100  # the one denominator every probability in the aid is shown over


def whole_people(percent: float) -> int:
    """Round a percentage to whole people out of 100, halves up (2.5 -> 3, not 2)."""
    return int(math.floor(percent + 0.5))


@dataclass(frozen=True)
class NaturalFrequency:
    """One proportion as whole people out of PER."""

    count: int  # people out of PER, rounded
    percent: float  # the exact figure
    events: int | None  # people counted in the study, where it says
    denominator: int  # people in the study group
    low: int | None  # 95% confidence interval, out of PER
    high: int | None
    # Where no one in the study had the outcome: the largest risk a study this size could
    # easily miss (the "rule of three": 3 / denominator), out of PER.
    zero_upper: int | None
    per: int = PER

    @property
    def under_one(self) -> bool:
        """True when some people had it, but fewer than 1 out of PER."""
        return self.count == 0 and self.percent > 0


def natural_frequency(p: Proportion) -> NaturalFrequency:
    """Turn a study's proportion into whole people out of 100, with its range."""
    value = p.value
    zero = p.events == 0 or (p.events is None and value == 0)
    return NaturalFrequency(
        count=whole_people(value),
        percent=value,
        events=p.events,
        denominator=p.denominator,
        low=None if p.ci_low is None else whole_people(p.ci_low),
        high=None if p.ci_high is None else whole_people(p.ci_high),
        zero_upper=whole_people(300 / p.denominator) if zero else None,
    )


def count_phrase(nf: NaturalFrequency, words: Mapping[str, str]) -> str:
    """'about 5 out of 100', or 'fewer than 1 out of 100'."""
    if nf.under_one:
        return words["nf_under_one"].format(per=nf.per)
    return words["nf_about"].format(count=nf.count, per=nf.per)


def in_words(
    p: Proportion, outcome: Outcome, words: Mapping[str, str], *, with_group: bool = True
) -> str:
    """The whole figure as sentences: who, how many out of 100, what, over what time, and how
    sure (its range, or what a study with no events cannot rule out)."""
    nf = natural_frequency(p)
    values = {
        "group": p.group,
        "affected": outcome.affected,
        "time": p.time.words,
        "denominator": str(nf.denominator),
        "count_phrase": count_phrase(nf, words),
    }
    key = "nf_sentence_none" if nf.zero_upper is not None else "nf_sentence"
    if not with_group:
        key += "_short"
    text = words[key].format(**values)
    if nf.low is not None and nf.high is not None:
        text += " " + words["nf_range"].format(low=nf.low, high=nf.high, per=nf.per)
    if nf.zero_upper is not None:
        text += " " + words["nf_zero_upper"].format(
            denominator=nf.denominator, upper=nf.zero_upper, per=nf.per
        )
    return text


def time_frames_match(proportions: Iterable[Proportion]) -> bool:
    """True when every figure was counted over the same time: the same length where they
    give one, or else the same stated period (such as "during the treatment")."""
    frames = {p.time.words if p.time.months is None else p.time.months for p in proportions}
    return len(frames) == 1


def time_frame_note(proportions: list[Proportion], words: Mapping[str, str]) -> str:
    """One sentence on time frames: all the same, or plainly not the same."""
    if time_frames_match(proportions):
        return words["time_same"].format(time=proportions[0].time.words, per=PER)
    frames = list(dict.fromkeys(p.time.words for p in proportions))
    return words["time_differs"].format(frames="; ".join(frames), per=PER)


@dataclass(frozen=True)
class Cell:
    """One person in a 10 by 10 icon array, counted row by row from the top left."""

    row: int
    column: int
    affected: bool


def icon_cells(nf: NaturalFrequency, columns: int = 10) -> list[Cell]:
    """PER people for an icon array, the first `count` of them affected."""
    return [Cell(i // columns, i % columns, i < nf.count) for i in range(nf.per)]
