"""What matters to me: a person rates what matters, and sees what bears on it for each option."""

import streamlit as st

from decision.answers import RATINGS, answers_from_session, forget, session_key
from decision.text import escape_markdown
from decision.values import ShownFeature, not_important, options, weighed
from pages.shared import answers_hidden, content, footer, page_link, say, t

c = content()
P = "values"
OPTIONS = options(c)

st.title(t(P, "title"))
say(t(P, "intro"))
say(t("common", "not_advice"))
st.info(t(P, "no_score"), icon=":material/info:")

with st.expander(t(P, "options_heading")):
    for option in OPTIONS:
        summary = escape_markdown(" ".join(option.summary.split()))
        say(f"**{escape_markdown(option.name)}.** {summary}")

if answers_hidden():
    # Clinic view, until the person shows them: none of their answers on screen. They are kept.
    footer()
    st.stop()

st.header(t(P, "rate_heading"))
st.caption(t(P, "rate_intro"))
for value in c.values.values:
    st.segmented_control(
        value.label,
        options=list(RATINGS),
        format_func=lambda rating: t(P, f"rating_{rating}"),
        key=session_key("values", value.id),
        help=" ".join(value.help.split()),
        persist_state="session",
    )

answers = answers_from_session(st.session_state)


def _feature(feature: ShownFeature) -> str:
    """One feature as a Markdown list item: our words with their source, or who says what."""
    if feature.source is None:
        line = escape_markdown(feature.text)
        if feature.cite:
            line += " *" + t(P, "cite").format(cite=escape_markdown(feature.cite)) + "*"
        return "- " + line
    line = t(P, "claim_says").format(
        source=escape_markdown(feature.source), text=escape_markdown(feature.text)
    )
    if feature.price:
        line += " " + t(P, "stated_price").format(price=escape_markdown(feature.price))
        line += " " + (
            t(P, "price_covers").format(covers=escape_markdown(feature.price_covers))
            if feature.price_covers
            else t(P, "price_covers_not_stated")
        )
    if feature.flag:
        line += " *" + t(P, "flag").format(note=escape_markdown(feature.flag)) + "*"
    return "- " + line


st.header(t(P, "compare_heading"))
shown = weighed(c, answers)
if not shown:
    st.caption(t(P, "nothing_rated"))
else:
    say(t(P, "compare_intro"))
for item in shown:
    st.subheader(item.value.label)
    st.caption(t(P, f"rated_{item.rating}"))
    for option in OPTIONS:
        features = item.features[option.id]
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(option.name)}**")
            st.markdown("\n".join(_feature(f) for f in features))
            quoted = [f for f in features if f.quote]
            if quoted:
                with st.expander(t(P, "show_quotes")):
                    for f in quoted:
                        say(t(P, "quote_from"), source=f.source or "")
                        st.markdown("> " + escape_markdown(f.quote or ""))
                        if f.note:
                            st.caption(t(P, "note").format(note=escape_markdown(f.note)))
unrated = not_important(c, answers)
if unrated:
    say(t(P, "not_important"), values="; ".join(v.label for v in unrated))

st.header(t(P, "own_words"))
st.text_area(
    t(P, "own_words"),
    key=session_key("values_note"),
    help=t(P, "own_words_help"),
    max_chars=2000,
    label_visibility="collapsed",
    persist_state="session",
)
say(t(P, "talk"))
page_link("pages/sure.py", label=t(P, "next"), icon=":material/task_alt:")
st.button(
    t(P, "clear"),
    key="values_clear",
    help=t(P, "clear_help"),
    on_click=forget,
    args=(st.session_state, "values_"),
    icon=":material/delete:",
)
footer()
