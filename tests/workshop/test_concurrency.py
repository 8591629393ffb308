"""Many participants submitting at the same moment: one row each, never two, none lost.

Runs on SQLite (WAL + busy timeout, a file shared by all threads) and on PostgreSQL when
``HECHTING_TEST_DATABASE_URL`` is set. Every wait is bounded, so a deadlock fails the
test instead of hanging it.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

from sqlalchemy import select

from hechting.workshop.group import simulate
from hechting.workshop.store import new_token, participants

N = 200
N_RESUBMIT = 20
BARRIER_TIMEOUT = 30.0
DEADLINE = 50.0  # seconds for one wave, well under a minute


def run_together(calls) -> list[BaseException]:
    """Run each zero-argument call in its own thread, all released at once by a barrier."""
    barrier = threading.Barrier(len(calls), timeout=BARRIER_TIMEOUT)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(call) -> None:
        try:
            barrier.wait()
            call()
        except BaseException as exc:  # noqa: BLE001 - collected and reported by the test
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=worker, args=(c,), daemon=True) for c in calls]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, DEADLINE - (time.monotonic() - start)))
    alive = sum(t.is_alive() for t in threads)
    assert alive == 0, f"{alive} threads still running after {DEADLINE} s"
    return errors


def token_hashes(store, code: str) -> list[str]:
    with store.engine.connect() as conn:
        return list(
            conn.execute(select(participants.c.token_hash).where(participants.c.workshop == code)).scalars()
        )


def test_200_concurrent_submissions_then_20_resubmissions(store, short_q):
    created = store.create("Druk", form="short")
    code, key = created.workshop.code, created.key
    tokens = [new_token() for _ in range(N)]
    answers = simulate(short_q, N, seed=7)
    assert len(set(tokens)) == N

    errors = run_together(
        [lambda t=t, a=a: store.submit(code, t, a) for t, a in zip(tokens, answers, strict=True)]
    )
    assert errors == [], errors[:3]

    assert store.counts(code) == (N, N)
    stored = store.answer_codes(code, key)
    assert len(stored) == N
    assert len({row_id for row_id, _ in stored}) == N
    assert Counter(a for _, a in stored) == Counter(answers)
    hashes = token_hashes(store, code)
    assert len(hashes) == N and len(set(hashes)) == N
    assert all(store.has_submitted(code, t) for t in tokens)

    # 20 of them change their answers at the same moment: still 200 rows
    again = tokens[:N_RESUBMIT]
    new_answers = simulate(short_q, N_RESUBMIT, seed=8)
    errors = run_together(
        [lambda t=t, a=a: store.submit(code, t, a) for t, a in zip(again, new_answers, strict=True)]
    )
    assert errors == [], errors[:3]
    assert store.counts(code) == (N, N)
    stored_after = store.answer_codes(code, key)
    assert len(stored_after) == N
    assert {row_id for row_id, _ in stored_after} == {row_id for row_id, _ in stored}
    assert Counter(a for _, a in stored_after) == Counter(new_answers + answers[N_RESUBMIT:])
    hashes = token_hashes(store, code)
    assert len(hashes) == N and len(set(hashes)) == N


def test_same_participant_many_times_at_once_is_one_row(store, short_q):
    """A double (or 40-fold) click: joins and submits of one token race each other."""
    created = store.create(form="short")
    code, key = created.workshop.code, created.key
    token = new_token()
    answers = simulate(short_q, 20, seed=3)
    calls = [lambda: store.join(code, token) for _ in range(20)]
    calls += [lambda a=a: store.submit(code, token, a) for a in answers]
    errors = run_together(calls)
    assert errors == [], errors[:3]
    assert store.counts(code) == (1, 1)
    ((_, stored),) = store.answer_codes(code, key)
    assert stored in answers
    assert len(token_hashes(store, code)) == 1


def test_sqlite_runs_in_wal_mode_with_busy_timeout(store):
    if store.engine.dialect.name != "sqlite":
        return
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
