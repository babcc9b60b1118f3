"""Is it for me? A person's answers set beside what each source and professional body states."""

import pandas as pd
import pyarrow as pa
import streamlit as st

from decision.answers import (
    DMT_HISTORIES,
    EDSS_SCORES,
    MS_TYPES,
    YES_NO_UNSURE,
    Answers,
    answers_from_session,
    forget,
    session_key,
)
from decision.criteria import (
    Check,
    check_bodies,
    check_sources,
    edss_in_use,
    edss_text,
    explain,
)
from decision.text import escape_markdown, escape_math
from pages.shared import (
    answers_hidden,
    content,
    drawn_while_open,
    footer,
    md,
    page_link,
    say,
    say_all,
    say_under,
    t,
)

c = content()
P = "criteria"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _option(field: str):
    return lambda value: _cap(t(P, f"option_{field}_{value}"))


def _yes_no(field: str, label: str, help_text: str) -> None:
    st.radio(
        label,
        options=list(YES_NO_UNSURE),
        index=None,
        format_func=_option(field),
        key=session_key(field),
        help=help_text,
        horizontal=True,
        persist_state="session",
    )


st.title(t(P, "title"))
say_all(md(t(P, "intro")), md(t("common", "not_advice")))
st.caption(t(P, "privacy"))

# --- The questions -----------------------------------------------------------------------------


def _edss_table() -> pd.DataFrame:
    """The EDSS scale in plain words."""
    scale = c.criteria.edss.scale
    return pd.DataFrame(
        {
            t(P, "edss_table_score"): [escape_markdown(level.score) for level in scale],
            t(P, "edss_table_meaning"): [escape_markdown(level.meaning) for level in scale],
        }
    )


def _questions() -> None:
    """The questions about the person and their MS, each keeping its answer for the session."""
    st.header(t(P, "about_heading"))
    st.number_input(
        t(P, "age"),
        min_value=0,
        max_value=120,
        value=None,
        step=1,
        key=session_key("age"),
        help=t(P, "age_help"),
        persist_state="session",
    )
    st.selectbox(
        t(P, "ms_type"),
        options=list(MS_TYPES),
        index=None,
        format_func=_option("ms_type"),
        placeholder=t(P, "choose"),
        key=session_key("ms_type"),
        help=t(P, "ms_type_help"),
        persist_state="session",
    )
    st.number_input(
        t(P, "years"),
        min_value=0,
        max_value=100,
        value=None,
        step=1,
        key=session_key("years_since_diagnosis"),
        help=t(P, "years_help"),
        persist_state="session",
    )

    st.header(t(P, "edss_heading"))
    guide = c.criteria.edss
    guide_box = drawn_while_open(t(P, "edss_what"), "criteria_edss_guide_open")
    if guide_box is not None:
        with guide_box:
            say(t(P, "edss_explainer"))
            st.table(_edss_table(), hide_index=True, alt=t(P, "edss_table_alt"))
            st.caption(t(P, "edss_source").format(citation=guide.citation))
    st.selectbox(
        t(P, "edss"),
        options=list(EDSS_SCORES),
        index=None,
        format_func=edss_text,
        placeholder=t(P, "edss_placeholder"),
        key=session_key("edss"),
        help=t(P, "edss_help"),
        persist_state="session",
    )
    bands = {band.id: band.label for band in guide.walking}
    st.selectbox(
        t(P, "walking"),
        options=list(bands),
        index=None,
        format_func=bands.__getitem__,
        placeholder=t(P, "walking_placeholder"),
        key=session_key("walking"),
        help=t(P, "walking_help"),
        persist_state="session",
    )
    answers = answers_from_session(st.session_state)
    edss = edss_in_use(c, answers)
    if edss is None:
        st.caption(t(P, "edss_used_none"))
    elif edss.estimated:
        score = edss_text(edss.low)
        if edss.high != edss.low:
            score = t(P, "edss_range").format(low=score, high=edss_text(edss.high))
        st.warning(
            t(P, "edss_used_estimate").format(score=score), icon=":material/directions_walk:"
        )
    else:
        text = t(P, "edss_used_own").format(score=edss_text(edss.low))
        if answers.walking is not None:
            text += " " + t(P, "edss_used_own_not_walking")
        st.info(text, icon=":material/check:")

    st.header(t(P, "dmt_heading"))
    st.selectbox(
        t(P, "dmt"),
        options=list(DMT_HISTORIES),
        index=None,
        format_func=_option("dmt"),
        placeholder=t(P, "choose"),
        key=session_key("dmt"),
        help=t(P, "dmt_help"),
        persist_state="session",
    )
    _yes_no("active_on_dmt", t(P, "active_on_dmt"), t(P, "active_on_dmt_help"))
    _yes_no("dmt_side_effects", t(P, "dmt_side_effects"), t(P, "dmt_side_effects_help"))
    _yes_no("mri_active", t(P, "mri_active"), t(P, "mri_active_help"))

    st.header(t(P, "conditions_heading"))
    conditions_box = drawn_while_open(t(P, "conditions_expander"), "criteria_health_open")
    if conditions_box is None:
        return
    with conditions_box:
        say(t(P, "conditions_intro"))
        for condition in c.criteria.conditions:
            st.radio(
                condition.label,
                options=list(YES_NO_UNSURE),
                index=None,
                format_func=_option("condition"),
                key=session_key("conditions", condition.id),
                help=condition.help,
                horizontal=True,
                persist_state="session",
            )


# In clinic view, until the person shows them: no answers, and the tables without where the
# person stands (the answers are kept, only not drawn).
hidden = answers_hidden()
if not hidden:
    _questions()

# --- Where the answers stand ---------------------------------------------------------------------
answers = Answers() if hidden else answers_from_session(st.session_state)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _table(name: str, checks: tuple[Check, ...], quoted: bool) -> None:
    """One table: each criterion (plain words, and the source's own words), and where the
    person's answers stand against it, with what that is based on (not while hidden)."""
    stated, standing = t(P, "col_quote" if quoted else "col_recommends"), t(P, "col_result")
    whats, results = [], []
    for check in checks:
        short = _flat(check.criterion.short)
        what = f"**{escape_markdown(short if short.endswith('.') else short + '.')}**"
        if quoted:
            assert check.quote is not None
            what += " " + t(P, "cell_quote").format(quote=escape_markdown(_flat(check.quote)))
        result = f"**{t(P, f'result_{check.result}')}.** " + escape_markdown(
            explain(c, answers, check)
        )
        whats.append(what)
        results.append(result)
    # Straight to Arrow (what Streamlit sends), without a pandas table in between.
    columns = {stated: whats} if hidden else {stated: whats, standing: results}
    st.table(pa.table(columns), hide_index=True, alt=t(P, "table_alt").format(name=name))


def _notes(checks: tuple[Check, ...]) -> list[str]:
    """The notes on a table's criteria, as paragraphs for say_all (none if no criterion has one)."""
    noted = [check.criterion for check in checks if check.criterion.note]
    if not noted:
        return []
    return [
        md(t(P, "notes")),
        "\n".join(
            f"- **{escape_markdown(_flat(criterion.short))}**: "
            + escape_markdown(_flat(criterion.note or ""))
            for criterion in noted
        ),
    ]


def _quote(text: str) -> str:
    """A source's own words as a quotation, for say_all."""
    return "> " + escape_markdown(_flat(text))


def _heading(text: str) -> str:
    """A source's or body's name as the heading of its box, for say_all."""
    return f"#### {escape_markdown(text)}"


say_under(t(P, "results_heading"), md(t(P, "results_hidden" if hidden else "results_intro")))
if not hidden:
    st.caption(t(P, "results_legend"))

st.subheader(t(P, "sources_heading"))
# Each box's words before and after its table are one text each: a page's run costs about one
# element's worth for every element it sends, and this page has many (issue 8).
for group in check_sources(c, answers):
    with st.container(border=True):
        names = ", ".join(c.treatments[tid].name for tid in group.group.treatments)
        before = [
            _heading(group.source.name),
            md(t(P, "source_about"), kind=_cap(group.source.kind), treatments=names),
        ]
        if group.intro:
            before += [md(t(P, "source_intro")), _quote(group.intro)]
        after = _notes(group.checks)
        if not group.checks:  # said after the group's note, if it has one
            (after if group.group.note else before).append(md(t(P, "source_no_rules")))
        if group.also_says:
            after += [md(t(P, "also_says")), *map(_quote, group.also_says)]
        say_all(*before)
        if group.group.note:
            st.caption(escape_math(_flat(group.group.note)))
        if group.checks:
            _table(group.source.name, group.checks, quoted=True)
        if after:
            say_all(*after)

st.subheader(t(P, "bodies_heading"))
for body_checks in check_bodies(c, answers):
    body = body_checks.body
    with st.container(border=True):
        names = ", ".join(c.treatments[tid].name for tid in body.treatments)
        say_all(
            _heading(f"{body.name} ({body.year})"),
            md(t(P, "body_about"), treatments=names),
            md(_flat(body.summary)),
        )
        _table(body.name, body_checks.checks, quoted=False)
        notes = _notes(body_checks.checks)
        if notes:
            say_all(*notes)
        if body.notes:
            # A text of its own: after the notes above in the same text, Markdown would make
            # the two lists one, and the body's own notes would read as notes on criteria.
            st.markdown("\n".join("- " + escape_markdown(_flat(note)) for note in body.notes))
        st.caption(escape_math(t(P, "body_source").format(citation=_flat(body.citation))))

say_under(t(P, "talk_heading"), md(t(P, "talk_body")))
page_link("pages/values.py", label=t(P, "next"), icon=":material/balance:")
st.button(
    t(P, "clear"),
    key="criteria_clear",
    help=t(P, "clear_help"),
    on_click=forget,
    args=(st.session_state, "criteria_"),
    icon=":material/delete:",
)
footer()
