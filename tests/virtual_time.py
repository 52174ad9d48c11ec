"""A clock for code that waits (``pause`` and ``monotonic``): time moves only when every task is waiting on
it, straight to the earliest wake-up, so a test of many concurrent waits takes no real time at all."""

import asyncio
import heapq
import itertools
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

YIELDS = 50  # turns of the event loop given to everything else before the clock moves on


class VirtualTime:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self._sleepers: list[tuple[float, int, asyncio.Future]] = []
        self._order = itertools.count()

    def monotonic(self) -> float:
        return self.now

    async def pause(self, seconds: float) -> None:
        woken = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(seconds, 0.0), next(self._order), woken))
        await woken

    async def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` to its end, moving the clock whenever nothing else can run."""
        task = asyncio.ensure_future(work)
        while not task.done():
            for _ in range(YIELDS):
                await asyncio.sleep(0)
                if task.done():
                    break
            else:
                self._wake_next()
        return task.result()

    def _wake_next(self) -> None:
        while self._sleepers:
            when, _, woken = heapq.heappop(self._sleepers)
            if not woken.done():  # a pause that was cancelled is skipped
                self.now = max(self.now, when)
                woken.set_result(None)
                return
