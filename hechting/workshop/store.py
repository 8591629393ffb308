"""The workshop store: workshops and their anonymous answers, in SQL (SQLAlchemy Core).

SQLite by default (WAL mode, busy timeout), PostgreSQL when a URL is configured, so that
several app replicas share one room. All shared state lives in the database; nothing
beyond the engine is kept in process memory. Workshops and their answers are deleted
24 hours after creation (and never shown after that, even before the purge runs).

Privacy: a participant is known only by the SHA-256 of a random token kept in their own
browser session; no names, no free text. The facilitator key is stored only as a hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    delete,
    event,
    func,
    select,
    update,
)

from hechting.codes import form_of_code
from hechting.scoring import AnswerError

# 32 symbols without 0/O and 1/I: 32**6 = 2**30 codes.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 6
LIFETIME_SECONDS = 24 * 60 * 60
MAX_TITLE = 80
MIN_SHOWN = 5  # points appear only once this many people have submitted
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")

metadata = MetaData()

workshops = Table(
    "workshops",
    metadata,
    Column("code", String(CODE_LENGTH), primary_key=True),
    Column("title", String(MAX_TITLE), nullable=False, default=""),
    Column("form", String(5), nullable=False),
    Column("key_hash", String(64), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False, index=True),
    Column("open", Boolean, nullable=False, default=True),
    Column("revealed", Boolean, nullable=False, default=False),
    Column("cutoff", String(8), nullable=False, default="midpoint"),
    Column("simulated", Boolean, nullable=False, default=False),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "workshop",
        String(CODE_LENGTH),
        ForeignKey("workshops.code", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("token_hash", String(64), nullable=False),
    Column("answers", String(32), nullable=True),  # the answer code; NULL until submitted
    Column("joined_at", Float, nullable=False),
    Column("submitted_at", Float, nullable=True),
    UniqueConstraint("workshop", "token_hash", name="one_answer_per_participant"),
)


class WorkshopError(Exception):
    """A workshop action that cannot be done; ``key`` names the interface text."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Workshop:
    code: str
    title: str
    form: Literal["short", "full"]
    created_at: float
    expires_at: float
    open: bool
    revealed: bool
    cutoff: Literal["midpoint", "median"]
    simulated: bool


@dataclass(frozen=True)
class Created:
    workshop: Workshop
    key: str  # the facilitator key, shown once


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(raw: object) -> str:
    """A join code as typed (spaces, dashes, lower case allowed); ``WorkshopError`` if bad."""
    if not isinstance(raw, str) or len(raw) > 32:
        raise WorkshopError("code_format")
    code = re.sub(r"[\s-]", "", raw).upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise WorkshopError("code_format")
    return code


def new_token() -> str:
    """A participant token, kept only in the participant's session."""
    return secrets.token_urlsafe(24)


def _check_token(token: object) -> str:
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise WorkshopError("token_invalid")
    return token


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - driver hook
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()


class Store:
    """Workshops and answers in one SQL database."""

    def __init__(self, engine: Engine, clock=time.time) -> None:
        self.engine = engine
        self.clock = clock
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)
            engine.dispose()  # later connections get the pragmas
        metadata.create_all(engine)

    # ----------------------------------------------------------------- housekeeping

    def purge_expired(self) -> int:
        now = self.clock()
        with self.engine.begin() as conn:
            old = select(workshops.c.code).where(workshops.c.expires_at <= now)
            conn.execute(delete(participants).where(participants.c.workshop.in_(old)))
            return conn.execute(delete(workshops).where(workshops.c.expires_at <= now)).rowcount

    def _row(self, conn, code: str):
        return conn.execute(
            select(workshops).where(workshops.c.code == code, workshops.c.expires_at > self.clock())
        ).first()

    @staticmethod
    def _workshop(row) -> Workshop:
        return Workshop(
            code=row.code,
            title=row.title,
            form=row.form,
            created_at=row.created_at,
            expires_at=row.expires_at,
            open=row.open,
            revealed=row.revealed,
            cutoff=row.cutoff,
            simulated=row.simulated,
        )

    # ----------------------------------------------------------------- facilitator

    def create(self, title: str = "", form: str = "short", simulated: bool = False) -> Created:
        if form not in ("short", "full"):
            raise WorkshopError("form_invalid")
        if not isinstance(title, str) or len(title) > MAX_TITLE:
            raise WorkshopError("title_too_long")
        title = "".join(ch for ch in title if ch.isprintable()).strip()
        self.purge_expired()
        key = secrets.token_urlsafe(12)
        now = self.clock()
        for _ in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            with self.engine.begin() as conn:
                if conn.execute(select(workshops.c.code).where(workshops.c.code == code)).first():
                    continue
                conn.execute(
                    workshops.insert().values(
                        code=code,
                        title=title,
                        form=form,
                        key_hash=_hash(key),
                        created_at=now,
                        expires_at=now + LIFETIME_SECONDS,
                        open=True,
                        revealed=False,
                        cutoff="midpoint",
                        simulated=simulated,
                    )
                )
            return Created(self.get(code), key)
        raise WorkshopError("create_failed")  # pragma: no cover - 2**30 codes

    def get(self, code: str) -> Workshop:
        code = normalise_code(code)
        with self.engine.connect() as conn:
            row = self._row(conn, code)
        if row is None:
            raise WorkshopError("unknown")
        return self._workshop(row)

    def check_key(self, code: str, key: object) -> Workshop:
        """The workshop, if ``key`` is its facilitator key; ``WorkshopError`` otherwise."""
        code = normalise_code(code)
        with self.engine.connect() as conn:
            row = self._row(conn, code)
        if row is None:
            raise WorkshopError("unknown")
        if not isinstance(key, str) or len(key) > 128 or not hmac.compare_digest(_hash(key), row.key_hash):
            raise WorkshopError("key_invalid")
        return self._workshop(row)

    def set_flags(self, code: str, key: str, **flags: object) -> Workshop:
        """Open/close, reveal/hide, or the cutoff; requires the facilitator key."""
        allowed = {"open": bool, "revealed": bool, "cutoff": str}
        values = {}
        for name, value in flags.items():
            if name not in allowed or not isinstance(value, allowed[name]):
                raise WorkshopError("control_invalid")
            if name == "cutoff" and value not in ("midpoint", "median"):
                raise WorkshopError("control_invalid")
            values[name] = value
        ws = self.check_key(code, key)
        with self.engine.begin() as conn:
            conn.execute(update(workshops).where(workshops.c.code == ws.code).values(**values))
        return self.get(ws.code)

    def delete(self, code: str, key: str) -> None:
        ws = self.check_key(code, key)
        with self.engine.begin() as conn:
            conn.execute(delete(participants).where(participants.c.workshop == ws.code))
            conn.execute(delete(workshops).where(workshops.c.code == ws.code))

    # ----------------------------------------------------------------- participants

    def join(self, code: str, token: str) -> Workshop:
        """Register a participant (idempotent); only while submissions are open."""
        token = _check_token(token)
        ws = self.get(code)
        if not ws.open:
            raise WorkshopError("closed")
        self._upsert(ws.code, _hash(token), None)
        return ws

    def submit(self, code: str, token: str, answer_code: str) -> None:
        """Store or replace this participant's answers: one row per token, never two."""
        token = _check_token(token)
        ws = self.get(code)
        if not ws.open:
            raise WorkshopError("closed")
        try:
            form = form_of_code(answer_code)
        except AnswerError as exc:
            raise WorkshopError("answers_invalid") from exc
        if form != ws.form:
            raise WorkshopError("answers_invalid")
        self._upsert(ws.code, _hash(token), answer_code)

    def _upsert(self, code: str, token_hash: str, answers: str | None) -> None:
        now = self.clock()
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        stmt = insert(participants).values(
            workshop=code,
            token_hash=token_hash,
            answers=answers,
            joined_at=now,
            submitted_at=now if answers else None,
        )
        if answers is None:
            stmt = stmt.on_conflict_do_nothing(index_elements=["workshop", "token_hash"])
        else:
            stmt = stmt.on_conflict_do_update(
                index_elements=["workshop", "token_hash"],
                set_={"answers": answers, "submitted_at": now},
            )
        with self.engine.begin() as conn:
            conn.execute(stmt)

    def has_submitted(self, code: str, token: str) -> bool:
        token = _check_token(token)
        with self.engine.connect() as conn:
            row = conn.execute(
                select(participants.c.answers).where(
                    participants.c.workshop == normalise_code(code),
                    participants.c.token_hash == _hash(token),
                )
            ).first()
        return bool(row and row.answers)

    # ----------------------------------------------------------------- reading

    def counts(self, code: str) -> tuple[int, int]:
        """(joined, submitted)."""
        ws = self.get(code)
        with self.engine.connect() as conn:
            joined, submitted = conn.execute(
                select(func.count(), func.count(participants.c.answers)).where(
                    participants.c.workshop == ws.code
                )
            ).one()
        return int(joined), int(submitted)

    def answer_codes(self, code: str, key: str) -> list[tuple[int, str]]:
        """(row id, answer code) of everyone who submitted; requires the facilitator key.

        Row ids are opaque and only used to keep each point's jitter stable.
        """
        ws = self.check_key(code, key)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(participants.c.id, participants.c.answers)
                .where(participants.c.workshop == ws.code, participants.c.answers.is_not(None))
                .order_by(participants.c.id)
            ).all()
        return [(r.id, r.answers) for r in rows]

    def add_simulated(self, code: str, key: str, answer_codes: Iterable[str]) -> int:
        ws = self.check_key(code, key)
        if not ws.simulated:
            raise WorkshopError("control_invalid")
        n = 0
        for answer_code in answer_codes:
            self.submit(ws.code, new_token(), answer_code)
            n += 1
        return n
