"""Managers' summaries: who may see which figures, the audit trail, and reading the facts for them.

A manager sees their own team; an admin every team, or one by name; a PA their own caseload only; anyone
else is refused. Every request is written to the audit log, and a list that names young people writes one
row for each of them, so "who has seen this record" stays answerable.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.bulk import collector_paused
from bot.config import Settings
from bot.facts import CaseFacts
from bot.models import AuditEntry, Role, Staff
from bot.services import deadlines
from bot.services.access import AccessDenied, log_staff_action
from bot.services.content import council_content
from bot.services.identity import Identity
from bot.store import Database, audit, feedback, handoffs, staff, summaries, teams
from bot.summaries import caseloads, deadline_counts, outcomes, passport, periods, rhi, voices
from bot.summaries.alerts import AlertFigures, alert_figures
from bot.summaries.summary import RhiRules, Scope, ScopeKind, Summary, TeamLine
from scheduler.deadlines import Deadline, DeadlineKind

NOT_STAFF = "Sorry, summaries are only for staff of the leaving-care service."
NO_TEAM = "Your account is not linked to a team yet. Please ask an admin to add you to one."
OWN_TEAM_ONLY = "You can see your own team's summary only."
OWN_CASELOAD_ONLY = "As a PA you can see your own caseload only. Send /summary on its own."
RHI_PREVIOUS_DAYS = 60
CHART_MONTHS = 12
VOICE_DAYS = 30
ALERT_DAYS = 7  # the manager's week: the weekly digest carries the same section


async def scope_for(db: Database, identity: Identity, team_name: str | None = None) -> Scope:
    """The scope ``identity`` may ask for, or ``AccessDenied`` with a message safe to show them."""
    member = identity.staff
    if member is None or identity.role not in (Role.PA, Role.MANAGER, Role.ADMIN):
        raise AccessDenied(NOT_STAFF)
    if identity.role is Role.PA:
        if team_name:
            raise AccessDenied(OWN_CASELOAD_ONLY)
        return Scope(kind=ScopeKind.CASELOAD, name=member.name, team_id=member.team_id, pa_id=member.id)
    if identity.role is Role.MANAGER:
        own = await teams.get(db.lookups, member.team_id) if member.team_id is not None else None
        if own is None:
            raise AccessDenied(NO_TEAM)
        if team_name and team_name.casefold() != own.name.casefold():
            raise AccessDenied(OWN_TEAM_ONLY)
        return Scope(kind=ScopeKind.TEAM, name=own.name, team_id=own.id)
    return await _admin_scope(db, team_name)


async def _admin_scope(db: Database, team_name: str | None) -> Scope:
    if not team_name:
        return Scope(kind=ScopeKind.SERVICE, name="All teams")
    for team in await teams.all_teams(db.reader):
        if team.name.casefold() == team_name.strip().casefold():
            return Scope(kind=ScopeKind.TEAM, name=team.name, team_id=team.id)
    raise AccessDenied(f"There is no team called {team_name.strip()!r}.")


async def scope_from_key(db: Database, identity: Identity, key: str) -> Scope:
    """The scope a button names, re-checked against who pressed it (button data is never trusted)."""
    if key == "all":
        scope = await scope_for(db, identity)
    elif key.startswith("team:") and key[5:].isdigit():
        team = await teams.get(db.reader, int(key[5:]))
        scope = await scope_for(db, identity, team.name if team else f"#{key[5:]}")
    elif key.startswith("pa:"):
        scope = await scope_for(db, identity)
    else:
        raise AccessDenied()
    if scope.key != key:
        raise AccessDenied()
    return scope


async def record_request(
    db: Database,
    identity: Identity | None,
    action: str,
    scope: Scope,
    now: datetime,
    person_ids: Iterable[int] = (),
) -> None:
    """Audit one request: a row for the request, and one per young person it named.

    ``identity`` None is the operator at the command line.
    """
    person_ids = list(person_ids)
    # A request that names nobody is one row: one statement, not a transaction around it.
    async with db.one_statement() if not person_ids else db.transaction() as tx:
        for person_id in (None, *person_ids):
            if identity is None:
                await audit.record(
                    tx,
                    AuditEntry(
                        at=now, actor_role="cli", action=action, young_person_id=person_id, detail=scope.key
                    ),
                )
            else:
                await log_staff_action(tx, identity, action, now, person_id=person_id, detail=scope.key)


async def summary_for(
    db: Database, identity: Identity, now: datetime, settings: Settings, *, team: str | None = None
) -> Summary:
    """The summary ``identity`` asked for (checked and audited); ``AccessDenied`` if they may not."""
    scope = await scope_for(db, identity, team)
    await record_request(db, identity, "summary", scope, now)
    return await compute(db, scope, now, settings)


async def summary_for_command_line(
    db: Database, now: datetime, settings: Settings, *, team: str | None = None
) -> Summary:
    """``carebot summary``: whoever holds the database file may see any team; still audited."""
    scope = await _admin_scope(db, team)
    await record_request(db, None, "summary", scope, now)
    return await compute(db, scope, now, settings)


async def scope_deadlines(db: Database, scope: Scope, now: datetime, settings: Settings) -> list[Deadline]:
    """The scope's open deadlines, from the same rules that send PAs their reminders."""
    return await deadlines.open_deadlines(db, now, settings, **where(scope))


async def _pas(db: Database, scope: Scope, people: list[CaseFacts]) -> list[Staff]:
    """The PAs a scope's caseload table lists: the team's (or service's) active PAs, plus anyone else
    holding a case in the scope, so every young person's PA is named."""
    if scope.kind is ScopeKind.CASELOAD:
        candidates = [member for member in [await staff.get(db.reader, scope.pa_id or 0)] if member]
    elif scope.kind is ScopeKind.TEAM and scope.team_id is not None:
        candidates = await staff.in_team(db.reader, scope.team_id, Role.PA)
    else:
        candidates = [member for member in await staff.all_staff(db.reader) if member.role is Role.PA]
    listed = {member.id: member for member in candidates if member.active or member.id == scope.pa_id}
    for pa_id in {person.pa_id for person in people} - set(listed) - {None}:
        member = await staff.get(db.reader, pa_id)
        if member is not None:
            listed[member.id] = member
    return list(listed.values())


async def compute(db: Database, scope: Scope, now: datetime, settings: Settings) -> Summary:
    """Read the scope's facts and work out every figure. No access check: callers have made it."""
    with collector_paused():  # a whole service's facts are hundreds of thousands of objects
        return await _compute(db, scope, now, settings)


async def _compute(db: Database, scope: Scope, now: datetime, settings: Settings) -> Summary:
    tz = settings.service.tz
    quarter, previous_quarter = periods.quarter_to_date(now, tz), periods.previous_quarter(now, tz)
    last_30 = periods.last_days(now, 30)
    since = min(previous_quarter.start, now - timedelta(days=RHI_PREVIOUS_DAYS))
    people = await summaries.case_facts(db.reader, **where(scope))
    episodes = await summaries.episodes_returned_since(db.reader, since, **where(scope))
    tallies = await summaries.passport_tallies(db.reader, **where(scope))
    help_by_item = await summaries.passport_help_by_item(db.reader, **where(scope))
    pas = await _pas(db, scope, people)
    target = settings.managers.caseload_target
    covered = rhi.covered(
        episodes, {person.id: person.date_of_birth for person in people}, settings.rules, tz
    )
    hours = settings.rules.rhi_hours

    def compare(current: periods.Period, previous: periods.Period) -> rhi.RhiComparison:
        return rhi.RhiComparison(
            current=rhi.figures(covered, current, now, hours),
            previous=rhi.figures(covered, previous, now, hours),
        )

    tally = deadline_counts.Tally(now)
    async for dues in deadlines.dues_in_chunks(db, now, settings, **where(scope)):
        tally.add(dues)
    bands, left_out = outcomes.by_band(people, now.astimezone(tz).date())
    alive, died = caseloads.living(people)
    voice = None
    if scope.kind is not ScopeKind.CASELOAD:  # one PA's few young people could be told apart
        voice_period = periods.last_days(now, VOICE_DAYS)
        rows = await feedback.counts(db.reader, voice_period.start, voice_period.end, scope.team_id)
        voice = voices.voice_figures(rows, voice_period.start, voice_period.end)
    return Summary(
        scope=scope,
        as_of=now,
        timezone=settings.service.timezone,
        caseloads=caseloads.caseloads(alive, pas, target, died=died),
        teams=await _team_lines(db, alive, pas, target) if scope.kind is ScopeKind.SERVICE else [],
        deadlines=tally.figures(),
        rhi_rules=RhiRules(
            hours=hours, for_adults=settings.rules.rhi_for_adults, for_away=settings.rules.rhi_for_away
        ),
        rhi_last_30_days=compare(last_30, periods.before(last_30)),
        rhi_quarter=compare(quarter, previous_quarter),
        still_missing=rhi.still_missing(covered, now),
        outcomes=bands,
        outcomes_left_out=left_out,
        passport=passport.passport_figures(len(alive), tallies, help_by_item, _checklist(settings)),
        voice=voice,
        alerts=await _alert_figures(db, scope, now),
    )


async def _alert_figures(db: Database, scope: Scope, now: datetime) -> AlertFigures:
    """Crisis alerts and requests of the scope's young people over the last ``ALERT_DAYS`` days."""
    period = periods.last_days(now, ALERT_DAYS)
    records = await handoffs.in_scope_since(db.reader, period.start, **where(scope))
    return alert_figures(records, period.start, now)


async def caseloads_for(db: Database, scope: Scope, settings: Settings) -> caseloads.Caseloads:
    """Just the caseloads (for the chart): no deadline rules, no other figures."""
    people = await summaries.case_facts(db.reader, **where(scope))
    alive, died = caseloads.living(people)
    target = settings.managers.caseload_target
    return caseloads.caseloads(alive, await _pas(db, scope, people), target, died=died)


def _checklist(settings: Settings) -> dict[str, str]:
    content = council_content(settings.service)
    return {item.id: item.text for section in content.passport for item in section.items}


def where(scope: Scope) -> dict[str, int | None]:
    """The store's filter for a scope's young people."""
    return {"team_id": scope.team_id if scope.kind is ScopeKind.TEAM else None, "pa_id": scope.pa_id}


async def rhi_by_month(
    db: Database, scope: Scope, now: datetime, settings: Settings, count: int = CHART_MONTHS
) -> list[rhi.RhiFigures]:
    """Return interviews month by month, oldest first, the current month to ``now``."""
    tz = settings.service.tz
    months = periods.months(now, tz, count)
    people = await summaries.case_facts(db.reader, **where(scope))
    episodes = await summaries.episodes_returned_since(db.reader, months[0].start, **where(scope))
    covered = rhi.covered(
        episodes, {person.id: person.date_of_birth for person in people}, settings.rules, tz
    )
    return [rhi.figures(covered, month, now, settings.rules.rhi_hours) for month in months]


async def _team_lines(db: Database, people: list[CaseFacts], pas: list[Staff], target: int) -> list[TeamLine]:
    people_by_team: dict[int | None, list[CaseFacts]] = defaultdict(list)
    for person in people:
        people_by_team[person.team_id].append(person)
    pas_by_id = {pa.id: pa for pa in pas}
    pas_by_team: dict[int | None, dict[int | None, Staff]] = defaultdict(dict)
    for pa in pas:
        pas_by_team[pa.team_id][pa.id] = pa
    lines = []
    for team in await teams.all_teams(db.reader):
        members = people_by_team[team.id]
        holders = {person.pa_id for person in members} - {None}
        team_pas = list((pas_by_team[team.id] | {pa_id: pas_by_id[pa_id] for pa_id in holders}).values())
        figures = caseloads.caseloads(members, team_pas, target)
        assert team.id is not None
        lines.append(
            TeamLine(
                team_id=team.id,
                name=team.name,
                pas=figures.working,
                young_people=figures.young_people,
                average=figures.average,
                above_target=figures.above_target,
            )
        )
    return lines


async def people_behind(
    db: Database, identity: Identity, scope_key: str, kind: DeadlineKind, now: datetime, settings: Settings
) -> tuple[Scope, list[deadline_counts.PaGroup]]:
    """The young people behind one kind's counts, PA by PA, for a button press (re-checked, audited)."""
    scope = await scope_from_key(db, identity, scope_key)
    open_now = await scope_deadlines(db, scope, now, settings)
    people = {person.id: person for person in await summaries.case_facts(db.reader, **where(scope))}
    pa_names = {pa.id: pa.name for pa in await _pas(db, scope, list(people.values())) if pa.id is not None}
    groups = deadline_counts.behind(open_now, kind, now, people, pa_names)
    named = {
        deadline.young_person_id
        for deadline in open_now
        if deadline.kind is kind and deadline_counts.in_week(deadline, now)
    }
    await record_request(db, identity, f"summary_list:{kind.value}", scope, now, sorted(named))
    return scope, groups
