"""How long each step of a treatment takes, as the documents state it, and what that adds up to.

Times are normalised to days only to draw and add them; the source's own wording is kept for
display. The factors are fixed and shown to the reader:

    1 hour = 1/24 day, 1 week = 7 days, 1 month = 30.4 days, 1 year = 365.25 days.

Rules (the issue's, kept strict so that a partial figure never looks complete):
- A step's range spans all its sources: the shortest is the smallest lower figure any source
  gives, the longest the largest upper figure. A source that states only an upper figure
  ("up to 3 weeks") gives no lower figure; one that states only a lower figure ("at least
  12 months") leaves the step with no upper figure.
- A step that no source gives a length of time for is "not stated": it is listed as such and
  never counted as zero.
- A total adds up the shortest and the longest times of the steps that have them, and says
  which steps it could not count. Steps that only some forms of a treatment have (variants)
  are left out of a total and listed separately.
- Times stated for the whole treatment are shown but never added to a total (they overlap the
  steps).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from decision.load import Content
from decision.models import Claim, Duration, Step, TimeUnit
from decision.text import format_duration

DAYS_PER_UNIT: dict[TimeUnit, float] = {
    "hours": 1 / 24,
    "days": 1.0,
    "weeks": 7.0,
    "months": 30.4,
    "years": 365.25,
}


def to_days(value: float, unit: TimeUnit) -> float:
    """A stated amount of time in days, with the fixed factors above."""
    return value * DAYS_PER_UNIT[unit]


@dataclass(frozen=True)
class StatedTime:
    """One source's stated length of time for one step (or for the whole treatment)."""

    claim: Claim
    source_name: str
    shortest_days: float | None  # None: the source gives no lower figure ("up to ...")
    longest_days: float | None  # None: the source gives no upper figure ("at least ...")
    wording: str  # as the source states it, in its own unit: "5 to 15 days"


def stated_time(claim: Claim, source_name: str) -> StatedTime:
    """The stated time of a timeline claim that gives a duration, in days and in words."""
    duration: Duration | None = claim.duration
    if duration is None:
        raise ValueError(f"claim {claim.id!r} states no duration")
    return StatedTime(
        claim=claim,
        source_name=source_name,
        shortest_days=None if duration.min is None else to_days(duration.min, duration.unit),
        longest_days=None if duration.max is None else to_days(duration.max, duration.unit),
        wording=format_duration(duration),
    )


@dataclass(frozen=True)
class StepTime:
    """A step and every length of time the documents state for it."""

    step: Step | None  # None: the whole treatment
    number: int  # 1-based place in the treatment; 0 for the whole treatment
    stated: tuple[StatedTime, ...]
    in_words: tuple[Claim, ...]  # timeline claims that give no length ("very quick")

    @property
    def is_stated(self) -> bool:
        """True when at least one source gives a length of time for this step."""
        return bool(self.stated)

    @property
    def shortest_days(self) -> float | None:
        """The smallest lower figure any source gives; None when none gives one."""
        lows = [s.shortest_days for s in self.stated if s.shortest_days is not None]
        return min(lows) if lows else None

    @property
    def longest_days(self) -> float | None:
        """The largest upper figure; None when no source gives one or one is open-ended."""
        if not self.stated or any(s.longest_days is None for s in self.stated):
            return None
        return max(s.longest_days for s in self.stated if s.longest_days is not None)

    @property
    def only_some_forms(self) -> bool:
        """True for a step that only some forms (variants) of the treatment have."""
        return self.step is not None and bool(self.step.variants)


def step_time(
    step: Step | None, number: int, claims: Sequence[Claim], source_names: dict[str, str]
) -> StepTime:
    """Collect the timeline claims placed at one step into a StepTime."""
    timeline = [c for c in claims if c.kind == "timeline"]
    return StepTime(
        step=step,
        number=number,
        stated=tuple(
            stated_time(c, source_names[c.source]) for c in timeline if c.duration is not None
        ),
        in_words=tuple(c for c in timeline if c.duration is None),
    )


@dataclass(frozen=True)
class TreatmentTimeline:
    """Every step of one treatment with its stated times, and the whole-treatment times."""

    treatment_id: str
    steps: tuple[StepTime, ...]
    whole: StepTime


def treatment_timeline(content: Content, treatment_id: str) -> TreatmentTimeline:
    """The stated times of every step of a treatment, in step order."""
    treatment = content.treatments[treatment_id]
    names = {s.id: s.name for s in content.sources.values()}
    steps = tuple(
        step_time(step, number, content.claims_at(treatment_id, step.id), names)
        for number, step in enumerate(treatment.steps, start=1)
    )
    whole = step_time(None, 0, content.claims_at(treatment_id, None), names)
    return TreatmentTimeline(treatment_id=treatment_id, steps=steps, whole=whole)


@dataclass(frozen=True)
class Total:
    """Stated times added up over some steps, and what could not be added."""

    shortest_days: float  # sum of the counted steps' shortest times (no lower figure: 0)
    longest_days: float | None  # sum of their longest times; None if one has no upper figure
    counted: tuple[StepTime, ...]  # steps with a stated time
    not_stated: tuple[StepTime, ...]  # steps no source gives a length of time for
    no_lower: tuple[StepTime, ...]  # counted steps with only an upper figure ("up to")
    no_upper: tuple[StepTime, ...]  # counted steps with only a lower figure ("at least")
    left_out: tuple[StepTime, ...]  # steps only some forms have, not added

    @property
    def is_partial(self) -> bool:
        """True when some step could not be counted in full: the total is not the whole time."""
        return bool(self.not_stated or self.no_lower or self.no_upper)


def add_up(
    step_times: Sequence[StepTime], steps: Collection[str] | Literal["all"] = "all"
) -> Total:
    """Add up the stated times of some steps (by id, or "all"), saying what is missing."""
    chosen = [
        s for s in step_times if s.step is not None and (steps == "all" or s.step.id in steps)
    ]
    included = [s for s in chosen if not s.only_some_forms]
    counted = tuple(s for s in included if s.is_stated)
    longest = [s.longest_days for s in counted]
    return Total(
        shortest_days=sum(s.shortest_days or 0.0 for s in counted),
        longest_days=None
        if any(x is None for x in longest)
        else sum(x for x in longest if x is not None),
        counted=counted,
        not_stated=tuple(s for s in included if not s.is_stated),
        no_lower=tuple(s for s in counted if s.shortest_days is None),
        no_upper=tuple(s for s in counted if s.longest_days is None),
        left_out=tuple(s for s in chosen if s.only_some_forms),
    )


def chart_rows(timeline: TreatmentTimeline, whole_label: str) -> list[dict[str, object]]:
    """The figures the timeline chart and its table show: one row per stated time (a bar),
    and one row per step with no stated time (a "not stated" mark, never a bar).

    Times stated for the whole treatment come last, under `whole_label`. `some_forms` marks
    the steps that only some forms of the treatment have (they are left out of totals).
    """
    rows: list[dict[str, object]] = []
    entries = list(timeline.steps) + ([timeline.whole] if timeline.whole.is_stated else [])
    for entry in entries:
        base: dict[str, object] = {
            "order": entry.number if entry.step is not None else len(timeline.steps) + 1,
            "step": whole_label if entry.step is None else f"{entry.number}. {entry.step.title}",
            "some_forms": entry.only_some_forms,
        }
        if not entry.is_stated:
            rows.append(
                base
                | {
                    "status": "not stated",
                    "source": "",
                    "claim": "",
                    "stated": "",
                    "shortest_days": None,
                    "longest_days": None,
                    "bar_end_days": None,
                    "note": "",
                }
            )
        for s in entry.stated:
            # A bar runs to the longest stated time, or to the only figure given.
            end = s.longest_days if s.longest_days is not None else s.shortest_days
            rows.append(
                base
                | {
                    "status": "stated",
                    "source": s.source_name,
                    "claim": s.claim.id,
                    "stated": s.wording,
                    "shortest_days": s.shortest_days,
                    "longest_days": s.longest_days,
                    "bar_end_days": end,
                    "note": " ".join((s.claim.placement_note or "").split()),
                }
            )
    return rows


def whole_days(days: float, *, round_up: bool) -> int:
    """Days as a whole number, rounded down for a lower figure and up for an upper one, so a
    rounded figure never claims more than the sources state."""
    return math.ceil(days - 1e-9) if round_up else math.floor(days + 1e-9)


def describe_days(days: float, *, round_up: bool) -> str:
    """A number of days as a person reads it: '12 days', '47 days (about 7 weeks)',
    '384 days (about 13 months)', '1,874 days (about 5.1 years)'."""
    n = whole_days(days, round_up=round_up)
    if n < 14:
        return f"{n} day" if n == 1 else f"{n} days"
    if n < 60:
        return f"{n} days (about {round(n / 7)} weeks)"
    if n < 730:
        return f"{n} days (about {round(n / DAYS_PER_UNIT['months'])} months)"
    return f"{n:,} days (about {n / DAYS_PER_UNIT['years']:.1f} years)"
