"""Navigation: the pages, their URL paths and the language picker (used by app.py)."""

from __future__ import annotations

import streamlit as st

from hechting import LANGUAGES
from hechting.ui.state import LANG_KEY, t

# (file, url path, ui key, Material icon) — URL paths are part of the product.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("pages/start.py", "", "start", ":material/home:"),
    ("pages/theorie.py", "theorie", "theorie", ":material/school:"),
    ("pages/bronnen.py", "bronnen", "bronnen", ":material/menu_book:"),
    ("pages/quiz.py", "quiz", "quiz", ":material/tune:"),
    ("pages/resultaat.py", "resultaat", "resultaat", ":material/scatter_plot:"),
    ("pages/samen.py", "samen", "samen", ":material/group:"),
    ("pages/workshop.py", "workshop", "workshop", ":material/co_present:"),
    ("pages/meedoen.py", "meedoen", "meedoen", ":material/qr_code_scanner:"),
)

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def pages() -> list[st.Page]:
    """A flat list: section headers in the sidebar would break its list markup (a11y)."""
    out: list[st.Page] = []
    for path, url, name, icon in PAGES:
        page = st.Page(
            path,
            title=t(f"nav.{name}"),
            icon=icon,
            url_path=url or None,
            default=not url,
            help=t(f"nav.{name}_help"),
        )
        out.append(page)
    return out


def language_picker() -> None:
    """Language choice bound to ``?lang=`` so shared links carry it."""
    # Options are the codes themselves: a bound widget writes its option label to the
    # URL, and links must read ?lang=nl or ?lang=en.
    st.segmented_control(
        t("nav.language"),
        options=LANGUAGES,
        key=LANG_KEY,
        required=True,
        bind="query-params",
        help=" · ".join(f"{code} = {name}" for code, name in LANGUAGE_NAMES.items()),
    )
