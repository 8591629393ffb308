"""Performance figures for the Hechting app, each against a bare-Streamlit baseline.

Run ``python -m benchmarks`` from the repository root; see benchmarks/README.md.
These are not tests: they print figures and write benchmarks/results/latest.json.
"""
