"""Result: where the person stands on the plane and what it means per intimacy area.

Shows the answers of this session, or those in a result link (``?a=<code>``).
"""

import streamlit as st

from hechting.ui import result, share
from hechting.ui.boot import ensure_entrypoint
from hechting.ui.state import submitted, t

ensure_entrypoint()
scored = share.from_link("a") if "a" in st.query_params else submitted()

if scored is None:
    if "a" not in st.query_params:
        st.title(t("result.empty_title"), anchor=False)
        st.markdown(t("result.empty_body"))
    st.page_link("pages/quiz.py", label=t("result.to_quiz"), icon=":material/tune:")
    st.stop()

result.show(scored)
share.share_box(scored)
share.downloads(scored)

with st.container(horizontal=True):
    st.page_link("pages/quiz.py", label=t("result.again"), icon=":material/replay:")
    st.page_link("pages/theorie.py", label=t("result.read_theory"), icon=":material/school:")
