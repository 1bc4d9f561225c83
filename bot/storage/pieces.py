"""The library's pieces in the bot's SQLite database: the one place their SQL lives."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.library.store import Owner, Piece, PieceStore, Scope
from bot.storage.sqlite import BUSY_TIMEOUT_S, Database, busy_as_store_busy

log = logging.getLogger(__name__)

# Texts sit in their own table so that listing pieces never reads them.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS pieces (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('bundled', 'server', 'personal')),
    owner INTEGER NOT NULL,
    title TEXT NOT NULL,
    format TEXT NOT NULL,
    origin TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL,
    added_by INTEGER,
    added_at REAL NOT NULL,
    seed TEXT
);
CREATE INDEX IF NOT EXISTS pieces_owner ON pieces (scope, owner, added_at);
CREATE INDEX IF NOT EXISTS pieces_sha256 ON pieces (sha256);
CREATE TABLE IF NOT EXISTS piece_texts (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS piece_sources (
    scope TEXT NOT NULL,
    owner INTEGER NOT NULL,
    source TEXT NOT NULL,
    piece TEXT NOT NULL,
    PRIMARY KEY (scope, owner, source)
);
CREATE INDEX IF NOT EXISTS piece_sources_piece ON piece_sources (piece);
CREATE TABLE IF NOT EXISTS current_pieces (
    context TEXT PRIMARY KEY,
    piece TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS current_pieces_piece ON current_pieces (piece);
CREATE TABLE IF NOT EXISTS piece_additions (
    user_id INTEGER NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS piece_additions_user ON piece_additions (user_id, at);
"""
_COLUMNS = (
    "id, scope, owner, title, format, origin, sha256, size, paragraphs, added_by, added_at, seed"
)
_ORDER = "CASE scope WHEN 'bundled' THEN 0 WHEN 'server' THEN 1 ELSE 2 END, added_at, id"
# The rate-limit log is kept this long (longer than any sensible window), then pruned.
_ADDITIONS_KEPT_S = 7 * 86400.0


def _row(piece: Piece) -> tuple[object, ...]:
    return (
        piece.id,
        piece.scope.value,
        piece.owner,
        piece.title,
        piece.format,
        piece.origin,
        piece.sha256,
        piece.size,
        piece.paragraphs,
        piece.added_by,
        piece.added_at,
        piece.seed,
    )


def _piece(row: Sequence[object]) -> Piece:
    pid, scope, owner, title, fmt, origin, sha, size, paragraphs, added_by, added_at, seed = row
    return Piece(
        id=str(pid),
        scope=Scope(scope),
        owner=int(owner),  # type: ignore[call-overload]
        title=str(title),
        format=str(fmt),
        origin=None if origin is None else str(origin),
        sha256=str(sha),
        size=int(size),  # type: ignore[call-overload]
        paragraphs=int(paragraphs),  # type: ignore[call-overload]
        added_by=None if added_by is None else int(added_by),  # type: ignore[call-overload]
        added_at=float(added_at),  # type: ignore[arg-type]
        seed=None if seed is None else str(seed),
    )


class SqlitePieceStore(PieceStore):
    """`PieceStore` on SQLite; `path=None` keeps everything in memory (tests). A file that
    cannot be opened is kept in memory too (logged), unless `durable` (see `open_database`).

    It shares the file of the conversation store (`Settings.db_path`) through its own
    connection: WAL lets the bot and a terminal command read and write it at once.
    """

    def __init__(
        self, path: Path | None, *, busy_timeout_s: float = BUSY_TIMEOUT_S, durable: bool = False
    ) -> None:
        self._db = Database(
            path, _SCHEMA, what="piece library", busy_timeout_s=busy_timeout_s, durable=durable
        )

    async def open(self) -> None:
        await self._db.open()

    async def aclose(self) -> None:
        await self._db.aclose()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A whole transaction; `StoreBusy` if another process kept the database locked, so
        front ends say "try again" rather than report an internal error."""
        async with busy_as_store_busy(self._db.what), self._db.transaction() as db:
            yield db

    async def add(self, piece: Piece, text: str, *, source: str = "") -> bool:
        async with self._transaction() as db:
            cursor = await db.execute(
                f"INSERT OR IGNORE INTO pieces ({_COLUMNS}) VALUES ({', '.join('?' * 12)})",
                _row(piece),
            )
            if cursor.rowcount == 0:
                return False
            await db.execute(
                "INSERT OR REPLACE INTO piece_texts (id, text) VALUES (?, ?)", (piece.id, text)
            )
            if source:
                await db.execute(
                    "INSERT OR REPLACE INTO piece_sources (scope, owner, source, piece)"
                    " VALUES (?, ?, ?, ?)",
                    (piece.scope.value, piece.owner, source, piece.id),
                )
        return True

    async def renew(self, piece: Piece, text: str, *, source: str) -> bool:
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE pieces SET sha256 = ?, size = ?, paragraphs = ? WHERE id = ?",
                (piece.sha256, piece.size, piece.paragraphs, piece.id),
            )
            if cursor.rowcount == 0:
                return False  # removed meanwhile: nothing to renew
            await db.execute("UPDATE piece_texts SET text = ? WHERE id = ?", (text, piece.id))
            await db.execute(
                "INSERT OR REPLACE INTO piece_sources (scope, owner, source, piece)"
                " VALUES (?, ?, ?, ?)",
                (piece.scope.value, piece.owner, source, piece.id),
            )
        return True

    async def has_source(self, piece_id: str) -> bool:
        async with self._transaction() as db:
            rows = await db.execute_fetchall(
                "SELECT 1 FROM piece_sources WHERE piece = ? LIMIT 1", (piece_id,)
            )
        return bool(rows)

    async def by_source(self, owner: Owner, source: str) -> str | None:
        async with self._transaction() as db:
            rows = await db.execute_fetchall(
                "SELECT piece FROM piece_sources WHERE scope = ? AND owner = ? AND source = ?",
                (owner[0].value, owner[1], source),
            )
        return next((str(r[0]) for r in rows), None)

    async def put(self, piece: Piece, text: str) -> None:
        async with self._transaction() as db:
            await db.execute(
                f"INSERT OR REPLACE INTO pieces ({_COLUMNS}) VALUES ({', '.join('?' * 12)})",
                _row(piece),
            )
            await db.execute(
                "INSERT OR REPLACE INTO piece_texts (id, text) VALUES (?, ?)", (piece.id, text)
            )

    async def get(self, piece_id: str) -> Piece | None:
        async with self._transaction() as db:
            rows = await db.execute_fetchall(
                f"SELECT {_COLUMNS} FROM pieces WHERE id = ?", (piece_id,)
            )
        return next((_piece(r) for r in rows), None)

    async def text(self, piece_id: str) -> str | None:
        async with self._transaction() as db:
            rows = await db.execute_fetchall(
                "SELECT text FROM piece_texts WHERE id = ?", (piece_id,)
            )
        return next((str(r[0]) for r in rows), None)

    async def list(self, owners: Sequence[Owner]) -> list[Piece]:
        if not owners:
            return []
        match = " OR ".join("(scope = ? AND owner = ?)" for _ in owners)
        params = [v for scope, owner in owners for v in (scope.value, owner)]
        async with self._transaction() as db:
            rows = await db.execute_fetchall(
                f"SELECT {_COLUMNS} FROM pieces WHERE {match} ORDER BY {_ORDER}", params
            )
        return [_piece(r) for r in rows]

    async def count(self, owner: Owner) -> int:
        async with self._transaction() as db:
            [(n,)] = await db.execute_fetchall(
                "SELECT COUNT(*) FROM pieces WHERE scope = ? AND owner = ?",
                (owner[0].value, owner[1]),
            )
        return int(n)

    async def seeded(self) -> list[Piece]:
        async with self._transaction() as db:
            rows = await db.execute_fetchall(
                f"SELECT {_COLUMNS} FROM pieces WHERE seed IS NOT NULL ORDER BY {_ORDER}"
            )
        return [_piece(r) for r in rows]

    async def delete(self, piece_id: str) -> bool:
        async with self._transaction() as db:
            cursor = await db.execute("DELETE FROM pieces WHERE id = ?", (piece_id,))
            await db.execute("DELETE FROM piece_texts WHERE id = ?", (piece_id,))
            await db.execute("DELETE FROM current_pieces WHERE piece = ?", (piece_id,))
            await db.execute("DELETE FROM piece_sources WHERE piece = ?", (piece_id,))
            deleted = cursor.rowcount > 0
        # Deleted text must not linger in the -wal file (secure_delete covers the main file).
        await self._db.checkpoint()
        return deleted

    async def sharing_text(self, sha256: str) -> int:
        async with self._transaction() as db:
            [(n,)] = await db.execute_fetchall(
                "SELECT COUNT(*) FROM pieces WHERE sha256 = ?", (sha256,)
            )
        return int(n)

    async def set_current(self, context: str, piece_id: str) -> None:
        async with self._transaction() as db:
            await db.execute(
                "INSERT OR REPLACE INTO current_pieces (context, piece) VALUES (?, ?)",
                (context, piece_id),
            )

    async def current(self, context: str) -> str | None:
        async with self._transaction() as db:
            rows = await db.execute_fetchall(
                "SELECT piece FROM current_pieces WHERE context = ?", (context,)
            )
        return next((str(r[0]) for r in rows), None)

    async def record_addition(self, user_id: int, at: float) -> None:
        async with self._transaction() as db:
            await db.execute(
                "INSERT INTO piece_additions (user_id, at) VALUES (?, ?)", (user_id, at)
            )
            await db.execute("DELETE FROM piece_additions WHERE at < ?", (at - _ADDITIONS_KEPT_S,))

    async def additions_since(self, user_id: int, since: float) -> int:
        async with self._transaction() as db:
            [(n,)] = await db.execute_fetchall(
                "SELECT COUNT(*) FROM piece_additions WHERE user_id = ? AND at >= ?",
                (user_id, since),
            )
        return int(n)
