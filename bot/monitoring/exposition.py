"""``/metrics``: the counts in ``bot.metrics`` and a few figures read from the database at each scrape,
in the Prometheus text format, through prometheus-client.

Read at each scrape rather than counted as they change, so they stay right across restarts: what the
outbox still owes, and the hand-offs and crisis alerts nobody has acknowledged, by how long they have
waited.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from prometheus_client import CollectorRegistry, ProcessCollector, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector

from bot.metrics import Counts, Durations
from bot.models_leaver import Handoff, HandoffKind
from bot.runtime import Heartbeat
from bot.store import Database, handoffs, outbox

# How long an alert has waited, as bands an alert rule can name: "no crisis alert waits over an hour" is
# carebot_open_alerts{kind="crisis",age!="under_1h"} == 0.
ALERT_AGES: tuple[tuple[str, timedelta | None], ...] = (
    ("under_1h", timedelta(hours=1)),
    ("1h_to_1d", timedelta(days=1)),
    ("1d_to_7d", timedelta(days=7)),
    ("over_7d", None),
)


@dataclass(frozen=True)
class StoreFigures:
    backlog: outbox.Backlog
    open_alerts: dict[tuple[str, str], int]
    """(hand-off kind, age band) -> how many wait, every pair present (zero included)."""
    now: datetime


async def read_store(db: Database, now: datetime) -> StoreFigures:
    backlog = await outbox.backlog(db.reader, now)
    waiting = await handoffs.unacknowledged(db.reader)
    return StoreFigures(backlog=backlog, open_alerts=alerts_by_age(waiting, now), now=now)


def alerts_by_age(waiting: list[Handoff], now: datetime) -> dict[tuple[str, str], int]:
    counts = {(kind.value, band): 0 for kind in HandoffKind for band, _ in ALERT_AGES}
    for handoff in waiting:
        age = now - handoff.created_at
        band = next(band for band, limit in ALERT_AGES if limit is None or age < limit)
        counts[handoff.kind.value, band] += 1
    return counts


class _Snapshot(Collector):
    """Hands prometheus-client the figures of one scrape."""

    def __init__(self, counts: Counts, store: StoreFigures, heartbeat: Heartbeat) -> None:
        self._counts, self._store, self._heartbeat = counts, store, heartbeat

    def collect(self) -> Iterator[Metric]:
        counts, store = self._counts, self._store
        yield _counter(
            "carebot_updates", "Updates from Telegram passed to the handlers.", ["kind"], counts.updates
        )
        yield _counter("carebot_messages_sent", "Outbox messages Telegram accepted.", ["kind"], counts.sent)
        yield _counter(
            "carebot_messages_failed",
            "Outbox messages whose sending failed (retried later; given up when the chat blocked the bot).",
            ["kind", "error"],
            counts.failed,
        )
        yield _counter(
            "carebot_webhook_refused",
            "Requests to the webhook turned away: a missing or wrong secret, or not an update.",
            ["reason"],
            counts.webhook_refused,
        )
        yield _histogram(
            "carebot_sweep_duration_seconds", "How long each tick's sweep took.", counts.sweep_seconds
        )
        yield _histogram(
            "carebot_dispatch_duration_seconds",
            "How long each tick's dispatch round took.",
            counts.dispatch_seconds,
        )
        backlog = store.backlog
        yield GaugeMetricFamily(
            "carebot_outbox_pending", "Outbox messages not yet sent.", value=backlog.pending
        )
        yield GaugeMetricFamily(
            "carebot_outbox_due",
            "Outbox messages whose time has come and that are not sent yet.",
            value=backlog.due,
        )
        oldest = 0.0 if backlog.oldest_due_at is None else (store.now - backlog.oldest_due_at).total_seconds()
        yield GaugeMetricFamily(
            "carebot_outbox_oldest_due_age_seconds",
            "How long the oldest unsent message has been due (0 when none is).",
            value=max(oldest, 0.0),
        )
        alerts = GaugeMetricFamily(
            "carebot_open_alerts",
            "Hand-offs (crisis alerts among them) nobody has acknowledged, by how long they have waited.",
            labels=["kind", "age"],
        )
        for (kind, band), count in store.open_alerts.items():
            alerts.add_metric([kind, band], count)
        yield alerts
        if self._heartbeat.last_tick_at is not None:
            yield GaugeMetricFamily(
                "carebot_last_tick_timestamp_seconds",
                "When the tick last finished (Unix time, by the bot's clock).",
                value=self._heartbeat.last_tick_at.timestamp(),
            )


def _counter(name: str, documentation: str, labels: list[str], values: dict) -> CounterMetricFamily:
    family = CounterMetricFamily(name, documentation, labels=labels)
    for key, value in sorted(values.items()):
        family.add_metric(list(key) if isinstance(key, tuple) else [key], value)
    return family


def _histogram(name: str, documentation: str, durations: Durations) -> HistogramMetricFamily:
    buckets = [
        ("+Inf" if bound == float("inf") else repr(bound), count) for bound, count in durations.cumulative()
    ]
    return HistogramMetricFamily(name, documentation, buckets=buckets, sum_value=durations.total)


def render(counts: Counts, store: StoreFigures, heartbeat: Heartbeat) -> bytes:
    """The text a Prometheus scrape gets: ours, and the process's own (memory, CPU, open files)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Snapshot(counts, store, heartbeat))
    ProcessCollector(registry=registry)
    return generate_latest(registry)
