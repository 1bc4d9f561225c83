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

    once: Once[list[int]] = Once()
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(once.get, make) for _ in range(4)]
        release.set()
        values = [f.result(5) for f in futures]
    assert calls == 1 and once.done
    assert all(v is values[0] for v in values)
    assert once.get(lambda: [3]) is values[0]  # worked out already: `make` is not called


def test_a_failure_is_not_kept_and_the_next_call_tries_again() -> None:
    def broken() -> None:
        raise ValueError("first")

    once: Once[None] = Once()
    with pytest.raises(ValueError):
        once.get(broken)
    assert not once.done
    assert once.get(lambda: None) is None and once.done
