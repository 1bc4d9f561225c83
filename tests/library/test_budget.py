"""What the library's caches share: a memory budget in least-recently-used order, one
computation per key at a time."""

from __future__ import annotations

import asyncio

import pytest

from bot.library.budget import Budgeted, OneAtATime


def test_keeping_pushes_out_the_least_recently_used_over_the_budget() -> None:
    kept: Budgeted[str] = Budgeted(budget_bytes=20)
    assert kept.keep("a", "A", 10) == [] and kept.keep("b", "B", 10) == []
    assert kept.use("a") == "A"  # now "b" is the oldest
    assert kept.peek("b") == "B"  # a peek is not a use
    assert kept.keep("c", "C", 10) == [("b", "B")]
    assert kept.held_keys() == ["a", "c"] and kept.held_bytes == 20
    assert kept.keep("d", "D", 50) == [("a", "A"), ("c", "C")]  # the newest always stays
    assert kept.held_keys() == ["d"] and "d" in kept and "a" not in kept
    assert kept.use("a") is None and kept.pop("a") is None
    assert kept.pop("d") == "D" and kept.held_bytes == 0
    kept.keep("e", "E", 1)
    assert kept.clear() == ["E"] and kept.held_keys() == []


async def test_concurrent_runs_share_one_computation_and_a_failure_is_not_kept() -> None:
    flights: OneAtATime[int] = OneAtATime()
    calls: list[str] = []

    async def make() -> int:
        calls.append("made")
        await asyncio.sleep(0.01)
        return len(calls)

    assert await asyncio.gather(*(flights.run("k", make) for _ in range(4))) == [1] * 4
    assert calls == ["made"]

    async def fail() -> int:
        raise ValueError("bad piece")

    with pytest.raises(ValueError):
        await flights.run("k", fail)
    assert await flights.run("k", make) == 2  # tried again


async def test_a_reader_who_gives_up_does_not_cancel_it_for_the_others() -> None:
    flights: OneAtATime[str] = OneAtATime()
    go = asyncio.Event()

    async def make() -> str:
        await go.wait()
        return "done"

    impatient = asyncio.create_task(flights.run("k", make))
    patient = asyncio.create_task(flights.run("k", make))
    await asyncio.sleep(0)
    impatient.cancel()
    go.set()
    assert await patient == "done"


async def test_current_says_whether_the_key_was_forgotten_meanwhile() -> None:
    flights: OneAtATime[bool] = OneAtATime()
    go = asyncio.Event()

    async def make() -> bool:
        await go.wait()
        return flights.current("k")

    kept = asyncio.create_task(flights.run("k", make))
    await asyncio.sleep(0)
    go.set()
    assert await kept is True
    go.clear()
    forgotten = asyncio.create_task(flights.run("k", make))
    await asyncio.sleep(0)
    flights.forget("k")
    again = asyncio.create_task(flights.run("k", make))  # a new run after the forget
    await asyncio.sleep(0)
    go.set()
    assert await forgotten is False and await again is True
