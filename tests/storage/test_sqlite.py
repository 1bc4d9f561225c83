"""The stores' SQLite opener: settings applied, damage moved aside, unusable paths in memory."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiosqlite
import pytest

from bot.storage.sqlite import (
    Database,
    StoreBusy,
    busy_as_store_busy,
    move_aside,
    open_database,
    unless_busy,
)
from tests.storage.helpers import (
    damage_pages,
    files_named_like,
    write_lock_held,
    write_not_a_database,
)

SCHEMA = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
Opener = Callable[..., Awaitable[aiosqlite.Connection]]


@pytest.fixture
async def opened() -> AsyncIterator[Opener]:
    """`open_database`, with every connection closed at the end (even when a test fails)."""
    conns: list[aiosqlite.Connection] = []

    async def open_(path: Path | None, **kw: object) -> aiosqlite.Connection:
        conn = await open_database(path, SCHEMA, what="test store", **kw)  # type: ignore[arg-type]
        conns.append(conn)
        return conn

    yield open_
    for conn in conns:
        await conn.close()


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Callable[..., Database]]:
    """`Database`s at tmp_path/db.sqlite3, all closed at the end (even when a test fails)."""
    built: list[Database] = []

    def make(**kw: float) -> Database:
        built.append(Database(tmp_path / "db.sqlite3", SCHEMA, what="test store", **kw))
        return built[-1]

    yield make
    for db in built:
        await db.aclose()


async def pragma(conn: aiosqlite.Connection, name: str) -> object:
    [(value,)] = await conn.execute_fetchall(f"PRAGMA {name}")
    return value


async def main_file(conn: aiosqlite.Connection) -> str:
    [(file,)] = await conn.execute_fetchall("SELECT file FROM pragma_database_list WHERE seq = 0")
    return file


def fill(path: Path, rows: int = 400) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO notes (text) VALUES (?)", [("x" * 300,)] * rows)
    conn.close()


async def test_settings_of_a_file_database(tmp_path: Path, opened: Opener) -> None:
    conn = await opened(tmp_path / "sub" / "db.sqlite3", busy_timeout_s=0.25)
    assert await pragma(conn, "journal_mode") == "wal"
    assert await pragma(conn, "synchronous") == 1  # NORMAL
    assert await pragma(conn, "secure_delete") == 1
    assert await pragma(conn, "busy_timeout") == 250
    assert await conn.execute_fetchall("SELECT * FROM notes") == []


async def test_none_means_memory_without_a_word(
    opened: Opener, caplog: pytest.LogCaptureFixture
) -> None:
    conn = await opened(None)
    assert await main_file(conn) == ""
    assert caplog.records == []


@pytest.mark.parametrize(
    "spoil",
    [damage_pages, write_not_a_database],
    ids=["damaged-pages", "not-a-database"],
)
async def test_a_damaged_file_is_moved_aside_with_its_wal_and_shm(
    tmp_path: Path,
    opened: Opener,
    caplog: pytest.LogCaptureFixture,
    spoil: Callable[[Path], None],
) -> None:
    path = tmp_path / "db.sqlite3"
    fill(path)
    spoil(path)
    spoiled = path.read_bytes()
    for suffix in ("-wal", "-shm"):  # leftovers that must not be applied to the new database
        path.with_name(path.name + suffix).write_bytes(b"left over " + suffix.encode())

    conn = await opened(path)
    assert await main_file(conn) == str(path)
    assert await pragma(conn, "quick_check") == "ok"
    assert await conn.execute_fetchall("SELECT * FROM notes") == []  # a fresh database
    moved = files_named_like(path, ".damaged-")[0]
    assert moved.read_bytes() == spoiled
    [record] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert record.levelno == logging.ERROR and str(moved) in record.getMessage()


def test_moving_aside_takes_the_wal_and_shm_along(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).write_text(suffix or "main")
    moved = move_aside(path)
    assert moved.name.startswith("db.sqlite3.damaged-") and moved.name.endswith("Z")
    assert [p.name for p in files_named_like(path, ".damaged-")] == [
        moved.name,
        moved.name + "-shm",
        moved.name + "-wal",
    ]
    assert (moved.read_text(), Path(f"{moved}-wal").read_text()) == ("main", "-wal")
    assert not any(path.with_name(path.name + s).exists() for s in ("", "-wal", "-shm"))


async def test_a_busy_database_is_not_mistaken_for_a_damaged_one(
    tmp_path: Path, opened: Opener
) -> None:
    path = tmp_path / "db.sqlite3"
    await (await opened(path)).close()  # a healthy database, in WAL mode
    with write_lock_held(path):
        await opened(path, busy_timeout_s=0.1)
    assert files_named_like(path, ".damaged-") == []


@pytest.mark.parametrize("where", ["under-a-file", "read-only-folder"])
async def test_a_path_that_cannot_be_opened_falls_back_to_memory(
    tmp_path: Path, opened: Opener, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    if where == "under-a-file":
        (tmp_path / "file").write_text("not a folder")
        path = tmp_path / "file" / "db.sqlite3"
    else:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o500)
        path = folder / "db.sqlite3"
        try:
            (folder / "probe").touch()
        except PermissionError:
            pass
        else:
            pytest.skip("this user (root) can write to a read-only folder")
    conn = await opened(path)
    assert await main_file(conn) == ""
    await conn.execute("INSERT INTO notes (text) VALUES ('still works')")
    [record] = caplog.records
    assert record.levelno == logging.ERROR and "in memory" in record.getMessage()


async def test_transactions_are_whole_and_a_closed_database_says_so(
    database: Callable[..., Database],
) -> None:
    db = database()
    with pytest.raises(ZeroDivisionError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO notes (text) VALUES ('half done')")
            1 / 0  # noqa: B018 - an error in the middle of a transaction
    async with db.transaction() as conn:
        assert await conn.execute_fetchall("SELECT * FROM notes") == []
    await db.aclose()
    with pytest.raises(RuntimeError, match="test store is closed"):
        async with db.transaction():
            pass


async def test_unless_busy_gives_up_on_a_lock_and_raises_anything_else(
    tmp_path: Path, database: Callable[..., Database]
) -> None:
    db = database(busy_timeout_s=0.05)

    async def insert() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO notes (text) VALUES ('x')")

    async def misspelt() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO nowhere VALUES (1)")

    assert await unless_busy(insert) is None
    with write_lock_held(tmp_path / "db.sqlite3"):
        busy = await unless_busy(insert)
    assert busy is not None and "locked" in str(busy)
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        await unless_busy(misspelt)
    async with db.transaction() as conn:
        assert len(list(await conn.execute_fetchall("SELECT * FROM notes"))) == 1


async def test_busy_as_store_busy_says_try_again_for_a_lock_only(
    tmp_path: Path, database: Callable[..., Database]
) -> None:
    db = database(busy_timeout_s=0.05)
    await db.open()

    async def write(sql: str) -> None:
        async with busy_as_store_busy("test store"), db.transaction() as conn:
            await conn.execute(sql)

    with write_lock_held(tmp_path / "db.sqlite3"), pytest.raises(StoreBusy, match="test store"):
        await write("INSERT INTO notes (text) VALUES ('x')")
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        await write("INSERT INTO nowhere VALUES (1)")
    await write("INSERT INTO notes (text) VALUES ('x')")


async def test_a_database_locked_at_open_is_busy_not_memory(
    database: Callable[..., Database], tmp_path: Path
) -> None:
    # A new database file another process holds locked: not unusable, only busy. Falling back
    # to memory would lose every write until a restart.
    path = tmp_path / "db.sqlite3"
    sqlite3.connect(path).close()
    db = database(busy_timeout_s=0.1)
    with write_lock_held(path):
        with pytest.raises(StoreBusy):
            await db.open()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            async with db.transaction():
                pass
    async with db.transaction() as conn:  # the lock is gone: the next use opens the file
        await conn.execute("INSERT INTO notes (text) VALUES ('kept')")
    assert db.location == str(path)
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT text FROM notes").fetchall() == [("kept",)]
    check.close()
