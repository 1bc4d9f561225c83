"""Conversation history: bounded per user, expiring, per piece, surviving a restart, forgettable."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.core.answer import Turn
from bot.discord.conversations import MAX_STORED_CHARS, ConversationStore

DAY = 86400.0


class Clock:
    """A hand-moved clock: retention is tested without waiting."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def store_at(path: Path, clock: Clock, **kw: object) -> ConversationStore:
    options: dict = {"piece": "piece-a", "max_turns": 3, "retention_days": 2.0, "clock": clock}
    options.update(kw)
    return ConversationStore(path, **options)


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def test_turns_come_back_oldest_first(tmp_path: Path, clock: Clock) -> None:
    store = store_at(tmp_path / "db.sqlite3", clock)
    await store.add(1, Turn("q1", "a1", (1, 2)))
    clock.now += 1
    await store.add(1, Turn("q2", "a2", (3,)))
    assert await store.history(1) == [Turn("q1", "a1", (1, 2)), Turn("q2", "a2", (3,))]
    assert await store.history(2) == []
    store.close()


async def test_history_is_bounded_to_the_last_n_turns(tmp_path: Path, clock: Clock) -> None:
    store = store_at(tmp_path / "db.sqlite3", clock)
    for i in range(10):
        await store.add(1, Turn(f"q{i}", f"a{i}"))
    assert [t.question for t in await store.history(1)] == ["q7", "q8", "q9"]
    assert await store.count(1) == 3  # trimmed on disk too, not just on read
    store.close()


async def test_old_turns_expire(tmp_path: Path, clock: Clock) -> None:
    store = store_at(tmp_path / "db.sqlite3", clock)
    await store.add(1, Turn("old", "a"))
    clock.now += 1.5 * DAY
    await store.add(1, Turn("new", "a"))
    clock.now += 1.0 * DAY  # "old" is now 2.5 days old, "new" 1 day
    assert [t.question for t in await store.history(1)] == ["new"]
    assert await store.prune() == 1
    assert await store.count(1) == 1
    store.close()


async def test_history_survives_a_restart(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "nested" / "db.sqlite3"  # the folder is created on first use
    first = store_at(path, clock)
    await first.add(7, Turn("before restart", "answer", (4,)))
    first.close()
    second = store_at(path, clock)
    await second.open()
    assert await second.history(7) == [Turn("before restart", "answer", (4,))]
    second.close()


async def test_the_database_is_in_wal_mode(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "db.sqlite3"
    store = store_at(path, clock)
    await store.open()
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_forget_deletes_only_that_user_and_says_what(tmp_path: Path, clock: Clock) -> None:
    store = store_at(tmp_path / "db.sqlite3", clock)
    await store.add(1, Turn("q1", "a1"))
    clock.now += 60
    await store.add(1, Turn("q2", "a2"))
    await store.add(2, Turn("other user", "a"))
    gone = await store.forget(1)
    assert gone.turns == 2
    assert gone.oldest is not None and gone.newest is not None
    assert (gone.newest - gone.oldest).total_seconds() == pytest.approx(60)
    assert await store.history(1) == []
    assert len(await store.history(2)) == 1
    nothing = await store.forget(1)
    assert (nothing.turns, nothing.oldest, nothing.newest) == (0, None, None)
    store.close()


async def test_history_is_per_piece_but_forget_covers_all(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "db.sqlite3"
    a = store_at(path, clock, piece="piece-a")
    b = store_at(path, clock, piece="piece-b")
    await a.add(1, Turn("about a", "x"))
    assert await b.history(1) == []  # a turn about another piece is no context for this one
    await b.add(1, Turn("about b", "y"))
    assert (await b.forget(1)).turns == 2
    a.close()
    b.close()


async def test_zero_retention_keeps_nothing(tmp_path: Path, clock: Clock) -> None:
    store = store_at(tmp_path / "db.sqlite3", clock, retention_days=0.0)
    await store.add(1, Turn("q", "a"))
    assert await store.history(1) == []
    assert await store.count(1) == 0
    store.close()


async def test_stored_text_is_bounded(tmp_path: Path, clock: Clock) -> None:
    store = store_at(tmp_path / "db.sqlite3", clock)
    await store.add(1, Turn("q" * 10_000, "a" * 10_000))
    [turn] = await store.history(1)
    assert len(turn.question) == len(turn.answer) == MAX_STORED_CHARS
    store.close()


async def test_concurrent_writers_lose_nothing(tmp_path: Path, clock: Clock) -> None:
    store = store_at(tmp_path / "db.sqlite3", clock, max_turns=100)
    await asyncio.gather(*(store.add(u % 5, Turn(f"q{u}", "a")) for u in range(50)))
    counts = [await store.count(u) for u in range(5)]
    assert counts == [10] * 5
    store.close()


async def test_a_closed_store_refuses_work(tmp_path: Path, clock: Clock) -> None:
    store = store_at(tmp_path / "db.sqlite3", clock)
    store.close()
    with pytest.raises(RuntimeError):
        await store.history(1)


async def test_an_unusable_path_fails_on_open(tmp_path: Path, clock: Clock) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = store_at(blocker / "db.sqlite3", clock)
    with pytest.raises(OSError):
        await store.open()


def test_the_store_does_not_import_discord() -> None:
    import bot.discord.conversations as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    assert "import discord" not in source
