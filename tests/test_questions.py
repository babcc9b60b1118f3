"""Questions made for the person: from gaps in what the documents state, from flagged
claims, and their own; which are kept, and which a clinic has not answered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from decision.load import CONTENT_DIR, load_content
from decision.questions import (
    MAX_OWN_QUESTIONS,
    MAX_QUESTION_CHARS,
    OwnQuestion,
    add_own,
    all_questions,
    by_topic,
    flag_questions,
    gap_questions,
    kept,
    short_quote,
    unanswered,
)
from decision.walkthrough import step_view


def _gap(content, treatment_id, kind):
    items = {i.id: i for i in gap_questions(content, [treatment_id])}
    return items.get(f"gap_{treatment_id}_{kind}")


def test_step_without_stated_cost_yields_a_question_asking_its_cost(content):
    """No document states what getting stem cells back costs in non-myeloablative aHSCT, so
    the cost question for that treatment names the step and asks the clinic for its cost."""
    assert "cost" in step_view(content, "ahsct_non_myeloablative", 4).not_stated
    question = _gap(content, "ahsct_non_myeloablative", "cost")
    assert "5. Getting your stem cells back" in question.text
    assert question.text.startswith("Non-myeloablative aHSCT: no document states what these")
    assert "What does each of these steps cost" in question.text
    assert question.topic == "costs"


def test_every_unstated_time_risk_and_cost_is_asked_about(content):
    """Each step of each treatment appears in the time, risk or cost question exactly when no
    document states that for it."""
    for tid, treatment in content.treatments.items():
        for index, step in enumerate(treatment.steps):
            view = step_view(content, tid, index)
            named = f"{index + 1}. {step.title}"
            for kind in ("timeline", "risk", "cost"):
                question = _gap(content, tid, kind)
                asked = question is not None and named in question.steps
                assert asked == (kind in view.not_stated), (tid, step.id, kind)


def test_a_step_with_a_stated_time_is_not_asked_about_its_time(content):
    """The Pirogov article states that mobilisation takes 4 days, so the time question for
    non-myeloablative aHSCT does not list mobilisation."""
    question = _gap(content, "ahsct_non_myeloablative", "timeline")
    assert "Mobilisation" not in question.text
    assert "5. Getting your stem cells back" in question.text


def test_stating_a_cost_takes_the_step_out_of_the_cost_question(tmp_path: Path):
    """When a document's cost is added at a step, that step leaves the cost question."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    path = root / "claims" / "swiss_medica.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"].append(
        {
            "id": "test_stated_cost",
            "source": "swiss_medica",
            "kind": "cost",
            "plain": "A made-up price for this test.",
            "quote": "3. How much does it cost.",
            "at": [{"treatment": "msc", "step": "administration"}],
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = _gap(load_content(), "msc", "cost")
    after = _gap(load_content(root), "msc", "cost")
    assert "4. Giving the cells" in before.text
    assert "4. Giving the cells" not in after.text
    assert "1. Medical records and tests before treatment" in after.text


def test_gap_questions_only_for_the_treatments_chosen(content):
    """Only the treatments the person looked at (or picked) get gap questions; unknown ids
    from an old file are ignored."""
    ids = {i.id for i in gap_questions(content, ["msc", "no_such_treatment"])}
    assert ids and all(i.startswith("gap_msc_") for i in ids)
    assert gap_questions(content, []) == []


def test_flagged_claim_yields_a_question_asking_for_its_evidence(content):
    """Each flagged claim at a treatment the person looked at becomes the question
    '<source> says "<quote>". What published evidence supports this?'."""
    items = flag_questions(content, ["ahsct_non_myeloablative"])
    flagged_here = {
        f"flag_{c.id}"
        for c in content.claims
        if c.flag and any(p.treatment == "ahsct_non_myeloablative" for p in c.at)
    }
    assert {i.id for i in items} == flagged_here
    zero = next(i for i in items if i.id == "flag_pirogov_mortality_zero")
    claim = next(c for c in content.claims if c.id == "pirogov_mortality_zero")
    assert zero.text == (
        f'Article on the Pirogov Center, Moscow says "{short_quote(claim.quote)}". '
        "What published evidence supports this?"
    )
    assert zero.topic == "evidence"
    assert zero.text.count(" ") < 40, "the quote is shortened"


def test_flagged_claim_at_another_treatment_gives_no_question(content):
    """A flagged claim about non-myeloablative aHSCT is not asked about for MSC therapy."""
    ids = {i.id for i in flag_questions(content, ["msc"])}
    assert ids, "MSC therapy has flagged claims of its own"
    assert "flag_pirogov_mortality_zero" not in ids


def test_only_flagged_claims_become_evidence_questions(content):
    """Every flagged claim on a stem-cell treatment gives one question; no other claim does."""
    ids = {i.id for i in flag_questions(content, list(content.treatments))}
    flagged = {
        f"flag_{c.id}"
        for c in content.claims
        if c.flag and any(p.treatment in content.treatments for p in c.at)
    }
    assert ids == flagged


def test_long_quotes_are_cut_at_a_word_with_a_mark():
    """A quote longer than 20 words is cut at a word boundary and ends with '…'."""
    words = [f"w{i}" for i in range(30)]
    assert short_quote(" ".join(words)) == " ".join(words[:20]) + " …"
    assert short_quote("short  and\nsweet") == "short and sweet"


def test_questions_are_grouped_by_topic_in_content_order(content):
    """Topics come in the order of the content file, the person's own questions last."""
    own = [OwnQuestion(id="own_1", text="Can my partner stay with me?")]
    groups = by_topic(content, all_questions(content, ["msc"], own))
    topics = [t for t, _ in groups]
    assert topics == [t.id for t in content.question_bank.topics] + ["own"]
    costs = dict(groups)["costs"]
    assert costs[-1].id == "gap_msc_cost", "made questions follow the listed ones"


def test_every_question_is_kept_until_dropped(content):
    """A question the person has not dropped is kept; a dropped one is not."""
    items = all_questions(content, [])
    shown = kept(items, {"certificates": False, "approval": True})
    assert "certificates" not in {i.id for i in shown}
    assert len(shown) == len(items) - 1


def test_own_questions_are_added_once_with_fresh_ids():
    """A new own question gets the next id; empty, repeated or too long text is refused."""
    own = add_own([], "  Can my partner stay with me?  ")
    assert own == [OwnQuestion(id="own_1", text="Can my partner stay with me?")]
    own = add_own(own, "Is there parking?")
    assert [q.id for q in own] == ["own_1", "own_2"]
    assert add_own(own, "   ") is None
    assert add_own(own, "can my partner  stay with me?") is None
    assert add_own(own, "x" * (MAX_QUESTION_CHARS + 1)) is None


def test_the_own_question_list_has_a_limit():
    """No more own questions can be added once the list is full."""
    own = [OwnQuestion(id=f"own_{i}", text=f"Question {i}") for i in range(MAX_OWN_QUESTIONS)]
    assert add_own(own, "One more?") is None


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_blank_answers_count_as_unanswered(content, blank):
    """A clinic's blank answer is shown as not answered yet."""
    items = all_questions(content, [])[:3]
    answers = {items[0].id: {"0": "Yes, JACIE since 2015"}, items[1].id: {"0": blank}}
    assert [i.id for i in unanswered(items, answers, 0)] == [items[1].id, items[2].id]
    assert len(unanswered(items, answers, 1)) == 3
