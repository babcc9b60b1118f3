"""Step by step: one treatment, one step at a time, each claim sourced and quoted."""

import streamlit as st

from decision.evidence import evidence_at, evidence_texts
from decision.links import STEP as LINK_STEP
from decision.links import TREATMENT as LINK_TREATMENT
from decision.links import resolve_link, step_link
from decision.models import Term
from decision.walkthrough import KIND_ORDER, by_kind, step_texts, step_view, terms_in
from pages.shared import (
    claim_card,
    content,
    content_cache,
    drawn_while_open,
    evidence_card,
    footer,
    md,
    say,
    say_under,
    t,
)

c = content()
STEP = "walk_step"
VIEWED = "viewed_treatments"
WHOLE = "walk_whole"  # the whole-treatment section is open
LINK_SEEN = "walk_link_seen"  # the last link applied, so that moving on is not undone


@content_cache
def _step_terms(treatment_id: str, index: int) -> list[Term]:
    """The glossary words used on one step, found once per server process (content only)."""
    view = step_view(c, treatment_id, index)
    texts = evidence_texts(evidence_at(c, treatment_id, view.step.id))
    return terms_in(c, *step_texts(view), *texts)


def _go(index: int) -> None:
    st.session_state[STEP] = index


def _restart() -> None:
    # A new treatment starts at its first step.
    st.session_state[STEP] = 0


def _open_link() -> str | None:
    """Open the step a link names (?treatment=<id>&step=<n>), once per link; return what
    was wrong with it, if anything. Its values are checked and never shown back."""
    wanted = (st.query_params.get(LINK_TREATMENT), st.query_params.get(LINK_STEP))
    if wanted == (None, None) or st.session_state.get(LINK_SEEN) == wanted:
        return None
    st.session_state[LINK_SEEN] = wanted
    target = resolve_link(c, *wanted)
    st.session_state["walk_treatment"] = target.treatment
    st.session_state[STEP] = target.index
    return target.problem


st.title(t("walkthrough", "title"))
say(t("walkthrough", "intro"))
link_problem = _open_link()
if link_problem is not None:
    st.warning(t("walkthrough", f"link_{link_problem}"), icon=":material/link_off:")

treatment_id = st.radio(
    t("walkthrough", "pick_treatment"),
    options=list(c.treatments),
    format_func=lambda tid: c.treatments[tid].name,
    key="walk_treatment",
    help=t("walkthrough", "pick_treatment_help"),
    on_change=_restart,
    persist_state="session",
)
treatment = c.treatments[treatment_id]
# Which treatments this person has looked at, for the questions and the summary (session only).
viewed = st.session_state.setdefault(VIEWED, [])
if treatment_id not in viewed:
    viewed.append(treatment_id)
say(treatment.summary)

if treatment.variants:
    with st.expander(t("walkthrough", "variants_heading")):
        for variant in treatment.variants:
            say(f"**{variant.name}.** {variant.plain}")

whole = by_kind(c.claims_at(treatment.id, None))
whole_evidence = evidence_at(c, treatment.id, None)
whole_section = drawn_while_open(
    f"{t('walkthrough', 'whole_treatment_heading')} ({sum(map(len, whole.values()))})", WHOLE
)
# Drawn only while open: otherwise every Next step would send all of the treatment's cards
# again. Open, it shows everything, for every treatment.
if whole_section is not None:
    with whole_section:
        # Side by side on wide screens; Streamlit stacks columns on phones.
        documents, studies = st.columns(2, gap="medium")
        with documents:
            st.subheader(t("walkthrough", "documents_heading"))
            if not any(whole.values()):
                say(t("walkthrough", "whole_treatment_none"))
            for kind in KIND_ORDER:
                if whole[kind]:
                    st.markdown(f"#### {t('walkthrough', 'kind_' + kind)}")
                    for claim in whole[kind]:
                        claim_card(claim)
        with studies:
            st.subheader(t("walkthrough", "studies_heading"))
            if not whole_evidence:
                say(t("walkthrough", "no_studies_whole"))
            for item in whole_evidence:
                evidence_card(item)

steps = treatment.steps
if st.session_state.get(STEP) not in range(len(steps)):
    st.session_state[STEP] = 0
st.selectbox(
    t("walkthrough", "jump_to"),
    options=range(len(steps)),
    format_func=lambda i: f"{i + 1}. {steps[i].title}",
    key=STEP,
    help=t("walkthrough", "jump_to_help"),
    persist_state="session",
)
view = step_view(c, treatment.id, st.session_state[STEP])
progress_text = t("walkthrough", "progress").format(number=view.number, total=view.total)
st.progress(view.number / view.total, text=progress_text)

# The step's heading and what happens in it: one text, as few elements as a run can send.
opening = []
if view.step.variants:
    names = {v.id: v.name for v in treatment.variants}
    opening.append(
        md(t("walkthrough", "only_for"), variants="; ".join(names[v] for v in view.step.variants))
    )
opening += ["### " + md(t("walkthrough", "what_happens")), md(view.step.plain)]
say_under(view.step.title, *opening)

step_evidence = evidence_at(c, treatment.id, view.step.id)
documents, studies = st.columns(2, gap="medium")
with documents:
    # The column's heading goes out in one text with the first kind's heading.
    heading = "### " + md(t("walkthrough", "documents_heading")) + "\n\n"
    for kind in KIND_ORDER:
        claims = view.claims[kind]
        if not claims and kind not in view.not_stated:
            continue
        st.markdown(heading + "#### " + md(t("walkthrough", "kind_" + kind)))
        heading = ""
        if kind in view.not_stated:
            st.warning(t("walkthrough", f"not_stated_{kind}"), icon=":material/help:")
        for claim in claims:
            claim_card(claim)
    if heading:  # no kind to show (every step has some; this keeps the column's heading)
        st.markdown(heading)
    if view.not_stated:
        st.caption(t("walkthrough", "not_stated_note"))
with studies:
    none = [] if step_evidence else [md(t("walkthrough", "no_studies_step"))]
    say_under(t("walkthrough", "studies_heading"), *none, level=3)
    for item in step_evidence:
        evidence_card(item)

terms = _step_terms(treatment.id, view.number - 1)
if terms:
    with st.expander(t("walkthrough", "words_heading")):
        for term in terms:
            say(f"**{term.term}**: {term.plain}")

back, forward = st.columns(2)
back.button(
    t("walkthrough", "previous"),
    key="walk_previous",
    icon=":material/arrow_back:",
    on_click=_go,
    args=(view.number - 2,),
    disabled=view.number == 1,
    use_container_width=True,
)
forward.button(
    t("walkthrough", "next"),
    key="walk_next",
    icon=":material/arrow_forward:",
    on_click=_go,
    args=(view.number,),
    disabled=view.number == view.total,
    use_container_width=True,
)
if view.number == view.total:
    st.caption(t("walkthrough", "last_step"))
# A link to this step for a clinician to send: a treatment and a step, nothing personal.
with st.expander(t("walkthrough", "link_heading"), icon=":material/link:", key="walk_link"):
    say(t("walkthrough", "link_intro"))
    st.code(step_link(st.context.url or "", treatment.id, view.number), language=None)

st.info(t("walkthrough", "usual_care_reminder"), icon=":material/medication:")
footer()
