"""Pausing Python's cyclic garbage collector while a large piece is analysed or indexed.

Analysing a piece of megabytes builds hundreds of thousands of lists and dicts, none of them
cyclic. Meanwhile every full collection scans them all, holding the interpreter lock for tens
of milliseconds each time, and the event loop (in another thread) waits that long. Reference
counting still frees everything; only the search for cycles waits until the work is done.

What is still alive then is mostly the analysis, kept for the life of the process: it is
frozen (`gc.freeze`) rather than scanned, since scanning it once more would be the longest
pause of all. The price: a cycle made meanwhile elsewhere is never collected either.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

_lock = threading.Lock()
_holders = 0  # threads inside `collector_paused` now
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the block (in any thread) until the last such block ends."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.freeze()
                gc.enable()
