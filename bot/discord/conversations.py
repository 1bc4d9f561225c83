"""Per-user conversation history in SQLite: bounded, expiring, and surviving a restart."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from bot.core.answer import Turn

log = logging.getLogger(__name__)

T = TypeVar("T")
Clock = Callable[[], float]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversation_turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    piece TEXT NOT NULL,
    created_at REAL NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    passages TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS conversation_turns_user ON conversation_turns (user_id, id);
CREATE INDEX IF NOT EXISTS conversation_turns_created ON conversation_turns (created_at);
"""
_PRUNE_EVERY_S = 3600.0
# Stored text is bounded so one enormous answer cannot bloat the database or the next prompt.
MAX_STORED_CHARS = 4000


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What `forget` deleted: how many turns, and the time span they covered (UTC)."""

    turns: int
    oldest: datetime | None = None
    newest: datetime | None = None


class ConversationStore:
    """Conversation turns per user, for the current piece only.

    `max_turns` bounds each user's history (older turns are deleted on write)
    and `retention_days` bounds its age (0 keeps nothing). The database is
    opened lazily on first use, in WAL mode so readers never wait on the
    writer. All SQLite work runs in a worker thread behind one lock: the
    event loop never blocks on disk.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        piece: str,
        max_turns: int,
        retention_days: float,
        clock: Clock = time.time,
    ) -> None:
        if max_turns < 1:
            raise ValueError("max_turns must be at least 1")
        self.path = Path(path) if str(path) != ":memory:" else path
        self.piece = piece
        self.max_turns = max_turns
        self.retention_s = max(0.0, retention_days) * 86400.0
        self._clock = clock
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._last_prune = float("-inf")
        self._closed = False

    @property
    def enabled(self) -> bool:
        """False when retention is 0: history is neither kept nor read."""
        return self.retention_s > 0

    # ------------------------------------------------------------------ plumbing

    def _connect(self) -> sqlite3.Connection:
        if self._closed:
            raise RuntimeError("conversation store is closed")
        if self._conn is not None:
            return self._conn
        target = str(self.path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(target, check_same_thread=False, timeout=10.0)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            conn.commit()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        self._conn = conn
        log.debug("conversation store open at %s", target)
        return conn

    def _run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            conn = self._connect()
            try:
                result = fn(conn)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            return result

    async def _call(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.to_thread(self._run, fn)

    async def open(self) -> None:
        """Open (and create) the database now, and drop expired turns."""
        await self._call(lambda conn: None)
        await self.prune()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # ------------------------------------------------------------------ operations

    def _cutoff(self) -> float:
        return self._clock() - self.retention_s

    async def history(self, user_id: int) -> list[Turn]:
        """The user's most recent turns about this piece, oldest first (at most `max_turns`)."""
        if not self.enabled:
            return []
        cutoff = self._cutoff()

        def read(conn: sqlite3.Connection) -> list[Turn]:
            rows = conn.execute(
                "SELECT question, answer, passages FROM conversation_turns"
                " WHERE user_id = ? AND piece = ? AND created_at > ?"
                " ORDER BY id DESC LIMIT ?",
                (user_id, self.piece, cutoff, self.max_turns),
            ).fetchall()
            return [Turn(q, a, _passages(p)) for q, a, p in reversed(rows)]

        return await self._call(read)

    async def add(self, user_id: int, turn: Turn) -> None:
        """Store one turn and trim the user's history to `max_turns`."""
        if not self.enabled:
            return
        now = self._clock()
        keep = self.max_turns

        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO conversation_turns"
                " (user_id, piece, created_at, question, answer, passages)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    user_id,
                    self.piece,
                    now,
                    turn.question[:MAX_STORED_CHARS],
                    turn.answer[:MAX_STORED_CHARS],
                    json.dumps([int(p) for p in turn.passages]),
                ),
            )
            conn.execute(
                "DELETE FROM conversation_turns WHERE user_id = ? AND id NOT IN"
                " (SELECT id FROM conversation_turns WHERE user_id = ? ORDER BY id DESC LIMIT ?)",
                (user_id, user_id, keep),
            )

        await self._call(write)
        if now - self._last_prune >= _PRUNE_EVERY_S:
            await self.prune()

    async def forget(self, user_id: int) -> Forgotten:
        """Delete everything stored for the user (every piece) and say what was deleted."""

        def delete(conn: sqlite3.Connection) -> Forgotten:
            count, oldest, newest = conn.execute(
                "SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM conversation_turns"
                " WHERE user_id = ?",
                (user_id,),
            ).fetchone()
            conn.execute("DELETE FROM conversation_turns WHERE user_id = ?", (user_id,))
            return Forgotten(int(count), _when(oldest), _when(newest))

        return await self._call(delete)

    async def prune(self) -> int:
        """Delete turns older than the retention period; return how many went."""
        cutoff = self._cutoff() if self.enabled else float("inf")
        self._last_prune = self._clock()

        def delete(conn: sqlite3.Connection) -> int:
            return conn.execute(
                "DELETE FROM conversation_turns WHERE created_at <= ?", (cutoff,)
            ).rowcount

        removed = await self._call(delete)
        if removed:
            log.info("pruned %d expired conversation turns", removed)
        return removed

    async def count(self, user_id: int) -> int:
        """How many turns are stored for the user (any piece)."""

        def read(conn: sqlite3.Connection) -> int:
            row = conn.execute(
                "SELECT COUNT(*) FROM conversation_turns WHERE user_id = ?", (user_id,)
            ).fetchone()
            return int(row[0])

        return await self._call(read)


def _passages(raw: str) -> tuple[int, ...]:
    try:
        values = json.loads(raw)
    except ValueError:
        return ()
    return tuple(v for v in values if isinstance(v, int)) if isinstance(values, list) else ()


def _when(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, tz=UTC)
