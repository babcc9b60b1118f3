"""Start here: MS in brief, the decision, the three treatments, usual care, not advice."""

import streamlit as st

from pages.shared import content, footer, md, page_link, say, say_all, t

c = content()
st.title(t("home", "title"))
say_all(md(t("home", "intro")), md(t("common", "not_advice")))

st.header(t("home", "ms_heading"))
say(t("home", "ms_body"))

st.header(t("home", "decision_heading"))
say(t("home", "decision_body"))

st.header(t("home", "treatments_heading"))
for treatment in c.treatments.values():
    with st.container(border=True):
        st.subheader(treatment.name)
        say(treatment.summary)

st.header(t("home", "usual_care_heading"))
say(t("home", "usual_care_body"))

st.header(t("home", "how_heading"))
say(t("home", "how_body"))
say(t("home", "how_learn"))
page_link("pages/walkthrough.py", label=t("home", "start_walkthrough"), icon=":material/stairs:")
page_link("pages/compare.py", label=t("home", "open_compare"), icon=":material/compare:")
say(t("home", "how_think"))
page_link("pages/criteria.py", label=t("home", "open_criteria"), icon=":material/fact_check:")
say(t("home", "how_take"))
page_link("pages/questions.py", label=t("home", "open_questions"), icon=":material/checklist:")
page_link("pages/summary.py", label=t("home", "open_summary"), icon=":material/summarize:")
page_link("pages/glossary.py", label=t("home", "open_glossary"), icon=":material/menu_book:")

say(t("common", "marketing_warning"))
footer()
