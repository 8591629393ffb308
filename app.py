"""Hechting: entry point. Declares the pages, the language and session defaults."""

import streamlit as st

from hechting.ui.nav import language_picker, pages
from hechting.ui.state import init_session

st.set_page_config(page_title="Hechting", page_icon=":material/favorite:", layout="centered")
init_session()

# The workshop's projector view shows no navigation and no sidebar.
projector = bool(st.session_state.get("projector"))
if not projector:
    with st.sidebar:
        language_picker()

page = st.navigation(pages(), position="hidden" if projector else "sidebar")
page.run()
