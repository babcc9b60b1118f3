"""The smallest Streamlit app: the yardstick every rerun of the aid is measured against."""

import streamlit as st

st.write("Hello")
