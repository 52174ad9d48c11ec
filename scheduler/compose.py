"""Turning a deadline into the text and buttons of a reminder to a PA or manager, and the morning digest.

Pure. A reminder's text is written from the deadline as it stands at the moment given: when the sweep
queues it, and again when it is sent (``scheduler.render``), so it is true when it arrives.
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.callbacks import ADVISOR, STAFFING, Advisor, Staffing
from bot.outbox.buttons import Button, Keyboard
from bot.wording import manager as manager_words
from bot.wording import pa as pa_words
from bot.wording import staff as staff_words
from scheduler.deadlines import DeadlineKind, DeadlineStatus, local_day
from scheduler.reminders import TRANSITIONS, ReminderContext, Route, go_live_backlog
from scheduler.rules import Due, PersonFacts

DIGEST_LINES_PER_SECTION = 10
DIGEST_LONGEST = 3


def target_id(due: Due) -> int:
    """The record a button acts on: the episode for an RHI, otherwise the young person."""
    if due.kind is DeadlineKind.RHI:
        return int(due.subject.split(":")[1])
    return due.person.id


def birthday_of(due: Due, tz: ZoneInfo) -> date:
    """A transition's birthday: the day it becomes overdue."""
    assert due.overdue_at is not None
    return local_day(due.overdue_at, tz)


def pa_text(due: Due, context: ReminderContext) -> str:
    """A PA's reminder as it stands at ``context.now``: what the text says follows the deadline's status
    and the time left then, not the stage that queued it, so a message held through quiet hours or a
    weekend is still true when it arrives."""
    tz, now = context.tz, context.now
    person = staff_words.who(due.person.preferred_name, due.person.case_ref)
    if due.kind is DeadlineKind.RHI:
        deadline = staff_words.moment_text(due.due_at, tz)
        if due.status is DeadlineStatus.OVERDUE:
            return pa_words.rhi_overdue(person, deadline)
        left = due.due_at - now
        if context.warnings and left <= timedelta(hours=context.warnings[0]):
            return pa_words.rhi_hours_left(person, left, deadline)
        return pa_words.rhi_started(person, deadline)
    assert due.day is not None
    if due.kind in TRANSITIONS:
        if due.status is DeadlineStatus.OVERDUE:
            return pa_words.transition_missed(due.kind, person, birthday_of(due, tz))
        return pa_words.transition(due.kind, person, birthday_of(due, tz))
    if due.status is DeadlineStatus.UPCOMING:
        return pa_words.soon(due.kind, person, due.day)
    if due.status is DeadlineStatus.OVERDUE:
        return pa_words.overdue(due.kind, person, due.day)
    return pa_words.due_today(due.kind, person)


def reminder_text(due: Due, route: Route, context: ReminderContext, pa_name: str) -> str:
    """What a reminder says at ``context.now``, for the way it goes (``Route``)."""
    person = staff_words.who(due.person.preferred_name, due.person.case_ref)
    if route is Route.ESCALATION:
        rules = context.rules
        if due.kind is DeadlineKind.REPEAT_MISSING:
            return manager_words.repeat_missing(
                person, pa_name, rules.repeat_missing_episodes, rules.repeat_missing_days
            )
        since = (
            staff_words.moment_text(due.due_at, context.tz)
            if due.day is None
            else staff_words.day_text(due.day)
        )
        return manager_words.escalated(due.kind, person, pa_name, since)
    text = pa_text(due, context)
    if route is Route.WAITING:
        return f"{manager_words.waiting_for(pa_name)}\n{text}"
    if route is Route.NO_PA:
        # The young person's PA has left (the route is taken only without an active PA), or they have none.
        has_pa = due.person.pa_id is not None
        reason = manager_words.pa_not_active(person, pa_name) if has_pa else manager_words.no_pa(person)
        return f"{reason}\n{text}"
    return text


DONE_BUTTONS = {
    DeadlineKind.CONTACT: (pa_words.BUTTON_CONTACT_DONE, Advisor.CONTACT_DONE, ()),
    DeadlineKind.PATHWAY_REVIEW: (pa_words.BUTTON_REVIEW_DONE, Advisor.REVIEW_DONE, ()),
    DeadlineKind.NEEDS_ASSESSMENT: (pa_words.BUTTON_ASSESSMENT_DONE, Advisor.ASSESSMENT_DONE, ()),
    **{kind: (pa_words.BUTTON_PLANNED, Advisor.PLANNED, (kind.value,)) for kind in TRANSITIONS},
}
"""The button that records each kind done (an RHI has three: offered, done, declined)."""


def buttons(due: Due) -> Keyboard:
    """The buttons for a deadline, those of its kind: record it done (or planned), or snooze it."""
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
    done = DONE_BUTTONS.get(due.kind)
    if done is None:
        return ((snooze,),)
    label, action, fields = done
    return ((Button(label, ADVISOR.encode(action, *fields, record)), snooze),)


def reminder_buttons(due: Due, route: Route, pa_name: str) -> Keyboard | None:
    """The PA's own reminders carry the buttons of their kind; a reminder waiting for a PA who has not
    joined carries the button to send their invite again; the rest are for information."""
    if route is Route.REMINDER and due.kind is not DeadlineKind.REPEAT_MISSING:
        return buttons(due)
    if route is Route.WAITING and due.person.pa_id is not None:
        return (invite_again_button(due.person.pa_id, pa_name),)
    return None


def invite_again_button(pa_id: int, pa_name: str) -> tuple[Button, ...]:
    """A row with the button a manager presses for a new invite link for a PA who has not joined."""
    label = manager_words.BUTTON_INVITE_AGAIN.format(pa=pa_name)
    return (Button(label, STAFFING.encode(Staffing.INVITE_AGAIN, pa_id)),)


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
    overdue, due_today, this_week, rhis, backlog, birthdays = [], [], [], [], [], []
    for due in sorted(dues, key=lambda item: item.due_at):
        person = staff_words.who(due.person.preferred_name, due.person.case_ref)
        what = staff_words.WHAT[due.kind]
        if due.kind is DeadlineKind.RHI:
            left = due.due_at - now
            passed = due.status is DeadlineStatus.OVERDUE
            rhis.append(f"{person}: {pa_words.DIGEST_RHI_OVERDUE if passed else pa_words.hours_left(left)}")
        elif due.day is None:
            continue
        elif due.status is DeadlineStatus.OVERDUE:
            late = overdue if go_live_backlog(due, context) is None else backlog
            if due.kind in TRANSITIONS:
                turned = pa_words.DIGEST_TURNED.format(
                    age=pa_words.TRANSITION_AGE[due.kind], day=staff_words.day_text(birthday_of(due, tz))
                )
                late.append(f"{person}: {what}, {turned}")
            else:
                late.append(f"{person}: {what}, due {staff_words.day_text(due.day)}")
        elif due.kind in TRANSITIONS and due.status is DeadlineStatus.DUE:
            turns = pa_words.DIGEST_TURNS.format(
                age=pa_words.TRANSITION_AGE[due.kind], day=staff_words.day_text(birthday_of(due, tz))
            )
            birthdays.append(f"{person}: {turns}")
        elif due.status is DeadlineStatus.DUE:
            due_today.append(f"{person}: {what}")
        elif due.day <= week_end:
            this_week.append(f"{person}: {what}, {staff_words.day_text(due.day)}")
    if not (overdue or due_today or this_week or rhis or backlog or birthdays):
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
    lines += _section(pa_words.DIGEST_TRANSITIONS, birthdays)
    lines += _section(pa_words.DIGEST_BACKLOG, backlog)
    lines += _section(pa_words.DIGEST_LONGEST, contact_lines)
    lines += ["", pa_words.DIGEST_HINT]
    return "\n".join(lines)
