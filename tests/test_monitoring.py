"""The monitoring endpoint of a running app: /healthz says whether the tick runs and the database takes
writes; /metrics, read with prometheus-client's own parser, counts updates, sends and failures, what the
outbox owes and how long alerts have waited."""

import sqlite3
from datetime import timedelta

import pytest
from telegram.ext import Application

from bot import ticks
from bot.app import MONITORING_KEY, build_application
from bot.clock import MovableClock
from bot.config import HealthSettings, Settings
from bot.models import OutboxMessage
from bot.models_leaver import Handoff, HandoffKind, Response, Told
from bot.monitoring.server import MonitoringServer
from bot.runtime import RUNTIME_KEY
from bot.store import handoffs, outbox
from bot.ticks import run_tick_now
from tests.botapi_stub import RecordingRequest
from tests.caseload import PA_CHAT, make_caseload
from tests.conftest import NOW, button_update, text_update
from tests.net import free_port
from tests.scrape import fetch, scrape, value


@pytest.fixture
def settings(settings: Settings) -> Settings:
    database = settings.database.model_copy(update={"busy_timeout_ms": 100})
    return settings.model_copy(update={"health": HealthSettings(port=free_port()), "database": database})


# --- /healthz ---------------------------------------------------------------------------------------------


async def test_healthz_is_ok_while_the_tick_runs_and_503_once_it_stops(
    app: Application, clock: MovableClock
) -> None:
    assert await fetch(app, "/healthz") == (200, "ok\n")  # started: the first tick is a minute away
    await run_tick_now(app)
    assert await fetch(app, "/healthz") == (200, "ok\n")

    clock.advance(timedelta(seconds=3 * 60 + 45))  # three one-minute intervals and a dispatch round
    assert (await fetch(app, "/healthz"))[0] == 200
    clock.advance(timedelta(seconds=1))
    assert await fetch(app, "/healthz") == (503, "the tick last finished 226 s ago (it runs every 60 s)\n")

    await run_tick_now(app)
    assert await fetch(app, "/healthz") == (200, "ok\n")


async def test_healthz_names_the_error_that_stops_the_tick(
    app: Application, clock: MovableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_sweep(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ticks, "sweep", broken_sweep)
    clock.advance(timedelta(minutes=5))
    await run_tick_now(app)
    status, text = await fetch(app, "/healthz")
    assert status == 503
    assert text.startswith("no tick has finished since the bot started 300 s ago")
    assert "the latest tick failed with OperationalError" in text


async def test_healthz_is_503_while_the_database_takes_no_writes(
    app: Application, settings: Settings
) -> None:
    other = sqlite3.connect(settings.database.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        status, text = await fetch(app, "/healthz")
        assert status == 503
        assert text == "the database takes no writes: OperationalError: database is locked\n"
        other.execute("ROLLBACK")
        assert await fetch(app, "/healthz") == (200, "ok\n")
    finally:
        other.close()


async def test_the_endpoint_is_off_unless_a_port_is_set(
    settings: Settings, transport: RecordingRequest
) -> None:
    assert Settings().health.port == 0
    off = settings.model_copy(update={"health": HealthSettings()})
    application = build_application(off, MovableClock(NOW), request=transport, get_updates_request=transport)
    async with application:
        await application.post_init(application)
        assert MONITORING_KEY not in application.bot_data
        await application.post_shutdown(application)


async def test_a_port_already_in_use_is_named(app: Application) -> None:
    taken = app.bot_data[RUNTIME_KEY].settings.health.port
    with pytest.raises(OSError, match=rf"\[health\] cannot listen on 127\.0\.0\.1:{taken}"):
        await MonitoringServer(app.bot_data[RUNTIME_KEY]).start("127.0.0.1", taken)


# --- /metrics ---------------------------------------------------------------------------------------------


def message(key: str, due_in: timedelta, kind: str = "reminder", **fields: object) -> OutboxMessage:
    return OutboxMessage(
        idempotency_key=key,
        kind=kind,
        chat_id=PA_CHAT,
        text="Due",
        due_at=NOW + due_in,
        created_at=NOW,
        **fields,
    )


async def test_metrics_show_what_the_outbox_owes_and_how_long_alerts_have_waited(app: Application) -> None:
    db = app.bot_data[RUNTIME_KEY].db
    caseload = await make_caseload(db)
    person = await caseload.person()
    assert person.id is not None
    async with db.transaction() as tx:
        for row in (
            message("late", -timedelta(minutes=10)),
            message("later", timedelta(hours=1)),
            message("sent", -timedelta(days=1), sent_at=NOW),
            message("cancelled", -timedelta(days=1), cancelled_at=NOW),
        ):
            await outbox.enqueue(tx, row)
        for kind, age in (
            (HandoffKind.CRISIS, timedelta(hours=2)),
            (HandoffKind.CONTACT, timedelta(minutes=10)),
            (HandoffKind.QUESTION, timedelta(days=3)),
            (HandoffKind.PASSPORT_HELP, timedelta(days=30)),
        ):
            added = await handoffs.add(
                tx, Handoff(young_person_id=person.id, kind=kind, told=Told.PA, created_at=NOW - age)
            )
            if kind is HandoffKind.QUESTION:
                assert added.id is not None
                await handoffs.respond(tx, added.id, Response.TODAY, NOW)

    samples = await scrape(app)
    assert value(samples, "carebot_outbox_pending") == 2
    assert value(samples, "carebot_outbox_due") == 1
    assert value(samples, "carebot_outbox_oldest_due_age_seconds") == 600
    waiting = {
        (dict(labels)["kind"], dict(labels)["age"]): count
        for (name, labels), count in samples.items()
        if name == "carebot_open_alerts" and count
    }
    assert waiting == {("crisis", "1h_to_1d"): 1, ("contact", "under_1h"): 1, ("passport_help", "over_7d"): 1}
    assert value(samples, "carebot_open_alerts", kind="question", age="1d_to_7d") == 0
    assert ("carebot_open_alerts", (("age", "under_1h"), ("kind", "crisis"))) in samples  # zeros are shown


async def test_metrics_count_updates_sends_failures_and_tick_durations(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    before = await scrape(app)
    await app.process_update(text_update(app, 555, "/help"))
    await app.process_update(button_update(app, 555, "v0:unknown"))
    async with app.bot_data[RUNTIME_KEY].db.transaction() as tx:
        await outbox.enqueue(tx, message("handoff", timedelta(0), kind="handoff_contact"))
    transport.fail_next("sendMessage", 502, "Bad Gateway")
    await run_tick_now(app)
    clock.advance(timedelta(seconds=30))  # the retry's back-off
    await run_tick_now(app)
    after = await scrape(app)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("carebot_updates_total", kind="message") == 1
    assert grew("carebot_updates_total", kind="callback_query") == 1
    assert grew("carebot_messages_failed_total", kind="handoff_contact", error="NetworkError") == 1
    assert grew("carebot_messages_sent_total", kind="handoff_contact") == 1
    for histogram in ("carebot_sweep_duration_seconds", "carebot_dispatch_duration_seconds"):
        assert grew(f"{histogram}_count") == 2
        assert value(after, f"{histogram}_bucket", le="+Inf") == value(after, f"{histogram}_count")
    assert value(after, "carebot_last_tick_timestamp_seconds") == (NOW + timedelta(seconds=30)).timestamp()
    assert value(after, "process_resident_memory_bytes") > 0
