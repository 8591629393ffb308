"""Sources: all references, and how the scoring works in plain language."""

import streamlit as st

from hechting.ui.boot import ensure_entrypoint
from hechting.ui.state import content, t

ensure_entrypoint()
c = content()
st.title(t("sources.title"), anchor=False)

st.header(t("sources.method_title"), anchor=False)
for section in c.method:
    st.subheader(section.title, anchor=False)
    st.markdown(section.body)

for group in ("article", "method"):
    st.header(t(f"sources.refs_{group}"), anchor=False)
    for ref in (r for r in c.references if r.group == group):
        line = ref.citation + (f" — {ref.note}" if ref.note else "")
        st.markdown(f"- {line}")
