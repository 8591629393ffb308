"""Together: two partners on one plane; differences beyond noise; the pair dynamic.

Opens directly with ``/samen?a=<code>&b=<code>``. Nothing is stored on the server.
"""

import streamlit as st

from hechting.text import escape_markdown
from hechting.ui import couple
from hechting.ui.boot import ensure_entrypoint
from hechting.ui.state import t

ensure_entrypoint()
st.title(t("couple.title"), anchor=False)
st.markdown(t("couple.lead"))

cols = st.columns(2, gap="medium")
scored = {}
for col, slot in zip(cols, ("a", "b"), strict=True):
    with col, st.container(border=True, key=f"couple_slot_{slot}"):
        st.subheader(escape_markdown(couple.name(slot)), anchor=False)
        scored[slot] = couple.slot(slot)

if scored["a"] and scored["b"]:
    couple.together(scored["a"], scored["b"])
    couple.downloads(scored["a"], scored["b"])
else:
    st.info(t("couple.waiting"), icon=":material/hourglass_empty:")
