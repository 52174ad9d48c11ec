"""Which reminder a deadline calls for at ``now``, under which idempotency key, and when it may go out.

Pure: the sweep calls ``assess`` for each open deadline of each person it looks at. Each deadline has
stages (due soon, due, overdue; an RHI also "24 hours left" and "6 hours left"), and an escalation to
the team manager. Only the latest stage that has begun is planned for the PA: a bot that was down for a
week sends one "overdue", not the three stages it missed. Each stage has its own key, so a stage is
queued once however often, or at whatever times, the sweep runs.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.config import ReminderSettings, RuleSettings, ServiceSettings
from bot.workdays import is_working_day, next_working_time
from scheduler.deadlines import DeadlineKind, last_day_in_time, local_day
from scheduler.rules import Due, start_of_day

DAY_KINDS = frozenset({DeadlineKind.CONTACT, DeadlineKind.PATHWAY_REVIEW, DeadlineKind.NEEDS_ASSESSMENT})
TRANSITIONS = frozenset({DeadlineKind.TRANSITION_18, DeadlineKind.TRANSITION_21, DeadlineKind.TRANSITION_25})


class Audience(StrEnum):
    PA = "pa"
    MANAGER = "manager"


class Route(StrEnum):
    """How a planned reminder reaches someone; each is also its outbox kind's prefix (``<route>:<kind>``).

    ``REMINDER``: the PA's own, with the buttons of its kind. ``ESCALATION``: the team manager's own.
    ``NO_PA``: a PA's reminder about a young person with no active PA, sent to the team's managers with
    that reason. ``WAITING``: an urgent PA reminder waiting for a PA who has not joined the bot, told to
    the team's managers with a button to send the PA's invite again.
    """

    REMINDER = "reminder"
    ESCALATION = "escalation"
    NO_PA = "unallocated"
    WAITING = "waiting"


class Stage(StrEnum):
    SOON = "soon"
    DUE = "due"
    HOURS_LEFT = "left"
    OVERDUE = "overdue"
    ESCALATED = "escalated"
    FLAG = "flag"


@dataclass(frozen=True, slots=True)
class Planned:
    """One reminder the sweep should queue (unless its key is already in the outbox).

    ``hours_left`` is set for the RHI "hours left" stages; ``urgent`` reminders (RHI) may go out of
    working hours, except in quiet hours.
    """

    key: str
    due: Due
    stage: Stage
    audience: Audience
    urgent: bool
    hours_left: int | None = None


@dataclass(frozen=True, slots=True)
class ReminderContext:
    """The moment and settings the planning runs with, worked out once per sweep."""

    now: datetime
    tz: ZoneInfo
    rules: RuleSettings
    soon: timedelta
    escalate_after: timedelta
    rhi_window: timedelta
    warnings: tuple[int, ...]
    backlog_after_days: int

    @classmethod
    def at(
        cls, now: datetime, reminders: ReminderSettings, rules: RuleSettings, service: ServiceSettings
    ) -> "ReminderContext":
        return cls(
            now=now,
            tz=service.tz,
            rules=rules,
            soon=timedelta(days=reminders.due_soon_days),
            escalate_after=timedelta(days=1 + reminders.escalate_after_days),
            rhi_window=timedelta(hours=rules.rhi_hours),
            warnings=tuple(sorted(reminders.rhi_warning_hours, reverse=True)),
            backlog_after_days=reminders.backlog_after_days,
        )


def key_base(due: Due) -> str:
    """The key prefix every reminder about this deadline shares (``outbox.cancel`` takes it).

    An RHI's key carries its deadline, so a corrected return time gives fresh reminders with the new
    time; day-based subjects already carry their due day.
    """
    if due.kind is DeadlineKind.RHI:
        return f"{due.subject}:{due.due_at:%Y%m%dT%H%MZ}:"
    return f"{due.subject}:"


def go_live_backlog(due: Due, context: ReminderContext) -> datetime | None:
    """Go-live backlog: a deadline already overdue by more than ``backlog_after_days`` when the sweep
    first looked at its young person (a caseload import, or reminders switched on) is listed in the PA's
    morning digest, not sent as its own reminder, and its escalation, if already begun, is not sent
    either: a PA's whole backlog at once would bury the reminders that matter.

    Returns that first look (stages begun by then are held back), or None for a deadline that is not
    backlog. Never an RHI: 72 hours is urgent. Stages that begin later go as usual.
    """
    if due.day is None or due.overdue_at is None:  # an RHI or a repeat-missing flag: never held back
        return None
    first_look = due.person.first_swept_at or context.now
    # A day-based deadline's last day in time is its due day; a transition's, the day before the birthday.
    last_day = due.day if due.kind in DAY_KINDS else last_day_in_time(due.overdue_at, context.tz)
    overdue_days = (first_look.astimezone(context.tz).date() - last_day).days
    return first_look if overdue_days > context.backlog_after_days else None


def _pa_steps(due: Due, context: ReminderContext) -> list[tuple[datetime, Stage, int | None]]:
    """The PA's stages for a deadline, in order: (when it begins, stage, hours left)."""
    if due.kind is DeadlineKind.RHI:
        returned = due.due_at - context.rhi_window
        steps: list[tuple[datetime, Stage, int | None]] = [(returned, Stage.DUE, None)]
        for hours in context.warnings:
            begins = due.due_at - timedelta(hours=hours)
            if begins > returned:
                steps.append((begins, Stage.HOURS_LEFT, hours))
        steps.append((due.due_at, Stage.OVERDUE, None))
        return steps
    if due.day is None or due.overdue_at is None:
        return []
    if due.kind in TRANSITIONS:  # due from the notice day, overdue once the birthday comes unplanned
        return [(due.due_at, Stage.DUE, None), (due.overdue_at, Stage.OVERDUE, None)]
    return [
        (start_of_day(due.day - context.soon, context.tz), Stage.SOON, None),
        (due.due_at, Stage.DUE, None),
        (due.overdue_at, Stage.OVERDUE, None),
    ]


def _escalation(due: Due, context: ReminderContext) -> tuple[datetime, Stage] | None:
    if due.kind is DeadlineKind.RHI:
        return due.due_at, Stage.ESCALATED
    if due.kind is DeadlineKind.REPEAT_MISSING:
        return due.due_at, Stage.FLAG
    if due.kind in DAY_KINDS and due.day is not None:
        return start_of_day(due.day + context.escalate_after, context.tz), Stage.ESCALATED
    return None


def _closes_at(due: Due, context: ReminderContext) -> datetime | None:
    """When a deadline ends by itself: an unplanned transition once it has been overdue for
    ``transition_overdue_days``, a repeat-missing flag with its window."""
    if due.kind in TRANSITIONS and due.overdue_at is not None:
        birthday = local_day(due.overdue_at, context.tz)
        return start_of_day(birthday + timedelta(days=context.rules.transition_overdue_days), context.tz)
    if due.kind is DeadlineKind.REPEAT_MISSING:
        return due.due_at + timedelta(days=context.rules.repeat_missing_days)
    return None


def assess(
    due: Due, context: ReminderContext, snoozed_until: datetime | None = None
) -> tuple[list[Planned], datetime | None]:
    """The reminders ``due`` calls for at ``now`` (at most one for its PA, at most one escalation), and
    the first instant after ``now`` at which that answer can change with no fact changing: the sweep
    looks at the person again then.

    While snoozed the PA gets nothing. When the snooze ends, the stage then current is sent once more
    under a key naming the snooze, so "remind me tomorrow" does remind them. A snooze never holds back
    the escalation to the manager. Stages of a go-live backlog deadline that had begun when the sweep
    first looked (``go_live_backlog``) are not planned: the digest lists it.
    """
    now = context.now
    if due.day is not None and (due.kind in DAY_KINDS or due.kind in TRANSITIONS):
        # Most deadlines are weeks away: nothing to send until the first stage begins.
        first = start_of_day(due.day - context.soon, context.tz) if due.kind in DAY_KINDS else due.due_at
        if now < first:
            return [], first
    base = key_base(due)
    urgent = due.kind is DeadlineKind.RHI
    found: list[Planned] = []
    upcoming: list[datetime] = []
    current = None
    for step in _pa_steps(due, context):
        if step[0] <= now:
            current = step
        else:
            upcoming.append(step[0])
            break
    snoozed = snoozed_until is not None and snoozed_until > now
    backlog_until = go_live_backlog(due, context)
    if current is not None and not snoozed:
        begins, stage, hours_left = current
        suffix = f"{stage}{hours_left or ''}"
        after_snooze = snoozed_until is not None and begins < snoozed_until
        if after_snooze:
            suffix += f":after{snoozed_until:%Y%m%dT%H%MZ}"
        # A PA who snoozed a backlog deadline asked to be reminded: that reminder goes.
        if backlog_until is None or begins > backlog_until or after_snooze:
            found.append(Planned(base + suffix, due, stage, Audience.PA, urgent, hours_left))
    escalation = _escalation(due, context)
    if escalation is not None:
        if escalation[0] <= now:
            if backlog_until is None or escalation[0] > backlog_until:
                found.append(Planned(base + escalation[1], due, escalation[1], Audience.MANAGER, urgent))
        else:
            upcoming.append(escalation[0])
    if snoozed_until is not None and snoozed_until > now:
        upcoming.append(snoozed_until)
    closes = _closes_at(due, context)
    if closes is not None and closes > now:
        upcoming.append(closes)
    return found, min(upcoming, default=None)


def in_quiet_hours(moment: datetime, reminders: ReminderSettings, service: ServiceSettings) -> bool:
    local = moment.astimezone(service.tz).time()
    start, end = reminders.quiet_hours_start, reminders.quiet_hours_end
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def send_time(urgent: bool, now: datetime, reminders: ReminderSettings, service: ServiceSettings) -> datetime:
    """When a reminder queued at ``now`` may go: urgent ones now unless in quiet hours, the rest in
    working hours (weekends and the region's bank holidays off)."""
    if not urgent:
        return next_working_time(now, service)
    if not in_quiet_hours(now, reminders, service):
        return now
    local = now.astimezone(service.tz)
    end = datetime.combine(local.date(), reminders.quiet_hours_end, service.tz)
    if end <= local:
        end = datetime.combine(local.date() + timedelta(days=1), reminders.quiet_hours_end, service.tz)
    return end


def digest_due(now: datetime, reminders: ReminderSettings, service: ServiceSettings) -> bool:
    """Whether the PAs' morning digest may go: a working day, from the digest time to the end of the
    working day (so a bot that was down at the digest time still sends it later that day)."""
    local = now.astimezone(service.tz)
    return (
        is_working_day(local.date(), service.bank_holiday_region)
        and reminders.digest_time <= local.time() < service.working_day_end
    )
