"""What the running bot counts, for ``/metrics``: updates, messages sent and failed, and how long the tick's
two halves take.

Plain numbers in one place, so the app, the tick and the senders record with one cheap call and import
nothing heavy; ``bot/monitoring`` turns them into the Prometheus format only when someone asks. They count
for the life of the process, as Prometheus counters do (a restart starts them again from zero). Labels are
fixed words (an update's kind, an outbox kind, an error's class name), never anything a person wrote.
"""

import bisect
from collections import Counter
from dataclasses import dataclass, field

# Upper bounds, in seconds: a sweep of a small service takes milliseconds, one of 100,000 young people some
# seconds, and a dispatch round that meets Telegram's flood limits up to 45 seconds.
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


@dataclass
class Durations:
    """A histogram: how many observations fell at or under each bound, their count and their sum."""

    bounds: tuple[float, ...] = DURATION_BUCKETS
    in_bucket: list[int] = field(default_factory=lambda: [0] * (len(DURATION_BUCKETS) + 1))
    count: int = 0
    total: float = 0.0

    def observe(self, seconds: float) -> None:
        self.in_bucket[bisect.bisect_left(self.bounds, seconds)] += 1
        self.count += 1
        self.total += seconds

    def cumulative(self) -> list[tuple[float, int]]:
        """(bound, observations at or under it) for each bound and then +Inf, as Prometheus wants them."""
        running, result = 0, []
        for bound, count in zip((*self.bounds, float("inf")), self.in_bucket, strict=True):
            running += count
            result.append((bound, running))
        return result


@dataclass
class Counts:
    updates: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)
    failed: Counter[tuple[str, str]] = field(default_factory=Counter)
    webhook_refused: Counter[str] = field(default_factory=Counter)
    sweep_seconds: Durations = field(default_factory=Durations)
    dispatch_seconds: Durations = field(default_factory=Durations)


COUNTS = Counts()


def update_received(kind: str) -> None:
    """An update reached the handlers (``kind``: message, callback_query...)."""
    COUNTS.updates[kind] += 1


def message_sent(kind: str) -> None:
    """Telegram accepted an outbox message of this kind."""
    COUNTS.sent[kind] += 1


def message_failed(kind: str, error: BaseException) -> None:
    """Sending an outbox message failed (it is retried, or given up when the chat has blocked the bot)."""
    COUNTS.failed[kind, type(error).__name__] += 1


def webhook_refused(reason: str) -> None:
    """A request to the webhook was turned away (``reason``: secret, body)."""
    COUNTS.webhook_refused[reason] += 1


def sweep_took(seconds: float) -> None:
    COUNTS.sweep_seconds.observe(seconds)


def dispatch_took(seconds: float) -> None:
    COUNTS.dispatch_seconds.observe(seconds)
