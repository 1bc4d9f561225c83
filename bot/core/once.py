"""A value worked out once: on first use, by whichever thread asks first, the others waiting
(`Once`); or once per owner object, for a pure function of it (`once_per`).

Engines answer in worker threads, so what a piece computes lazily (its analysis, its indexes,
the words it writes) may be asked for by several threads at once. `functools.cached_property`
does not fit: in Python 3.11 it holds one lock per property for every instance (one piece's
seconds of work block every other piece's first use), and from 3.12 none (two threads may
both do the work).
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    """`get(make)` returns `make()`, called the first time only; concurrent first calls wait
    for that one, and a call that raises leaves the next one to try again.

    `make` is given to each call rather than kept: kept, a bound method of the owner would tie
    it into a reference cycle, which only the cyclic collector frees, and `core.collector`
    pauses and freezes that collector while pieces are prepared (an engine let go would stay).
    `make` must not ask this `Once` for its value (it would wait for itself).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done = False
        self._value: T | None = None

    @property
    def done(self) -> bool:
        """Whether the value has been worked out."""
        return self._done

    def get(self, make: Callable[[], T]) -> T:
        if not self._done:
            with self._lock:
                if not self._done:
                    self._value = make()
                    self._done = True
        return self._value  # type: ignore[return-value]  # set by `make`, which may give None


K = TypeVar("K")


def once_per(make: Callable[[K], T]) -> Callable[[K], T]:
    """`make(owner)`, worked out once per owner object (by identity, not equality: a piece's
    structure is asked for by its retriever, its grounder and its engine, each with the same
    article) and forgotten when the owner is (the owner must take weak references, as any
    object without `__slots__` does). Concurrent first calls may both work it out; `make`
    must be a pure function of its owner, and what it gives is shared: read-only."""
    values: dict[int, T] = {}

    def get(owner: K) -> T:
        key = id(owner)
        if key not in values:
            value = make(owner)
            if key not in values:
                weakref.finalize(owner, values.pop, key, None)
            values[key] = value
        return values[key]

    return functools.wraps(make)(get)
