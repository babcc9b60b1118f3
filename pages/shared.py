"""Pieces every page uses: the loaded content, safe text output, claim cards, the footer."""

from __future__ import annotations

import copy
import functools
import gc
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any, NoReturn, TypeVar

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.dataframe_util import convert_pandas_df_to_arrow_table
from streamlit.delta_generator import DeltaGenerator

from decision import __version__
from decision.evidence import flag_evidence
from decision.frequencies import in_words
from decision.load import Content, ContentError, load_content
from decision.models import Claim, EvidenceItem
from decision.text import (
    escape_markdown,
    escape_math,
    format_date,
    format_duration,
    format_price,
)
from pages.tcp import send_without_delay

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _load() -> Content:
    # Read-only and the same for everyone: loaded and validated once per server process.
    loaded = load_content()
    _settle()
    send_without_delay()  # once per server process: see pages/tcp.py
    return loaded


def _settle() -> None:
    """Take what lives as long as the server out of the garbage collector's way, once.

    Python's full collections walk every object that could be in a reference cycle: here the
    modules of Streamlit, pandas, Altair and Arrow and the content, hundreds of thousands of
    objects that never die. Each such collection took about 100 ms of one person's run, every
    few seconds under use (BENCHMARKS.md). gc.freeze() moves the objects alive now out of
    the collector's reach for good; what is made later (people's sessions) is collected as
    before. Done after a collection, so no garbage is frozen with them."""
    import altair  # noqa: F401  (pages import these later; loaded now, they are frozen too)

    import decision.handout  # noqa: F401

    gc.collect()
    gc.freeze()


def _leave_legacy_multipage_mode() -> None:
    """Run every page through app.py's st.navigation, even on a fresh server.

    Streamlit treats a folder named pages/ as an old-style multipage app until app.py has
    called st.navigation once in the process, so the first deep link after a restart would
    run a page without app.py (wrong menu, no page config). Switch the process over and rerun.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# What _load() returned last: a page asks for hundreds of texts per run, and each trip through
# st.cache_resource (hashing, locking) costs far more than the lookup itself. content(),
# called at the top of every page, keeps it current.
_latest: Content | None = None


# content_cache(): one st.cache_resource wrapper per function, made once per process.
_CACHED: dict[tuple[str, CodeType], Callable[..., Any]] = {}


def content_cache(func: Callable[..., T]) -> Callable[..., T]:
    """st.cache_resource, for a page's functions that build something from the content alone
    (never from a person's answers): built once per server process, shared by everyone.

    A page script runs again at every rerun, and so defines its functions again; decorating
    one with st.cache_resource at every run reads and tokenises its source each time (about
    1-2 ms per function per run). Here the wrapper is made the first time only, keyed by the
    function's compiled code, which Streamlit keeps between runs (so an edited page gets a new
    wrapper)."""
    # The file too: two pages could hold functions whose compiled code compares equal.
    key = (func.__code__.co_filename, func.__code__)
    wrapper = _CACHED.get(key)
    if wrapper is None:
        wrapper = _CACHED[key] = st.cache_resource(show_spinner=False)(func)
    return wrapper


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """A table as Streamlit would send it (Arrow), made once: show it with
    st.table(..., hide_index=...) (hide_index given, or Streamlit converts it back to check).
    For tables built from content only, inside a content_cache function."""
    return convert_pandas_df_to_arrow_table(frame)


def content_error_page(err: ContentError) -> NoReturn:
    """Instead of a traceback: say that the aid has a problem, not the person, and name the
    file and field for the people who look after it. Then stop the page. (These words are
    here, not in content/, because content/ is what failed.)"""
    st.error(
        "The aid cannot start because some of its content has a mistake.", icon=":material/error:"
    )
    st.markdown(
        "This is a problem with the aid, not with anything you did. Please try again later."
    )
    st.caption("For the people who look after the aid:")
    st.code(str(err), language=None)
    st.stop()


def content() -> Content:
    """The validated content, or an error page naming the file and field (then stop)."""
    global _latest
    _leave_legacy_multipage_mode()
    try:
        _latest = _load()
        return _latest
    except ContentError as err:
        content_error_page(err)


def md(text: str, **values: str) -> str:
    """One of our own Markdown texts, with {placeholders} filled in as plain text."""
    safe = {k: escape_markdown(v) for k, v in values.items()}
    return escape_math(text).format(**safe) if values else escape_math(text)


def say(text: str, **values: str) -> None:
    """Show one of our own Markdown texts, with {placeholders} filled in as plain text."""
    st.markdown(md(text, **values))


def say_all(*paragraphs: str) -> None:
    """Show several paragraphs (each already made safe with md()) as one block of text: one
    element instead of one per paragraph, which is what a page's run costs (cards have many)."""
    st.markdown("\n\n".join(paragraphs))


def say_under(heading: str, *paragraphs: str, level: int = 2) -> None:
    """A heading (our own text) and the paragraphs under it (each already made safe with md())
    as one block of text: the heading is the same heading to the eye and to a screen reader
    (<h2> for level 2, as st.header; <h3> for 3, as st.subheader), and the page sends one
    element where it sent two (issue 8)."""
    st.markdown("\n\n".join(["#" * level + " " + md(heading), *paragraphs]))


def _current() -> Content:
    """The content this run already loaded (content() on a page's first line), cheaply."""
    return _latest or content()


def t(page: str, key: str) -> str:
    """A text from content/pages/<page>.yaml; a missing one shows the content error page."""
    try:
        return _current().text(page, key)
    except ContentError as err:
        content_error_page(err)


@functools.cache
def _link_target(path: str) -> st.Page:
    """The page at `path` (as app.py names it) as a link target, made once per process. A link
    by path string makes Streamlit resolve the path on disk at every run (about 1 ms a link,
    and the home page has six); a Page object carries its address. Only for links: the Page
    objects app.py gives st.navigation are its own, since navigation marks which one may run."""
    return st.Page(path)


@functools.cache
def _made_page(path: Path, title: str, icon: str, default: bool) -> st.Page:
    return st.Page(path, title=title, icon=icon, default=default)


def nav_page(path: Path, *, title: str, icon: str, default: bool = False) -> st.Page:
    """A page for app.py's st.navigation. st.Page resolves and checks its path on disk (about
    200 calls a page, twelve pages, at every run of every page), so each is made once per
    process; each run gets its own copy, because navigation marks on the Page which one may
    run, and several people's runs go at once."""
    return copy.copy(_made_page(path, title, icon, default))


def page_link(path: str, label: str, icon: str) -> None:
    """A link to one of the aid's pages (path as in app.py, e.g. "pages/about.py")."""
    st.page_link(_link_target(path), label=label, icon=icon)


def drawn_while_open(label: str, key: str) -> DeltaGenerator | None:
    """An expander whose contents are drawn only while it is open: opening it runs the page
    again, which then draws them. Returns the expander to draw into, or None while it is
    closed. Everything on a page is otherwise sent at every run, closed or not, and that is
    most of what a run costs on the pages with many cards (issue 8)."""
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None


def open_section(label: str, key: str, draw: Callable[[], None]) -> None:
    """A section drawn only while open (drawn_while_open), in a fragment of its own: opening
    it, and pressing or choosing anything inside it, runs only this section again, not the
    whole page, and the browser redraws only it (issue 8). `draw` draws what is inside.

    Only for sections whose widgets change nothing shown outside them: a fragment's run
    leaves the rest of the page as it was. `draw` (and what it holds) is kept from the page's
    last full run, so it may hold content only: anything from st.session_state must be read
    inside it, at each run, or the section would show stale values."""
    _section(label, key, draw)


@st.fragment
def _section(label: str, key: str, draw: Callable[[], None]) -> None:
    box = drawn_while_open(label, key)
    if box is not None:
        with box:
            draw()


def claim_card(claim: Claim) -> None:
    """One claim: who says it, our plain sentence, figures, and the exact quote on demand."""
    c = _current()
    source = c.sources[claim.source]
    parts = [md(t("walkthrough", "says"), source=source.name), md(claim.plain)]
    if claim.duration is not None:
        parts.append(
            md(t("walkthrough", "stated_duration"), duration=format_duration(claim.duration))
        )
    if claim.cost is not None:
        parts.append(md(t("walkthrough", "stated_price"), price=format_price(claim.cost)))
        if claim.cost.covers:
            parts.append(md(t("walkthrough", "price_covers"), covers=claim.cost.covers))
        else:
            parts.append(md(t("walkthrough", "price_covers_not_stated")))
    if claim.placement_note:
        # Our note, marked as ours by its icon and words, in the card's text: a box of its own
        # was one more element per card at every run, and the comparison shows up to 40 cards.
        label = escape_math(t("walkthrough", "placement_note"))
        parts.append(f":material/info: **{label}** {escape_math(claim.placement_note)}")
    with st.container(border=True):
        say_all(*parts)
        if claim.flag is not None:
            # A flag is shown by its icon and its words, never by colour alone.
            names = "; ".join(
                f"{e.name} ({e.citation.rstrip('.')})" for e in flag_evidence(c, claim)
            )
            st.warning(
                escape_math(
                    f"**{t('walkthrough', 'flag_label')}** {claim.flag.note}\n\n"
                    + t("walkthrough", "flag_sources").format(names=names)
                ),
                icon=":material/flag:",
            )
        with st.expander(t("walkthrough", "show_quote")):
            say_all(
                md(t("walkthrough", "quote_from"), source=source.name),
                "> " + escape_markdown(" ".join(claim.quote.split())),
            )


def evidence_card(item: EvidenceItem) -> None:
    """One published study or piece of guidance: what it is, what it found (figures out of
    100 people), who took part, how sure it is, and its citation and date checked."""
    c = _current()
    kind = t("evidence", f"study_type_{item.study_type}")
    if item.year is None:
        parts = [md(t("evidence", "card_what_undated"), name=item.name, study_type=kind)]
    else:
        parts = [
            md(t("evidence", "card_what"), name=item.name, study_type=kind, year=str(item.year))
        ]
    parts.append(md(item.figure))
    if item.proportions:
        parts.append(
            md(
                "\n".join(
                    f"- {in_words(p, c.outcomes[p.outcome], c.pages['evidence'])}"
                    for p in item.proportions
                )
            )
        )
    if item.number_of_people is None:
        parts.append(md(t("evidence", "card_people_guidance"), population=item.population))
    else:
        parts.append(
            md(
                t("evidence", "card_people"),
                population=item.population,
                number=f"{item.number_of_people:,}",
            )
        )
    parts.append(md(t("evidence", "card_sure"), uncertainty=item.uncertainty))
    # The citation and the date it was checked in view, in the card's one text: for the
    # neurologist reading along, and one element a card instead of three (issue 8).
    parts.append(
        md(t("evidence", "card_citation"), citation=item.citation)
        + "  \n"
        + md(t("evidence", "card_checked"), date=format_date(item.last_checked))
    )
    with st.container(border=True):
        say_all(*parts)


CLINIC_VIEW = "clinic_view"
# The one "Show my answers" switch, on the summary and on every page that shows answers. It has
# no persist_state on purpose: each page opens with the answers hidden again.
SHOW_ANSWERS = "summary_show_answers"

# Clinic view's larger text, for this session only (theme.baseFontSize would change it for
# everyone on the server). Streamlit sizes text, widgets and spacing in rem, so a larger root
# font size scales the whole page, side bar included; a little less on a narrow screen. Tables
# grow a little less and their headings wrap, so that a wide table still fits its column
# instead of scrolling sideways (a scrolling st.table cannot be reached by keyboard). Fixed
# text of ours: never put anything a person typed into it.
LARGER_TEXT = (
    "<style>"
    "html { font-size: 137.5%; }"
    "@media (max-width: 640px) { html { font-size: 125%; } }"
    '[data-testid="stTable"] table :is(th, td, th *, td *) { font-size: 0.8rem; }'
    '[data-testid="stTable"] table th { white-space: normal; }'
    "</style>"
)


def clinic_view() -> bool:
    """True while clinic view is on: for going through the aid together on a shared screen."""
    return bool(st.session_state.get(CLINIC_VIEW, False))


def clinic_view_toggle() -> None:
    """The clinic view switch, in the side bar of every page (its value lasts the session).
    While it is on, the page's text is larger."""
    with st.sidebar:
        on = st.toggle(
            t("common", "clinic_view"),
            key=CLINIC_VIEW,
            help=t("common", "clinic_view_help"),
            persist_state="session",
        )
        if on:
            # Only <style>: Streamlit adds it to the page without taking any space.
            st.html(LARGER_TEXT)
            st.caption(t("common", "clinic_view_larger"))


def show_answers_toggle() -> bool:
    """The "Show my answers" switch; True while it is on."""
    return st.toggle(
        t("summary", "show_answers"), key=SHOW_ANSWERS, help=t("summary", "show_answers_help")
    )


def answers_hidden() -> bool:
    """Neutral framing for a page that shows what the person answered. Outside clinic view:
    False, and nothing shown. In clinic view: the "Show my answers" switch and a sentence
    saying whether this page's answers are hidden; True until the person shows them. Hidden
    answers are only not drawn: their widgets keep them (persist_state="session")."""
    if not clinic_view():
        return False
    hidden = not show_answers_toggle()
    if hidden:
        st.info(t("common", "answers_hidden"), icon=":material/visibility_off:")
    else:
        st.caption(t("common", "answers_shown"))
    return hidden


def footer() -> None:
    """A rule, the reminder that this is not advice, the version and funding, the About link:
    as few elements as that takes (every page sends them at every run)."""
    clinic_view_toggle()
    st.markdown("---\n\n" + md(t("common", "not_advice")))
    d = _current().disclosures
    st.caption(
        escape_math(t("common", "footer")).format(version=__version__)
        + "\n\n"
        + escape_math(t("common", "disclosure")).format(
            published=format_date(d.published), searched=format_date(d.evidence_searched)
        )
    )
    page_link("pages/about.py", label=t("common", "about_link"), icon=":material/info:")
