"""Pieces every page uses: the loaded content, safe text output, claim cards, the footer."""

from __future__ import annotations

import streamlit as st

from decision import __version__
from decision.load import Content, ContentError, load_content
from decision.models import Claim
from decision.text import escape_markdown, escape_math, format_duration, format_price


@st.cache_resource(show_spinner=False)
def _load() -> Content:
    # Read-only and the same for everyone: loaded and validated once per server process.
    return load_content()


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


def content() -> Content:
    """The validated content, or an error page naming the file and field (then stop)."""
    _leave_legacy_multipage_mode()
    try:
        return _load()
    except ContentError as err:
        st.error("The aid cannot start because some of its content has a mistake.")
        st.caption("For the people who look after the aid:")
        st.code(str(err), language=None)
        st.stop()


def say(text: str, **values: str) -> None:
    """Show one of our own Markdown texts, with {placeholders} filled in as plain text."""
    safe = {k: escape_markdown(v) for k, v in values.items()}
    st.markdown(escape_math(text).format(**safe) if values else escape_math(text))


def t(page: str, key: str) -> str:
    return content().text(page, key)


def claim_card(claim: Claim) -> None:
    """One claim: who says it, our plain sentence, figures, and the exact quote on demand."""
    c = content()
    source = c.sources[claim.source]
    with st.container(border=True):
        say(t("walkthrough", "says"), source=source.name)
        say(claim.plain)
        if claim.duration is not None:
            say(t("walkthrough", "stated_duration"), duration=format_duration(claim.duration))
        if claim.cost is not None:
            say(t("walkthrough", "stated_price"), price=format_price(claim.cost))
            if claim.cost.covers:
                say(t("walkthrough", "price_covers"), covers=claim.cost.covers)
            else:
                say(t("walkthrough", "price_covers_not_stated"))
        if claim.placement_note:
            st.info(
                escape_math(f"{t('walkthrough', 'placement_note')} {claim.placement_note}"),
                icon=":material/info:",
            )
        with st.expander(t("walkthrough", "show_quote")):
            say(t("walkthrough", "quote_from"), source=source.name, kind=source.kind)
            st.markdown("> " + escape_markdown(" ".join(claim.quote.split())))


def footer() -> None:
    st.divider()
    say(t("common", "not_advice"))
    st.caption(escape_math(t("common", "footer")).format(version=__version__))
