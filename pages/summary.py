"""Summary: what this session gathered, on one screen. In clinic view, one part at a time,
with the person's own answers hidden until they choose to show them."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from decision import pdf_worker
from decision.handout import HandoutTable
from decision.summary import Part, gathered_from_session, handout_from, summary_parts
from decision.text import escape_markdown, format_date
from pages import downloads
from pages.shared import (
    clinic_view,
    content,
    footer,
    md,
    page_link,
    say,
    say_all,
    show_answers_toggle,
    t,
)

c = content()
P = "summary"
TOPIC = "summary_topic"  # clinic view: the part on screen
ICONS = {
    "treatments": ":material/stairs:",
    "compare": ":material/compare:",
    "criteria": ":material/fact_check:",
    "priorities": ":material/balance:",
    "sure": ":material/task_alt:",
    "questions": ":material/checklist:",
}


def s(key: str) -> str:
    return t(P, key)


def _plain(text: str) -> str:
    return escape_markdown(" ".join(text.split()))


def _table(table: HandoutTable, headed: bool) -> None:
    """One table of a part: a list when it has one column. Every cell is shown as typed."""
    if headed:
        st.subheader(_plain(table.heading))  # one level below the part's heading
    if table.intro:
        st.caption(_plain(table.intro))
    if len(table.columns) == 1:
        st.markdown("\n".join(f"- {_plain(row[0])}" for row in table.rows))
        return
    frame = pd.DataFrame(
        [[_plain(v) for v in row] for row in table.rows],
        columns=[_plain(name) for name in table.columns],
    )
    st.table(frame, hide_index=True, alt=table.heading)


def _part(part: Part, hidden: bool) -> None:
    with st.container(border=True, key=f"summary_part_{part.id}"):
        st.header(part.heading)
        if hidden:
            say(s("hidden"))
        elif not part.filled:
            st.info(s("not_filled"), icon=":material/edit_note:")
        else:
            for paragraph in part.paragraphs:
                st.markdown(_plain(paragraph))
            for table in part.tables:
                _table(table, headed=table.heading != part.heading)
        page_link(part.page, label=part.link, icon=ICONS[part.id])


gathered = gathered_from_session(st.session_state)
parts = summary_parts(c, gathered)
ids = [part.id for part in parts]
clinic = clinic_view()


def _go(index: int) -> None:
    st.session_state[TOPIC] = ids[index]


st.title(s("title"))
say_all(md(s("intro")), md(t("common", "not_advice")))
say(s("made_on"), date=format_date(date.today()))

if clinic:
    st.info(s("clinic_note"), icon=":material/co_present:")
    show = show_answers_toggle()
    if st.session_state.get(TOPIC) not in ids:
        st.session_state[TOPIC] = ids[0]
    headings = {part.id: part.heading for part in parts}
    st.radio(
        s("topic"),
        options=ids,
        format_func=headings.__getitem__,
        key=TOPIC,
        help=s("topic_help"),
        horizontal=True,
        persist_state="session",
    )
    index = ids.index(st.session_state[TOPIC])
    st.progress(
        (index + 1) / len(ids),
        text=s("topic_progress").format(number=index + 1, total=len(ids)),
    )
    _part(parts[index], hidden=parts[index].personal and not show)
    back, forward = st.columns(2)
    back.button(
        s("previous"),
        key="summary_previous",
        icon=":material/arrow_back:",
        help=s("previous_help"),
        on_click=_go,
        args=(index - 1,),
        disabled=index == 0,
        width="stretch",
    )
    forward.button(
        s("next"),
        key="summary_next",
        icon=":material/arrow_forward:",
        help=s("next_help"),
        on_click=_go,
        args=(index + 1,),
        disabled=index == len(ids) - 1,
        width="stretch",
    )
else:
    for part in parts:
        _part(part, hidden=False)

# Take it with you: the same handout as on the questions page, made when the person asks
# and dropped when what it was made from changes (pages/downloads.py).
st.header(s("take_heading"))
say(s("take_intro"))
today = date.today()
pdf_worker.warm()  # PDFs are built in a process of their own (decision/pdf_worker.py)
downloads.offer(
    "summary_download_pdf",
    downloads.Words(
        make=s("pdf_make"),
        make_help=s("pdf_make_help"),
        download=s("pdf_button"),
        download_help=s("pdf_help"),
        stale=s("file_changed"),
    ),
    # The handout is made from these alone (and the content): built only when a file is made.
    lambda: downloads.fingerprint(gathered, today),
    lambda: pdf_worker.build_pdf(handout_from(c, gathered, made_on=today)),
    file_name="decision-aid-summary.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
)
footer()
