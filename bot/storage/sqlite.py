"""SQLite for the stores: one opener (WAL, checked at open, damage moved aside) and transactions."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

MEMORY = ":memory:"
BUSY_TIMEOUT_S = 3.0
# A write still locked out after the busy timeout is tried this many times in all.
_BUSY_ATTEMPTS = 2
_BUSY_PAUSE_S = 0.05
_DAMAGE = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_BUSY = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


class StoreBusy(Exception):
    """Another connection kept the database locked past the busy timeout; try again later."""


class StoreUnavailable(Exception):
    """A database file that cannot be opened, where memory would not do (`durable`)."""


class _Damaged(sqlite3.DatabaseError):
    """`PRAGMA quick_check` found damage in a database file."""


def _primary_code(exc: sqlite3.Error) -> int:
    # Extended codes (SQLITE_CORRUPT_INDEX, SQLITE_BUSY_SNAPSHOT…) keep the primary one in
    # their low byte; errors raised by Python code rather than SQLite carry no code at all.
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def is_busy(exc: sqlite3.Error) -> bool:
    """True for "database is locked": another connection held the write lock too long."""
    return _primary_code(exc) in _BUSY


async def unless_busy(write: Callable[[], Awaitable[object]]) -> sqlite3.OperationalError | None:
    """Run `write`, again if the database stays locked; the lock error if it never got in.

    For writes whose loss is better than an error (the reader already has
    the answer); any other error is raised.
    """
    busy: sqlite3.OperationalError | None = None
    for _ in range(_BUSY_ATTEMPTS):
        if busy is not None:
            await asyncio.sleep(_BUSY_PAUSE_S)
        try:
            await write()
            return None
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            busy = exc
    return busy


@asynccontextmanager
async def busy_as_store_busy(what: str) -> AsyncIterator[None]:
    """Raise `StoreBusy` for a lock another connection kept past the busy timeout (so front ends
    say "try again", not "internal error"); any other error as it is."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if not is_busy(exc):
            raise
        raise StoreBusy(f"the {what} is busy ({exc})") from None


def _is_damage(exc: sqlite3.Error) -> bool:
    return isinstance(exc, _Damaged) or _primary_code(exc) in _DAMAGE


async def _connect(target: str, schema: str, busy_timeout_s: float) -> aiosqlite.Connection:
    # `timeout` is SQLite's busy timeout: how long a write waits for another writer's lock.
    db = await aiosqlite.connect(target, timeout=busy_timeout_s)
    try:
        verdict = [row[0] for row in await db.execute_fetchall("PRAGMA quick_check")]
        if verdict != ["ok"]:
            raise _Damaged("; ".join(map(str, verdict[:3])))
        await db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
        await db.execute("PRAGMA synchronous=NORMAL")  # safe in WAL mode, and much faster
        await db.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten, not unlinked
        await db.executescript(schema)
        await db.commit()
    except BaseException:
        await db.close()
        raise
    return db


def move_aside(path: Path) -> Path:
    """Rename `path` (and its -wal and -shm) to `<name>.damaged-<UTC time>`; return the new path.

    Only for a file no connection has open: SQLite finds a database's -wal by
    name, so renaming under an open connection would mix two databases' files.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.rename(target.with_name(target.name + suffix))
    return target


async def open_database(
    path: Path | None,
    schema: str,
    *,
    what: str,
    busy_timeout_s: float = BUSY_TIMEOUT_S,
    durable: bool = False,
) -> aiosqlite.Connection:
    """A connection to `path` (None: memory) in WAL mode, with `schema` created.

    A damaged file is moved aside, logged, and replaced by a fresh one (closing
    the failed connection may already have folded or removed its -wal; what is
    left moves with it). A path that cannot be opened at all falls back to
    memory, logged too. Either way the caller gets a working database. `what`
    names the store in the log. A database another process keeps locked past the busy
    timeout is not unusable, only busy: that error is raised (falling back to memory then
    would lose every write until a restart). With `durable`, a path that cannot be opened is
    `StoreUnavailable` instead: for a one-shot command, memory loses every write on exit.
    """
    if path is None:
        return await _connect(MEMORY, schema, busy_timeout_s)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return await _connect(str(path), schema, busy_timeout_s)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            moved = move_aside(path)
            log.error(
                "%s at %s is damaged (%s): moved it to %s, starting afresh", what, path, exc, moved
            )
        return await _connect(str(path), schema, busy_timeout_s)
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, sqlite3.OperationalError) and is_busy(exc):
            # Raised for the caller to report (a reply, one line in the terminal): not twice.
            log.info("%s at %s is busy (%s): it will be opened on next use", what, path, exc)
            raise
        if durable:
            raise StoreUnavailable(f"the {what} at {path} cannot be opened ({exc})") from None
        log.error(
            "%s at %s cannot be opened (%s): kept in memory, so it will not survive a restart",
            what,
            path,
            exc,
        )
        return await _connect(MEMORY, schema, busy_timeout_s)


class Database:
    """One store's connection, opened on first use, whose transactions run one at a time.

    aiosqlite runs every statement on one worker thread, but statements from
    different coroutines would interleave into one transaction; the lock keeps
    each transaction whole, so a rollback never undoes another caller's write.
    """

    def __init__(
        self,
        path: Path | None,
        schema: str,
        *,
        what: str,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
        durable: bool = False,
    ) -> None:
        self.what = what
        self._durable = durable
        self.location = MEMORY if path is None else str(path)  # MEMORY if the file was unusable
        self._path = path
        self._schema = schema
        self._busy_timeout_s = busy_timeout_s
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._closed = False

    async def _connection(self) -> aiosqlite.Connection:
        if self._closed:
            raise RuntimeError(f"the {self.what} is closed")
        if self._conn is None:
            conn = await open_database(
                self._path,
                self._schema,
                what=self.what,
                busy_timeout_s=self._busy_timeout_s,
                durable=self._durable,
            )
            rows = await conn.execute_fetchall(
                "SELECT file FROM pragma_database_list WHERE name = 'main'"
            )
            if not rows or not rows[0][0]:
                self.location = MEMORY
            self._conn = conn
        return self._conn

    async def open(self) -> None:
        """Open (and create, or replace if damaged) the database now rather than on first use;
        `StoreBusy` if another process keeps it locked (the next use tries again)."""
        async with busy_as_store_busy(self.what), self._lock:
            busy = await unless_busy(self._connection)
            if busy is not None:
                raise busy

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, for statements committed together or, on any error, not at all."""
        async with self._lock:
            conn = await self._connection()
            try:
                yield conn
                await conn.commit()
            except BaseException:
                await conn.rollback()
                raise

    async def checkpoint(self) -> None:
        """Copy the WAL into the main file and empty it, so deleted text does not linger there."""
        async with self._lock:
            conn = await self._connection()
            try:
                rows = await conn.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
                busy = True
            else:
                busy = bool(rows and rows[0][0])  # (busy, WAL frames, frames checkpointed)
        if busy:
            log.warning("%s: WAL busy, not emptied; the next checkpoint will", self.what)

    async def aclose(self) -> None:
        async with self._lock:
            self._closed = True
            if self._conn is not None:
                await self._conn.close()
                self._conn = None
