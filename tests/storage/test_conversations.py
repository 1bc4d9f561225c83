"""Conversation history: bounded per user, expiring, per piece, surviving a restart, forgettable."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.core.answer import Turn
from bot.storage.conversations import MAX_STORED_CHARS, ConversationStore
from bot.storage.sqlite import StoreBusy
from tests.storage.helpers import damage_pages, files_named_like, write_lock_held

DAY = 86400.0


class Clock:
    """A hand-moved clock: retention is tested without waiting."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


StoreFactory = Callable[..., ConversationStore]


@pytest.fixture
def clock() -> Clock:
    return Clock()


A, B = "piecea23", "pieceb23"  # library piece ids


@pytest.fixture
async def store_at(clock: Clock) -> AsyncIterator[StoreFactory]:
    """Build stores; all are closed at the end, even when a test fails (a store left open
    keeps its aiosqlite thread, and with it the test process, alive)."""
    built: list[ConversationStore] = []

    def make(path: Path | str, **kw: object) -> ConversationStore:
        options: dict = {"max_turns": 3, "retention_days": 2.0}
        options.update(kw)
        store = ConversationStore(path, clock=clock, **options)
        built.append(store)
        return store

    yield make
    for store in built:
        await store.aclose()


async def test_turns_come_back_oldest_first(
    tmp_path: Path, clock: Clock, store_at: StoreFactory
) -> None:
    store = store_at(tmp_path / "db.sqlite3")
    await store.add(1, A, Turn("q1", "a1", (1, 2)))
    clock.now += 1
    await store.add(1, A, Turn("q2", "a2", (3,)))
    assert await store.history(1, A) == [Turn("q1", "a1", (1, 2)), Turn("q2", "a2", (3,))]
    assert await store.history(2, A) == []


async def test_history_is_bounded_to_the_last_n_turns(
    tmp_path: Path, store_at: StoreFactory
) -> None:
    store = store_at(tmp_path / "db.sqlite3")
    for i in range(10):
        await store.add(1, A, Turn(f"q{i}", f"a{i}"))
    assert [t.question for t in await store.history(1, A)] == ["q7", "q8", "q9"]
    assert await store.count(1) == 3  # trimmed on disk too, not just on read


async def test_old_turns_expire(tmp_path: Path, clock: Clock, store_at: StoreFactory) -> None:
    store = store_at(tmp_path / "db.sqlite3")
    await store.add(1, A, Turn("old", "a"))
    clock.now += 1.5 * DAY
    await store.add(1, A, Turn("new", "a"))
    clock.now += 1.0 * DAY  # "old" is now 2.5 days old, "new" 1 day
    assert [t.question for t in await store.history(1, A)] == ["new"]
    assert await store.prune() == 1
    assert await store.count(1) == 1


async def test_history_survives_a_restart(tmp_path: Path, store_at: StoreFactory) -> None:
    path = tmp_path / "nested" / "db.sqlite3"  # the folder is created on first use
    first = store_at(path)
    await first.add(7, A, Turn("before restart", "answer", (4,)))
    await first.aclose()
    second = store_at(path)
    await second.open()
    assert await second.history(7, A) == [Turn("before restart", "answer", (4,))]


async def test_the_database_is_in_wal_mode(tmp_path: Path, store_at: StoreFactory) -> None:
    path = tmp_path / "db.sqlite3"
    store = store_at(path)
    await store.open()
    await store.aclose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_forget_deletes_only_that_user_and_says_what(
    tmp_path: Path, clock: Clock, store_at: StoreFactory
) -> None:
    store = store_at(tmp_path / "db.sqlite3")
    await store.add(1, A, Turn("q1", "a1"))
    clock.now += 60
    await store.add(1, A, Turn("q2", "a2"))
    await store.add(2, A, Turn("other user", "a"))
    gone = await store.forget(1)
    assert gone.turns == 2
    assert gone.oldest is not None and gone.newest is not None
    assert (gone.newest - gone.oldest).total_seconds() == pytest.approx(60)
    assert await store.history(1, A) == []
    assert len(await store.history(2, A)) == 1
    nothing = await store.forget(1)
    assert (nothing.turns, nothing.oldest, nothing.newest) == (0, None, None)


async def test_forgotten_text_is_gone_from_the_files(
    tmp_path: Path, store_at: StoreFactory
) -> None:
    path = tmp_path / "db.sqlite3"
    secret = "my-very-private-question-7731"
    first = store_at(path)
    await first.add(1, A, Turn(secret, "an answer"))
    await first.add(2, A, Turn("someone else's question", "another answer"))
    await first.aclose()  # the turn is now in the main file, not only in the WAL
    store = store_at(path)
    await store.add(3, A, Turn(f"{secret} (asked again, so it is in the WAL too)", "a"))
    await store.forget(1)
    await store.forget(3)

    def on_disk() -> bytes:
        wal = path.with_name(path.name + "-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

    assert secret.encode() not in on_disk()  # the store is still open: nothing waits for close
    assert b"someone else's question" in on_disk()
    assert [t.question for t in await store.history(2, A)] == ["someone else's question"]


async def test_history_is_per_piece_but_forget_covers_all(
    tmp_path: Path, store_at: StoreFactory
) -> None:
    path = tmp_path / "db.sqlite3"
    store = store_at(path)
    await store.add(1, A, Turn("about a", "x"))
    assert await store.history(1, B) == []  # a turn about another piece is no context for it
    await store.add(1, B, Turn("about b", "y"))
    assert [t.question for t in await store.history(1, A)] == ["about a"]
    assert (await store.forget(1)).turns == 2


async def test_forgetting_a_removed_piece_deletes_every_users_turns_about_it(
    tmp_path: Path, store_at: StoreFactory
) -> None:
    store = store_at(tmp_path / "db.sqlite3")
    for user in (1, 2):
        await store.add(user, A, Turn(f"about a from {user}", "x"))
    await store.add(1, B, Turn("about b", "y"))
    assert await store.forget_piece(A) == 2
    assert await store.history(1, A) == [] and await store.history(2, A) == []
    assert [t.question for t in await store.history(1, B)] == ["about b"]


async def test_zero_retention_keeps_nothing(tmp_path: Path, store_at: StoreFactory) -> None:
    store = store_at(tmp_path / "db.sqlite3", retention_days=0.0)
    await store.add(1, A, Turn("q", "a"))
    assert await store.history(1, A) == []
    assert await store.count(1) == 0


async def test_stored_text_is_bounded(tmp_path: Path, store_at: StoreFactory) -> None:
    store = store_at(tmp_path / "db.sqlite3")
    await store.add(1, A, Turn("q" * 10_000, "a" * 10_000))
    [turn] = await store.history(1, A)
    assert len(turn.question) == len(turn.answer) == MAX_STORED_CHARS


async def test_concurrent_writers_lose_nothing(tmp_path: Path, store_at: StoreFactory) -> None:
    store = store_at(tmp_path / "db.sqlite3", max_turns=100)
    await asyncio.gather(*(store.add(u % 5, A, Turn(f"q{u}", "a")) for u in range(50)))
    counts = [await store.count(u) for u in range(5)]
    assert counts == [10] * 5


async def test_a_closed_store_refuses_work(tmp_path: Path, store_at: StoreFactory) -> None:
    store = store_at(tmp_path / "db.sqlite3")
    await store.aclose()
    with pytest.raises(RuntimeError):
        await store.history(1, A)


async def test_an_unusable_path_falls_back_to_memory_and_says_so(
    tmp_path: Path, store_at: StoreFactory, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = store_at(blocker / "db.sqlite3")
    await store.open()
    assert store.path == ":memory:"
    assert any(r.levelno == logging.ERROR and "in memory" in r.getMessage() for r in caplog.records)
    await store.add(1, A, Turn("q", "a"))
    assert len(await store.history(1, A)) == 1


async def test_a_damaged_database_is_moved_aside_and_history_goes_on(
    tmp_path: Path, store_at: StoreFactory, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "db.sqlite3"
    filler = store_at(path, max_turns=1000)
    for i in range(400):
        await filler.add(i % 20, A, Turn(f"question {i}", "an answer of some length " * 20))
    await filler.aclose()
    damage_pages(path)

    store = store_at(path)
    users = range(30)
    await asyncio.gather(*(store.add(u, A, Turn(f"q{u}", f"a{u}")) for u in users))
    histories = await asyncio.gather(*(store.history(u, A) for u in users))
    assert histories == [[Turn(f"q{u}", f"a{u}")] for u in users]
    assert store.path == path  # a fresh file where the old one was, not memory
    [moved] = files_named_like(path, ".damaged-")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "damaged" in errors[0] and str(moved) in errors[0]


async def test_a_locked_database_loses_the_turn_not_the_answer(
    tmp_path: Path, store_at: StoreFactory, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "db.sqlite3"
    store = store_at(path, busy_timeout_s=0.1)
    await store.add(1, A, Turn("before", "a"))
    with write_lock_held(path):
        started = time.monotonic()
        await store.add(1, A, Turn("while locked", "a"))  # returns: the reader already has it
        assert time.monotonic() - started < 3.0
        assert [t.question for t in await store.history(1, A)] == ["before"]  # reads go on
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings and "not stored" in warnings[-1].getMessage()
    await store.add(1, A, Turn("after", "a"))
    assert [t.question for t in await store.history(1, A)] == ["before", "after"]


def test_the_store_does_not_import_discord() -> None:
    import bot.storage.conversations as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    assert "import discord" not in source


async def test_a_locked_database_neither_stops_the_start_nor_half_forgets(
    tmp_path: Path, store_at: StoreFactory, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "db.sqlite3"
    first = store_at(path)
    await first.add(1, A, Turn("kept", "a"))
    await first.aclose()
    store = store_at(path, busy_timeout_s=0.1)
    with write_lock_held(path):
        await store.open()  # pruning waits for another time; the bot starts
        with pytest.raises(StoreBusy):
            await store.forget(1)  # the reader is told; nothing was deleted
        with pytest.raises(StoreBusy):
            await store.forget_piece(A)  # so is whoever removes the piece (and it stays)
    assert any("pruning waits" in r.getMessage() for r in caplog.records)
    assert [t.question for t in await store.history(1, A)] == ["kept"]
    assert (await store.forget(1)).turns == 1
