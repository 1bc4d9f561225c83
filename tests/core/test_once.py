"""A value worked out once, whichever thread asks first."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.core.once import Once, once_per


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


class _Owner:
    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Owner) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)


def test_once_per_owner_by_identity_and_forgotten_with_it() -> None:
    made: list[int] = []

    @once_per
    def doubled(owner: _Owner) -> list[int]:
        made.append(owner.value)
        return [owner.value * 2]

    first, equal = _Owner(3), _Owner(3)
    assert doubled(first) is doubled(first) == [6]
    assert doubled(equal) == [6] and made == [3, 3]  # an equal owner is another owner
    # An owner let go is forgotten: a new one, often at the same address, is worked out anew.
    del first, equal
    for value in range(200):
        owner = _Owner(value)
        assert doubled(owner) == [value * 2]
        del owner
