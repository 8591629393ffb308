"""Fixtures for the workshop store: a fresh Store per test on SQLite and (optionally) PostgreSQL.

PostgreSQL runs only when ``HECHTING_TEST_DATABASE_URL`` is set, e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/hechting_test``; its tables are dropped and
recreated for every test.
"""

from __future__ import annotations

import os
import time

import pytest
from sqlalchemy import create_engine

from hechting.content import load_questionnaire
from hechting.workshop.store import Store, metadata

PG_ENV = "HECHTING_TEST_DATABASE_URL"


class FakeClock:
    """A controllable clock for ``Store(engine, clock=...)``."""

    def __init__(self, start: float | None = None) -> None:
        self.now = time.time() if start is None else start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_700_000_000.0)


def _engine(kind: str, tmp_path):
    if kind == "sqlite":
        return create_engine(f"sqlite:///{tmp_path}/w.sqlite3")
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/hechting_test)")
    engine = create_engine(url)
    metadata.drop_all(engine)  # isolation: every test starts from empty tables
    return engine


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    eng = _engine(request.param, tmp_path)
    yield eng
    eng.dispose()


@pytest.fixture
def store(engine, clock) -> Store:
    """A fresh Store with the controllable clock (use ``clock.advance`` for expiry)."""
    return Store(engine, clock=clock)


@pytest.fixture(scope="session")
def short_q():
    return load_questionnaire("nl", "short")


@pytest.fixture(scope="session")
def full_q():
    return load_questionnaire("nl", "full")
