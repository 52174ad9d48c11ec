"""The one place the application reads the real clock.

Domain code never calls ``datetime.now()``: it takes ``now`` as an argument. The running bot passes
``system_clock`` down; tests and the demo pass a clock they control.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC)


class MovableClock:
    """A clock that starts at a given instant and only moves when told: for tests and the demo."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware start")
        self._now = start.astimezone(UTC)

    def __call__(self) -> datetime:
        return self._now

    def advance(self, by: timedelta) -> datetime:
        self._now += by
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = instant.astimezone(UTC)
