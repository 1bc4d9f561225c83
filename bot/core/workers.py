"""CPU-heavy work (parsing, indexing, answering from a piece) off the event loop, on a few
threads: one more than the machine has cores.

Python code in threads shares one interpreter lock, so more threads than cores add no speed
to such work; they only make the event loop wait longer for its turn. With asyncio's default
pool (cores + 4 threads) the bot's loop stalled for up to 122 ms while readers' answers on a
2 MiB piece were worked out; with this one, at most 45 ms (`benchmarks/SIZES.md`). Blocking
I/O (files, name look-ups) stays on asyncio's own pool, so a slow disk or DNS server never
holds up answers.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def worker_count() -> int:
    """Threads for CPU-heavy work: the cores this process may run on, plus one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(cores, 1) + 1


def _workers() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(worker_count(), thread_name_prefix="piece-bot-cpu")
        return _pool


async def off_loop(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """`fn(*args, **kwargs)` on a CPU worker thread, awaited (`asyncio.to_thread` for work
    that computes rather than waits)."""
    loop = asyncio.get_running_loop()
    call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
    return await loop.run_in_executor(_workers(), call)


async def finish_cancelled(task: asyncio.Task[Any]) -> None:
    """Wait for a task told to cancel to end. Its CancelledError ends here, unless the task
    waiting was itself cancelled while it waited: that one goes on up (one it had before, as
    clean-up after Ctrl-C has, does not stop the clean-up)."""
    current = asyncio.current_task()
    before = current.cancelling() if current is not None else 0
    try:
        await task
    except asyncio.CancelledError:
        if current is not None and current.cancelling() > before:
            raise
