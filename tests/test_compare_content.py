"""The comparison's content (rows, usual care, its claims) is validated like the rest, and a
mistake names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_helpers import edit_yaml

from decision.load import ContentError, load_content


def _error(root: Path) -> ContentError:
    with pytest.raises(ContentError) as err:
        load_content(root)
    return err.value


def test_usual_care_is_the_fourth_option_with_its_own_claims(content):
    """Usual care loads from content/usual_care.yaml, and documents' claims sit on it."""
    assert content.usual_care.id == "usual_dmt"
    assert content.comparison.options[-1] == "usual_dmt"
    claims = content.claims_at("usual_dmt", None)
    assert {c.source for c in claims} == {
        "mediglobus",
        "unnamed_msc_clinic",
        "swiss_medica",
        "zignagenix",
    }


@pytest.mark.parametrize(
    ("file", "change", "field", "problem"),
    [
        (
            "comparison.yaml",
            lambda d: d["rows"][1]["steps"].__setitem__(0, "asessment"),
            "rows[1].steps[0]",
            "no option has a step 'asessment'",
        ),
        (
            "comparison.yaml",
            lambda d: d["rows"][1]["totals"][1]["steps"].__setitem__(2, "harvesting"),
            "rows[1].totals[1].steps[2]",
            "no option has a step 'harvesting'",
        ),
        (
            "comparison.yaml",
            lambda d: d["rows"][3].update(kinds=["danger"]),
            "rows[3].kinds[0]",
            "Input should be",
        ),
        (
            "comparison.yaml",
            lambda d: d["options"].remove("usual_dmt"),
            "options",
            "must name each option once",
        ),
        (
            "comparison.yaml",
            lambda d: d["rows"][2].update(id=d["rows"][1]["id"]),
            "rows[2].id",
            "repeats",
        ),
        (
            "comparison.yaml",
            lambda d: d["unknown_costs"][0]["options"].append("homeopathy"),
            "unknown_costs[0].options[3]",
            "unknown option 'homeopathy'",
        ),
        (
            "usual_care.yaml",
            lambda d: d["usual_care"].update(colour="blue"),
            "usual_care.colour",
            "unknown key",
        ),
        (
            "usual_care.yaml",
            lambda d: d["usual_care"]["our_words"].update(price="It is free."),
            "usual_care.our_words.price",
            "no comparison row",
        ),
        (
            "usual_care.yaml",
            lambda d: d["usual_care"].update(id="msc"),
            "usual_care.id",
            "is a treatment id",
        ),
    ],
)
def test_broken_comparison_content_names_file_and_field(content_copy, file, change, field, problem):
    """A mistake in the comparison's content fails the load with that file and field."""
    edit_yaml(content_copy / file, change)
    err = _error(content_copy)
    assert (err.file, err.field) == (f"content/{file}", field)
    assert problem in err.problem


def test_a_claim_on_usual_care_cannot_name_a_step(content_copy):
    """Usual care has no steps: a claim placed at one of its "steps" is refused."""
    path = content_copy / "claims" / "about_usual_care.yaml"
    edit_yaml(path, lambda d: d["claims"][0].update(at=[{"treatment": "usual_dmt", "step": "x"}]))
    err = _error(content_copy)
    assert (err.file, err.field) == ("content/claims/about_usual_care.yaml", "claims[0].at[0].step")
    assert "'usual_dmt' has no steps" in err.problem
