"""About this aid: the disclosures a certified decision aid carries, and every source."""

import streamlit as st

from decision.text import format_date
from pages.shared import content, footer, md, say, say_all, t

c = content()
d = c.disclosures
st.title(t("about", "title"))
say_all(md(t("about", "intro")), md(t("common", "not_advice")))

st.header(t("about", "dates_heading"))
say(t("about", "published"), date=format_date(d.published))
say(t("about", "searched"), date=format_date(d.evidence_searched))
say(t("about", "next_review"), date=format_date(d.next_review))

st.header(t("about", "update_heading"))
say(d.update_policy)
st.header(t("about", "made_by_heading"))
say(d.made_by)
st.header(t("about", "funding_heading"))
say(d.funding)
st.header(t("about", "conflicts_heading"))
say(d.conflicts)

st.header(t("about", "sources_heading"))
st.subheader(t("about", "documents_heading"))
say(t("about", "documents_note"))
for source in c.sources.values():
    say(t("about", "document_line"), name=source.name, kind=source.kind, sells=source.sells)
st.subheader(t("about", "evidence_heading"))
for item in c.evidence.values():
    say(t("about", "evidence_line"), citation=item.citation, date=format_date(item.last_checked))

st.header(t("about", "standards_heading"))
say(t("about", "standards_body"))
footer()
