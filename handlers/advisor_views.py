"""What a PA sees in the chat: their caseload, what is due, the steps of recording what was done, and
young people's passports. Pure: text (plain, or HTML where the function says so) and buttons as data.

Every word comes from ``bot.wording.pa``; every button's data from ``bot.callbacks.ADVISOR``.
"""

from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.callbacks import ADVISOR, Advisor
from bot.config import RuleSettings
from bot.models import RECORDABLE_CONTACT_METHODS, EpisodeKind, MissingEpisode, YoungPerson
from bot.models_leaver import AlertState, Handoff
from bot.outbox.buttons import Button, Keyboard
from bot.services import escalation, passport
from bot.services.advisor import CaseLine
from bot.wording import pa as words
from bot.wording.staff import WHAT, day_text, moment_text, who
from handlers.views import escape
from scheduler import compose
from scheduler import open_work as open_lines
from scheduler.deadlines import DeadlineStatus
from scheduler.open_work import OpenWork
from scheduler.reminders import TRANSITIONS
from scheduler.rules import Due

DUE_BUTTONS = 20


def person_of(person: YoungPerson) -> str:
    return who(person.preferred_name, person.case_ref)


def when(due: Due, tz: ZoneInfo) -> str:
    """When a deadline falls, as the caseload and /due say it."""
    if due.day is None:
        return words.STATUS_RHI.format(moment=moment_text(due.due_at, tz))
    if due.kind in TRANSITIONS and due.status is not DeadlineStatus.UPCOMING:
        turns = day_text(compose.birthday_of(due, tz))
        if due.status is DeadlineStatus.OVERDUE:
            return words.STATUS_TRANSITION_OVERDUE.format(age=words.TRANSITION_AGE[due.kind], day=turns)
        return words.STATUS_TRANSITION.format(day=turns)
    if due.status is DeadlineStatus.OVERDUE:
        return words.STATUS_OVERDUE.format(day=day_text(due.day))
    if due.status is DeadlineStatus.DUE:
        return words.STATUS_DUE
    return words.STATUS_UPCOMING.format(day=day_text(due.day))


def case_line(line: CaseLine, tz: ZoneInfo) -> str:
    person = person_of(line.person)
    if line.next_due is None:
        text = words.CASELOAD_NOTHING_OPEN.format(person=person)
    else:
        what = WHAT[line.next_due.kind]
        text = words.CASELOAD_LINE.format(person=person, what=what, when=when(line.next_due, tz))
    contact = line.last_contact
    if contact is None:
        return words.CASELOAD_NO_CONTACT.format(line=text)
    return words.CASELOAD_LAST_CONTACT.format(
        line=text, day=day_text(contact.contacted_on), how=words.CONTACT_HOW[contact.method.value]
    )


def caseload(lines: list[CaseLine], tz: ZoneInfo) -> list[str]:
    return [words.CASELOAD_TITLE.format(count=len(lines)), *(case_line(line, tz) for line in lines)]


def due_list(found: list[Due], tz: ZoneInfo) -> tuple[str, Keyboard]:
    """/due: a button per deadline (the first ``DUE_BUTTONS``), each opening it with its own buttons."""
    buttons = tuple(
        (
            Button(
                f"{due.person.preferred_name or due.person.case_ref}: {WHAT[due.kind]}, {when(due, tz)}",
                ADVISOR.encode(Advisor.OPEN, due.kind.value, compose.target_id(due)),
            ),
        )
        for due in found[:DUE_BUTTONS]
    )
    text = words.DUE_TITLE.format(count=len(found))
    if len(found) > DUE_BUTTONS:
        text += "\n" + words.DUE_MORE.format(shown=DUE_BUTTONS)
    return text, buttons


def open_work(
    work: OpenWork, people: Mapping[int, YoungPerson], now: datetime, rules: RuleSettings, tz: ZoneInfo
) -> tuple[str, Keyboard]:
    """/due's open work, above the deadlines: a button per open alert or request (oldest first, the first
    ``DUE_BUTTONS``) that shows it again with its answer buttons, and who is missing now."""
    parts, buttons = [], []
    if work.alerts:
        parts.append(words.DUE_OPEN_TITLE.format(count=len(work.alerts)))
        buttons = [
            (
                Button(
                    open_lines.alert_line(alert, people[alert.young_person_id], now),
                    ADVISOR.encode(Advisor.ALERT, alert.id),
                ),
            )
            for alert in work.alerts[:DUE_BUTTONS]
        ]
    if work.missing:
        lines = [
            f"- {open_lines.missing_line(episode, people[episode.young_person_id], now, rules, tz)}"
            for episode in work.missing
        ]
        parts.append("\n".join([words.DUE_MISSING_TITLE.format(count=len(work.missing)), *lines]))
    return "\n\n".join(parts), tuple(buttons)


def due_view(
    found: list[Due],
    work: OpenWork,
    people: Mapping[int, YoungPerson],
    now: datetime,
    rules: RuleSettings,
    tz: ZoneInfo,
) -> tuple[str, Keyboard]:
    """/due: open alerts and requests and who is missing now (when there are any), then the deadlines."""
    if not work:
        return due_list(found, tz)
    text, buttons = open_work(work, people, now, rules, tz)
    if found:
        deadlines, deadline_buttons = due_list(found, tz)
        return f"{text}\n\n{deadlines}", buttons + deadline_buttons
    return f"{text}\n\n{words.DUE_NONE}", buttons


def alert(record: Handoff, person: YoungPerson, now: datetime) -> tuple[str, Keyboard]:
    """One open alert or request again, from /due, with its answer buttons."""
    assert record.id is not None
    labels = escalation.labels_for(record, is_pa=record.to_staff_id == person.pa_id)
    buttons = () if record.state is AlertState.CLOSED else escalation.answer_keyboard(record.id, labels)
    return open_lines.alert_line(record, person, now), buttons


def deadline(due: Due, tz: ZoneInfo) -> tuple[str, Keyboard]:
    """One deadline with the buttons of its kind, as on its reminder."""
    return f"{person_of(due.person)}: {WHAT[due.kind]}, {when(due, tz)}.", compose.buttons(due)


def people_to_pick(lines: list[CaseLine]) -> Keyboard:
    """/missing: whom it is about."""
    return tuple(
        (Button(person_of(line.person), ADVISOR.encode(Advisor.MISSING_PERSON, line.person.id)),)
        for line in lines
    )


def ask_method(person: YoungPerson) -> tuple[str, Keyboard]:
    buttons = tuple(
        (
            Button(
                words.METHOD_LABELS[method.value],
                ADVISOR.encode(Advisor.CONTACT_METHOD, person.id, method.value),
            ),
        )
        for method in RECORDABLE_CONTACT_METHODS
    )
    return words.ASK_METHOD.format(person=person_of(person)), buttons


def _day_label(day: date, today: date) -> str:
    if day == today:
        return words.TODAY
    return words.YESTERDAY if (today - day).days == 1 else day_text(day)


def day_buttons(days: list[date], action: Advisor, *fields: object) -> Keyboard:
    """One button per day the PA can record, most recent first (``days[0]`` is today)."""
    today = days[0]
    return tuple(
        (Button(_day_label(day, today), ADVISOR.encode(action, *fields, (today - day).days)),) for day in days
    )


def snooze_options(due: Due, target: int, options: tuple[str, ...]) -> tuple[str, Keyboard]:
    text = words.ASK_SNOOZE.format(what=WHAT[due.kind], person=person_of(due.person))
    buttons = tuple(
        (
            Button(
                words.SNOOZE_LABELS[option],
                ADVISOR.encode(Advisor.SNOOZE_FOR, due.kind.value, target, option),
            ),
        )
        for option in options
    )
    return text, buttons


def episode_moment(at: datetime, time_known: bool, tz: ZoneInfo) -> str:
    if time_known:
        return moment_text(at, tz)
    return words.TIME_NOT_KNOWN.format(day=day_text(at.astimezone(tz).date()))


def ask_missing(person: YoungPerson, current: MissingEpisode | None, tz: ZoneInfo) -> tuple[str, Keyboard]:
    """Missing or away now (or since when); or, if they are missing now, when they came back."""
    if current is None:
        missing, away = EpisodeKind.MISSING.value, EpisodeKind.AWAY.value
        start = Advisor.MISSING_START
        buttons = (
            (Button(words.MISSING_NOW, ADVISOR.encode(start, person.id, missing, "now")),),
            (Button(words.MISSING_TODAY, ADVISOR.encode(start, person.id, missing, "today")),),
            (Button(words.MISSING_YESTERDAY, ADVISOR.encode(start, person.id, missing, "yesterday")),),
            (Button(words.AWAY_NOW, ADVISOR.encode(start, person.id, away, "now")),),
        )
        return words.MISSING_ASK_START.format(person=person_of(person)), buttons
    assert current.id is not None
    buttons = tuple(
        (Button(label, ADVISOR.encode(Advisor.MISSING_RETURN, current.id, moment)),)
        for label, moment in (
            (words.BACK_NOW, "now"),
            (words.BACK_TODAY, "today"),
            (words.BACK_YESTERDAY, "yesterday"),
        )
    )
    text = words.MISSING_ASK_RETURN.format(
        person=person_of(person), kind=current.kind.value, moment=moment_text(current.started_at, tz)
    )
    return text, buttons


def passport_lines(caseload: list[passport.PersonPassport]) -> list[str]:
    """/passport (HTML): per young person, progress, readiness and what they want help with."""
    lines = [words.PASSPORT_HEADER] if caseload else [words.NO_CASELOAD]
    for entry in caseload:
        person = entry.person
        line = words.PERSON_LINE.format(
            who=(
                words.PERSON_NAMED.format(
                    name=escape(person.preferred_name), case_ref=escape(person.case_ref)
                )
                if person.preferred_name
                else words.PERSON_UNNAMED.format(case_ref=escape(person.case_ref))
            ),
            done=entry.done,
            total=entry.total,
        )
        if entry.readiness is not None:
            line += words.READINESS.format(score=entry.readiness)
        lines.append(line)
        sections = ", ".join(
            f"{escape(part.section.title)} {part.done}/{part.total}" for part in entry.sections
        )
        lines.append(words.SECTION_LINE.format(sections=sections))
        if entry.help_wanted:
            lines.append(words.HELP_LINE.format(items="; ".join(escape(item) for item in entry.help_wanted)))
    return lines
