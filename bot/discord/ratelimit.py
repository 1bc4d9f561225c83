"""Limits that protect the bot: a per-user sliding-window rate limit and a global answer gate."""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager

Clock = Callable[[], float]


class SlidingWindowLimiter:
    """At most `count` requests per `window_s` seconds per key (a user id).

    A sliding window (timestamps of the recent requests) rather than fixed
    buckets, so a burst straddling a bucket boundary cannot double the rate.
    """

    def __init__(self, count: int, window_s: float, *, clock: Clock = time.monotonic) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        if window_s <= 0:
            raise ValueError("window_s must be positive")
        self.count = count
        self.window_s = float(window_s)
        self._clock = clock
        self._hits: dict[Hashable, deque[float]] = {}
        self._noticed: dict[Hashable, float] = {}  # when each key was last told it is over
        self._calls = 0

    def _expire(self, hits: deque[float], now: float) -> None:
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()

    def retry_after(self, key: Hashable) -> float:
        """Seconds until `key` may make a request (0.0 if it may now), without recording one."""
        hits = self._hits.get(key)
        if not hits:
            return 0.0
        now = self._clock()
        self._expire(hits, now)
        if len(hits) < self.count:
            return 0.0
        return max(0.0, hits[0] + self.window_s - now)

    def hit(self, key: Hashable) -> float:
        """Record a request by `key` and return 0.0, or the seconds to wait (then not recorded)."""
        now = self._clock()
        hits = self._hits.setdefault(key, deque())
        self._expire(hits, now)
        self._calls += 1
        if self._calls % 256 == 0:
            self._sweep(now)
        if len(hits) >= self.count:
            return max(0.0, hits[0] + self.window_s - now)
        hits.append(now)
        return 0.0

    def notice_due(self, key: Hashable) -> bool:
        """Whether to tell `key` it is over the limit: once a window, however often it asks."""
        now = self._clock()
        last = self._noticed.get(key)
        if last is not None and now - last < self.window_s:
            return False
        self._noticed[key] = now
        return True

    def _sweep(self, now: float) -> None:
        # Forget users who have been quiet for a whole window, so memory stays bounded.
        for key in [k for k, h in self._hits.items() if not h or h[-1] <= now - self.window_s]:
            del self._hits[key]
        for key in [k for k, t in self._noticed.items() if t <= now - self.window_s]:
            del self._noticed[key]

    def __len__(self) -> int:
        """How many users the limiter remembers."""
        return len(self._hits.keys() | self._noticed.keys())


def whole_seconds(delay: float) -> int:
    """A wait to show a person: rounded up, never 0 (\"try again in 0 s\" reads as a bug)."""
    return max(1, math.ceil(delay))


class Overloaded(RuntimeError):
    """Too many answers are queued; the caller should ask the user to try again shortly."""


class AnswerGate:
    """A global cap on answers being worked on at once, with a bounded queue in front of it.

    Waiters are served first come, first served (asyncio.Semaphore is fair);
    when `max_waiting` are already queued, new requests fail fast with
    `Overloaded` instead of piling up behind a slow engine. A request that has
    waited `max_wait_s` without a slot, or until the time its caller gives (the
    reader's deadline), gives up with `Overloaded` too (an interaction's token dies
    after 15 minutes, however long the queue).
    """

    def __init__(
        self, max_active: int, max_waiting: int, *, max_wait_s: float | None = None
    ) -> None:
        if max_active < 1:
            raise ValueError("max_active must be at least 1")
        if max_waiting < 0:
            raise ValueError("max_waiting must not be negative")
        if max_wait_s is not None and max_wait_s <= 0:
            raise ValueError("max_wait_s must be positive")
        self.max_active = max_active
        self.max_waiting = max_waiting
        self.max_wait_s = max_wait_s
        self._semaphore = asyncio.Semaphore(max_active)
        self.active = 0
        self.waiting = 0
        self.peak_active = 0

    @asynccontextmanager
    async def slot(self, *, until: float | None = None) -> AsyncIterator[None]:
        """Hold one of the answer slots for the duration of the `async with` block; wait for
        one until event-loop time `until` at the latest (and `max_wait_s` at most)."""
        if self._semaphore.locked() and self.waiting >= self.max_waiting:
            raise Overloaded(f"{self.waiting} answers are already waiting")
        loop = asyncio.get_running_loop()
        if self.max_wait_s is not None:
            latest = loop.time() + self.max_wait_s
            until = latest if until is None else min(until, latest)
        self.waiting += 1
        try:
            # Semaphore.acquire gives the slot back if cancelled after being woken.
            async with asyncio.timeout_at(until):
                await self._semaphore.acquire()
        except TimeoutError:
            raise Overloaded("no answer slot came free in time") from None
        finally:
            self.waiting -= 1
        self.active += 1
        self.peak_active = max(self.peak_active, self.active)
        try:
            yield
        finally:
            self.active -= 1
            self._semaphore.release()
