"""Workshop (facilitator): create or reopen a workshop and show the room's live plane."""

import streamlit as st

from hechting.ui import workshop
from hechting.ui.boot import ensure_entrypoint
from hechting.ui.state import t

ensure_entrypoint()
if not st.session_state.get("projector"):
    st.title(t("workshop.title"), anchor=False)
    st.markdown(t("workshop.lead"))

if st.session_state.pop("ws_deleted", False):
    st.success(t("workshop.deleted"), icon=":material/delete:")

if st.session_state.get("ws_code") and st.session_state.get("ws_key"):
    workshop.dashboard()
else:
    workshop.setup()
