"""Hechting: entry point. Declares the pages, the language and session defaults."""

import streamlit as st

from hechting.ui.nav import language_picker, pages
from hechting.ui.state import init_session

st.set_page_config(page_title="Hechting", page_icon=":material/favorite:", layout="centered")
init_session()

with st.sidebar:
    language_picker()

page = st.navigation(pages(), position="sidebar")
page.run()
