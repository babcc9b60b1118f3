"""The frame: page list and navigation. Everything else lives in pages/ and decision/."""

from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent

st.set_page_config(
    page_title="MS stem cell treatment decision aid",
    page_icon=":material/health_and_safety:",
    layout="centered",
    menu_items={"Get help": None, "Report a bug": None, "About": None},
)
st.navigation(
    [
        st.Page(
            HERE / "pages" / "home.py", title="Start here", icon=":material/home:", default=True
        ),
        st.Page(HERE / "pages" / "walkthrough.py", title="Step by step", icon=":material/stairs:"),
        st.Page(
            HERE / "pages" / "compare.py", title="Compare the options", icon=":material/compare:"
        ),
        st.Page(
            HERE / "pages" / "criteria.py", title="Is it for me?", icon=":material/fact_check:"
        ),
        st.Page(
            HERE / "pages" / "values.py", title="What matters to me", icon=":material/balance:"
        ),
        st.Page(HERE / "pages" / "sure.py", title="How sure I feel", icon=":material/task_alt:"),
        st.Page(
            HERE / "pages" / "questions.py", title="Questions to ask", icon=":material/checklist:"
        ),
        st.Page(HERE / "pages" / "glossary.py", title="Glossary", icon=":material/menu_book:"),
        st.Page(
            HERE / "pages" / "evidence.py", title="What studies found", icon=":material/science:"
        ),
        st.Page(
            HERE / "pages" / "judging_claims.py",
            title="Judging a clinic's claims",
            icon=":material/fact_check:",
        ),
        st.Page(HERE / "pages" / "about.py", title="About this aid", icon=":material/info:"),
    ]
).run()
