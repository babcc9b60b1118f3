"""Links that open the walkthrough at a treatment and step (`?treatment=<id>&step=<n>`), so a
clinician can send a patient straight to a step; a bad link opens the default and says so."""

from __future__ import annotations

import pytest
from apptest_helpers import APP, headings, open_page, visible_text
from streamlit.testing.v1 import AppTest

from decision.links import LINK_KEYS, LinkTarget, resolve_link, step_link

WALK = "pages/walkthrough.py"
UNKNOWN_TREATMENT = "The link you followed names a treatment this aid does not have."
UNKNOWN_STEP = "The link you followed names a step this treatment does not have."


def _follow(params: dict[str, str], url: str | None = None) -> AppTest:
    """Open the walkthrough from a link with these query parameters, as a new visitor."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    at.query_params.update(params)
    if url is not None:
        at.context["url"] = url
    at.switch_page(WALK).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _where(at) -> tuple[str, str]:
    return at.radio(key="walk_treatment").value, at.progress[0].text


def test_a_link_opens_that_treatment_at_that_step(content):
    """`?treatment=msc&step=3` opens MSC therapy at step 3, with no message."""
    at = _follow({"treatment": "msc", "step": "3"})
    total = len(content.treatments["msc"].steps)
    assert _where(at) == ("msc", f"Step 3 of {total}")
    assert content.treatments["msc"].steps[2].title in headings(at, 2)
    assert not any("The link you followed" in w.value for w in at.warning)


def test_a_link_to_the_last_step_of_each_treatment_opens_it(content):
    """Every treatment's last step can be linked to by its number."""
    for treatment_id, treatment in content.treatments.items():
        total = len(treatment.steps)
        at = _follow({"treatment": treatment_id, "step": str(total)})
        assert _where(at) == (treatment_id, f"Step {total} of {total}")


def test_a_link_without_a_step_opens_the_first_step(content):
    """`?treatment=ahsct_non_myeloablative` alone opens that treatment at step 1."""
    at = _follow({"treatment": "ahsct_non_myeloablative"})
    assert _where(at) == ("ahsct_non_myeloablative", "Step 1 of 7")


def test_after_following_a_link_the_person_can_move_on(content):
    """The link is applied once: Next, the step list and a visit to another page are not
    undone by the link still being in the address."""
    at = _follow({"treatment": "msc", "step": "2"})
    at.button(key="walk_next").click().run()
    assert at.progress[0].text.startswith("Step 3 of")
    at.switch_page("pages/glossary.py").run()
    at.switch_page(WALK).run()
    assert _where(at)[0] == "msc" and at.progress[0].text.startswith("Step 3 of")


@pytest.mark.parametrize(
    "treatment",
    ["no_such_treatment", "<script>alert(1)</script>", "MSC", "", "x" * 100_000, "msc\u202e"],
)
def test_an_unknown_treatment_opens_the_default_with_a_plain_message(content, treatment):
    """A link naming a treatment the aid does not have opens the first treatment at step 1,
    says so in plain words, and never shows the link's text back."""
    at = _follow({"treatment": treatment, "step": "3"})
    first = next(iter(content.treatments))
    assert _where(at) == (first, f"Step 1 of {len(content.treatments[first].steps)}")
    text = visible_text(at)
    assert UNKNOWN_TREATMENT in text
    if len(treatment) > 3:
        assert treatment not in text and treatment not in str(at.main)


@pytest.mark.parametrize("step", ["0", "8", "99999", "-1", "2.5", "two", "", " ", "<b>3</b>"])
def test_a_step_the_treatment_does_not_have_opens_its_first_step(content, step):
    """A step that is not a number from 1 to the last step opens the named treatment at step
    1, with a plain message."""
    at = _follow({"treatment": "ahsct_non_myeloablative", "step": step})
    assert _where(at) == ("ahsct_non_myeloablative", "Step 1 of 7")
    assert UNKNOWN_STEP in visible_text(at)


def test_without_a_link_the_walkthrough_says_nothing_about_links():
    """Opened from the menu, the walkthrough shows its default and no link message."""
    at = open_page(WALK)
    assert not any("The link you followed" in w.value for w in at.warning)


def test_the_page_offers_a_link_to_the_step_on_screen(content):
    """The walkthrough shows a link to copy for the treatment and step on screen, with the
    app's address, and it changes as the person moves on."""
    url = "https://aid.example.org/walkthrough"
    at = _follow({"treatment": "msc", "step": "2"}, url=url)
    block = at.get_by_key("walk_link")
    assert block.label == "Copy a link to this step"
    assert [c.value for c in block.code] == [f"{url}?treatment=msc&step=2"]
    at.button(key="walk_next").click().run()
    assert [c.value for c in at.get_by_key("walk_link").code] == [f"{url}?treatment=msc&step=3"]


def test_the_copied_link_opens_the_same_step(content):
    """The link shown on a step, followed in a new session, opens that same step."""
    at = open_page(WALK)
    at.radio(key="walk_treatment").set_value("ahsct_myeloablative").run()
    at.selectbox(key="walk_step").set_value(4).run()
    (code,) = at.get_by_key("walk_link").code
    query = code.value.split("?", 1)[1]
    params = dict(part.split("=", 1) for part in query.split("&"))
    again = _follow(params)
    assert _where(again) == _where(at)


def test_resolve_link_checks_every_value_against_the_content(content):
    """The link's values are checked: known treatment and step pass; anything else gives the
    default with the reason."""
    first = next(iter(content.treatments))
    assert resolve_link(content, "msc", "4") == LinkTarget("msc", 3)
    assert resolve_link(content, "msc", " 4 ") == LinkTarget("msc", 3)
    assert resolve_link(content, None, "2") == LinkTarget(first, 1)
    assert resolve_link(content, "nope", "2") == LinkTarget(first, 0, "unknown_treatment")
    assert resolve_link(content, "msc", "٣") == LinkTarget("msc", 0, "unknown_step")
    assert resolve_link(content, "msc", "1" * 5000) == LinkTarget("msc", 0, "unknown_step")


def test_a_step_link_holds_only_the_treatment_and_the_step():
    """A link built for a step has exactly two query parameters: treatment and step."""
    link = step_link("http://localhost:8501/walkthrough", "msc", 3)
    assert link == "http://localhost:8501/walkthrough?treatment=msc&step=3"
    assert step_link("", "msc", 1) == "?treatment=msc&step=1"
    assert LINK_KEYS == ("treatment", "step")
