"""Benchmarks: speed, memory and load of the decision aid (run: python -m bench).

Not tests: these scripts print figures (see BENCHMARKS.md). Every request goes to a server
this harness starts on 127.0.0.1, and every loop is bounded in count and in time.
"""
