"""Content is validated strictly when loaded, and mistakes name the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_helpers import edit_yaml

from decision.load import ContentError, load_content


def test_all_content_files_validate(content):
    """The shipped content loads: sources, treatments, claims, glossary and page text."""
    assert len(content.sources) == 5
    assert set(content.treatments) == {"ahsct_myeloablative", "ahsct_non_myeloablative", "msc"}
    assert content.claims and content.glossary and content.pages


def test_one_source_per_seed_document(content, seeds_dir):
    """Every seed document has exactly one source entry, and every source names a real file."""
    seed_files = sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert sorted(s.seed_file for s in content.sources.values()) == seed_files


def test_every_source_has_claims(content):
    """Each document is quoted at least once, so none is silently left out."""
    quoted = {c.source for c in content.claims}
    assert quoted == set(content.sources)


def test_aHSCT_steps_are_in_treatment_order(content):
    """Both aHSCT forms run assessment, mobilisation, collection, conditioning, reinfusion,
    engraftment, recovery, in that order."""
    order = [
        "assessment",
        "mobilisation",
        "collection",
        "conditioning",
        "reinfusion",
        "engraftment",
        "recovery",
    ]
    for tid in ("ahsct_myeloablative", "ahsct_non_myeloablative"):
        assert [s.id for s in content.treatments[tid].steps] == order


def test_msc_lists_its_variants(content):
    """MSC therapy names own cells (marrow, fat), donor cord cells, vein, spinal fluid, repeats."""
    variants = {v.id for v in content.treatments["msc"].variants}
    assert variants == {
        "own_marrow",
        "own_fat",
        "donor_cord",
        "into_vein",
        "intrathecal",
        "repeat_doses",
    }


def test_costs_keep_their_stated_currency(content):
    """Every stated price keeps the currency the source wrote, and its own words."""
    costs = [c for c in content.claims if c.cost is not None]
    assert costs, "the documents state prices; at least one must be in the content"
    symbols = {"USD": "$", "EUR": "€"}
    for claim in costs:
        assert symbols[claim.cost.currency] in claim.cost.as_written
        assert claim.cost.as_written.replace(" ", "") in claim.quote.replace(" ", "")


def _first_claims_file(root: Path) -> Path:
    return sorted((root / "claims").glob("*.yaml"))[0]


@pytest.mark.parametrize(
    ("file", "change", "field", "problem"),
    [
        (
            "sources.yaml",
            lambda d: d["sources"][1].update(homepage="x"),
            "sources[1].homepage",
            "unknown key",
        ),
        (
            "treatments.yaml",
            lambda d: d["treatments"][2]["steps"][0].pop("title"),
            "treatments[2].steps[0].title",
            "Field required",
        ),
        (
            "glossary.yaml",
            lambda d: d["terms"][0].update(plain=""),
            "terms[0].plain",
            "at least 1 character",
        ),
        (
            "pages/home.yaml",
            lambda d: d.update(title=["not", "text"]),
            "title",
            "valid string",
        ),
    ],
)
def test_broken_file_names_file_and_field(content_copy, file, change, field, problem):
    """A mistake in any content file fails the load with that file and field in the message."""
    edit_yaml(content_copy / file, change)
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert err.value.file == f"content/{file}"
    assert err.value.field == field
    assert problem in str(err.value)


def test_claim_with_unknown_key_names_it(content_copy):
    """An unknown key in a claim is an error, not silently ignored."""
    path = _first_claims_file(content_copy)
    edit_yaml(path, lambda d: d["claims"][2].update(verified=True))
    with pytest.raises(ContentError, match=r"claims\[2\]\.verified: unknown key"):
        load_content(content_copy)


def test_claim_with_unknown_source_names_it(content_copy):
    """A claim must name one of the five sources."""
    path = _first_claims_file(content_copy)
    edit_yaml(path, lambda d: d["claims"][0].update(source="some_blog"))
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert err.value.file == f"content/claims/{path.name}"
    assert err.value.field == "claims[0].source"


def test_claim_at_unknown_step_names_it(content_copy):
    """A claim placed at a step the treatment does not have is refused."""
    path = _first_claims_file(content_copy)
    edit_yaml(
        path, lambda d: d["claims"][0].update(at=[{"treatment": "msc", "step": "mobilisation"}])
    )
    with pytest.raises(ContentError, match=r"claims\[0\]\.at\[0\]\.step: treatment 'msc' has no"):
        load_content(content_copy)


def test_duration_with_min_above_max_is_refused(content_copy):
    """A range that runs backwards is a content error."""
    path = _first_claims_file(content_copy)

    def change(d):
        d["claims"][0].update(kind="timeline", duration={"min": 9, "max": 3, "unit": "days"})

    edit_yaml(path, change)
    with pytest.raises(ContentError, match=r"claims\[0\]\.duration: .*min \(9\.0\) is larger"):
        load_content(content_copy)


def test_cost_on_a_risk_claim_is_refused(content_copy):
    """A price can only be given on a cost claim."""
    path = _first_claims_file(content_copy)

    def change(d):
        d["claims"][0].update(
            kind="risk",
            cost={"amount": 1, "currency": "USD", "as_written": "$1", "qualifier": "exactly"},
        )
        d["claims"][0].pop("duration", None)

    edit_yaml(path, change)
    with pytest.raises(
        ContentError, match=r"claims\[0\]: .*cost is only for claims of kind 'cost'"
    ):
        load_content(content_copy)


def test_key_given_twice_is_refused(content_copy):
    """YAML would silently keep the second of two equal keys; the loader refuses instead."""
    path = content_copy / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: mediglobus\n", "  - id: mediglobus\n    id: other\n"))
    with pytest.raises(ContentError, match=r"content/sources.yaml: \(file\): .*appears twice"):
        load_content(content_copy)


def test_repeated_claim_id_is_refused(content_copy):
    """Two claims cannot share an id."""
    path = _first_claims_file(content_copy)
    edit_yaml(path, lambda d: d["claims"][1].update(id=d["claims"][0]["id"]))
    with pytest.raises(ContentError, match=r"claims\[1\]\.id: claim id .* repeats"):
        load_content(content_copy)


def test_missing_page_text_names_its_file_and_key(content):
    """A page asking for text that content/ lacks fails with the file and the key."""
    with pytest.raises(ContentError) as err:
        content.text("home", "no_such_key")
    assert (err.value.file, err.value.field) == ("content/pages/home.yaml", "no_such_key")
