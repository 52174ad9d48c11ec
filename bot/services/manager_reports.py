"""Charts and spreadsheets for managers and admins, checked and audited like the summary."""

import asyncio
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.config import Settings
from bot.models import Role
from bot.services import deadlines
from bot.services.access import AccessDenied
from bot.services.identity import Identity
from bot.services.summary import (
    caseloads_for,
    compute,
    record_request,
    rhi_by_month,
    scope_deadlines,
    scope_for,
    where,
)
from bot.store import Database, staff, summaries, teams, weekly
from bot.summaries import charts, deadline_counts, exports
from bot.summaries.summary import Scope, ScopeKind
from scheduler.deadlines import DeadlineKind, DeadlineStatus

MANAGERS_ONLY = "Charts and exports are for managers. Send /summary to see your own caseload."
NAME_A_TEAM = (
    "Please name one team, for example /export Pathways Team. "
    "Every team at once is too big to send in a chat."
)
TREND_WEEKS = 8
CHARTS = ("caseloads", "rhi", "overdue")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    caption: str


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _slug(scope: Scope) -> str:
    return re.sub(r"[^a-z0-9]+", "-", scope.name.lower()).strip("-") or "team"


async def _managers_scope(db: Database, identity: Identity, team: str | None) -> Scope:
    if identity.role is Role.PA:
        raise AccessDenied(MANAGERS_ONLY)
    return await scope_for(db, identity, team)


async def charts_for(
    db: Database, identity: Identity, now: datetime, settings: Settings, *, team: str | None = None
) -> list[Attachment]:
    scope = await _managers_scope(db, identity, team)
    await record_request(db, identity, "charts", scope, now)
    return await chart_images(db, scope, now, settings)


async def overdue_weeks(
    db: Database, scope: Scope, now: datetime, settings: Settings
) -> list[charts.WeekOverdue]:
    """The last weeks' overdue counts as recorded each week; this week live if not yet recorded."""
    today = now.astimezone(settings.service.tz).date()
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=back) for back in range(TREND_WEEKS - 1, -1, -1)]
    recorded = await weekly.overdue_by_week(db.reader, [iso_week(start) for start in starts], scope.team_id)
    weeks = []
    for start in starts:
        counts = recorded.get(iso_week(start))
        weeks.append(
            charts.WeekOverdue(
                week_start=start,
                counts=None
                if counts is None
                else {DeadlineKind(kind): count for kind, count in counts.items()},
            )
        )
    if weeks[-1].counts is None:
        live = deadline_counts.count(await deadlines.open_dues(db, now, settings, **where(scope)), now)
        weeks[-1] = charts.WeekOverdue(monday, {row.kind: row.overdue for row in live.kinds})
    return weeks


async def chart_image(
    db: Database, scope: Scope, now: datetime, settings: Settings, chart: str
) -> Attachment:
    """One of ``CHARTS`` for a scope (no access check: callers have made it)."""
    tz = settings.service.tz
    today = now.astimezone(tz).date()
    name = "All teams" if scope.kind is ScopeKind.SERVICE else scope.name
    stem = f"{chart}-{_slug(scope)}-{today.isoformat()}.png"
    hours = settings.rules.rhi_hours
    if chart == "caseloads":
        figures = await caseloads_for(db, scope, settings)
        image = await asyncio.to_thread(charts.caseload_chart, figures, name, today)
        return Attachment(stem, image, f"{name}: caseload per PA")
    if chart == "rhi":
        months = await rhi_by_month(db, scope, now, settings)
        starts = [month.start.astimezone(tz).date() for month in months]
        image = await asyncio.to_thread(charts.rhi_chart, months, starts, hours, name, today)
        return Attachment(stem, image, f"{name}: return interviews within {hours} h by month")
    if chart == "overdue":
        weeks = await overdue_weeks(db, scope, now, settings)
        image = await asyncio.to_thread(charts.overdue_chart, weeks, name, today)
        return Attachment(stem, image, f"{name}: overdue items, last {TREND_WEEKS} weeks")
    raise ValueError(f"no chart called {chart!r}")


async def chart_images(db: Database, scope: Scope, now: datetime, settings: Settings) -> list[Attachment]:
    """Every chart for a scope, in order (no access check: callers have made it)."""
    return [await chart_image(db, scope, now, settings, chart) for chart in CHARTS]


async def export_for(
    db: Database, identity: Identity, now: datetime, settings: Settings, *, team: str | None = None
) -> list[Attachment]:
    """The scope's open deadlines and caseloads as ``.xlsx`` and ``.csv``; one audit row per young person.

    One team at a time: a whole service's deadlines (hundreds of thousands of rows) would pass Telegram's
    file size limit."""
    scope = await _managers_scope(db, identity, team)
    if scope.kind is ScopeKind.SERVICE:
        raise AccessDenied(NAME_A_TEAM)
    tz = settings.service.tz
    summary = await compute(db, scope, now, settings)
    people = {person.id: person for person in await summaries.case_facts(db.reader, **where(scope))}
    team_names = {team.id: team.name for team in await teams.all_teams(db.reader) if team.id is not None}
    pa_names = {pa.staff_id: pa.name for pa in summary.caseloads.pas}
    for pa_id in {person.pa_id for person in people.values()} - set(pa_names) - {None}:
        member = await staff.get(db.reader, pa_id)
        pa_names[pa_id] = member.name if member else f"Staff {pa_id}"
    open_now = await scope_deadlines(db, scope, now, settings)
    counted = [item for item in open_now if item.kind in deadline_counts.SUMMARY_KINDS]
    overdue = Counter(item.pa_id for item in counted if item.status is DeadlineStatus.OVERDUE)
    due = Counter(
        item.pa_id
        for item in counted
        if item.status is not DeadlineStatus.OVERDUE and deadline_counts.in_week(item, now)
    )
    sheets = [
        exports.deadline_sheet(open_now, people, pa_names, team_names, now, tz),
        exports.caseload_sheet(summary.caseloads, team_names, overdue, due),
    ]
    await record_request(
        db, identity, "export", scope, now, sorted({item.young_person_id for item in open_now})
    )
    stamp = now.astimezone(tz).date().isoformat()
    slug = _slug(scope)
    caption = f"{scope.name}: open deadlines and caseloads, {stamp}"
    files = [Attachment(f"{slug}-{stamp}.xlsx", exports.to_xlsx(sheets, f"{scope.name} {stamp}"), caption)]
    files += [
        Attachment(
            f"{slug}-{sheet.name.lower().replace(' ', '-')}-{stamp}.csv", exports.to_csv(sheet), sheet.name
        )
        for sheet in sheets
    ]
    return files
