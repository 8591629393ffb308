"""Join (participant): enter the code, take the workshop's quiz, submit anonymously.

This page never refreshes by itself: 200 phones polling would saturate the server.
"""

import streamlit as st

from hechting.ui import workshop
from hechting.ui.boot import ensure_entrypoint
from hechting.ui.state import t

ensure_entrypoint()
st.title(t("join.title"), anchor=False)

ws = workshop.joined_workshop()
if ws is None:
    st.markdown(t("join.lead"))
    workshop.join_form()
else:
    workshop.participate(ws)
