"""What a person sees on each page, driven through AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_helpers import folded, headings, open_page, visible_text

from pages.shared import nav_page

PAGES = ["pages/home.py", "pages/walkthrough.py", "pages/glossary.py", "pages/questions.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_its_disclaimer(page):
    """Each page opens without an error and says it is information, not medical advice."""
    at = open_page(page)
    assert not at.exception
    assert "This aid gives information, not medical advice." in visible_text(at)


def test_home_page_sets_out_the_decision_and_all_options(content):
    """The home page explains MS, the decision, the three treatments and usual treatment."""
    text = visible_text(open_page("pages/home.py"))
    for heading in ["MS in brief", "The decision", "The three stem cell treatments"]:
        assert heading in text
    for treatment in content.treatments.values():
        assert treatment.name in text
    assert "stay on your current disease-modifying treatment (DMT), or change" in folded(text)


def _glossary_words(at) -> list[str]:
    """The glossary's words as a person sees them: each is a heading (level 3) of its own, and
    the page has no other heading below its title."""
    return headings(at, 2) + headings(at, 3)


def test_glossary_shows_every_word_with_its_meaning_and_other_spellings(content):
    """With no search, every glossary word is a heading, followed by its meaning and the other
    ways it is written."""
    at = open_page("pages/glossary.py")
    assert _glossary_words(at) == [term.term for term in content.glossary]
    text = folded(visible_text(at))
    for term in content.glossary:
        assert folded(term.plain) in text
        if term.also:
            assert folded("Also written as: " + ", ".join(term.also)) in text


def test_glossary_filters_to_matching_words():
    """Typing in the glossary's search box shows only matching entries."""
    at = open_page("pages/glossary.py")
    at.text_input(key="glossary_query").input("apheresis").run()
    assert _glossary_words(at) == ["apheresis"]


def test_glossary_says_when_nothing_matches():
    """A search with no match says so, showing the search text as typed."""
    at = open_page("pages/glossary.py")
    at.text_input(key="glossary_query").input("<b>zzz</b>").run()
    assert 'No word in the glossary matches "<b>zzz</b>".' in visible_text(at)
    assert not _glossary_words(at)


def test_glossary_explains_the_terms_the_issue_names(content):
    """EDSS, apheresis, mobilisation, conditioning, ATG, engraftment, intrathecal and Wharton's
    jelly each have a glossary entry."""
    terms = {t.term.lower() for t in content.glossary}
    for word in [
        "edss",
        "apheresis",
        "mobilisation",
        "conditioning",
        "atg",
        "engraftment",
        "intrathecal",
        "wharton's jelly",
    ]:
        assert word in terms


def test_home_page_links_to_each_part_of_the_aid():
    """The home page links to the walkthrough, the comparison, the criteria page, the
    questions and the glossary."""
    at = open_page("pages/home.py")
    targets = {link.proto.page for link in at.page_link}
    for page in ["walkthrough", "compare", "criteria", "questions", "glossary"]:
        assert any(page in target for target in targets), page


def test_navigation_marks_each_runs_own_copy_of_a_page_never_the_one_made_once():
    """The menu's pages are made once per server process and copied for each run: navigation
    marks on a Page which one may run, and two people's runs must not share that mark (one
    person's page would then refuse to run for the other)."""
    at = open_page("pages/walkthrough.py")  # a real run makes the pages (and opens this one)
    assert not at.exception
    path = Path(__file__).resolve().parents[1] / "pages" / "walkthrough.py"
    mine, theirs = (
        nav_page(path, title="Step by step", icon=":material/stairs:") for _ in range(2)
    )
    assert mine is not theirs
    assert (mine.title, mine.url_path, mine.icon) == (
        "Step by step",
        "walkthrough",
        ":material/stairs:",
    )
    mine._can_be_called = True  # as st.navigation marks the page it is about to run
    assert theirs._can_be_called is False
    again = nav_page(path, title="Step by step", icon=":material/stairs:")
    assert again._can_be_called is False
