"""The frame: page list and navigation. Everything else lives in pages/ and decision/."""

from pathlib import Path

import streamlit as st

from pages.shared import nav_page

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
            nav_page(PAGES / "home.py", title="Start here", icon=":material/home:", default=True),
            nav_page(PAGES / "walkthrough.py", title="Step by step", icon=":material/stairs:"),
            nav_page(PAGES / "compare.py", title="Compare the options", icon=":material/compare:"),
            nav_page(PAGES / "evidence.py", title="What studies found", icon=":material/science:"),
            nav_page(
                PAGES / "judging_claims.py",
                title="Judging a clinic's claims",
                icon=":material/policy:",
            ),
        ],
        "Think it through": [
            nav_page(PAGES / "criteria.py", title="Is it for me?", icon=":material/fact_check:"),
            nav_page(PAGES / "values.py", title="What matters to me", icon=":material/balance:"),
            nav_page(PAGES / "sure.py", title="How sure I feel", icon=":material/task_alt:"),
        ],
        "Take it with you": [
            nav_page(PAGES / "questions.py", title="Questions to ask", icon=":material/checklist:"),
            nav_page(PAGES / "summary.py", title="Summary", icon=":material/summarize:"),
        ],
        "Reference": [
            nav_page(PAGES / "glossary.py", title="Glossary", icon=":material/menu_book:"),
            nav_page(PAGES / "about.py", title="About this aid", icon=":material/info:"),
        ],
    }
).run()
