"""Helpers for AppTest: start the app, move between pages, read what a person sees."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"
_ESCAPE = re.compile(r"\\(.)")


def open_page(page: str) -> AppTest:
    """Start the app and open one page, e.g. "pages/walkthrough.py"."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    if page != "pages/home.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def visible_text(node) -> str:
    """All text a person can read in an AppTest tree or block, without escapes or bold."""
    kinds = (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    )
    parts: list[str] = []
    for kind in kinds:
        parts += [_ESCAPE.sub(r"\1", e.value.replace("**", "")) for e in getattr(node, kind)]
    return "\n".join(parts)


def headings(node, level: int) -> list[str]:
    """The headings of one level a person sees (2 for <h2>, 3 for <h3>), in an AppTest tree
    or block: drawn by st.header or st.subheader, or written as Markdown headings at the start
    of a line of a text (pages.shared.say_under), without escapes."""
    element = {2: "header", 3: "subheader"}[level]
    inside = [
        _ESCAPE.sub(r"\1", h)
        for m in node.markdown
        for h in re.findall(rf"^{'#' * level} (.+)$", m.value, re.M)
    ]
    return [h.value for h in getattr(node, element)] + inside


def folded(text: str) -> str:
    """Whitespace folded, for comparing content text with what is shown."""
    return " ".join(text.split())


def open_worksheet(at: AppTest) -> AppTest:
    """Open the questions page's worksheet, as a person clicks its label, and run the page:
    it is drawn only while open."""
    at.session_state["questions_worksheet"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_topics(at: AppTest, *topics: str) -> AppTest:
    """Open topics of the questions page by id (none named: every topic), as a person clicks
    their labels, and run the page: a topic's questions are drawn only while it is open."""
    prefix = "questions_topic_"
    keys = [prefix + t for t in topics] or [
        key
        for e in at.expander
        if (key := e.proto.id.split("-", 2)[-1]).startswith(prefix) and e.proto.id
    ]
    assert keys, "no topic on this page"
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
