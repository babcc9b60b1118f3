"""The step-by-step walkthrough: every step of every treatment, with its sourced claims."""

from __future__ import annotations

from apptest_helpers import folded, headings, open_page, visible_text

from decision.text import format_duration, format_price
from decision.walkthrough import step_view


def _pick(at, treatment_id):
    at.radio(key="walk_treatment").set_value(treatment_id).run()
    assert not at.exception


def _whole_treatment(at):
    """The whole-treatment section, opened as a person would (it is drawn while open)."""
    at.session_state["walk_whole"] = True
    at.run()
    assert not at.exception
    return next(e for e in at.expander if e.label.startswith("What the documents say about"))


def _step_claims_are_shown(at, content, treatment_id, step_id):
    text = folded(visible_text(at))
    for claim in content.claims_at(treatment_id, step_id):
        source = content.sources[claim.source]
        assert folded(claim.plain) in text, claim.id
        assert f"{source.name} says:" in text, claim.id
        if claim.duration:
            assert f"Stated time: {format_duration(claim.duration)}" in text, claim.id
        if claim.cost:
            assert f"Stated price: {format_price(claim.cost)}" in text, claim.id
    quotes = [e for e in at.expander if e.label == "Show the exact words"]
    shown_quotes = " ".join(folded(visible_text(e)) for e in quotes)
    for claim in content.claims_at(treatment_id, step_id):
        assert folded(claim.quote) in shown_quotes, claim.id


def test_next_walks_through_every_step_of_every_treatment(content):
    """Next moves one step at a time from the first to the last step of each treatment, showing
    "Step N of M", the step's title, and every claim placed there with its source and quote."""
    at = open_page("pages/walkthrough.py")
    for treatment_id, treatment in content.treatments.items():
        _pick(at, treatment_id)
        total = len(treatment.steps)
        for number, step in enumerate(treatment.steps, start=1):
            assert at.progress[0].text == f"Step {number} of {total}"
            assert step.title in headings(at, 2)
            _step_claims_are_shown(at, content, treatment_id, step.id)
            if number < total:
                at.button(key="walk_next").click().run()
                assert not at.exception
        assert at.button(key="walk_next").disabled
        assert "This is the last step of this treatment." in visible_text(at)


def test_previous_goes_back_a_step(content):
    """Previous returns to the step before; it is disabled on the first step."""
    at = open_page("pages/walkthrough.py")
    assert at.button(key="walk_previous").disabled
    at.button(key="walk_next").click().run()
    at.button(key="walk_next").click().run()
    at.button(key="walk_previous").click().run()
    assert at.progress[0].text.startswith("Step 2 of")


def test_step_list_jumps_straight_to_a_step(content):
    """Choosing a step from the list shows it, with the right progress."""
    at = open_page("pages/walkthrough.py")
    _pick(at, "ahsct_non_myeloablative")
    at.selectbox(key="walk_step").set_value(3).run()
    assert at.progress[0].text == "Step 4 of 7"
    assert "Conditioning chemotherapy" in headings(at, 2)


def test_switching_treatment_starts_at_its_first_step(content):
    """A new treatment opens at step 1, not at the step the last one was on."""
    at = open_page("pages/walkthrough.py")
    at.selectbox(key="walk_step").set_value(5).run()
    _pick(at, "msc")
    assert at.progress[0].text == f"Step 1 of {len(content.treatments['msc'].steps)}"


def test_step_without_stated_cost_says_not_stated(content):
    """A step for which no document gives a cost says "No source states what this step costs."."""
    view = step_view(content, "ahsct_non_myeloablative", 4)  # getting stem cells back
    assert "cost" in view.not_stated
    at = open_page("pages/walkthrough.py")
    _pick(at, "ahsct_non_myeloablative")
    at.selectbox(key="walk_step").set_value(4).run()
    assert "No source states what this step costs." in [w.value for w in at.warning]


def test_every_missing_timeline_risk_or_cost_is_said_in_words(content):
    """On every step, each of time, risk and cost either has a sourced claim or the words
    "No source states ..." - never silence."""
    at = open_page("pages/walkthrough.py")
    messages = {
        "timeline": "No source states how long this step takes.",
        "risk": "No source states the risks of this step.",
        "cost": "No source states what this step costs.",
    }
    for treatment_id, treatment in content.treatments.items():
        _pick(at, treatment_id)
        for index in range(len(treatment.steps)):
            at.selectbox(key="walk_step").set_value(index).run()
            view = step_view(content, treatment_id, index)
            warnings = {w.value for w in at.warning}
            for kind, message in messages.items():
                assert (message in warnings) == (kind in view.not_stated)
                assert (message in warnings) != bool(view.claims[kind])


def test_medical_words_on_a_step_are_explained_there(content):
    """A step that mentions apheresis explains the word on that step."""
    at = open_page("pages/walkthrough.py")
    _pick(at, "ahsct_myeloablative")
    at.selectbox(key="walk_step").set_value(2).run()  # collecting stem cells (apheresis)
    words = [e for e in at.expander if e.label == "Medical words on this step"]
    assert words, "the step has no list of medical words"
    assert "apheresis: Collecting cells with a machine." in visible_text(words[0])


def test_whole_treatment_claims_are_shown_for_each_treatment(content):
    """Claims about a treatment as a whole are shown, each with its source."""
    at = open_page("pages/walkthrough.py")
    for treatment_id in content.treatments:
        _pick(at, treatment_id)
        block = _whole_treatment(at)
        text = folded(visible_text(block))
        for claim in content.claims_at(treatment_id, None):
            assert folded(claim.plain) in text


def test_usual_treatment_stays_in_view(content):
    """The walkthrough reminds that staying on or changing usual treatment is an option."""
    at = open_page("pages/walkthrough.py")
    assert any("changing, your usual MS medicine" in i.value for i in at.info)


def test_treatments_looked_at_are_remembered_in_the_session(content):
    """The session remembers which treatments the person opened, in the order they did."""
    at = open_page("pages/walkthrough.py")
    _pick(at, "msc")
    at.switch_page("pages/home.py").run()
    assert at.session_state["viewed_treatments"] == ["ahsct_myeloablative", "msc"]


def test_treatment_and_step_survive_a_visit_to_another_page(content):
    """Leaving the walkthrough for the glossary and coming back returns to the same step."""
    at = open_page("pages/walkthrough.py")
    _pick(at, "msc")
    at.button(key="walk_next").click().run()
    at.switch_page("pages/glossary.py").run()
    at.switch_page("pages/walkthrough.py").run()
    assert at.radio(key="walk_treatment").value == "msc"
    assert at.progress[0].text == f"Step 2 of {len(content.treatments['msc'].steps)}"
