"""Turning a planned reminder into the text and buttons a PA or manager receives, and the morning digest.

Pure: built only for reminders whose key is new, so the cost is paid once per message, not per sweep.
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.callbacks import ADVISOR, Advisor
from bot.config import RuleSettings
from bot.outbox.buttons import Button, Keyboard, to_json
from bot.wording import manager as manager_words
from bot.wording import pa as pa_words
from bot.wording import staff as staff_words
from scheduler.deadlines import DeadlineKind, DeadlineStatus
from scheduler.reminders import TRANSITIONS, Audience, Planned, ReminderContext, Stage, go_live_backlog
from scheduler.rules import Due, PersonFacts

DIGEST_LINES_PER_SECTION = 10
DIGEST_LONGEST = 3


def target_id(due: Due) -> int:
    """The record a button acts on: the episode for an RHI, otherwise the young person."""
    if due.kind is DeadlineKind.RHI:
        return int(due.subject.split(":")[1])
    return due.person.id


def reminder_text(planned: Planned, tz: ZoneInfo, rules: RuleSettings, pa_name: str) -> str:
    due = planned.due
    person = staff_words.who(due.person.preferred_name, due.person.case_ref)
    if planned.audience is Audience.MANAGER:
        if planned.stage is Stage.FLAG:
            return manager_words.repeat_missing(
                person, pa_name, rules.repeat_missing_episodes, rules.repeat_missing_days
            )
        since = staff_words.moment_text(due.due_at, tz) if due.day is None else staff_words.day_text(due.day)
        return manager_words.escalated(due.kind, person, pa_name, since)
    if due.kind is DeadlineKind.RHI:
        deadline = staff_words.moment_text(due.due_at, tz)
        if planned.stage is Stage.HOURS_LEFT and planned.hours_left is not None:
            return pa_words.rhi_hours_left(person, planned.hours_left, deadline)
        if planned.stage is Stage.OVERDUE:
            return pa_words.rhi_overdue(person, deadline)
        return pa_words.rhi_started(person, deadline)
    assert due.day is not None
    if due.kind in TRANSITIONS:
        birthday = due.day + timedelta(days=rules.transition_notice_days)
        return pa_words.transition(due.kind, person, birthday)
    if planned.stage is Stage.SOON:
        return pa_words.soon(due.kind, person, due.day)
    if planned.stage is Stage.OVERDUE:
        return pa_words.overdue(due.kind, person, due.day)
    return pa_words.due_today(due.kind, person)


def buttons(due: Due) -> Keyboard:
    """The buttons for a deadline: record it done, or snooze it."""
    record = target_id(due)
    snooze = Button(pa_words.BUTTON_SNOOZE, ADVISOR.encode(Advisor.SNOOZE, due.kind.value, record))
    if due.kind is DeadlineKind.RHI:
        return (
            (
                Button(pa_words.BUTTON_RHI_OFFERED, ADVISOR.encode(Advisor.RHI_OFFERED, record)),
                Button(pa_words.BUTTON_RHI_DONE, ADVISOR.encode(Advisor.RHI_DONE, record)),
                Button(pa_words.BUTTON_RHI_DECLINED, ADVISOR.encode(Advisor.RHI_DECLINED, record)),
            ),
            (snooze,),
        )
    if due.kind is DeadlineKind.CONTACT:
        return ((Button(pa_words.BUTTON_CONTACT_DONE, ADVISOR.encode(Advisor.CONTACT_DONE, record)), snooze),)
    if due.kind in (DeadlineKind.PATHWAY_REVIEW, DeadlineKind.NEEDS_ASSESSMENT):
        return ((Button(pa_words.BUTTON_REVIEW_DONE, ADVISOR.encode(Advisor.REVIEW_DONE, record)), snooze),)
    return ((snooze,),)


def reminder_markup(planned: Planned) -> str | None:
    """Buttons for the PA's reminders; a manager's escalation is for information and carries none."""
    if planned.audience is not Audience.PA or planned.due.kind is DeadlineKind.REPEAT_MISSING:
        return None
    return to_json(buttons(planned.due))


def _section(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    shown = lines[:DIGEST_LINES_PER_SECTION]
    if len(lines) > len(shown):
        shown.append(pa_words.DIGEST_MORE.format(count=len(lines) - len(shown)))
    return ["", f"{title} ({len(lines)}):", *(f"- {line}" for line in shown)]


def digest_text(dues: list[Due], people: list[PersonFacts], context: ReminderContext) -> str | None:
    """One PA's morning digest, or None when nothing is overdue, due this week or running.

    The go-live backlog (deadlines long overdue when reminders began, never sent one by one) has its own
    list after the rest, so what slipped since stays on top.
    """
    now, tz = context.now, context.tz
    today = now.astimezone(tz).date()
    week_end = today + timedelta(days=6)
    overdue, due_today, this_week, rhis, backlog = [], [], [], [], []
    for due in sorted(dues, key=lambda item: item.due_at):
        person = staff_words.who(due.person.preferred_name, due.person.case_ref)
        what = staff_words.WHAT[due.kind]
        if due.kind is DeadlineKind.RHI:
            hours = int((due.due_at - now).total_seconds() // 3600)
            left = (
                pa_words.DIGEST_HOURS_LEFT.format(hours=hours) if hours >= 0 else pa_words.DIGEST_RHI_OVERDUE
            )
            rhis.append(f"{person}: {left}")
        elif due.day is None:
            continue
        elif due.status is DeadlineStatus.OVERDUE:
            late = overdue if go_live_backlog(due, context) is None else backlog
            late.append(f"{person}: {what}, due {staff_words.day_text(due.day)}")
        elif due.status is DeadlineStatus.DUE:
            due_today.append(f"{person}: {what}")
        elif due.day <= week_end:
            this_week.append(f"{person}: {what}, {staff_words.day_text(due.day)}")
    if not (overdue or due_today or this_week or rhis or backlog):
        return None
    longest = sorted(people, key=lambda person: person.last_contact_on or date.min)[:DIGEST_LONGEST]
    contact_lines = [
        f"{staff_words.who(person.preferred_name, person.case_ref)}: "
        + (
            pa_words.DIGEST_DAYS.format(days=(today - person.last_contact_on).days)
            if person.last_contact_on
            else pa_words.DIGEST_NEVER
        )
        for person in longest
    ]
    lines = [pa_words.DIGEST_TITLE.format(day=staff_words.day_text(today))]
    lines += _section(pa_words.DIGEST_RHI, rhis)
    lines += _section(pa_words.DIGEST_OVERDUE, overdue)
    lines += _section(pa_words.DIGEST_TODAY, due_today)
    lines += _section(pa_words.DIGEST_WEEK, this_week)
    lines += _section(pa_words.DIGEST_BACKLOG, backlog)
    lines += _section(pa_words.DIGEST_LONGEST, contact_lines)
    lines += ["", pa_words.DIGEST_HINT]
    return "\n".join(lines)
