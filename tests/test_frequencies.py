"""Probabilities read as natural frequencies: whole people out of 100, over a stated time."""

from __future__ import annotations

import pytest

from decision.evidence import figures_for
from decision.frequencies import (
    icon_cells,
    in_words,
    natural_frequency,
    time_frame_note,
    time_frames_match,
    whole_people,
)
from decision.models import Proportion, TimeFrame

TWO_YEARS = TimeFrame(words="over 2 years", amount=2, unit="years")


def _p(**kw) -> Proportion:
    base = {"outcome": "progression", "group": "Group A", "options": ["msc"], "denominator": 55}
    return Proportion(**{**base, "time": TWO_YEARS, **kw})


@pytest.fixture(scope="module")
def words(content):
    return content.pages["evidence"]


@pytest.mark.parametrize(
    ("percent", "people"), [(5.45, 5), (61.8, 62), (2.1, 2), (2.5, 3), (17.1, 17), (0.2, 0)]
)
def test_percentages_become_whole_people_rounding_halves_up(percent, people):
    """2.5% is 3 people out of 100, not 2 (no banker's rounding)."""
    assert whole_people(percent) == people


def test_events_out_of_a_study_become_people_out_of_100(content, words):
    """3 of 55 people reads "about 5 out of 100 people like those in the study", with the
    group, the outcome and the time frame."""
    outcome = content.outcomes["progression"]
    text = in_words(_p(events=3), outcome, words)
    assert text == (
        "Group A: about 5 out of 100 people like those in the study had their disability get "
        "worse, over 2 years."
    )


def test_a_risk_under_one_in_100_says_fewer_than_one(content, words):
    """0.4% is not rounded down to nothing: it reads "fewer than 1 out of 100"."""
    text = in_words(_p(percent=0.4, denominator=500), content.outcomes["treatment_death"], words)
    assert "fewer than 1 out of 100 people" in text


def test_no_events_says_none_and_what_a_small_study_could_miss(content, words):
    """0 of 55 reads "none of the 55 people", and says a study that size could miss a risk of
    up to about 5 in 100 (3 / 55)."""
    text = in_words(_p(events=0), content.outcomes["treatment_death"], words)
    assert text.startswith("Group A: none of the 55 people in the study died because of")
    assert "could still miss a risk of up to about 5 in 100" in text


def test_a_confidence_interval_reads_as_a_range_out_of_100(content, words):
    """8 of 281 (95% CI 1.0 to 4.9) reads "about 3 out of 100" and "between 1 and 5"."""
    (p,) = content.evidence["muraro_2017"].proportions
    text = in_words(p, content.outcomes["treatment_death"], words)
    assert "about 3 out of 100 people" in text
    assert "The true number is likely between 1 and 5 out of 100." in text


def test_figures_over_different_times_say_so(content, words):
    """Deaths counted within 100 days, over about 2 years and over each study's follow-up
    are not presented as if they matched."""
    figures = [f.proportion for f in figures_for(content, content.outcomes["treatment_death"])]
    assert not time_frames_match(figures)
    note = time_frame_note(figures, words)
    assert "not counted over the same time" in note
    assert "within 100 days of treatment" in note


def test_figures_over_the_same_time_say_so(content, words):
    """MIST's two groups were counted over the same follow-up, and the note says so."""
    mist = [p for p in content.evidence["mist_2019"].proportions if p.outcome == "progression"]
    assert time_frames_match(mist)
    assert time_frame_note(mist, words) == (
        "All figures here are out of 100 people, over about 2 years of follow-up."
    )


def test_same_stated_period_without_a_length_matches(content):
    """Two figures both counted "during the treatment" share their time frame."""
    during = TimeFrame(words="during the treatment")
    assert time_frames_match([_p(events=3, time=during), _p(events=9, time=during)])
    assert not time_frames_match([_p(events=3, time=during), _p(events=9)])


def test_the_same_time_in_other_units_matches():
    """2 years and 24 months are the same time frame."""
    months = TimeFrame(words="over 24 months", amount=24, unit="months")
    assert time_frames_match([_p(events=3), _p(events=9, time=months)])


def test_icon_array_marks_exactly_the_people_affected():
    """An icon array has 100 people in 10 rows of 10, the first 62 of them affected."""
    cells = icon_cells(natural_frequency(_p(events=34)))
    assert len(cells) == 100
    assert sum(c.affected for c in cells) == 62
    assert {(c.row, c.column) for c in cells} == {(r, c) for r in range(10) for c in range(10)}
    assert cells[0].affected and not cells[-1].affected


def test_every_published_figure_reads_out_of_the_same_100(content, words):
    """Every proportion in the content reads as people out of 100 (or none of the study's
    people), with its own time frame."""
    for item in content.evidence.values():
        for p in item.proportions:
            text = in_words(p, content.outcomes[p.outcome], words)
            assert "out of 100 people" in text or "none of the" in text, item.id
            assert p.time.words in text, item.id
