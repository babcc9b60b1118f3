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
            HERE / "pages" / "questions.py", title="Questions to ask", icon=":material/checklist:"
        ),
        st.Page(HERE / "pages" / "glossary.py", title="Glossary", icon=":material/menu_book:"),
    ]
).run()
