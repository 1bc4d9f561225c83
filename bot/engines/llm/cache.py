"""SQLite answer cache keyed by (piece sha256, model, prompt version, command, normalised args)."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
import unicodedata
from pathlib import Path
from typing import Any

from bot.core.answer import Answer, AnswerItem, Citation
from bot.storage.sqlite import Database, busy_as_store_busy

log = logging.getLogger(__name__)

# A busy cache costs tokens, not the reader's time: wait for another writer only briefly.
_BUSY_TIMEOUT_S = 0.5

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    command TEXT NOT NULL,
    created REAL NOT NULL,
    answer TEXT NOT NULL
);
-- Which piece (text hash) each answer is about, so removing a piece removes its answers.
CREATE TABLE IF NOT EXISTS answer_pieces (
    key TEXT PRIMARY KEY,
    piece TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answer_pieces_piece ON answer_pieces (piece);
"""


def normalise(value: object) -> object:
    """Arguments as the cache sees them: NFKC, case-folded, whitespace collapsed."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFKC", value).casefold().split())
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    return value


def cache_key(piece: str, model: str, version: str, command: str, args: dict[str, Any]) -> str:
    raw = json.dumps(
        [piece, model, version, command, normalise(args)], ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def answer_from_dict(data: dict[str, Any]) -> Answer:
    def cites(raw: list[dict[str, Any]]) -> tuple[Citation, ...]:
        return tuple(Citation(c["passage"], c["quote"], c["start"], c["end"]) for c in raw)

    return Answer(
        text=data["text"],
        citations=cites(data.get("citations", [])),
        engine=data["engine"],
        grounded=data["grounded"],
        kind=data.get("kind", "ask"),
        items=tuple(
            AnswerItem(i["title"], i["text"], cites(i.get("citations", [])))
            for i in data.get("items", [])
        ),
        note=data.get("note"),
    )


class AnswerCache:
    """Verified answers on disk; `path=None` keeps them in memory (tests).

    Every failure to read or write costs tokens, never an answer: it is logged
    and treated as a miss. A damaged or unusable file is handled by
    `bot.storage.sqlite` (moved aside, or memory instead).
    """

    def __init__(self, path: Path | None, *, busy_timeout_s: float = _BUSY_TIMEOUT_S) -> None:
        self._db = Database(path, _SCHEMA, what="answer cache", busy_timeout_s=busy_timeout_s)

    async def get(self, key: str) -> Answer | None:
        try:
            async with self._db.transaction() as db:
                rows = await db.execute_fetchall("SELECT answer FROM answers WHERE key = ?", (key,))
        except sqlite3.Error as exc:
            # Locked, corrupt or laid out by another version: a miss costs tokens, not answers.
            log.warning("could not read the answer cache: %s", exc)
            return None
        row = next(iter(rows), None)
        if row is None:
            return None
        try:
            return answer_from_dict(json.loads(row[0]))
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring unreadable cache entry %s…: %s", key[:12], exc)
            return None

    async def put(self, key: str, command: str, answer: Answer, *, piece: str) -> None:
        """Keep `answer` under `key`; `piece` is the sha256 of the piece it is about (one cache
        serves every piece: `forget_piece` deletes a removed piece's answers by it)."""
        data = json.dumps(answer.to_dict(), ensure_ascii=False)
        try:
            async with self._db.transaction() as db:
                await db.execute(
                    "INSERT OR REPLACE INTO answers (key, command, created, answer)"
                    " VALUES (?, ?, ?, ?)",
                    (key, command, time.time(), data),
                )
                await db.execute(
                    "INSERT OR REPLACE INTO answer_pieces (key, piece) VALUES (?, ?)",
                    (key, piece),
                )
        except sqlite3.Error as exc:
            log.warning("could not store a cached answer: %s", exc)

    async def forget_piece(self, piece: str) -> int:
        """Delete every answer stored about the piece with this sha256; return how many.

        The WAL is emptied afterwards, so the deleted quotes do not linger on disk. `StoreBusy`
        if another process keeps the cache locked: nothing was deleted then.
        """
        async with busy_as_store_busy(self._db.what), self._db.transaction() as db:
            cursor = await db.execute(
                "DELETE FROM answers WHERE key IN (SELECT key FROM answer_pieces WHERE piece = ?)",
                (piece,),
            )
            await db.execute("DELETE FROM answer_pieces WHERE piece = ?", (piece,))
            removed = cursor.rowcount
        await self._db.checkpoint()
        return removed

    async def aclose(self) -> None:
        await self._db.aclose()
