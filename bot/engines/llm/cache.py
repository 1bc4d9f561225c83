"""SQLite answer cache keyed by (piece sha256, model, prompt version, command, normalised args)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sqlite3
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

from bot.core.answer import Answer, AnswerItem, Citation

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    command TEXT NOT NULL,
    created REAL NOT NULL,
    answer TEXT NOT NULL
)
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
    """Verified answers on disk; `path=None` keeps them in memory (tests, a read-only disk)."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.Lock()
        self._db = self._open(path)

    @staticmethod
    def _open(path: Path | None) -> sqlite3.Connection:
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(_SCHEMA)
                db.commit()
                return db
            except (OSError, sqlite3.Error) as exc:
                # A cache that cannot be written costs tokens, not answers: keep going in memory.
                log.warning("answer cache at %s unusable (%s); using memory", path, exc)
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.execute(_SCHEMA)
        return db

    def _get(self, key: str) -> Answer | None:
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT answer FROM answers WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error as exc:
            # Locked, corrupt or laid out by another version: a miss costs tokens, not answers.
            log.warning("could not read the answer cache: %s", exc)
            return None
        if row is None:
            return None
        try:
            return answer_from_dict(json.loads(row[0]))
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring unreadable cache entry %s…: %s", key[:12], exc)
            return None

    def _put(self, key: str, command: str, answer: Answer) -> None:
        data = json.dumps(answer.to_dict(), ensure_ascii=False)
        with self._lock:
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers (key, command, created, answer)"
                    " VALUES (?, ?, ?, ?)",
                    (key, command, time.time(), data),
                )
                self._db.commit()
            except sqlite3.Error as exc:
                log.warning("could not store a cached answer: %s", exc)

    async def get(self, key: str) -> Answer | None:
        return await asyncio.to_thread(self._get, key)

    async def put(self, key: str, command: str, answer: Answer) -> None:
        await asyncio.to_thread(self._put, key, command, answer)

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
