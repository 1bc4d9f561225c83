"""What the library's caches share: values kept in least-recently-used order under a memory
budget (and what a cache shows of them), and one computation per key at a time (the parsed
pieces, `articles`; the engines, `engines`)."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Budgeted(Generic[T]):
    """Values by key, each with its estimated size, least recently used first. Keeping one
    pushes out the least recently used ones while the sizes exceed `budget_bytes`; the most
    recently kept always stays."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = budget_bytes
        self._kept: OrderedDict[str, tuple[T, int]] = OrderedDict()

    @property
    def held_bytes(self) -> int:
        return sum(size for _, size in self._kept.values())

    def __contains__(self, key: str) -> bool:
        return key in self._kept

    def held_keys(self) -> list[str]:
        """The keys held, least recently used first."""
        return list(self._kept)

    def peek(self, key: str) -> T | None:
        """The value for `key`, without counting it as a use."""
        kept = self._kept.get(key)
        return None if kept is None else kept[0]

    def use(self, key: str) -> T | None:
        """The value for `key`, now the most recently used; None if not held."""
        kept = self._kept.get(key)
        if kept is None:
            return None
        self._kept.move_to_end(key)
        return kept[0]

    def keep(self, key: str, value: T, size: int) -> list[tuple[str, T]]:
        """Hold `value` as the most recently used; return what was pushed out for it."""
        self._kept[key] = (value, size)
        self._kept.move_to_end(key)
        out: list[tuple[str, T]] = []
        while len(self._kept) > 1 and self.held_bytes > self.budget_bytes:
            old, (value_out, _) = self._kept.popitem(last=False)
            out.append((old, value_out))
        return out

    def pop(self, key: str) -> T | None:
        kept = self._kept.pop(key, None)
        return None if kept is None else kept[0]

    def clear(self) -> list[T]:
        """Let go of everything held; return it."""
        values = [value for value, _ in self._kept.values()]
        self._kept.clear()
        return values


class HeldUnderBudget(Generic[T]):
    """What a cache built on `Budgeted` shows of it: its budget, what it holds and in which
    order (for the library, its tests and benchmarks)."""

    _held: Budgeted[T]

    @property
    def budget_bytes(self) -> int:
        return self._held.budget_bytes

    @property
    def held_bytes(self) -> int:
        return self._held.held_bytes

    def __contains__(self, key: str) -> bool:
        return key in self._held

    def held_keys(self) -> list[str]:
        """The keys held, least recently used first."""
        return self._held.held_keys()


class OneAtATime(Generic[T]):
    """`run(key, make)`: concurrent runs of a key share one `make()`. A failed one fails them
    all and the next run tries again; a reader who gives up does not cancel it for the
    others. `forget(key)` while it runs: its readers still get the value, and `current`, asked
    from `make`, says the key was let go meanwhile (so the value is not to be kept)."""

    def __init__(self) -> None:
        self._running: dict[str, asyncio.Future[T]] = {}

    async def run(self, key: str, make: Callable[[], Awaitable[T]]) -> T:
        future = self._running.get(key)
        if future is None:
            future = asyncio.ensure_future(make())
            self._running[key] = future
            future.add_done_callback(lambda done: self._done(key, done))
        return await asyncio.shield(future)

    def current(self, key: str) -> bool:
        """From within `make`: whether this computation for `key` was not forgotten."""
        return self._running.get(key) is asyncio.current_task()

    def _done(self, key: str, future: asyncio.Future[T]) -> None:
        if self._running.get(key) is future:
            del self._running[key]

    def forget(self, key: str) -> None:
        self._running.pop(key, None)
