"""Which reminder a deadline calls for at ``now``, under which idempotency key, and when it may go out.

Pure: the sweep calls ``plan`` for every open deadline on every tick. Each deadline has stages (due soon,
due, overdue; an RHI also "24 hours left" and "6 hours left"), and an escalation to the team manager.
Only the latest stage that has begun is planned for the PA: a bot that was down for a week sends one
"overdue", not the three stages it missed. Each stage has its own key, so a stage is queued once however
often, or at whatever times, the sweep runs.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.config import ReminderSettings, RuleSettings, ServiceSettings
from bot.workdays import is_working_day, next_working_time
from scheduler.deadlines import DeadlineKind
from scheduler.rules import Due, start_of_day

DAY_KINDS = frozenset({DeadlineKind.CONTACT, DeadlineKind.PATHWAY_REVIEW, DeadlineKind.NEEDS_ASSESSMENT})
TRANSITIONS = frozenset({DeadlineKind.TRANSITION_18, DeadlineKind.TRANSITION_21, DeadlineKind.TRANSITION_25})


class Audience(StrEnum):
    PA = "pa"
    MANAGER = "manager"


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
class _Step:
    stage: Stage
    begins: datetime
    hours_left: int | None = None


def key_base(due: Due) -> str:
    """The key prefix every reminder about this deadline shares (``outbox.cancel`` takes it).

    An RHI's key carries its deadline, so a corrected return time gives fresh reminders with the new
    time; day-based subjects already carry their due day.
    """
    if due.kind is DeadlineKind.RHI:
        return f"{due.subject}:{due.due_at:%Y%m%dT%H%MZ}:"
    return f"{due.subject}:"


def _pa_steps(
    due: Due, reminders: ReminderSettings, rules: RuleSettings, service: ServiceSettings
) -> list[_Step]:
    tz = service.tz
    if due.kind is DeadlineKind.RHI:
        returned = due.due_at - timedelta(hours=rules.rhi_hours)
        steps = [_Step(Stage.DUE, returned)]
        for hours in sorted(reminders.rhi_warning_hours, reverse=True):
            begins = due.due_at - timedelta(hours=hours)
            if begins > returned:
                steps.append(_Step(Stage.HOURS_LEFT, begins, hours))
        steps.append(_Step(Stage.OVERDUE, due.due_at))
        return steps
    if due.day is None:
        return []
    if due.kind in TRANSITIONS:
        return [_Step(Stage.DUE, due.due_at)]
    return [
        _Step(Stage.SOON, start_of_day(due.day - timedelta(days=reminders.due_soon_days), tz)),
        _Step(Stage.DUE, due.due_at),
        _Step(Stage.OVERDUE, start_of_day(due.day + timedelta(days=1), tz)),
    ]


def _escalation(due: Due, reminders: ReminderSettings, service: ServiceSettings) -> _Step | None:
    if due.kind is DeadlineKind.RHI:
        return _Step(Stage.ESCALATED, due.due_at)
    if due.kind is DeadlineKind.REPEAT_MISSING:
        return _Step(Stage.FLAG, due.due_at)
    if due.kind in DAY_KINDS and due.day is not None:
        late = due.day + timedelta(days=1 + reminders.escalate_after_days)
        return _Step(Stage.ESCALATED, start_of_day(late, service.tz))
    return None


def plan(
    due: Due,
    now: datetime,
    reminders: ReminderSettings,
    rules: RuleSettings,
    service: ServiceSettings,
    snoozed_until: datetime | None = None,
) -> list[Planned]:
    """The reminders ``due`` calls for at ``now``: at most one for its PA, and at most one escalation.

    While snoozed the PA gets nothing. When the snooze ends, the stage then current is sent once more
    under a key naming the snooze, so "remind me tomorrow" does remind them.
    """
    base = key_base(due)
    urgent = due.kind is DeadlineKind.RHI
    found: list[Planned] = []
    begun = [step for step in _pa_steps(due, reminders, rules, service) if step.begins <= now]
    if begun and (snoozed_until is None or snoozed_until <= now):
        step = begun[-1]
        suffix = f"{step.stage}{step.hours_left or ''}"
        if snoozed_until is not None and step.begins < snoozed_until:
            suffix += f":after{snoozed_until:%Y%m%dT%H%MZ}"
        found.append(Planned(base + suffix, due, step.stage, Audience.PA, urgent, step.hours_left))
    escalation = _escalation(due, reminders, service)
    if escalation is not None and escalation.begins <= now:
        found.append(Planned(base + escalation.stage, due, escalation.stage, Audience.MANAGER, urgent))
    return found


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
