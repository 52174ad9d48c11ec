"""Building many objects at once without Python's cycle collector walking them again and again.

The collector runs a full pass each time the number of long-lived objects grows by a quarter, so reading
100,000 young people and their 270,000 open deadlines set off several full passes over everything built
so far: measured, they took half the time of the whole evaluation. The objects built in bulk here hold no
reference cycles (reference counting frees them as usual), so the collector is paused while they are
built and left to run once afterwards.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = 0  # how many bulk builds are under way: several coroutines may build at once


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; it resumes when the last such block ends, and only if
    it was running before the first one began."""
    global _paused
    if _paused == 0 and not gc.isenabled():
        yield  # someone else turned it off: leave it as they set it
        return
    _paused += 1
    gc.disable()
    try:
        yield
    finally:
        _paused -= 1
        if _paused == 0:
            gc.enable()
