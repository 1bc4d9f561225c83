"""The per-user sliding-window limit and the global answer gate, on a hand-moved clock."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from bot.discord import ratelimit
from bot.discord.ratelimit import AnswerGate, Overloaded, SlidingWindowLimiter, whole_seconds


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_count_then_says_how_long_to_wait() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(3, 30.0, clock=clock)
    for _ in range(3):
        assert limiter.hit("u") == 0.0
        clock.now += 1
    assert limiter.hit("u") == pytest.approx(27.0)  # the first request leaves the window at 1030
    clock.now += 26.5
    assert limiter.hit("u") == pytest.approx(0.5)
    clock.now += 0.5
    assert limiter.hit("u") == 0.0


def test_the_window_slides_rather_than_resetting() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(2, 10.0, clock=clock)
    limiter.hit("u")
    clock.now += 9
    limiter.hit("u")
    clock.now += 2  # a fixed 10 s bucket would have reset here; the window has one slot free
    assert limiter.hit("u") == 0.0
    assert limiter.hit("u") == pytest.approx(8.0)  # until the 1009 request leaves, at 1019


def test_refused_requests_do_not_extend_the_wait() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(1, 10.0, clock=clock)
    limiter.hit("u")
    for _ in range(20):
        clock.now += 0.1
        limiter.hit("u")
    clock.now = 1010.0
    assert limiter.hit("u") == 0.0


def test_users_are_limited_independently() -> None:
    limiter = SlidingWindowLimiter(1, 30.0, clock=Clock())
    assert limiter.hit(1) == 0.0
    assert limiter.hit(2) == 0.0
    assert limiter.hit(1) > 0
    assert limiter.retry_after(2) > 0
    assert limiter.retry_after(3) == 0.0


def test_quiet_users_are_forgotten() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(5, 10.0, clock=clock)
    for user in range(300):
        limiter.hit(user)
        limiter.notice_due(user)
    assert len(limiter) == 300
    clock.now += 11
    for _ in range(256):
        limiter.hit("active")
    assert len(limiter) < 10


@pytest.mark.parametrize(("count", "window"), [(0, 10.0), (1, 0.0)])
def test_bad_limits_are_refused(count: int, window: float) -> None:
    with pytest.raises(ValueError):
        SlidingWindowLimiter(count, window)


@pytest.mark.parametrize(("delay", "shown"), [(0.01, 1), (1.0, 1), (1.2, 2), (29.9, 30)])
def test_waits_are_shown_in_whole_seconds_never_zero(delay: float, shown: int) -> None:
    assert whole_seconds(delay) == shown


async def hold_slot(gate: AnswerGate, until: asyncio.Event) -> None:
    """Take one of the gate's slots and keep it until `until` is set."""
    async with gate.slot():
        await until.wait()


async def test_the_gate_caps_concurrent_answers_and_queues_the_rest() -> None:
    gate = AnswerGate(max_active=3, max_waiting=100)
    release = asyncio.Event()
    inside: list[int] = []
    order: list[int] = []

    async def work(n: int) -> None:
        async with gate.slot():
            inside.append(n)
            order.append(n)
            await release.wait()
            inside.remove(n)

    tasks = [asyncio.create_task(work(n)) for n in range(10)]
    for _ in range(5):
        await asyncio.sleep(0)
    assert len(inside) == 3
    assert gate.waiting == 7
    release.set()
    await asyncio.gather(*tasks)
    assert gate.peak_active == 3
    assert order == list(range(10))  # first come, first served
    assert (gate.active, gate.waiting) == (0, 0)


async def test_a_full_queue_refuses_fast() -> None:
    gate = AnswerGate(max_active=1, max_waiting=1)
    hold = asyncio.Event()
    first = asyncio.create_task(hold_slot(gate, hold))
    second = asyncio.create_task(hold_slot(gate, hold))
    for _ in range(3):
        await asyncio.sleep(0)
    with pytest.raises(Overloaded):
        async with gate.slot():
            pass
    hold.set()
    await asyncio.gather(first, second)
    async with gate.slot():  # and it recovers
        assert gate.active == 1


async def test_a_cancelled_waiter_leaves_the_queue() -> None:
    gate = AnswerGate(max_active=1, max_waiting=5)
    hold = asyncio.Event()
    first = asyncio.create_task(hold_slot(gate, hold))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(hold_slot(gate, hold))
    await asyncio.sleep(0)
    assert gate.waiting == 1
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert gate.waiting == 0
    hold.set()
    await first
    assert gate.active == 0


async def test_a_waiter_gives_up_after_max_wait_and_the_slot_still_works() -> None:
    # Regression: the queue wait was unbounded, so under a slow engine a deferred
    # interaction could outlive its 15-minute token and its answer could never be posted.
    gate = AnswerGate(max_active=1, max_waiting=5, max_wait_s=0.05)
    hold = asyncio.Event()
    first = asyncio.create_task(hold_slot(gate, hold))
    await asyncio.sleep(0)
    with pytest.raises(Overloaded):
        async with asyncio.timeout(5), gate.slot():  # bounded: a regression fails, not hangs
            pass
    assert (gate.active, gate.waiting) == (1, 0)
    hold.set()
    await first
    async with gate.slot():  # the slot was not leaked by the timed-out waiter
        assert gate.active == 1
    assert gate.active == 0


async def test_a_waiter_gives_up_at_the_time_it_is_given() -> None:
    gate = AnswerGate(max_active=1, max_waiting=5, max_wait_s=60)
    hold = asyncio.Event()
    first = asyncio.create_task(hold_slot(gate, hold))
    await asyncio.sleep(0)
    loop = asyncio.get_running_loop()
    until = loop.time() + 0.05
    with pytest.raises(Overloaded):
        async with asyncio.timeout(5), gate.slot(until=until):
            pass
    assert until <= loop.time() < until + 1  # at `until`, not after max_wait_s
    hold.set()
    await first


def test_one_notice_per_window_however_many_requests() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(5, 30, clock=clock)
    assert [limiter.notice_due(1) for _ in range(100)].count(True) == 1
    assert limiter.notice_due(2)  # per user
    clock.now += 29.9
    assert not limiter.notice_due(1)
    clock.now += 0.2
    assert limiter.notice_due(1) and not limiter.notice_due(1)


def test_the_limits_do_not_import_discord() -> None:
    source = Path(ratelimit.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+discord\b", source, re.MULTILINE)
