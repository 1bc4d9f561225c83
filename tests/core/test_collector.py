"""The collector pause: off while any thread analyses, back on (and what was built frozen) after."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections.abc import Iterator

import pytest

from bot.core.collector import FREEZE_AFTER, collector_paused


@pytest.fixture(autouse=True)
def restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_paused_in_the_block_frozen_after_a_long_pause_and_back_on() -> None:
    gc.enable()
    gc.unfreeze()
    with collector_paused():
        assert not gc.isenabled()
        built = [[i] for i in range(1000)]  # what an analysis keeps
        time.sleep(FREEZE_AFTER)  # a large piece's analysis
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(built)  # never scanned again


def test_after_a_short_pause_cycles_made_meanwhile_are_still_collected() -> None:
    """Freezing after every small piece's parse kept the garbage cycles of the moment (the
    bot's, in other threads) for good."""
    gc.enable()
    gc.unfreeze()

    class Node:
        other: object = None

    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    del a, b
    with collector_paused():
        pass
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None


def test_two_threads_keep_it_paused_until_the_last_one_ends() -> None:
    gc.enable()
    first_in, second_out = threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_out.wait(5)
            seen.append(gc.isenabled())

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with collector_paused():
        assert not gc.isenabled()
    second_out.set()
    worker.join(5)
    assert seen == [False]  # the second thread's exit did not turn it back on …
    assert gc.isenabled()  # … the first one's did


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
