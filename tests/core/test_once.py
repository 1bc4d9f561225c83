"""A value worked out once, whichever thread asks first."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.core.once import Once


def test_concurrent_first_calls_share_one_computation() -> None:
    calls = 0
    release = threading.Event()

    def make() -> list[int]:
        nonlocal calls
        calls += 1
        release.wait(5)
        return [1, 2]

    once = Once(make)
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(once.get) for _ in range(4)]
        release.set()
        values = [f.result(5) for f in futures]
    assert calls == 1 and once.done
    assert all(v is values[0] for v in values)


def test_a_failure_is_not_kept_and_the_next_call_tries_again() -> None:
    attempts = iter([ValueError("first"), None])

    def make() -> None:
        error = next(attempts)
        if error is not None:
            raise error

    once: Once[None] = Once(make)
    with pytest.raises(ValueError):
        once.get()
    assert not once.done
    assert once.get() is None and once.done

