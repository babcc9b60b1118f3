"""How to judge a clinic's claims: warning signs named by regulators, scientists and MS
organisations, each shown with examples quoted word for word from the documents."""

import streamlit as st

from decision.evidence import flagged_claims
from decision.judging import examples, named_by
from decision.text import escape_markdown
from pages.shared import claim_card, content, footer, md, open_section, say, say_all, t

c = content()
st.title(t("judging_claims", "title"))
say(t("judging_claims", "intro"))

for sign in c.warning_signs:
    st.header(sign.sign)
    bodies = "; ".join(body.name for body in named_by(c, sign))
    say_all(
        md(t("judging_claims", "named_by"), bodies=bodies),
        md(f"**{t('judging_claims', 'what_they_say')}** {sign.what_they_say}"),
    )
    st.subheader(t("judging_claims", "examples_heading"))
    for ex in examples(c, sign):
        parts = [
            md(t("judging_claims", "example_from"), source=ex.source.name, kind=ex.source.kind),
            "> " + escape_markdown(" ".join(ex.quote.split())),
        ]
        if ex.note:
            parts.append(md(t("judging_claims", "example_note"), note=ex.note))
        with st.container(border=True):
            say_all(*parts)

st.header(t("judging_claims", "questions_heading"))
say(t("judging_claims", "questions_body"))

st.header(t("judging_claims", "flagged_heading"))
say(t("judging_claims", "flagged_intro"))
flagged = flagged_claims(c)


def _flagged() -> None:
    for claim in flagged:
        claim_card(claim)


# Drawn only while open (opening it runs the section again, a fragment): twenty cards at
# every run would be most of this page's work.
open_section(
    t("judging_claims", "flagged_open").format(count=len(flagged)), "judging_flagged", _flagged
)

footer()
