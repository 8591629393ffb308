"""The workshop store: codes, facilitator keys, joining and submitting, expiry, deletion."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hechting.workshop.store import (
    CODE_ALPHABET,
    CODE_LENGTH,
    LIFETIME_SECONDS,
    Store,
    WorkshopError,
    new_token,
    normalise_code,
    participants,
    workshops,
)

SHORT = "1234567123456712"  # a valid short-form answer code (16 digits 1-7)
SHORT_2 = "7654321765432176"
FULL = SHORT + SHORT  # a valid full-form answer code (32 digits)


def raises(key: str):
    """``pytest.raises(WorkshopError)`` that also checks the error's key."""

    class _Ctx:
        def __enter__(self):
            self._cm = pytest.raises(WorkshopError)
            self.info = self._cm.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self._cm.__exit__(*exc)
            assert self.info.value.key == key, f"expected {key!r}, got {self.info.value.key!r}"
            return handled

    return _Ctx()


def rows(store: Store, table, **where):
    with store.engine.connect() as conn:
        stmt = select(table)
        for name, value in where.items():
            stmt = stmt.where(table.c[name] == value)
        return conn.execute(stmt).all()


def n_rows(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


# ------------------------------------------------------------------------- codes


def test_alphabet_is_32_unambiguous_symbols():
    assert len(CODE_ALPHABET) == 32
    assert len(set(CODE_ALPHABET)) == 32
    assert not set("0O1I") & set(CODE_ALPHABET)
    assert CODE_ALPHABET.upper() == CODE_ALPHABET
    assert CODE_ALPHABET.isascii() and CODE_ALPHABET.isalnum()
    assert CODE_LENGTH == 6
    assert len(CODE_ALPHABET) ** CODE_LENGTH >= 2**30


def test_create_returns_code_and_key(store):
    created = store.create("Groep A", form="short")
    ws = created.workshop
    assert len(ws.code) == CODE_LENGTH
    assert set(ws.code) <= set(CODE_ALPHABET)
    assert isinstance(created.key, str) and len(created.key) >= 16
    assert ws.title == "Groep A"
    assert ws.form == "short"
    assert ws.open and not ws.revealed and not ws.simulated
    assert ws.cutoff == "midpoint"
    assert ws.expires_at == pytest.approx(ws.created_at + LIFETIME_SECONDS)
    assert store.get(ws.code) == ws
    assert store.get(ws.code.lower()) == ws


def test_create_refuses_bad_form_and_title(store):
    with raises("form_invalid"):
        store.create("x", form="medium")
    with raises("title_too_long"):
        store.create("x" * 81)
    with raises("title_too_long"):
        store.create(123)  # type: ignore[arg-type]
    assert n_rows(store, workshops) == 0


def test_codes_differ_across_creations(store):
    created = [store.create() for _ in range(150)]
    codes = {c.workshop.code for c in created}
    keys = {c.key for c in created}
    assert len(codes) == 150
    assert len(keys) == 150
    assert n_rows(store, workshops) == 150


# ------------------------------------------------------------------------- keys


def test_key_is_not_stored_in_plain_text(store):
    created = store.create("Titel")
    (row,) = rows(store, workshops)
    for value in row:
        assert value != created.key
        if isinstance(value, str):
            assert created.key not in value


def test_check_key_accepts_right_key(store):
    created = store.create()
    assert store.check_key(created.workshop.code, created.key) == created.workshop
    assert store.check_key(created.workshop.code.lower(), created.key) == created.workshop


@pytest.mark.parametrize(
    "bad",
    ["", "wrong", " ", None, 123, b"key", ["k"], "x" * 129, "x" * 10_000],
    ids=["empty", "wrong", "space", "none", "int", "bytes", "list", "129", "10k"],
)
def test_check_key_refuses_wrong_keys(store, bad):
    created = store.create()
    with raises("key_invalid"):
        store.check_key(created.workshop.code, bad)


def test_check_key_refuses_other_workshops_key_and_variants(store):
    a, b = store.create(), store.create()
    for bad in (b.key, a.key + "x", a.key[:-1], a.key.upper() if a.key != a.key.upper() else a.key.lower()):
        with raises("key_invalid"):
            store.check_key(a.workshop.code, bad)


def test_check_key_unknown_workshop(store):
    created = store.create()
    other = "ZZZZZZ" if created.workshop.code != "ZZZZZZ" else "YYYYYY"
    with raises("unknown"):
        store.check_key(other, created.key)


def test_wrong_key_changes_nothing(store):
    created = store.create()
    code = created.workshop.code
    store.submit(code, new_token(), SHORT)
    before_ws, before_p = rows(store, workshops), rows(store, participants)
    for bad in ("wrong", "", None, "x" * 10_000):
        with raises("key_invalid"):
            store.set_flags(code, bad, open=False, revealed=True, cutoff="median")
        with raises("key_invalid"):
            store.delete(code, bad)
        with raises("key_invalid"):
            store.answer_codes(code, bad)
    assert rows(store, workshops) == before_ws
    assert rows(store, participants) == before_p
    assert store.get(code).open
    assert store.counts(code) == (1, 1)


def test_set_flags_with_key(store):
    created = store.create()
    code, key = created.workshop.code, created.key
    ws = store.set_flags(code, key, revealed=True, cutoff="median")
    assert ws.revealed and ws.cutoff == "median" and ws.open
    ws = store.set_flags(code, key, open=False)
    assert not ws.open
    assert store.get(code) == ws
    for flags in ({"cutoff": "mean"}, {"open": "no"}, {"simulated": True}, {"title": "x"}):
        with raises("control_invalid"):
            store.set_flags(code, key, **flags)
    assert store.get(code) == ws


# ------------------------------------------------------------------------- normalise_code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" abc-234 ", "ABC234"),
        ("ABC234", "ABC234"),
        ("abc234", "ABC234"),
        ("ab c-2 34", "ABC234"),
        ("\tABC-234\n", "ABC234"),
        ("xyz-789", "XYZ789"),
        ("hjk-lmn", "HJKLMN"),
    ],
)
def test_normalise_code_accepts_typed_codes(raw, expected):
    assert normalise_code(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "ABC23",
        "ABC2345",
        "ABC-23",
        "ABCO23",
        "abco23",
        "ABC023",
        "ABC123",
        "ABCI23",
        "abci23",
        "ABC_23",
        "ABC.234",
        "ÄBC234",
        "ABC２34",  # full-width digit
        "A" * 33,
        "A" * 10_000,
        " " * 10_000 + "ABC234",
        None,
        123456,
        b"ABC234",
        ["ABC234"],
    ],
)
def test_normalise_code_refuses_bad_input(raw):
    with raises("code_format"):
        normalise_code(raw)


def test_unknown_code(store):
    with raises("unknown"):
        store.get("ZZZ-ZZZ")
    with raises("unknown"):
        store.join("ZZZ-ZZZ", new_token())
    with raises("code_format"):
        store.get("ZZZ-OOO")


# ------------------------------------------------------------------------- join and submit


def test_submit_twice_keeps_one_row_with_latest_answers(store):
    created = store.create()
    code = created.workshop.code
    token = new_token()
    store.join(code, token)
    store.submit(code, token, SHORT)
    store.submit(code, token, SHORT_2)
    assert store.counts(code) == (1, 1)
    assert [a for _, a in store.answer_codes(code, created.key)] == [SHORT_2]
    assert len(rows(store, participants)) == 1
    assert store.has_submitted(code, token)


def test_join_without_submit(store):
    created = store.create()
    code = created.workshop.code
    token = new_token()
    store.join(code, token)
    store.join(code, token)  # idempotent
    assert store.counts(code) == (1, 0)
    assert store.answer_codes(code, created.key) == []
    assert not store.has_submitted(code, token)
    other = new_token()
    store.submit(code, other, SHORT)
    assert store.counts(code) == (2, 1)
    store.join(code, other)  # joining again after submitting keeps the answers
    assert store.counts(code) == (2, 1)
    assert [a for _, a in store.answer_codes(code, created.key)] == [SHORT]


def test_submit_without_join_and_typed_code(store):
    created = store.create()
    store.submit(f" {created.workshop.code.lower()[:3]}-{created.workshop.code.lower()[3:]} ", new_token(), SHORT)
    assert store.counts(created.workshop.code) == (1, 1)


def test_tokens_are_stored_only_as_hashes(store):
    created = store.create()
    token = new_token()
    store.submit(created.workshop.code, token, SHORT)
    (row,) = rows(store, participants)
    assert all(value != token and (not isinstance(value, str) or token not in value) for value in row)


def test_same_token_in_two_workshops_is_two_rows(store):
    a, b = store.create(), store.create()
    token = new_token()
    store.submit(a.workshop.code, token, SHORT)
    store.submit(b.workshop.code, token, SHORT_2)
    assert store.counts(a.workshop.code) == (1, 1)
    assert store.counts(b.workshop.code) == (1, 1)
    assert [x for _, x in store.answer_codes(a.workshop.code, a.key)] == [SHORT]
    assert [x for _, x in store.answer_codes(b.workshop.code, b.key)] == [SHORT_2]


@pytest.mark.parametrize(
    "token",
    ["", "short", "a" * 19, "a" * 65, "a" * 10_000, "a" * 10 + " " + "a" * 10, " " + "a" * 24,
     "a" * 24 + " ", "ä" * 24, "a" * 20 + "/+=", None, 12345678901234567890123, b"a" * 24],
    ids=["empty", "short", "19", "65", "10k", "inner-space", "lead-space", "trail-space",
         "umlaut", "base64-chars", "none", "int", "bytes"],
)
def test_tampered_tokens(store, token):
    code = store.create().workshop.code
    with raises("token_invalid"):
        store.join(code, token)
    with raises("token_invalid"):
        store.submit(code, token, SHORT)
    with raises("token_invalid"):
        store.has_submitted(code, token)
    assert n_rows(store, participants) == 0


def test_token_with_trailing_newline_is_refused(store):
    code = store.create().workshop.code
    with raises("token_invalid"):
        store.join(code, "a" * 24 + "\n")
    assert n_rows(store, participants) == 0


@pytest.mark.parametrize(
    "answers",
    [FULL, "", "123", "8" * 16, "0" * 16, "1234567 23456712", "1" * 17, "１" * 16, None, 1234567123456712],
    ids=["full-form", "empty", "3", "eights", "zeros", "space", "17", "fullwidth", "none", "int"],
)
def test_invalid_answers_are_refused(store, answers):
    created = store.create(form="short")
    code = created.workshop.code
    token = new_token()
    with raises("answers_invalid"):
        store.submit(code, token, answers)
    assert store.counts(code) == (0, 0)
    assert n_rows(store, participants) == 0


def test_short_form_answers_refused_by_full_workshop(store):
    created = store.create(form="full")
    code = created.workshop.code
    with raises("answers_invalid"):
        store.submit(code, new_token(), SHORT)
    store.submit(code, new_token(), FULL)
    assert store.counts(code) == (1, 1)


def test_closed_workshop_refuses_join_and_submit(store):
    created = store.create()
    code, key = created.workshop.code, created.key
    early = new_token()
    store.join(code, early)
    store.set_flags(code, key, open=False)
    with raises("closed"):
        store.join(code, new_token())
    with raises("closed"):
        store.submit(code, new_token(), SHORT)
    with raises("closed"):
        store.submit(code, early, SHORT)  # joined before closing: still no answers now
    assert store.counts(code) == (1, 0)
    assert store.answer_codes(code, key) == []
    store.set_flags(code, key, open=True)
    store.submit(code, early, SHORT)
    assert store.counts(code) == (1, 1)


# ------------------------------------------------------------------------- expiry


def test_expired_workshop_is_unknown_before_purge(store, clock):
    created = store.create()
    code, key = created.workshop.code, created.key
    token = new_token()
    store.submit(code, token, SHORT)
    clock.advance(LIFETIME_SECONDS - 1)
    assert store.get(code).code == code
    clock.advance(2)  # now past 24 h
    with raises("unknown"):
        store.get(code)
    with raises("unknown"):
        store.check_key(code, key)
    with raises("unknown"):
        store.answer_codes(code, key)
    with raises("unknown"):
        store.counts(code)
    with raises("unknown"):
        store.join(code, new_token())
    with raises("unknown"):
        store.submit(code, token, SHORT_2)
    with raises("unknown"):
        store.set_flags(code, key, open=False)
    # not purged yet: the rows are still there, just never shown
    assert n_rows(store, workshops) == 1
    assert n_rows(store, participants) == 1


def test_expires_exactly_at_24_hours(store, clock):
    code = store.create().workshop.code
    clock.advance(LIFETIME_SECONDS)
    with raises("unknown"):
        store.get(code)


def test_purge_expired_deletes_workshop_and_participants(store, clock):
    old = store.create()
    for _ in range(3):
        store.submit(old.workshop.code, new_token(), SHORT)
    store.join(old.workshop.code, new_token())
    clock.advance(LIFETIME_SECONDS / 2)
    young = store.create()
    store.submit(young.workshop.code, new_token(), SHORT)
    clock.advance(LIFETIME_SECONDS / 2 + 1)
    assert store.purge_expired() == 1
    assert rows(store, workshops, code=old.workshop.code) == []
    assert rows(store, participants, workshop=old.workshop.code) == []
    assert store.counts(young.workshop.code) == (1, 1)
    assert n_rows(store, participants) == 1
    assert store.purge_expired() == 0


def test_create_purges_expired(store, clock):
    old = store.create()
    store.submit(old.workshop.code, new_token(), SHORT)
    clock.advance(LIFETIME_SECONDS + 1)
    store.create()
    assert rows(store, workshops, code=old.workshop.code) == []
    assert n_rows(store, participants) == 0


# ------------------------------------------------------------------------- delete


def test_delete_removes_workshop_and_answers(store):
    a, b = store.create(), store.create()
    for _ in range(3):
        store.submit(a.workshop.code, new_token(), SHORT)
    store.join(a.workshop.code, new_token())
    store.submit(b.workshop.code, new_token(), SHORT)
    store.delete(a.workshop.code, a.key)
    with raises("unknown"):
        store.get(a.workshop.code)
    assert rows(store, workshops, code=a.workshop.code) == []
    assert rows(store, participants, workshop=a.workshop.code) == []
    assert store.counts(b.workshop.code) == (1, 1)
    with raises("unknown"):
        store.delete(a.workshop.code, a.key)


# ------------------------------------------------------------------------- simulated


def test_add_simulated_only_on_simulated_workshops(store):
    real = store.create()
    with raises("control_invalid"):
        store.add_simulated(real.workshop.code, real.key, [SHORT, SHORT_2])
    assert store.counts(real.workshop.code) == (0, 0)

    sim = store.create(simulated=True)
    assert sim.workshop.simulated
    with raises("key_invalid"):
        store.add_simulated(sim.workshop.code, real.key, [SHORT])
    assert store.counts(sim.workshop.code) == (0, 0)
    assert store.add_simulated(sim.workshop.code, sim.key, [SHORT, SHORT_2, SHORT]) == 3
    assert store.counts(sim.workshop.code) == (3, 3)
    assert sorted(a for _, a in store.answer_codes(sim.workshop.code, sim.key)) == sorted([SHORT, SHORT_2, SHORT])
    with raises("answers_invalid"):
        store.add_simulated(sim.workshop.code, sim.key, [FULL])
