"""Questions to ask: keep or drop each question, add your own, write notes, record up to four
clinics' answers side by side, take it all away (PDF, Markdown, CSV), save and load progress."""

from __future__ import annotations

import functools
import hashlib
from datetime import date

import pandas as pd
import streamlit as st

from decision import pdf_worker
from decision.handout import Handout, to_csv, to_markdown
from decision.progress import (
    MAX_BYTES,
    ProgressError,
    apply_progress,
    dump_progress,
    load_progress,
)
from decision.questions import (
    MAX_ANSWER_CHARS,
    MAX_CLINIC_NAME_CHARS,
    MAX_CLINICS,
    MAX_NOTE_CHARS,
    MAX_OWN_QUESTIONS,
    MAX_QUESTION_CHARS,
    AskItem,
    add_own,
    all_questions,
    by_topic,
    kept,
    named_clinics,
    own_items,
    unanswered,
)
from decision.quotes import fold
from decision.summary import Gathered, gathered_from_session, handout_from
from decision.text import escape_markdown, escape_math
from decision.walkthrough import terms_in
from pages import downloads
from pages.shared import (
    answers_hidden,
    content,
    content_cache,
    drawn_while_open,
    footer,
    say,
    say_all,
    say_under,
    t,
)

c = content()
VIEWED = "viewed_treatments"  # set by the walkthrough: the treatments the person opened
TREATMENTS = "questions_treatments"
SYNCED = "questions_treatments_synced"  # the viewed list when the selection last caught up
OWN = "questions_own"
ANSWERS = "questions_answers"
SHEET = "questions_sheet_editor_"  # + a digest of rows and columns: the worksheet editor's key
WORKSHEET = "questions_worksheet"  # whether the worksheet is open
SHEET_VERSION = "questions_sheet_version"  # bumped when a file is loaded: a fresh worksheet
OWN_TEXT = "questions_own_text"
OWN_MESSAGE = "questions_own_message"
LOAD_MESSAGE = "questions_load_message"
UPLOAD = "questions_progress_file"


def q(key: str) -> str:
    return t("questions", key)


def md(template: str, **values: str) -> str:
    """Our Markdown with {placeholders} filled in as plain text (as pages.shared.say does)."""
    safe = {k: escape_markdown(v) for k, v in values.items()}
    return escape_math(template).format(**safe) if values else escape_math(template)


def keep_key(item_id: str) -> str:
    return f"questions_keep_{item_id}"


def note_key(item_id: str) -> str:
    return f"questions_note_{item_id}"


def topic_key(topic_id: str) -> str:
    """The key of a topic's expander: True while it is open."""
    return f"questions_topic_{topic_id}"


# --- Callbacks (they run before the page is drawn, so they may set widget values) -----------


def _add_own() -> None:
    text = st.session_state.get(OWN_TEXT, "")
    own = st.session_state.get(OWN, [])
    added = add_own(own, text)
    if added is None:
        if not text.strip():
            reason = "own_refused_empty"
        elif len(own) >= MAX_OWN_QUESTIONS:
            reason = "own_refused_full"
        else:
            reason = "own_refused_repeat"
        st.session_state[OWN_MESSAGE] = ("warning", reason)
        return
    st.session_state[OWN] = added
    st.session_state[OWN_TEXT] = ""
    st.session_state[OWN_MESSAGE] = ("success", "own_added")
    st.session_state[topic_key("own")] = True  # open the topic, to show the question added


def _remove_own(item_id: str) -> None:
    st.session_state[OWN] = [o for o in st.session_state.get(OWN, []) if o.id != item_id]
    for key in (keep_key(item_id), note_key(item_id)):
        st.session_state.pop(key, None)
    st.session_state.get(ANSWERS, {}).pop(item_id, None)


def _load_file() -> None:
    upload = st.session_state.get(UPLOAD)
    if upload is None:
        return
    try:
        restored = load_progress(upload.getvalue(), c)
    except ProgressError as err:
        st.session_state[LOAD_MESSAGE] = ("error", err.code, err.detail)
        return
    apply_progress(st.session_state, restored)
    st.session_state[SYNCED] = list(st.session_state.get(VIEWED, []))
    st.session_state[SHEET_VERSION] = st.session_state.get(SHEET_VERSION, 0) + 1
    st.session_state[LOAD_MESSAGE] = ("success", restored.saved_on.isoformat(), "")


# --- The page -------------------------------------------------------------------------------

st.title(q("title"))
say_all(md(q("intro")), md(t("common", "not_advice")))
st.info(q("ask_neurologist"), icon=":material/stethoscope:")

if answers_hidden():
    # Clinic view, until the person shows them: none of their answers on screen. They are kept.
    footer()
    st.stop()

# Which treatments: those looked at in the walkthrough, plus any picked here.
viewed = [tid for tid in st.session_state.get(VIEWED, []) if tid in c.treatments]
selected = st.session_state.get(TREATMENTS)
if selected is None:
    selected = list(viewed)
else:
    synced = st.session_state.get(SYNCED, [])
    selected = [tid for tid in selected if tid in c.treatments]
    selected += [tid for tid in viewed if tid not in synced and tid not in selected]
st.session_state[TREATMENTS] = selected
st.session_state[SYNCED] = list(viewed)
say_under(
    q("treatments_heading"), md(q("treatments_viewed" if viewed else "treatments_none_viewed"))
)
selected = st.multiselect(
    q("pick_treatments"),
    options=list(c.treatments),
    format_func=lambda tid: c.treatments[tid].name,
    key=TREATMENTS,
    help=q("pick_treatments_help"),
    placeholder=q("pick_treatments_placeholder"),
    persist_state="session",
)


@content_cache
def _listed(treatment_ids: tuple[str, ...]) -> tuple[tuple[AskItem, ...], frozenset[str]]:
    """The questions from the content for these treatments, and the glossary words they use:
    the same for everyone, so found once per server process (never the person's own)."""
    found = all_questions(c, treatment_ids)
    return tuple(found), frozenset(term.term for term in terms_in(c, *(i.text for i in found)))


own = st.session_state.get(OWN, [])
listed, listed_terms = _listed(tuple(selected))
items = [*listed, *own_items(own)]
# One copy of the session's values: reading st.session_state key by key, or walking it, costs
# far more (each walk copies it anyway). Widgets drawn below do not change their own values
# in this run, so the copy stays true for them; a question seen for the first time is kept.
state = st.session_state.to_dict()
for item in items:
    if keep_key(item.id) not in state:
        st.session_state[keep_key(item.id)] = state[keep_key(item.id)] = True
titles = {topic.id: topic.title for topic in c.question_bank.topics} | {"own": q("own_topic")}
sources = {s.id: s.name for s in c.sources.values()}
lists = {p.id: p.name for p in c.question_bank.published}


def origin_lines(item: AskItem) -> list[str]:
    """Where a question comes from, as captions."""
    if item.kind == "gap":
        return [md(q("from_gap"))]
    if item.kind == "flag" and item.claim is not None and item.claim.flag is not None:
        return [md(q("from_flag"), note=item.claim.flag.note)]
    lines = []
    for origin in item.origins:
        if origin.kind == "document":
            lines.append(
                md(q("from_document"), source=sources[origin.source], quote=fold(origin.quote))
            )
        else:
            lines.append(md(q("from_published"), list=lists[origin.list], point=origin.point))
    return lines


count_line = st.empty()  # the heading and the count, filled in once every checkbox has its value
groups = dict(by_topic(c, items))
for topic_id in [*titles]:
    group = groups.get(topic_id, [])
    open_key = topic_key(topic_id)
    # The label holds the count, and Streamlit takes a new label for a new expander, closed:
    # carry over that it is open (adding a question, or a treatment, keeps a topic open).
    if state.get(open_key):
        st.session_state[open_key] = True
    section = st.expander(f"{titles[topic_id]} ({len(group)})", key=open_key, on_change="rerun")
    # Drawn only while open (opening it runs the page again): drawing every question at every
    # run was most of the page's cost. The answers of closed topics stay in the session.
    if not section.open:
        continue
    with section:
        if topic_id == "own" and not group:
            say(q("own_none"))
        for item in group:
            with st.container(border=True):
                st.checkbox(
                    escape_markdown(item.text),
                    key=keep_key(item.id),
                    help=q("keep_help"),
                    persist_state="session",
                )
                for line in origin_lines(item):
                    st.caption(line)
                if st.session_state[keep_key(item.id)]:
                    st.text_area(
                        q("note_label"),
                        key=note_key(item.id),
                        help=q("note_help"),
                        max_chars=MAX_NOTE_CHARS,
                        height=68,
                        persist_state="session",
                    )
                    if len(st.session_state.get(note_key(item.id)) or "") >= MAX_NOTE_CHARS:
                        st.caption(md(q("note_full"), limit=f"{MAX_NOTE_CHARS:,}"))
                if item.kind == "own":
                    st.button(
                        q("own_remove"),
                        key=f"questions_own_remove_{item.id}",
                        help=q("own_remove_help"),
                        on_click=_remove_own,
                        args=(item.id,),
                        icon=":material/delete:",
                    )
chosen = kept(items, {i.id: state[keep_key(i.id)] for i in items})
with count_line:
    say_under(
        q("questions_heading"),
        md(q("questions_count"), kept=str(len(chosen)), total=str(len(items))),
    )
# The words in the person's own questions are looked up at every run, and not kept.
own_terms = terms_in(c, *(o.text for o in own))
terms = [term for term in c.glossary if term.term in listed_terms or term in own_terms]
if terms:
    words = drawn_while_open(q("words_heading"), "questions_words")
    if words is not None:  # drawn only while open, as the topics are
        with words:
            for term in terms:
                say(f"**{term.term}**: {term.plain}")

st.subheader(q("own_heading"))
st.text_input(q("own_label"), key=OWN_TEXT, help=q("own_help"), max_chars=MAX_QUESTION_CHARS)
st.button(
    q("own_add"),
    key="questions_own_add",
    help=q("own_add_help"),
    on_click=_add_own,
    icon=":material/add:",
)
if OWN_MESSAGE in st.session_state:
    kind, message = st.session_state.pop(OWN_MESSAGE)
    (st.success if kind == "success" else st.warning)(md(q(message)))


def _worksheet() -> None:
    """The clinics' names, then their answers beside each kept question, and what is left."""
    slots = st.columns(MAX_CLINICS)
    for slot, column in enumerate(slots):
        column.text_input(
            q("clinic_label").format(number=slot + 1),
            key=f"questions_clinic_{slot}",
            help=q("clinic_help"),
            max_chars=MAX_CLINIC_NAME_CHARS,
            persist_state="session",
        )
    clinics = named_clinics(
        [st.session_state.get(f"questions_clinic_{s}", "") for s in range(MAX_CLINICS)]
    )
    answers: dict[str, dict[str, str]] = st.session_state.setdefault(ANSWERS, {})
    marker = q("not_answered")
    if not clinics:
        st.info(q("worksheet_needs_clinic"), icon=":material/edit_note:")
    elif not chosen:
        st.info(q("worksheet_no_questions"), icon=":material/edit_note:")
    else:
        columns = [f"c{slot}" for slot, _ in clinics]
        table = pd.DataFrame(
            {
                "question": [i.text for i in chosen],
                **{
                    f"c{slot}": [answers.get(i.id, {}).get(str(slot), "") or marker for i in chosen]
                    for slot, _ in clinics
                },
            }
        )
        # A new editor whenever its rows or columns change, or a file is loaded: the editor keeps
        # edits by row position, which would otherwise land on the wrong question.
        shape = "|".join(
            [str(st.session_state.get(SHEET_VERSION, 0)), *columns, *(i.id for i in chosen)]
        )
        key = SHEET + hashlib.sha256(shape.encode()).hexdigest()[:16]
        for stale in [k for k in st.session_state if k.startswith(SHEET) and k != key]:
            del st.session_state[stale]
        st.caption(md(q("worksheet_help"), marker=marker))
        edited = st.data_editor(
            table,
            key=key,
            num_rows="fixed",
            hide_index=True,
            height="content",
            disabled=["question"],
            column_config={
                "question": st.column_config.TextColumn(q("worksheet_question"), width="large"),
                **{
                    f"c{slot}": st.column_config.TextColumn(
                        name,
                        help=md(q("worksheet_help"), marker=marker),
                        max_chars=MAX_ANSWER_CHARS,
                    )
                    for slot, name in clinics
                },
            },
        )
        # Keep every answer in the session, whatever the editor shows next time.
        for row, item in enumerate(chosen):
            for slot, _ in clinics:
                value = edited.iloc[row][f"c{slot}"]
                value = "" if value is None or pd.isna(value) else str(value).replace(marker, "")
                value = value.strip()
                if value and value != marker:
                    answers.setdefault(item.id, {})[str(slot)] = value[:MAX_ANSWER_CHARS]
                else:
                    answers.get(item.id, {}).pop(str(slot), None)
        st.subheader(q("unanswered_heading"))
        for slot, name in clinics:
            left = unanswered(chosen, answers, slot)
            if left:
                say(
                    q("unanswered_count"), clinic=name, count=str(len(left)), total=str(len(chosen))
                )
            else:
                say(q("all_answered"), clinic=name)


# The worksheet: a row per kept question, a column per named clinic.
say_under(q("worksheet_heading"), md(q("worksheet_intro")))
# Drawn only while open, as the topics are: its four name boxes and the table are among the
# page's costliest parts at every run. Names and answers are kept while it is closed.
sheet = drawn_while_open(q("worksheet_open"), WORKSHEET)
if sheet is not None:
    with sheet:
        _worksheet()

# Take it with you: each file made when the person asks, kept in their session, and dropped
# when what it was made from changes (pages/downloads.py).
say_under(q("takeaway_heading"), md(q("takeaway_intro")))
if sheet is not None:
    state = st.session_state.to_dict()  # again: the worksheet may have added the answers
today = date.today()


@functools.cache
def gathered() -> Gathered:
    """The kept questions with notes and answers, then the dated summary (decision/summary.py),
    found only when a file is made or checked, and once a run."""
    return gathered_from_session(state)


@functools.cache
def made_from() -> str:
    """The handout is made from these alone (and the content), so they tell whether a file made
    earlier is still this handout."""
    return downloads.fingerprint(gathered(), today)


def handout() -> Handout:
    return handout_from(c, gathered(), made_on=today)


pdf_worker.warm()  # PDFs are built in a process of their own (decision/pdf_worker.py)
# One under another, not in columns: at twice the text size "Make my spreadsheet" did not fit
# a third of the page and ran past the window's edge.
for kind, make, name, mime, icon in (
    (
        "pdf",
        lambda: pdf_worker.build_pdf(handout()),
        "questions-to-ask.pdf",
        "application/pdf",
        "picture_as_pdf",
    ),
    (
        "md",
        lambda: to_markdown(handout()).encode("utf-8"),
        "questions-to-ask.md",
        "text/markdown",
        "description",
    ),
    ("csv", lambda: to_csv(handout()), "questions-to-ask.csv", "text/csv", "table"),
):
    downloads.offer(
        f"questions_download_{kind}",
        downloads.Words(
            make=q(f"{kind}_make"),
            make_help=q(f"{kind}_make_help"),
            download=q(f"{kind}_button"),
            download_help=q(f"{kind}_help"),
            stale=q("file_changed"),
        ),
        made_from,
        make,
        file_name=name,
        mime=mime,
        icon=f":material/{icon}:",
    )

# Save and load progress: a file the person keeps; nothing is stored here.
say_under(q("progress_heading"), md(q("progress_intro")))
# The offers above change only their own files, none of the saved values.
progress = dump_progress(state, today)  # the saved keys only (decision/progress.py)
if len(progress) > MAX_BYTES:
    st.warning(q("save_too_large"), icon=":material/warning:")
else:
    st.download_button(
        q("save_button"),
        # The bytes themselves, not a callable: a file made on click can be deleted by the
        # server before the browser fetches it (pages/downloads.py). They are small, made at
        # every run anyway to check the size, and so always match the page.
        data=progress,
        file_name=f"ms-decision-aid-progress-{today.isoformat()}.json",
        mime="application/json",
        key="questions_save_progress",
        help=q("save_help"),
        on_click="ignore",
        icon=":material/save:",
    )
st.file_uploader(
    q("load_label"),
    type=["json"],
    key=UPLOAD,
    help=q("load_help"),
    on_change=_load_file,
)
if LOAD_MESSAGE in st.session_state:
    kind, first, detail = st.session_state.pop(LOAD_MESSAGE)
    if kind == "success":
        st.success(md(q("loaded"), saved_on=first), icon=":material/check_circle:")
    else:
        problem = q(f"load_error_{first}")
        st.error(md(q("load_refused").replace("{problem}", problem), detail=detail))

footer()
