"""AppTest fixtures: every test gets its own workshop database in ``tmp_path``."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def workshop_db(tmp_path, monkeypatch) -> str:
    """Point the workshop store at a throwaway SQLite file (never the default DB)."""
    url = f"sqlite:///{tmp_path / 'workshop.sqlite3'}"
    monkeypatch.setenv("HECHTING_DATABASE_URL", url)
    return url


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch) -> None:
    """Run every page through app.py, as a warmed-up server does.

    ``AppTest`` resets ``PagesManager.uses_pages_directory`` to ``None`` before every run,
    and because a ``pages/`` folder sits next to app.py, Streamlit then starts each run in
    its legacy multipage mode: the page file runs alone, without app.py. In a server that
    happens at most once per process (``st.navigation`` switches the mode off for good;
    ``hechting.ui.boot.ensure_entrypoint`` reruns that one first run). Left alone in
    AppTest, every run would be that first run: the page would run twice and the rerun
    would swallow button clicks. So keep the mode off, as in a running server.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
