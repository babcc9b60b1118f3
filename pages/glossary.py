"""Glossary: every medical word, in plain language, with a filter."""

import streamlit as st

from pages.shared import content, footer, md, say, t

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


def entry(term) -> str:
    """One word as Markdown: its name as a heading, what it means, and its other spellings."""
    parts = [f"### {md(term.term)}", md(term.plain)]
    if term.also:
        parts.append(md(t("glossary", "also_written"), names=", ".join(term.also)))
    return "\n\n".join(parts)


# All of them as one block of text (headings inside it, as subheaders would be): about a
# hundred words, and one element costs far less at every run than three hundred.
if shown:
    st.markdown("\n\n".join(map(entry, shown)))
footer()
