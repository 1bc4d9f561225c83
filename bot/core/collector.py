"""Pausing Python's cyclic garbage collector while a large piece is analysed or indexed.

Analysing a piece of megabytes builds hundreds of thousands of lists and dicts, none of them
cyclic. Meanwhile every full collection scans them all, holding the interpreter lock for tens
of milliseconds each time, and the event loop (in another thread) waits that long. Reference
counting still frees everything; only the search for cycles waits until the work is done.

What is still alive after a long pause is mostly the analysis, kept for the life of the
process: it is frozen (`gc.freeze`) rather than scanned, since scanning it once more would be
the longest pause of all. The price: a cycle made meanwhile elsewhere is never collected
either. So only a pause of FREEZE_AFTER seconds or more freezes (a large piece, loaded once);
after a short one (a small piece, parsed at each load) the collector simply resumes.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

FREEZE_AFTER = 0.25  # seconds of pause after which what is alive is frozen, not scanned

_lock = threading.Lock()
_holders = 0  # threads inside `collector_paused` now
_was_enabled = False
_since = 0.0  # when the pause began


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the block (in any thread) until the last such block ends."""
    global _holders, _was_enabled, _since
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            _since = time.perf_counter()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                if time.perf_counter() - _since >= FREEZE_AFTER:
                    gc.freeze()
                gc.enable()
