"""The smallest Streamlit app on Streamlit's own socket settings (Nagle's algorithm on): how long
any stock Streamlit app's rerun takes on this machine, for comparison (pages/tcp.py)."""

import streamlit as st

st.write("Hello")
