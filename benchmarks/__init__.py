"""Benchmarks of the main jobs at federation scale and beyond (issue 6).

Run with `.venv/bin/python -m benchmarks.run`; see docs/performance.md. Not part of the
test suite (pytest collects tests/ only).
"""
