"""Glossary: every medical word, in plain language, with a filter."""

import streamlit as st

from pages.shared import content, footer, say, t

c = content()
st.title(t("glossary", "title"))
say(t("glossary", "intro"))
query = st.text_input(
    t("glossary", "search"), key="glossary_query", help=t("glossary", "search_help"), max_chars=100
).strip()

shown = [
    term
    for term in c.glossary
    if not query
    or any(query.lower() in name.lower() for name in (term.term, *term.also))
    or query.lower() in term.plain.lower()
]
if not shown:
    say(t("glossary", "no_match"), query=query)
for term in shown:
    st.subheader(term.term)
    say(term.plain)
    if term.also:
        say(t("glossary", "also_written"), names=", ".join(term.also))
footer()
