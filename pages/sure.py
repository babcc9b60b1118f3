"""How sure I feel: the SURE test of decisional conflict, and a short knowledge check."""

import streamlit as st

from decision.answers import answers_from_session, forget, session_key
from decision.readiness import feels_ready, quiz_result, sure_needs, sure_score
from decision.text import escape_markdown
from pages.shared import answers_hidden, content, footer, md, page_link, say, say_all, t

c = content()
P = "sure"


def _clear() -> None:
    forget(st.session_state, "sure_")
    forget(st.session_state, "quiz_")


st.title(t(P, "title"))
say_all(md(t(P, "intro")), md(t("common", "not_advice")))

if answers_hidden():
    # Clinic view, until the person shows them: none of their answers on screen. They are kept.
    footer()
    st.stop()

st.header(t(P, "sure_heading"))
say(t(P, "sure_intro"))
for question in c.readiness.sure.questions:
    st.radio(
        f"**{question.question}**",
        options=["yes", "no"],
        index=None,
        format_func=lambda answer: t(P, f"answer_{answer}"),
        key=session_key("sure", question.id),
        help=f"{question.id[0].upper()}: {question.name}",
        horizontal=True,
        persist_state="session",
    )
answers = answers_from_session(st.session_state)
score = sure_score(answers)
if score is None:
    st.caption(t(P, "sure_incomplete"))
else:
    message = t(P, "sure_score").format(score=score) + " "
    if feels_ready(score):
        st.success(message + t(P, "sure_ready"), icon=":material/check_circle:")
    else:
        st.info(message + t(P, "sure_not_ready"), icon=":material/info:")
needs = sure_needs(c, answers)
if needs:
    st.subheader(t(P, "sure_helps_heading"))
    for question in needs:
        say(f"- **{question.name}.** {' '.join(question.if_no.split())}")
say(t(P, "sure_meaning"))
st.caption(t(P, "sure_credit").format(citation=" ".join(c.readiness.sure.citation.split())))

st.header(t(P, "quiz_heading"))
say(t(P, "quiz_intro"))
for question in c.readiness.knowledge:
    labels = {option.id: option.label for option in question.options}
    st.radio(
        f"**{question.question}**",
        options=list(labels),
        index=None,
        format_func=labels.__getitem__,
        key=session_key("quiz", question.id),
        help=t(P, "quiz_help"),
        persist_state="session",
    )
    result = quiz_result(question, answers)
    if result is not None:
        text = f"**{t(P, f'quiz_{result}')}** {' '.join(question.explanation.split())}"
        (st.success if result == "right" else st.info)(text, icon=":material/lightbulb:")
        basis = question.basis
        st.caption(t(P, "quiz_from").format(where=escape_markdown(basis.where)))
        st.markdown("> " + escape_markdown(" ".join(basis.says.split())))

st.header(t(P, "next_heading"))
say(t(P, "next_body"))
page_link("pages/walkthrough.py", label=t(P, "link_walkthrough"), icon=":material/stairs:")
page_link("pages/values.py", label=t(P, "link_values"), icon=":material/balance:")
page_link("pages/criteria.py", label=t(P, "link_criteria"), icon=":material/fact_check:")
st.button(
    t(P, "clear"),
    key="sure_clear",
    help=t(P, "clear_help"),
    on_click=_clear,
    icon=":material/delete:",
)
footer()
