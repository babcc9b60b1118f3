"""Published evidence: every item is complete and validated, and every flag points to it."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from content_helpers import edit_yaml

from decision.evidence import USUAL_CARE, evidence_at, flag_evidence, flagged_claims
from decision.load import ContentError, load_content
from decision.models import STUDIES_OF_PEOPLE

# The claims the issue names as conflicting with published evidence.
MUST_BE_FLAGGED = [
    "pirogov_mortality_zero",
    "mediglobus_only_proven_method",
    "mediglobus_mortality",
    "swiss_medica_hsct_side_effects",
    "swiss_medica_no_rejection_no_side_effects",
    "unnamed_ms_no_cancer",
    "unnamed_ms_psychosomatic",
    "unnamed_donor_cells_most_effective",
]


def test_every_evidence_item_says_what_a_reader_needs_to_judge_it(content):
    """Each study gives its citation, type, who took part and how many, what it found, how
    sure it is, and the date it was last checked (not after the evidence search date)."""
    searched = content.disclosures.evidence_searched
    assert len(content.evidence) >= 10
    for item in content.evidence.values():
        assert item.citation and item.population and item.figure and item.uncertainty, item.id
        assert item.last_checked <= searched, item.id
        if item.study_type in STUDIES_OF_PEOPLE:
            assert item.number_of_people and item.year, item.id


def test_every_figure_gives_its_denominator_and_time_frame(content):
    """Every machine-readable figure says out of how many people, and over what time."""
    proportions = [p for item in content.evidence.values() for p in item.proportions]
    assert len(proportions) >= 10
    for p in proportions:
        assert p.denominator > 0 and p.time.words


def test_weak_designs_say_so_in_their_uncertainty(content):
    """Uncontrolled studies say they had no comparison group; surveys say they are
    self-reported; registries say they had no comparison group."""
    for item in content.evidence.values():
        text = item.uncertainty.lower()
        if item.study_type == "uncontrolled_trial":
            assert "uncontrolled" in text and "no comparison group" in text, item.id
        if item.study_type == "survey":
            assert "self-reported" in text, item.id
        if item.study_type == "registry":
            assert "no comparison group" in text, item.id


def test_the_figures_from_the_evidence_list_are_as_published(content):
    """Key figures match EVIDENCE.md: MIST 3 vs 34 of 55, EBMT 8 of 281 within 100 days
    (95% CI 1.0 to 4.9), pooled deaths 2.1% (95% CI 1.3 to 3.4)."""
    mist = {
        p.options[0]: p
        for p in content.evidence["mist_2019"].proportions
        if p.outcome == "progression"
    }
    assert (mist["ahsct_non_myeloablative"].events, mist[USUAL_CARE].events) == (3, 34)
    (ebmt,) = content.evidence["muraro_2017"].proportions
    assert (ebmt.events, ebmt.denominator, ebmt.ci_low, ebmt.ci_high) == (8, 281, 1.0, 4.9)
    assert ebmt.time.amount == 100 and ebmt.time.unit == "days"
    deaths = next(
        p for p in content.evidence["sormani_2017"].proportions if p.outcome == "treatment_death"
    )
    assert (deaths.percent, deaths.ci_low, deaths.ci_high) == (2.1, 1.3, 3.4)


def test_approval_status_is_dated_not_asserted_as_current(content):
    """Where the evidence list says "check", the aid words approval status as of a date and
    source, and never says that no MSC product is approved "anywhere"."""
    fda = content.evidence["fda_2021"].figure
    assert fda.startswith("As of June 2021, the FDA said")
    for item in content.evidence.values():
        assert "anywhere" not in item.figure.lower(), item.id


def test_issue_named_claims_are_flagged(content):
    """The claims the issue names (0% deaths, "only method with proven efficacy", unsourced
    mortality, GVHD for own-cell HSCT, "no side effects", "no cancer at all",
    "psychosomatic", "most effective and safe, proven") each carry a flag."""
    flagged = {c.id for c in flagged_claims(content)}
    assert set(MUST_BE_FLAGGED) <= flagged


def test_every_flagged_claim_links_to_published_evidence(content):
    """Each flag names at least one evidence item, and every one it names exists."""
    claims = flagged_claims(content)
    assert len(claims) >= len(MUST_BE_FLAGGED)
    for claim in claims:
        items = flag_evidence(content, claim)
        assert items and all(i.id in content.evidence for i in items), claim.id


def test_flag_notes_are_short_and_plain(content):
    """A flag note is short (at most 75 words) in short sentences (at most 30 words)."""
    for claim in flagged_claims(content):
        note = claim.flag.note
        assert len(note.split()) <= 75, claim.id
        for sentence in re.split(r"(?<=[.!?])\s+", note):
            assert len(sentence.split()) <= 30, (claim.id, sentence)


def test_each_option_has_published_evidence_beside_it(content):
    """Every treatment, and usual MS medicine, has evidence placed on it as a whole."""
    for option in [*content.treatments, USUAL_CARE]:
        assert evidence_at(content, option, None), option


def test_ongoing_trials_are_listed_for_what_we_dont_know_yet(content):
    """BEAT-MS, RAM-MS and StarMS are listed as ongoing trials, with their registry numbers."""
    ongoing = {i.id: i for i in content.evidence.values() if i.study_type == "ongoing_trial"}
    assert set(ongoing) == {"beat_ms", "ram_ms", "star_ms"}
    assert "NCT04047628" in ongoing["beat_ms"].citation
    assert "NCT03477500" in ongoing["ram_ms"].citation
    assert "ISRCTN88667898" in ongoing["star_ms"].citation


# --- Broken content names the file and the field ---------------------------------------------


def _mist(d):
    return next(e for e in d["evidence"] if e["id"] == "mist_2019")


def _index(d, item_id):
    return next(i for i, e in enumerate(d["evidence"]) if e["id"] == item_id)


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (lambda d: _mist(d).update(peer_reviewed=True), "peer_reviewed", "unknown key"),
        (lambda d: _mist(d).update(study_type="anecdote"), "study_type", "Input should be"),
        (lambda d: _mist(d).pop("number_of_people"), "", "must give number_of_people"),
        (lambda d: _mist(d).update(last_checked="soon"), "last_checked", "valid date"),
        (
            lambda d: _mist(d)["proportions"][0].update(events=56),
            "proportions[0]",
            "exceed the denominator",
        ),
        (
            lambda d: _mist(d)["proportions"][0].update(percent=50),
            "proportions[0]",
            "does not match 3 of 55",
        ),
        (
            lambda d: _mist(d)["proportions"][0].update(ci_low=10, ci_high=20),
            "proportions[0]",
            "outside its confidence interval",
        ),
        (
            lambda d: _mist(d)["proportions"][0]["time"].update(unit=None),
            "proportions[0].time",
            "amount and unit together",
        ),
        (
            lambda d: _mist(d)["proportions"][0].update(outcome="happiness"),
            "proportions[0].outcome",
            "unknown outcome 'happiness'",
        ),
        (
            lambda d: _mist(d)["proportions"][0].update(options=["reiki"]),
            "proportions[0].options[0]",
            "unknown treatment 'reiki'",
        ),
        (
            lambda d: _mist(d)["at"].append({"treatment": "msc", "step": "mobilisation"}),
            "at[2].step",
            "treatment 'msc' has no step 'mobilisation'",
        ),
        (
            lambda d: _mist(d)["at"].append({"treatment": "usual_dmt", "step": "assessment"}),
            "at[2].step",
            "usual care has no steps",
        ),
    ],
)
def test_broken_evidence_names_file_and_field(content_copy, change, field, problem):
    """A mistake in an evidence item fails the load, naming content/evidence.yaml and the
    item's field."""
    path = content_copy / "evidence.yaml"
    index = _index(yaml.safe_load(path.read_text(encoding="utf-8")), "mist_2019")
    edit_yaml(path, change)
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert err.value.file == "content/evidence.yaml"
    assert err.value.field == f"evidence[{index}]" + (f".{field}" if field else "")
    assert problem in str(err.value)


def test_evidence_checked_after_the_search_date_is_refused(content_copy):
    """An item cannot have been checked after the date the aid says it last searched."""
    path = content_copy / "evidence.yaml"
    edit_yaml(path, lambda d: _mist(d).update(last_checked=date(2099, 1, 1)))
    with pytest.raises(ContentError, match=r"last_checked: 2099-01-01 is after the date"):
        load_content(content_copy)


def test_flag_citing_unknown_evidence_names_the_claim(content_copy):
    """A flag that cites an evidence id that does not exist names the claims file and field."""
    path = content_copy / "claims" / "pirogov_article.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    index = next(i for i, c in enumerate(data["claims"]) if c["id"] == "pirogov_mortality_zero")
    edit_yaml(path, lambda d: d["claims"][index]["flag"].update(evidence=["a_blog_post"]))
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert err.value.file == "content/claims/pirogov_article.yaml"
    assert err.value.field == f"claims[{index}].flag.evidence[0]"
    assert "unknown evidence item 'a_blog_post'" in str(err.value)


def test_flag_without_evidence_is_refused(content_copy):
    """A flag must cite at least one evidence item."""
    path = content_copy / "claims" / "pirogov_article.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    index = next(i for i, c in enumerate(data["claims"]) if c["id"] == "pirogov_mortality_zero")
    edit_yaml(path, lambda d: d["claims"][index]["flag"].update(evidence=[]))
    with pytest.raises(ContentError, match=rf"claims\[{index}\]\.flag\.evidence: .*at least 1"):
        load_content(content_copy)


def test_outcome_naming_unknown_claim_is_refused(content_copy):
    """An outcome that lists a claim id that does not exist names the outcome's field."""
    edit_yaml(content_copy / "evidence.yaml", lambda d: d["outcomes"][0].update(claims=["nope"]))
    with pytest.raises(ContentError, match=r"evidence.yaml: outcomes\[0\]\.claims\[0\]"):
        load_content(content_copy)


def test_warning_sign_with_unknown_claim_names_file_and_field(content_copy):
    """A warning-sign example that names a claim that does not exist is a content error."""
    edit_yaml(
        content_copy / "warning_signs.yaml",
        lambda d: d["signs"][1]["examples"][0].update(claim="no_such_claim"),
    )
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert (err.value.file, err.value.field) == (
        "content/warning_signs.yaml",
        "signs[1].examples[0].claim",
    )


def test_warning_sign_example_needs_a_claim_or_a_quote(content_copy):
    """An example with neither a claim id nor a source and quote is refused."""
    edit_yaml(content_copy / "warning_signs.yaml", lambda d: d["signs"][0]["examples"].append({}))
    with pytest.raises(ContentError, match=r"signs\[0\]\.examples\[3\]: .*give a claim id"):
        load_content(content_copy)


def test_warning_sign_named_by_unknown_body_is_refused(content_copy):
    """Each body that names a warning sign must be an evidence item."""
    edit_yaml(content_copy / "warning_signs.yaml", lambda d: d["signs"][0].update(named_by=["who"]))
    with pytest.raises(ContentError, match=r"signs\[0\]\.named_by\[0\]: unknown evidence 'who'"):
        load_content(content_copy)


def test_disclosures_review_before_search_is_refused(content_copy):
    """The next review date must come after the date the evidence was searched."""
    edit_yaml(content_copy / "disclosures.yaml", lambda d: d.update(next_review=date(2020, 1, 1)))
    with pytest.raises(ContentError, match=r"content/disclosures.yaml: \(top level\): .*after"):
        load_content(content_copy)
