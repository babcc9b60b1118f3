"""The smallest Streamlit app: the yardstick every rerun of the aid is measured against.

It sets its server's sockets as the aid does (pages/tcp.py), so that what the aid adds over it
is the aid's own work, not a difference in how the server sends. (Loaded by path: Streamlit
puts this folder first on sys.path, where bench/pages.py hides the aid's pages package.)"""

import runpy
from pathlib import Path

import streamlit as st

runpy.run_path(str(Path(__file__).parents[1] / "pages" / "tcp.py"))["send_without_delay"]()
st.write("Hello")
