"""The frame: page list and navigation. Everything else lives in pages/ and decision/."""

from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent
PAGES = HERE / "pages"

st.set_page_config(
    page_title="MS stem cell treatment decision aid",
    # An emoji, drawn by the browser: a Material icon here would be fetched from Google.
    page_icon="🩺",
    layout="centered",
    menu_items={"Get help": None, "Report a bug": None, "About": None},
)
st.navigation(
    {
        "Learn": [
            st.Page(PAGES / "home.py", title="Start here", icon=":material/home:", default=True),
            st.Page(PAGES / "walkthrough.py", title="Step by step", icon=":material/stairs:"),
            st.Page(PAGES / "compare.py", title="Compare the options", icon=":material/compare:"),
            st.Page(PAGES / "evidence.py", title="What studies found", icon=":material/science:"),
            st.Page(
                PAGES / "judging_claims.py",
                title="Judging a clinic's claims",
                icon=":material/policy:",
            ),
        ],
        "Think it through": [
            st.Page(PAGES / "criteria.py", title="Is it for me?", icon=":material/fact_check:"),
            st.Page(PAGES / "values.py", title="What matters to me", icon=":material/balance:"),
            st.Page(PAGES / "sure.py", title="How sure I feel", icon=":material/task_alt:"),
        ],
        "Take it with you": [
            st.Page(PAGES / "questions.py", title="Questions to ask", icon=":material/checklist:"),
            st.Page(PAGES / "summary.py", title="Summary", icon=":material/summarize:"),
        ],
        "Reference": [
            st.Page(PAGES / "glossary.py", title="Glossary", icon=":material/menu_book:"),
            st.Page(PAGES / "about.py", title="About this aid", icon=":material/info:"),
        ],
    }
).run()
