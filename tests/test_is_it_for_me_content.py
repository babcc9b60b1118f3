"""The criteria, values and readiness content is validated strictly; mistakes name the file
and the field."""

from __future__ import annotations

import pytest
from content_helpers import edit_yaml

from decision.load import ContentError, load_content


def _criterion(d, source_id, criterion_id):
    group = next(g for g in d["sources"] if g["source"] == source_id)
    return next(c for c in group["criteria"] if c["id"] == criterion_id)


def _pirogov(d):
    return next(g for g in d["sources"] if g["source"] == "pirogov_article")


@pytest.mark.parametrize(
    ("file", "change", "field", "problem"),
    [
        (
            "criteria.yaml",
            lambda d: _pirogov(d)["criteria"][1]["rule"].update(op="about"),
            "sources[0].criteria[1].rule.op",
            "Input should be",
        ),
        (
            "criteria.yaml",
            lambda d: _pirogov(d)["criteria"][1]["rule"].update(field="mood"),
            "sources[0].criteria[1].rule",
            "cannot use op '<=' on field 'mood'",
        ),
        (
            "criteria.yaml",
            lambda d: _pirogov(d)["criteria"][0]["rule"].update(absent=["heart", "gout"]),
            "sources[0].criteria[0].rule.absent[1]",
            "unknown condition 'gout'",
        ),
        (
            "criteria.yaml",
            lambda d: _pirogov(d)["criteria"][1].update(claim="mediglobus_eligibility_under_50"),
            "sources[0].criteria[1].claim",
            "is not from pirogov_article",
        ),
        (
            "criteria.yaml",
            lambda d: _pirogov(d)["criteria"][1].update(claim="pirogov_mortality_zero"),
            "sources[0].criteria[1].claim",
            "is not an eligibility claim",
        ),
        (
            "criteria.yaml",
            lambda d: _pirogov(d)["criteria"][1].update(quote="Must have an EDSS score"),
            "sources[0].criteria[1]",
            "not both",
        ),
        (
            "criteria.yaml",
            lambda d: d["sources"].pop(),
            "sources",
            "no entry for source(s) ['zignagenix']",
        ),
        (
            "criteria.yaml",
            lambda d: d["edss"]["walking"][0].update(high=3.7),
            "edss.walking[0]",
            "not an EDSS score",
        ),
        (
            "criteria.yaml",
            lambda d: d["bodies"][0]["criteria"][0]["rule"].update(one_of=["relapsing"]),
            "bodies[0].criteria[0].rule",
            "ms_type has no answer ['relapsing']",
        ),
        (
            "values.yaml",
            lambda d: d["values"][0]["features"].pop("usual_dmt"),
            "values[0].features.usual_dmt",
            "every value must cover every option",
        ),
        (
            "values.yaml",
            lambda d: d["values"][0]["features"]["usual_dmt"].append(
                {"claim": "pirogov_mortality_zero"}
            ),
            "values[0].features.usual_dmt[1].claim",
            "not placed at this option's treatment",
        ),
        (
            "values.yaml",
            lambda d: d["values"][0]["features"]["msc"][0].update(claim="pirogov_edss"),
            "values[0].features.msc[0]",
            "not both",
        ),
        (
            "readiness.yaml",
            lambda d: d["knowledge"][1]["basis"].update(
                says="Two MSC treatments are approved for MS."
            ),
            "knowledge[1].basis.says",
            "not in the text named",
        ),
        (
            "readiness.yaml",
            lambda d: d["knowledge"][0].update(answer="maybe"),
            "knowledge[0]",
            "is not one of the options",
        ),
        (
            "readiness.yaml",
            lambda d: d["sure"]["questions"].pop(),
            "sure",
            "the SURE test has these four questions",
        ),
    ],
)
def test_broken_file_names_file_and_field(content_copy, file, change, field, problem):
    """A mistake in the criteria, values or readiness content fails the load, naming the file
    and the field."""
    edit_yaml(content_copy / file, change)
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert err.value.file == f"content/{file}"
    assert err.value.field == field
    assert problem in str(err.value)


def test_every_answer_option_has_words_on_the_page(content):
    """Every answer a person can choose, and every answer the "based on" text names, has its
    words in content/pages/criteria.yaml."""
    from decision.answers import CHOICE_FIELDS, NUMBER_FIELDS, YES_NO_UNSURE

    for field, choices in CHOICE_FIELDS.items():
        content.text("criteria", f"field_{field}")
        for choice in choices:
            content.text("criteria", f"option_{field}_{choice}")
    for field in NUMBER_FIELDS:
        content.text("criteria", f"field_{field}")
    for choice in YES_NO_UNSURE:
        content.text("criteria", f"option_condition_{choice}")
