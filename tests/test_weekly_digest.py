"""The weekly digest: queued once per manager and week at the configured time, charts sent as photos."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.outbox.charts import send_chart
from bot.services.digest import CHART_KIND, SUMMARY_KIND, queue_weekly_digests
from bot.store import Database, outbox, weekly
from tests.botapi_stub import RecordingRequest
from tests.known_service import MANAGER_NORTH, MANAGER_SOUTH, NOW, KnownService, build

MONDAY_8AM = NOW.replace(hour=8)  # 23 November: GMT, so 08:00 in London too


@pytest.fixture
async def service(db: Database) -> KnownService:
    return await build(db)


async def queued(db: Database) -> list:
    return await outbox.pending(db.reader, NOW + timedelta(days=30), limit=1000)


@pytest.mark.parametrize(
    "when",
    [
        MONDAY_8AM - timedelta(seconds=1),  # Monday 07:59:59
        MONDAY_8AM + timedelta(days=1),  # Tuesday: too late for this week's
        MONDAY_8AM - timedelta(days=1),  # Sunday
    ],
)
async def test_nothing_is_queued_outside_the_configured_day_and_time(
    db: Database, service: KnownService, settings: Settings, when: datetime
) -> None:
    assert await queue_weekly_digests(db, when, settings) == 0
    assert await queued(db) == []


async def test_each_manager_gets_one_digest_a_week(
    db: Database, service: KnownService, settings: Settings
) -> None:
    assert await queue_weekly_digests(db, MONDAY_8AM, settings) == 2
    assert await queue_weekly_digests(db, MONDAY_8AM + timedelta(minutes=1), settings) == 0
    assert await queue_weekly_digests(db, MONDAY_8AM + timedelta(hours=9), settings) == 0
    rows = {row.idempotency_key: row for row in await queued(db)}
    north, south = service.north, service.south
    manager_ids = {"North": 1, "South": 2}  # Mo and Sue are the first two staff
    assert set(rows) == {
        f"weekly:{staff_id}:2026-W48{suffix}"
        for staff_id in manager_ids.values()
        for suffix in ("", ":chart:caseloads", ":chart:rhi", ":chart:overdue")
    }
    summary = rows["weekly:1:2026-W48"]
    assert (summary.kind, summary.chat_id) == (SUMMARY_KIND, MANAGER_NORTH)
    assert summary.text.startswith("Summary: North\nAs of Mon 23 Nov 2026, 08:00 (Europe/London)")
    assert "<b>" not in summary.text  # plain text: the outbox sends it as it is
    chart = rows["weekly:2:2026-W48:chart:rhi"]
    assert (chart.kind, chart.chat_id) == (CHART_KIND, MANAGER_SOUTH)
    assert json.loads(chart.text) == {
        "scope": f"team:{south.id}",
        "as_of": "2026-11-23T08:00:00+00:00",
        "chart": "rhi",
    }
    recorded = await weekly.overdue_by_week(db.reader, ["2026-W48"], north.id)
    # At 08:00 Ivy's RHI (South) is not yet overdue; North has the six RHIs past their 72 hours, and Cal
    # turned 18 today with no plan recorded.
    assert recorded == {
        "2026-W48": {
            "contact": 0,
            "pathway_review": 0,
            "rhi": 6,
            "needs_assessment": 0,
            "transition_18": 1,
            "transition_21": 0,
            "transition_25": 0,
            "repeat_missing": 0,
        }
    }
    next_monday = MONDAY_8AM + timedelta(weeks=1)
    assert await queue_weekly_digests(db, next_monday, settings) == 2


async def test_a_large_service_is_queued_a_few_managers_a_tick(
    db: Database, service: KnownService, settings: Settings
) -> None:
    assert await queue_weekly_digests(db, MONDAY_8AM, settings, limit=1) == 1
    assert await queue_weekly_digests(db, MONDAY_8AM + timedelta(minutes=1), settings, limit=1) == 1
    assert await queue_weekly_digests(db, MONDAY_8AM + timedelta(minutes=2), settings, limit=1) == 0


async def test_the_configured_time_is_local_time(
    db: Database, service: KnownService, settings: Settings
) -> None:
    summer_monday_8am_london = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    assert await queue_weekly_digests(db, summer_monday_8am_london - timedelta(minutes=1), settings) == 0
    assert await queue_weekly_digests(db, summer_monday_8am_london, settings) == 2


async def test_the_charts_row_arrives_as_photos(
    app: Application, transport: RecordingRequest, settings: Settings
) -> None:
    db = app.bot_data["runtime"].db
    await build(db)
    await queue_weekly_digests(db, MONDAY_8AM, settings)
    for row in await queued(db):
        if row.kind == CHART_KIND and row.chat_id == MANAGER_NORTH:
            await send_chart(app.bot, db, row, settings)
    photos = transport.sent("sendPhoto", MANAGER_NORTH)
    assert [call.params["caption"] for call in photos] == [
        "North: caseload per PA",
        "North: return interviews within 72 h by month",
        "North: overdue items, last 8 weeks",
    ]
    assert all(content.startswith(b"\x89PNG") for call in photos for _, content in call.files.values())
