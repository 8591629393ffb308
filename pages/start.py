"""Start: what the app is and is not, for whom, how long, privacy, and the ways in."""

import streamlit as st

from hechting.ui.boot import ensure_entrypoint
from hechting.ui.state import content, t

ensure_entrypoint()
c = content()
st.title(t("start.title"), anchor=False)
st.markdown(t("start.lead"))

with st.container(horizontal=True):
    st.page_link("pages/quiz.py", label=t("start.to_quiz"), icon=":material/tune:")
    st.page_link("pages/theorie.py", label=t("start.to_theory"), icon=":material/school:")

st.subheader(t("start.what_title"), anchor=False)
st.markdown(t("start.what_body"))
st.subheader(t("start.who_title"), anchor=False)
st.markdown(t("start.who_body"))
st.subheader(t("start.time_title"), anchor=False)
st.markdown(t("start.time_body"))
st.info(t("start.privacy_body"), title=t("start.privacy_title"), icon=":material/lock:")
st.caption(c.safety.not_diagnosis)
