"""Navigation: the pages, their URL paths and the language picker (used by app.py)."""

from __future__ import annotations

import streamlit as st

from hechting import LANGUAGES
from hechting.ui.state import LANG_KEY, t

# (file, url path, ui key, Material icon, section) — URL paths are part of the product.
PAGES: tuple[tuple[str, str, str, str, str], ...] = (
    ("pages/start.py", "", "start", ":material/home:", "learn"),
    ("pages/theorie.py", "theorie", "theorie", ":material/school:", "learn"),
    ("pages/bronnen.py", "bronnen", "bronnen", ":material/menu_book:", "learn"),
    ("pages/quiz.py", "quiz", "quiz", ":material/tune:", "test"),
    ("pages/resultaat.py", "resultaat", "resultaat", ":material/scatter_plot:", "test"),
    ("pages/samen.py", "samen", "samen", ":material/group:", "test"),
    ("pages/workshop.py", "workshop", "workshop", ":material/co_present:", "workshop"),
    ("pages/meedoen.py", "meedoen", "meedoen", ":material/qr_code_scanner:", "workshop"),
)

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def pages() -> dict[str, list[st.Page]]:
    sections: dict[str, list[st.Page]] = {}
    for path, url, name, icon, section in PAGES:
        page = st.Page(
            path,
            title=t(f"nav.{name}"),
            icon=icon,
            url_path=url or None,
            default=not url,
            help=t(f"nav.{name}_help"),
        )
        sections.setdefault(t(f"nav.section_{section}"), []).append(page)
    return sections


def language_picker() -> None:
    """Language choice bound to ``?lang=`` so shared links carry it."""
    st.segmented_control(
        t("nav.language"),
        options=LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANG_KEY,
        required=True,
        bind="query-params",
    )
