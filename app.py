"""Hechting: entry point. Declares the pages, the language and session defaults."""

import streamlit as st

from hechting.ui.nav import language_picker, pages
from hechting.ui.state import init_session

# The workshop's projector view: wide, no navigation, no sidebar.
projector = bool(st.session_state.get("projector"))
st.set_page_config(
    page_title="Hechting",
    page_icon=":material/favorite:",
    layout="wide" if projector else "centered",
    initial_sidebar_state="collapsed" if projector else "auto",
)
init_session()
if not projector:
    with st.sidebar:
        language_picker()

page = st.navigation(pages(), position="hidden" if projector else "sidebar")
page.run()
