"""The weekly digest: each manager's summary and charts, without asking, on the configured day and time.

Everything time-driven runs inside the one JobQueue job named "tick" (``bot.ticks``), so a demo can move
its clock and see the digest arrive. Each tick calls ``queue_weekly_digests(db, now, settings)``: from the
configured time until the end of that day (service timezone) it records this week's overdue counts for
the trend chart and queues, for every active manager with a linked chat and a team, outbox rows under
keys unique to the manager and the ISO week, so a restart or a second tick can neither lose nor repeat a
digest:

- ``weekly:<staff id>:<year-week>`` (kind ``weekly_summary``): the summary as plain text, sent like any
  outbox message;
- ``weekly:<staff id>:<year-week>:chart:<chart>`` (kind ``weekly_chart``), one per chart: the text is a
  small JSON note of the scope, the instant and the chart; the dispatcher hands rows of this kind to
  ``bot.outbox.charts.send_chart``, which draws the chart as of that instant and sends it as a photo (an
  image does not fit in an outbox text column). One photo per row keeps each exactly once and spaced like
  other messages.

A first run for a large service draws many summaries, so each tick queues at most ``PER_TICK`` managers'
digests; the next ticks that day queue the rest.
"""

import json
from datetime import datetime

from bot.config import Settings
from bot.models import OutboxMessage, Role, Staff
from bot.services import deadlines, manager_reports
from bot.services.identity import Identity
from bot.services.summary import compute, record_request
from bot.store import Database, outbox, staff, teams, weekly
from bot.summaries import deadline_counts
from bot.summaries.report import PLAIN, render
from bot.summaries.summary import Scope, ScopeKind
from bot.wording import manager as manager_words
from scheduler.deadlines import DeadlineStatus

SUMMARY_KIND = "weekly_summary"
CHART_KIND = "weekly_chart"
PER_TICK = 50
TEXT_LIMIT = 4096


def digest_due(now: datetime, settings: Settings) -> bool:
    """From the configured time to the end of the configured day: a bot down at 08:00 still sends at 09:00
    that day, but never a stale digest on Tuesday."""
    local = now.astimezone(settings.service.tz)
    managers = settings.managers
    return (
        local.weekday() == managers.weekly_digest_day.number and local.time() >= managers.weekly_digest_time
    )


def week_of(now: datetime, settings: Settings) -> str:
    return manager_reports.iso_week(now.astimezone(settings.service.tz).date())


async def record_weekly_overdue(db: Database, now: datetime, settings: Settings) -> bool:
    """Record each team's overdue counts once a week; False if this week's are already kept."""
    week = week_of(now, settings)
    if await weekly.has_week(db.reader, week):
        return False
    by_team: dict[int, dict[str, int]] = {
        team.id: {kind.value: 0 for kind in deadline_counts.SUMMARY_KINDS}
        for team in await teams.all_teams(db.reader)
        if team.id is not None
    }
    for item in await deadlines.open_dues(db, now, settings):
        team_id = item.person.team_id
        counts = by_team.get(team_id) if team_id is not None else None
        if counts is not None and item.kind.value in counts and item.status is DeadlineStatus.OVERDUE:
            counts[item.kind.value] += 1
    async with db.transaction() as tx:
        for team_id, counts in by_team.items():
            await weekly.record_overdue(tx, team_id, week, counts, now)
    return True


def _shortened(text: str) -> str:
    if len(text) <= TEXT_LIMIT:
        return text
    return (
        text[: TEXT_LIMIT - len(manager_words.WEEKLY_SHORTENED)].rsplit("\n", 1)[0]
        + manager_words.WEEKLY_SHORTENED
    )


async def queue_weekly_digests(
    db: Database, now: datetime, settings: Settings, *, limit: int = PER_TICK
) -> int:
    """Queue this week's digest for up to ``limit`` managers who have not had it; returns how many."""
    if not digest_due(now, settings):
        return 0
    await record_weekly_overdue(db, now, settings)
    week = week_of(now, settings)
    queued = 0
    for manager in await staff.all_staff(db.reader):
        if queued >= limit:
            break
        if not _receives_digest(manager):
            continue
        key = f"weekly:{manager.id}:{week}"
        if await outbox.by_key(db.reader, key) is not None:
            continue
        assert manager.team_id is not None and manager.telegram_user_id is not None
        team = await teams.get(db.reader, manager.team_id)
        if team is None or team.id is None:
            continue
        scope = Scope(kind=ScopeKind.TEAM, name=team.name, team_id=team.id)
        summary = await compute(db, scope, now, settings)
        chat_id = manager.telegram_user_id
        identity = Identity(telegram_user_id=chat_id, role=Role.MANAGER, staff=manager)
        await record_request(db, identity, "weekly_digest", scope, now)
        async with db.transaction() as tx:
            queued += await outbox.enqueue(
                tx, _row(key, SUMMARY_KIND, chat_id, _shortened(render(summary, PLAIN)), now)
            )
            for chart in manager_reports.CHARTS:
                note = json.dumps({"scope": scope.key, "as_of": now.isoformat(), "chart": chart})
                await outbox.enqueue(tx, _row(f"{key}:chart:{chart}", CHART_KIND, chat_id, note, now))
    return queued


def _receives_digest(member: Staff) -> bool:
    return (
        member.role is Role.MANAGER
        and member.active
        and member.telegram_user_id is not None
        and member.team_id is not None
    )


def _row(key: str, kind: str, chat_id: int, text: str, now: datetime) -> OutboxMessage:
    return OutboxMessage(
        idempotency_key=key, kind=kind, chat_id=chat_id, text=text, due_at=now, created_at=now
    )
