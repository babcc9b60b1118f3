"""How stated times become bars and totals: ranges, missing times, mixed units, disagreements."""

from __future__ import annotations

import pytest

from decision.models import Claim, Duration, Place, Step
from decision.timeline import (
    DAYS_PER_UNIT,
    TreatmentTimeline,
    add_up,
    chart_rows,
    describe_days,
    step_time,
    to_days,
    treatment_timeline,
    whole_days,
)

NAMES = {"clinic_a": "Clinic A", "agency_b": "Agency B"}


def _step(step_id: str, variants: list[str] | None = None) -> Step:
    return Step(id=step_id, title=step_id.title(), plain="What happens.", variants=variants or [])


def _time(claim_id: str, source: str = "clinic_a", **duration) -> Claim:
    return Claim(
        id=claim_id,
        source=source,
        kind="timeline",
        plain="A stated time.",
        quote="a quote of the stated time",
        at=[Place(treatment="t", step="s")],
        duration=Duration(**duration),
    )


def _words(claim_id: str) -> Claim:
    return Claim(
        id=claim_id,
        source="clinic_a",
        kind="timeline",
        plain="It is very quick.",
        quote="very quick and simple",
        at=[Place(treatment="t", step="s")],
    )


def _steps(*specs):
    """StepTimes for (step id, claims, variants) in order."""
    return [
        step_time(_step(step_id, variants), number, claims, NAMES)
        for number, (step_id, claims, variants) in enumerate(specs, start=1)
    ]


def chart_rows_for(step):
    """The chart rows of a one-step treatment."""
    whole = step_time(None, 0, [], NAMES)
    return chart_rows(TreatmentTimeline("t", (step,), whole), "Whole treatment")


def test_units_become_days_with_the_documented_factors():
    """1 hour = 1/24 day, 1 week = 7 days, 1 month = 30.4 days, 1 year = 365.25 days."""
    assert to_days(48, "hours") == pytest.approx(2)
    assert to_days(3, "days") == 3
    assert to_days(2, "weeks") == 14
    assert to_days(2, "months") == pytest.approx(60.8)
    assert to_days(1, "years") == 365.25
    assert set(DAYS_PER_UNIT) == {"hours", "days", "weeks", "months", "years"}


def test_a_stated_range_keeps_its_shortest_and_longest_time_and_its_words():
    """ "5 to 15 days" is drawn from 5 to 15 days and still reads "5 to 15 days"."""
    (step,) = _steps(("collection", [_time("c1", min=5, max=15, unit="days")], None))
    assert (step.shortest_days, step.longest_days) == (5, 15)
    assert step.stated[0].wording == "5 to 15 days"
    assert step.stated[0].source_name == "Clinic A"


def test_sources_that_disagree_give_a_range_spanning_both():
    """One source says 4 days, another up to 3 weeks: the step runs from 4 to 21 days, and
    each source keeps its own bar."""
    (step,) = _steps(
        (
            "conditioning",
            [
                _time("a", min=4, max=4, unit="days"),
                _time("b", "agency_b", max=3, unit="weeks"),
            ],
            None,
        )
    )
    assert (step.shortest_days, step.longest_days) == (4, 21)
    rows = chart_rows_for(step)
    assert [(r["source"], r["shortest_days"], r["longest_days"]) for r in rows] == [
        ("Clinic A", 4, 4),
        ("Agency B", None, 21),
    ]


def test_a_step_with_no_stated_time_is_not_stated_and_never_zero():
    """A step no document gives a time for is marked "not stated" with no length at all, and a
    total says it could not count it."""
    steps = _steps(
        ("assessment", [_time("a", min=1, max=1, unit="weeks")], None),
        ("reinfusion", [], None),
    )
    reinfusion = steps[1]
    assert not reinfusion.is_stated
    assert reinfusion.shortest_days is None and reinfusion.longest_days is None
    total = add_up(steps)
    assert [s.step.id for s in total.not_stated] == ["reinfusion"]
    assert total.is_partial
    rows = chart_rows_for(reinfusion)
    assert rows == [
        {
            "order": 2,
            "step": "2. Reinfusion",
            "some_forms": False,
            "status": "not stated",
            "source": "",
            "claim": "",
            "stated": "",
            "shortest_days": None,
            "longest_days": None,
            "bar_end_days": None,
            "note": "",
        }
    ]


def test_mixed_units_add_up_in_days():
    """1 week, then 4 days, then 2 months add up to 71.8 days."""
    total = add_up(
        _steps(
            ("assessment", [_time("a", min=1, max=1, unit="weeks")], None),
            ("mobilisation", [_time("b", min=4, max=4, unit="days")], None),
            ("recovery", [_time("c", min=2, max=2, unit="months")], None),
        )
    )
    assert total.shortest_days == pytest.approx(71.8)
    assert total.longest_days == pytest.approx(71.8)
    assert not total.is_partial


def test_a_longest_time_only_adds_nothing_to_the_shorter_figure():
    """ "Up to 3 weeks" gives no shortest time: the total's shorter figure gets 0 from it, its
    longer figure 21 days, and the step is named as having only a longest time."""
    total = add_up(
        _steps(
            ("collection", [_time("a", min=5, max=15, unit="days")], None),
            ("conditioning", [_time("b", max=3, unit="weeks")], None),
        )
    )
    assert (total.shortest_days, total.longest_days) == (5, 36)
    assert [s.step.id for s in total.no_lower] == ["conditioning"]
    assert total.is_partial


def test_a_shortest_time_only_leaves_the_total_open_ended():
    """ "At least 12 months" has no upper figure, so the total has none either."""
    total = add_up(_steps(("recovery", [_time("a", min=12, unit="months")], None)))
    assert total.shortest_days == pytest.approx(364.8)
    assert total.longest_days is None
    assert [s.step.id for s in total.no_upper] == ["recovery"]


def test_steps_only_some_forms_have_are_left_out_of_a_total():
    """A repeat dose that only some forms of a treatment give is listed, not added."""
    total = add_up(
        _steps(
            ("administration", [_time("a", min=4, max=4, unit="days")], None),
            ("repeat_doses", [_time("b", min=2, max=3, unit="months")], ["repeat_doses"]),
        )
    )
    assert (total.shortest_days, total.longest_days) == (4, 4)
    assert [s.step.id for s in total.left_out] == ["repeat_doses"]


def test_a_total_over_some_steps_counts_only_those():
    """A total for the steps at the clinic leaves out the recovery at home."""
    steps = _steps(
        ("assessment", [_time("a", min=1, max=1, unit="weeks")], None),
        ("recovery", [_time("b", min=12, max=60, unit="months")], None),
    )
    total = add_up(steps, ["assessment"])
    assert (total.shortest_days, total.longest_days) == (7, 7)
    assert [s.step.id for s in total.counted] == ["assessment"]


def test_a_time_said_only_in_words_is_kept_but_is_not_a_length():
    """ "Very quick and simple" is kept with the step, and the step has no stated length."""
    (step,) = _steps(("administration", [_words("quick")], None))
    assert not step.is_stated
    assert [c.id for c in step.in_words] == ["quick"]


def test_whole_treatment_times_are_drawn_but_never_added(content):
    """MSC therapy: one story's "10 days" of therapy is drawn as its own row, after the steps,
    and the total of the steps does not include it."""
    timeline = treatment_timeline(content, "msc")
    assert [s.wording for s in timeline.whole.stated] == ["10 days"]
    rows = chart_rows(timeline, "Whole treatment")
    assert rows[-1]["step"] == "Whole treatment" and rows[-1]["stated"] == "10 days"
    total = add_up(timeline.steps)
    assert "unnamed_story_olga_10_days" not in {s.claim.id for t in total.counted for s in t.stated}


def test_non_myeloablative_ahsct_adds_up_to_a_partial_figure(content):
    """Non-myeloablative aHSCT: 1 week + 4 days + 5-15 days + 4 days-3 weeks + 12-60 months
    add up to 384.8 to 1,871 days; no document states how long getting the stem cells back or
    engraftment takes, so the figure is partial and says so."""
    total = add_up(treatment_timeline(content, "ahsct_non_myeloablative").steps)
    assert total.shortest_days == pytest.approx(7 + 4 + 5 + 4 + 12 * 30.4)
    assert total.longest_days == pytest.approx(7 + 4 + 15 + 21 + 60 * 30.4)
    assert [s.step.id for s in total.not_stated] == ["reinfusion", "engraftment"]
    assert total.is_partial


def test_rounded_days_never_claim_more_than_the_documents_state():
    """A shorter figure is rounded down and a longer one up; words give a sense of scale."""
    assert whole_days(384.8, round_up=False) == 384
    assert whole_days(1870.2, round_up=True) == 1871
    assert whole_days(7.0, round_up=True) == 7
    assert describe_days(1, round_up=False) == "1 day"
    assert describe_days(12, round_up=False) == "12 days"
    assert describe_days(47, round_up=True) == "47 days (about 7 weeks)"
    assert describe_days(384.8, round_up=False) == "384 days (about 13 months)"
    assert describe_days(1871, round_up=True) == "1,871 days (about 5.1 years)"
