"""The decision aid's logic: content models, loading and validation, computations.

Pure Python: nothing in this package imports streamlit, so it can be tested and reused
without a running app.
"""

__version__ = "0.1.0"
