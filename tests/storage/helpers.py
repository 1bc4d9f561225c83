"""Database files gone wrong on purpose: damaged pages, not a database, a write lock held."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def damage_pages(path: Path, *, count: int = 4) -> None:
    """Overwrite `count` pages in the middle of the file with garbage; the header stays valid."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    assert pages > 2 * count, "fill the database first: there must be pages to damage"
    garbage = random.Random(0)
    for page in range(pages // 2, pages // 2 + count):
        data[page * page_size : (page + 1) * page_size] = garbage.randbytes(page_size)
    path.write_bytes(bytes(data))


def write_not_a_database(path: Path) -> None:
    path.write_bytes(b"these are notes, not a database\n" * 256)


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another connection holds the write lock (`BEGIN EXCLUSIVE`) until the block ends."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def files_named_like(path: Path, marker: str) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.name + marker))
