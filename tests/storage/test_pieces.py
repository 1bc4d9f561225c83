"""The SQLite piece store: what goes in comes out, deletion takes everything with it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.library.store import BUNDLED_OWNER, Piece, Scope
from bot.storage.pieces import SqlitePieceStore
from bot.storage.sqlite import StoreBusy
from tests.storage.helpers import write_lock_held

BASE = Piece(
    id="aaaaaaaa",
    scope=Scope.SERVER,
    owner=100,
    title="タイトル",
    format="text",
    origin="a.txt",
    sha256="0" * 64,
    size=12,
    paragraphs=1,
    added_by=1,
    added_at=10.0,
)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqlitePieceStore]:
    s = SqlitePieceStore(tmp_path / "piece-bot.sqlite3")
    await s.open()
    yield s
    await s.aclose()


async def test_pieces_round_trip_and_list_by_owner_in_scope_order(store: SqlitePieceStore) -> None:
    personal = replace(BASE, id="bbbbbbbb", scope=Scope.PERSONAL, owner=1, added_at=1.0)
    bundled = replace(BASE, id="cccccccc", scope=Scope.BUNDLED, owner=0, added_at=20.0, seed="/s")
    for piece in (BASE, personal, bundled):
        assert await store.add(piece, f"text of {piece.id}")
    assert not await store.add(replace(BASE, title="again"), "other")  # the id is taken
    assert await store.get(BASE.id) == BASE
    assert await store.text(BASE.id) == "text of aaaaaaaa"
    owners = [BUNDLED_OWNER, (Scope.SERVER, 100), (Scope.PERSONAL, 1)]
    assert [p.id for p in await store.list(owners)] == ["cccccccc", "aaaaaaaa", "bbbbbbbb"]
    assert [p.id for p in await store.list([(Scope.SERVER, 999)])] == []
    assert await store.count((Scope.SERVER, 100)) == 1
    assert [p.id for p in await store.seeded()] == ["cccccccc"]
    assert await store.sharing_text("0" * 64) == 3


async def test_put_replaces_and_delete_takes_text_and_pointers(store: SqlitePieceStore) -> None:
    await store.add(BASE, "old")
    await store.put(replace(BASE, sha256="1" * 64), "new")
    assert await store.text(BASE.id) == "new"
    await store.set_current("channel:5", BASE.id)
    assert await store.current("channel:5") == BASE.id
    assert await store.delete(BASE.id)
    assert not await store.delete(BASE.id)
    assert (await store.get(BASE.id), await store.text(BASE.id)) == (None, None)
    assert await store.current("channel:5") is None


async def test_additions_are_counted_in_a_window(store: SqlitePieceStore) -> None:
    for at in (100.0, 200.0, 300.0):
        await store.record_addition(7, at)
    assert await store.additions_since(7, 150.0) == 2
    assert await store.additions_since(8, 0.0) == 0


async def test_a_locked_database_is_busy_not_an_internal_error(tmp_path: Path) -> None:
    # Another process (a terminal's `pieces add`) holds the write lock: front ends say "try
    # again" for StoreBusy, where a raw sqlite3 error would be an internal error.
    path = tmp_path / "piece-bot.sqlite3"
    store = SqlitePieceStore(path, busy_timeout_s=0.1)
    await store.open()
    try:
        with write_lock_held(path), pytest.raises(StoreBusy):
            await store.add(BASE, "本文。")
        assert await store.add(BASE, "本文。")  # the lock gone, the same write goes through
    finally:
        await store.aclose()
