"""Per-user conversation history in SQLite: bounded, expiring, and surviving a restart."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.core.answer import Turn
from bot.library.store import Piece
from bot.settings import Settings
from bot.storage.sqlite import BUSY_TIMEOUT_S, MEMORY, Database, busy_as_store_busy, unless_busy

log = logging.getLogger(__name__)

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
    """Conversation turns per user and piece (a library piece id): a conversation is about one
    piece, so switching pieces starts a fresh one.

    `max_turns` bounds each user's history (older turns are deleted on write)
    and `retention_days` bounds its age (0 keeps nothing). The database is
    opened on first use (or by `open`); see `bot.storage.sqlite` for what
    happens to a damaged or unusable file.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        max_turns: int,
        retention_days: float,
        clock: Clock = time.time,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
    ) -> None:
        if max_turns < 1:
            raise ValueError("max_turns must be at least 1")
        self.max_turns = max_turns
        self.retention_s = max(0.0, retention_days) * 86400.0
        self._clock = clock
        self._db = Database(
            None if str(path) == MEMORY else Path(path),
            _SCHEMA,
            what="conversation history",
            busy_timeout_s=busy_timeout_s,
        )
        self._last_prune = float("-inf")

    @property
    def path(self) -> Path | str:
        """The database file, or ":memory:" (asked for, or the file could not be opened)."""
        return MEMORY if self._db.location == MEMORY else Path(self._db.location)

    @property
    def enabled(self) -> bool:
        """False when retention is 0: history is neither kept nor read."""
        return self.retention_s > 0

    async def open(self) -> None:
        """Open (and create) the database now, and drop expired turns (later, if it is busy)."""
        await self._db.open()
        await self._prune_unless_busy()

    async def aclose(self) -> None:
        await self._db.aclose()

    def _cutoff(self) -> float:
        return self._clock() - self.retention_s

    async def history(self, user_id: int, piece: str) -> list[Turn]:
        """The user's most recent turns about `piece`, oldest first (at most `max_turns`)."""
        if not self.enabled:
            return []
        async with self._db.transaction() as db:
            rows = await db.execute_fetchall(
                "SELECT question, answer, passages FROM conversation_turns"
                " WHERE user_id = ? AND piece = ? AND created_at > ?"
                " ORDER BY id DESC LIMIT ?",
                (user_id, piece, self._cutoff(), self.max_turns),
            )
        return [Turn(q, a, _passages(p)) for q, a, p in reversed(list(rows))]

    async def add(self, user_id: int, piece: str, turn: Turn) -> None:
        """Store one turn about `piece` and trim the user's history to `max_turns` (over
        every piece: the bound is on what is kept about a person).

        The answer has already been delivered when this runs: if another
        process keeps the database locked, the turn is dropped with a warning
        rather than turned into an error for the reader.
        """
        if not self.enabled:
            return
        now = self._clock()
        busy = await unless_busy(lambda: self._insert(user_id, piece, turn, now))
        if busy is not None:
            log.warning(
                "conversation history busy (%s): a turn of user %s not stored", busy, user_id
            )
            return
        if now - self._last_prune >= _PRUNE_EVERY_S:
            await self._prune_unless_busy()

    async def _prune_unless_busy(self) -> None:
        busy = await unless_busy(self.prune)
        if busy is not None:
            log.warning("conversation history busy (%s): pruning waits for next time", busy)

    async def _insert(self, user_id: int, piece: str, turn: Turn, now: float) -> None:
        async with self._db.transaction() as db:
            await db.execute(
                "INSERT INTO conversation_turns"
                " (user_id, piece, created_at, question, answer, passages)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    user_id,
                    piece,
                    now,
                    turn.question[:MAX_STORED_CHARS],
                    turn.answer[:MAX_STORED_CHARS],
                    json.dumps([int(p) for p in turn.passages]),
                ),
            )
            await db.execute(
                "DELETE FROM conversation_turns WHERE user_id = ? AND id NOT IN"
                " (SELECT id FROM conversation_turns WHERE user_id = ? ORDER BY id DESC LIMIT ?)",
                (user_id, user_id, self.max_turns),
            )

    async def forget(self, user_id: int) -> Forgotten:
        """Delete everything stored for the user (every piece) and say what was deleted.

        The WAL is checkpointed afterwards: deleted text must not linger in the
        `-wal` file (nor, with secure_delete, in the main file's free pages). `StoreBusy` if
        another connection keeps the database locked: nothing was deleted then.
        """
        async with busy_as_store_busy(self._db.what), self._db.transaction() as db:
            [(count, oldest, newest)] = await db.execute_fetchall(
                "SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM conversation_turns"
                " WHERE user_id = ?",
                (user_id,),
            )
            await db.execute("DELETE FROM conversation_turns WHERE user_id = ?", (user_id,))
        await self._db.checkpoint()
        return Forgotten(int(count), _when(oldest), _when(newest))

    async def forget_piece(self, piece: str) -> int:
        """Delete every user's turns about `piece` (it is being removed from the library);
        return how many went. The WAL is checkpointed, and a lock held too long is `StoreBusy`,
        as in `forget`."""
        async with busy_as_store_busy(self._db.what), self._db.transaction() as db:
            cursor = await db.execute("DELETE FROM conversation_turns WHERE piece = ?", (piece,))
            removed = cursor.rowcount
        await self._db.checkpoint()
        return removed

    async def forget_removed(self, piece: Piece) -> None:
        """`Library.on_remove`'s hook: the turns about a piece go with it, whichever front end
        removes it (a piece added again gets the same id, and must not bring them back)."""
        removed = await self.forget_piece(piece.id)
        log.info("deleted %d conversation turns about removed piece %s", removed, piece.id)

    async def prune(self) -> int:
        """Delete turns older than the retention period; return how many went."""
        cutoff = self._cutoff() if self.enabled else float("inf")
        self._last_prune = self._clock()
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "DELETE FROM conversation_turns WHERE created_at <= ?", (cutoff,)
            )
            removed = cursor.rowcount
        if removed:
            log.info("pruned %d expired conversation turns", removed)
        return removed

    async def count(self, user_id: int) -> int:
        """How many turns are stored for the user (any piece)."""
        async with self._db.transaction() as db:
            [(count,)] = await db.execute_fetchall(
                "SELECT COUNT(*) FROM conversation_turns WHERE user_id = ?", (user_id,)
            )
        return int(count)


def _passages(raw: str) -> tuple[int, ...]:
    try:
        values = json.loads(raw)
    except ValueError:
        return ()
    return tuple(v for v in values if isinstance(v, int)) if isinstance(values, list) else ()


def _when(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, tz=UTC)


def conversations_for(settings: Settings) -> ConversationStore:
    """The conversation history on the bot's database, bounded as the settings say."""
    return ConversationStore(
        settings.db_path,
        max_turns=settings.history_turns,
        retention_days=settings.history_retention_days,
    )
