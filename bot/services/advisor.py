"""What a PA does from the chat: see their caseload and what is due, record contacts, reviews, needs
assessments, transition plans, missing episodes and return interviews, and snooze reminders.

Every call re-checks that the asker is an active PA who owns the case (``bot.services.access``), writes
the read or change to the audit log in the same transaction as the change, and cancels the reminders
that the change settles (``outbox.cancel``), so none of them is sent afterwards.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pydantic import ValidationError

from bot.config import Settings
from bot.models import (
    Contact,
    ContactMethod,
    EpisodeKind,
    Milestone,
    MilestoneKind,
    MissingEpisode,
    PathwayReview,
    Role,
    YoungPerson,
)
from bot.services.access import AccessDenied, can_see, log_staff_action
from bot.services.deadlines import open_dues
from bot.services.identity import Identity
from bot.store import Database, milestones, missing, outbox, people, reviews, snoozes
from bot.store import contacts as contact_log
from bot.workdays import next_working_time
from scheduler import open_work as open_lines
from scheduler.deadlines import DeadlineKind, DeadlineStatus
from scheduler.rules import Due, start_of_day

DAYS_BACK = 6  # how far back a contact or review can be recorded from the chat, in days
SNOOZE_OPTIONS = ("2h", "6h", "tomorrow", "week")
RHI_SNOOZE_OPTIONS = ("2h", "6h")


class AdvisorError(Exception):
    """Why something can't be done, in words for the PA. Nothing was changed."""


@dataclass(frozen=True)
class CaseLine:
    """One young person on a PA's caseload with their soonest open deadline and latest contact."""

    person: YoungPerson
    next_due: Due | None
    last_contact: Contact | None = None


def as_pa(identity: Identity) -> Identity:
    """The asker as a PA, or ``AccessDenied``: every advisor action starts here."""
    if identity.role is not Role.PA or identity.staff is None:
        raise AccessDenied("Sorry, only personal advisors can do that.")
    return identity


async def _owned(db: Database, identity: Identity, person_id: int) -> YoungPerson:
    person = await people.get(db.lookups, person_id)
    if person is None or person.left_service_on is not None or not can_see(identity, person):
        raise AccessDenied("Sorry, that young person isn't on your caseload.")
    return person


async def _owned_episode(
    db: Database, identity: Identity, episode_id: int
) -> tuple[MissingEpisode, YoungPerson]:
    episode = await missing.get(db.lookups, episode_id)
    if episode is None:
        raise AccessDenied("Sorry, that record isn't on your caseload.")
    return episode, await _owned(db, identity, episode.young_person_id)


async def case(db: Database, identity: Identity, person_id: int, now: datetime) -> YoungPerson:
    """One young person on the PA's caseload (audited), to ask what to record about them."""
    person = await _owned(db, identity, person_id)
    async with db.one_statement() as writer:
        await log_staff_action(writer, identity, "read case", now, person_id=person_id)
    return person


async def open_rhi(db: Database, episode: MissingEpisode, now: datetime, settings: Settings) -> Due | None:
    """The return interview deadline an episode has started, if any (an adult's or an away episode's
    return may start none)."""
    subject = f"rhi:{episode.id}"
    dues = await open_dues(db, now, settings, person_id=episode.young_person_id)
    return next((due for due in dues if due.subject == subject), None)


def _staff_id(identity: Identity) -> int:
    assert identity.staff is not None and identity.staff.id is not None
    return identity.staff.id


async def caseload(db: Database, identity: Identity, now: datetime, settings: Settings) -> list[CaseLine]:
    """The PA's young people, each with their soonest deadline. Each record shown is audited."""
    staff_id = _staff_id(identity)
    everyone = await people.for_pa(db.reader, staff_id)
    soonest: dict[int, Due] = {}
    for due in await open_dues(db, now, settings, pa_id=staff_id):
        soonest.setdefault(due.person.id, due)
    latest = {person.id: await contact_log.latest(db.reader, person.id or 0) for person in everyone}
    async with db.transaction() as tx:
        for person in everyone:
            await log_staff_action(tx, identity, "read caseload", now, person_id=person.id)
    return [CaseLine(person, soonest.get(person.id or 0), latest[person.id]) for person in everyone]


async def due_soon(db: Database, identity: Identity, now: datetime, settings: Settings) -> list[Due]:
    """The PA's deadlines that are overdue, due today or due within a week, soonest first (audited)."""
    today = now.astimezone(settings.service.tz).date()
    horizon = today + timedelta(days=settings.reminders.due_soon_days)
    found = [
        due
        for due in await open_dues(db, now, settings, pa_id=_staff_id(identity))
        if due.status is not DeadlineStatus.UPCOMING or (due.day is not None and due.day <= horizon)
    ]
    async with db.transaction() as tx:
        for person_id in dict.fromkeys(due.person.id for due in found):
            await log_staff_action(tx, identity, "read deadlines", now, person_id=person_id)
    return found


async def open_work(
    db: Database, identity: Identity, now: datetime
) -> tuple[open_lines.OpenWork, dict[int, YoungPerson]]:
    """The PA's open alerts and requests and who on their caseload is missing now, with the young people
    they name (each audited)."""
    everyone = {person.id: person for person in await people.for_pa(db.reader, _staff_id(identity))}
    work = await open_lines.read(db.reader, [person_id for person_id in everyone if person_id is not None])
    if named := work.people():
        async with db.transaction() as tx:
            for person_id in named:
                await log_staff_action(tx, identity, "read open work", now, person_id=person_id)
    return work, {person_id: person for person_id, person in everyone.items() if person_id is not None}


async def deadline(
    db: Database, identity: Identity, kind: DeadlineKind, target_id: int, now: datetime, settings: Settings
) -> Due:
    """One open deadline of the PA's: for an RHI ``target_id`` is the episode, otherwise the person."""
    if kind is DeadlineKind.RHI:
        _, person = await _owned_episode(db, identity, target_id)
    else:
        person = await _owned(db, identity, target_id)
    subject = f"rhi:{target_id}" if kind is DeadlineKind.RHI else None
    for due in await open_dues(db, now, settings, person_id=person.id):
        if due.kind is kind and (subject is None or due.subject == subject):
            async with db.one_statement() as writer:
                await log_staff_action(writer, identity, "read deadline", now, person_id=person.id)
            return due
    raise AdvisorError("That's already done: there's nothing open for it now.")


def _day_back(now: datetime, days_ago: int, settings: Settings) -> date:
    if not 0 <= days_ago <= DAYS_BACK:
        raise AdvisorError(f"You can record up to {DAYS_BACK} days back here.")
    return now.astimezone(settings.service.tz).date() - timedelta(days=days_ago)


async def record_contact(
    db: Database,
    identity: Identity,
    person_id: int,
    method: ContactMethod,
    days_ago: int,
    now: datetime,
    settings: Settings,
) -> tuple[YoungPerson, date]:
    """Record a contact and cancel the contact reminders it settles."""
    person = await _owned(db, identity, person_id)
    day = _day_back(now, days_ago, settings)
    async with db.transaction() as tx:
        await contact_log.add(
            tx,
            Contact(
                young_person_id=person_id,
                contacted_on=day,
                staff_id=_staff_id(identity),
                method=method,
                in_person=method is ContactMethod.VISIT,
            ),
        )
        await outbox.cancel(tx, f"{DeadlineKind.CONTACT.value}:{person_id}:", now)
        await log_staff_action(tx, identity, "record contact", now, person_id=person_id, detail=method.value)
    return person, day


async def record_review(
    db: Database, identity: Identity, person_id: int, days_ago: int, now: datetime, settings: Settings
) -> tuple[YoungPerson, date]:
    """Record a pathway-plan review (or first plan) and cancel the review and assessment reminders."""
    person = await _owned(db, identity, person_id)
    day = _day_back(now, days_ago, settings)
    async with db.transaction() as tx:
        await reviews.add(
            tx, PathwayReview(young_person_id=person_id, reviewed_on=day, staff_id=_staff_id(identity))
        )
        for kind in (DeadlineKind.PATHWAY_REVIEW, DeadlineKind.NEEDS_ASSESSMENT):
            await outbox.cancel(tx, f"{kind.value}:{person_id}:", now)
        await log_staff_action(tx, identity, "record review", now, person_id=person_id)
    return person, day


async def record_milestone(
    db: Database,
    identity: Identity,
    person_id: int,
    kind: MilestoneKind,
    days_ago: int,
    now: datetime,
    settings: Settings,
) -> tuple[YoungPerson, date]:
    """Record a once-only step as done on a day: the needs assessment, or planning for a transition.
    Cancels the reminders it settles; the deadline closes (for a transition, it is never overdue)."""
    person = await _owned(db, identity, person_id)
    day = _day_back(now, days_ago, settings)
    async with db.transaction() as tx:
        await milestones.record(
            tx,
            Milestone(
                young_person_id=person_id,
                kind=kind,
                done_on=day,
                staff_id=_staff_id(identity),
                recorded_at=now,
            ),
        )
        await outbox.cancel(tx, f"{kind.value}:{person_id}:", now)
        await log_staff_action(tx, identity, f"record {kind.value}", now, person_id=person_id)
    return person, day


async def record_rhi(
    db: Database, identity: Identity, episode_id: int, outcome: str, now: datetime
) -> tuple[YoungPerson, MissingEpisode]:
    """Record that the return interview was offered, done or declined.

    Done, or declined, closes the deadline and cancels every reminder for it still unsent. Offered is
    recorded but the deadline stays open until it is done or declined.
    """
    episode, person = await _owned_episode(db, identity, episode_id)
    if episode.returned_at is None:
        raise AdvisorError("Record their return first: the interview comes after they are back.")
    if episode.rhi_completed_at is not None or episode.rhi_declined_at is not None:
        raise AdvisorError("That return interview is already recorded as done or declined.")
    offered = episode.rhi_offered_at or now
    changes = {
        "offered": {"rhi_offered_at": offered},
        "done": {"rhi_offered_at": offered, "rhi_completed_at": now},
    }
    changes["declined"] = {"rhi_offered_at": offered, "rhi_declined_at": now}
    if outcome not in changes:
        raise AdvisorError("That button has expired.")
    try:
        updated = MissingEpisode.model_validate({**episode.model_dump(), **changes[outcome]})
    except ValidationError:
        raise AdvisorError("That time is before their return, so it can't be recorded.") from None
    async with db.transaction() as tx:
        await missing.update(tx, updated)
        if outcome != "offered":
            await outbox.cancel(tx, f"rhi:{episode_id}:", now)
        await log_staff_action(tx, identity, f"record rhi {outcome}", now, person_id=person.id)
    return person, updated


def snooze_until(option: str, now: datetime, settings: Settings) -> datetime:
    """When a snooze option ends: hours from now, or the start of working hours tomorrow or in a week."""
    hours = {"2h": 2, "6h": 6}
    if option in hours:
        return now + timedelta(hours=hours[option])
    days = {"tomorrow": 1, "week": 7}
    if option not in days:
        raise AdvisorError("That button has expired.")
    local_day = now.astimezone(settings.service.tz).date() + timedelta(days=days[option])
    return next_working_time(start_of_day(local_day, settings.service.tz), settings.service)


async def snooze(
    db: Database,
    identity: Identity,
    kind: DeadlineKind,
    target_id: int,
    option: str,
    now: datetime,
    settings: Settings,
) -> tuple[Due, datetime]:
    """Hold this deadline's reminders until the option's time. An RHI cannot be snoozed past its deadline."""
    due = await deadline(db, identity, kind, target_id, now, settings)
    until = snooze_until(option, now, settings)
    if kind is DeadlineKind.RHI and until > due.due_at:
        raise AdvisorError("An RHI can't be snoozed past its deadline. Please offer it now.")
    async with db.transaction() as tx:
        await snoozes.snooze(tx, due.subject, due.person.id, until, _staff_id(identity), now)
        await log_staff_action(
            tx, identity, "snooze reminder", now, person_id=due.person.id, detail=kind.value
        )
    return due, until


def snooze_options(kind: DeadlineKind) -> tuple[str, ...]:
    return RHI_SNOOZE_OPTIONS if kind is DeadlineKind.RHI else SNOOZE_OPTIONS


def _moment(when: str, now: datetime, settings: Settings) -> tuple[datetime, bool]:
    """(instant, time known) for a button's "now", "earlier today" or "yesterday" (time not known: the
    start of that day, the earliest and safest reading for the 72-hour clock)."""
    tz = settings.service.tz
    today = now.astimezone(tz).date()
    if when == "now":
        return now, True
    if when == "today":
        return start_of_day(today, tz), False
    if when == "yesterday":
        return start_of_day(today - timedelta(days=1), tz), False
    raise AdvisorError("That button has expired.")


async def open_episode(
    db: Database, identity: Identity, person_id: int
) -> tuple[YoungPerson, MissingEpisode | None]:
    """The young person, and their episode still open (not returned), if any."""
    person = await _owned(db, identity, person_id)
    episodes = await missing.for_person(db.reader, person_id)
    return person, next((episode for episode in reversed(episodes) if episode.returned_at is None), None)


async def start_episode(
    db: Database,
    identity: Identity,
    person_id: int,
    kind: EpisodeKind,
    when: str,
    now: datetime,
    settings: Settings,
) -> tuple[YoungPerson, MissingEpisode]:
    """Record that a young person is missing (whereabouts unknown) or away (whereabouts known)."""
    person, current = await open_episode(db, identity, person_id)
    if current is not None:
        raise AdvisorError("They are already recorded as missing. Record their return first.")
    started_at, _ = _moment(when, now, settings)
    episode = MissingEpisode(young_person_id=person_id, kind=kind, started_at=started_at)
    async with db.transaction() as tx:
        episode = await missing.add(tx, episode)
        await log_staff_action(tx, identity, f"record {kind.value}", now, person_id=person_id)
    return person, episode


async def record_return(
    db: Database, identity: Identity, episode_id: int, when: str, now: datetime, settings: Settings
) -> tuple[YoungPerson, MissingEpisode, Due | None]:
    """Record the return: for a missing under-18 this starts the 72-hour return interview clock, whose
    deadline comes back with it (None when the return starts no clock, as for an away episode)."""
    episode, person = await _owned_episode(db, identity, episode_id)
    if episode.returned_at is not None:
        raise AdvisorError("Their return is already recorded.")
    returned_at, known = _moment(when, now, settings)
    if returned_at < episode.started_at:
        raise AdvisorError("That is before they went missing. Please choose a later time.")
    updated = episode.model_copy(update={"returned_at": returned_at, "return_time_known": known})
    async with db.transaction() as tx:
        await missing.update(tx, updated)
        await log_staff_action(tx, identity, "record return", now, person_id=person.id)
    return person, updated, await open_rhi(db, updated, now, settings)


def days_back(now: datetime, settings: Settings) -> list[date]:
    """The days a contact or review can be recorded for from the chat, today first."""
    today = now.astimezone(settings.service.tz).date()
    return [today - timedelta(days=back) for back in range(DAYS_BACK + 1)]
