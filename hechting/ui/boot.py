"""Make sure every run goes through app.py.

Streamlit treats a folder named ``pages/`` next to the entry point as the legacy
multipage layout until ``st.navigation`` has run once in the server process. Until then,
a first visit straight to a page URL (``/meedoen?code=...`` from a QR code, right after a
restart) would run that page file alone, without app.py's navigation, language and
session defaults. The product's layout fixes the folder name, so each page starts with
``ensure_entrypoint()``: it switches the process to ``st.navigation`` mode and reruns,
which then goes through app.py. After the first run in a process it does nothing.
"""

from __future__ import annotations

import streamlit as st


def ensure_entrypoint() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
