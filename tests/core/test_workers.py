"""CPU-heavy work runs off the event loop, on no more threads than the machine has cores + 1."""

from __future__ import annotations

import asyncio
import os
import threading
import time

import pytest

from bot.core.workers import finish_cancelled, off_loop, worker_count


def test_one_more_worker_than_the_cores_this_process_may_use() -> None:
    assert worker_count() == len(os.sched_getaffinity(0)) + 1


async def test_work_runs_off_the_loop_with_its_arguments_and_errors() -> None:
    def where(a: int, *, b: int) -> tuple[int, int]:
        return threading.get_ident(), a + b

    thread, total = await off_loop(where, 2, b=3)
    assert total == 5 and thread != threading.get_ident()

    def fails() -> None:
        raise ValueError("bad piece")

    with pytest.raises(ValueError, match="bad piece"):
        await off_loop(fails)


async def test_no_more_than_worker_count_run_at_once() -> None:
    lock = threading.Lock()
    running = peak = 0

    def work() -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1

    await asyncio.gather(*(off_loop(work) for _ in range(3 * worker_count())))
    assert peak == worker_count()


async def test_finishing_a_cancelled_task_ends_its_cancellation_only() -> None:
    started = asyncio.Event()

    async def work() -> None:
        started.set()
        await asyncio.sleep(60)

    task = asyncio.create_task(work())
    await started.wait()
    task.cancel()
    await finish_cancelled(task)  # its CancelledError ends here
    assert task.cancelled()

    # The waiter cancelled while it waits: that cancellation goes on up.
    other = asyncio.create_task(work())
    await asyncio.sleep(0)

    async def waiter() -> None:
        other.cancel()
        await finish_cancelled(other)

    outer = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    outer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await outer

    # A cancellation the waiter had before (clean-up after Ctrl-C) does not stop its clean-up.
    done: list[str] = []

    async def cleaning_up() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            third = asyncio.create_task(work())
            await asyncio.sleep(0)
            third.cancel()
            await finish_cancelled(third)
            done.append("the rest of the clean-up")

    cleaner = asyncio.create_task(cleaning_up())
    await asyncio.sleep(0)
    cleaner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cleaner
    assert done == ["the rest of the clean-up"]
