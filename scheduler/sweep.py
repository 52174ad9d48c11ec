"""The sweep: open deadlines at ``now`` become the reminders they call for, queued in the outbox.

The database is the truth: reminders are not scheduler jobs. Each reminder has a unique idempotency key,
so running the sweep twice, at any two times, or in two processes at once never queues one twice; a
crash before a transaction commits queues nothing of it, and the next tick queues it all again.

A person's reminders change only when a stage of one of their deadlines begins or a recorded fact
changes. So the sweep evaluates only the people whose time has come (``sweep_schedule``, which triggers
mark due on every fact change) and writes down when to look at each again: a tick costs what changed, not
the size of the service. Everyone is still looked at at least once a day.
"""

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.bulk import collector_paused
from bot.config import Settings
from bot.models import OutboxMessage, Role
from bot.store import Database, deadline_facts, outbox, snoozes, staff, sweep_schedule
from bot.wording import pa as pa_words
from bot.wording import staff as staff_words
from scheduler import compose, open_work
from scheduler.reminders import Audience, Planned, ReminderContext, assess, digest_due, key_base, send_time
from scheduler.rules import (
    Due,
    EpisodeFacts,
    PersonFacts,
    RuleContext,
    deadlines_for,
    fact_window,
    start_of_day,
)

LOOK_AGAIN_WITHIN = timedelta(days=1)
MINUTES_PER_DAY = 24 * 60
YIELD_EVERY = 2000  # people (or messages) between two yields to the event loop, so chats stay answered
DIGESTS_PER_TICK = 250
PEOPLE_A_TRANSACTION = 10_000
KIND_PREFIX = {Audience.PA: "reminder", Audience.MANAGER: "escalation"}


@dataclass(frozen=True)
class Directory:
    """Who can be reached: the Telegram chat of each active, linked staff member, and each team's managers."""

    chats: dict[int, int]
    names: dict[int, str]
    managers: dict[int, list[int]]

    @classmethod
    async def load(cls, db: Database) -> "Directory":
        chats, names, managers = {}, {}, defaultdict(list)
        for member in await staff.all_staff(db.reader):
            assert member.id is not None
            names[member.id] = member.name
            if not member.active or member.telegram_user_id is None:
                continue
            chats[member.id] = member.telegram_user_id
            if member.role is Role.MANAGER and member.team_id is not None:
                managers[member.team_id].append(member.id)
        return cls(chats=chats, names=names, managers=dict(managers))

    def recipients(self, planned: Planned) -> list[tuple[str, int]]:
        """(key, chat) for each person a reminder goes to. A PA's reminder for a young person with no
        reachable PA goes to the team's managers instead, each under their own key."""
        person = planned.due.person
        pa_chat = self.chats.get(person.pa_id) if person.pa_id is not None else None
        if planned.audience is Audience.PA and pa_chat is not None:
            return [(planned.key, pa_chat)]
        managers = self.managers.get(person.team_id, []) if person.team_id is not None else []
        return [(f"{planned.key}:to{manager}", self.chats[manager]) for manager in managers]


@dataclass
class SweepResult:
    """What one sweep found and did: people looked at, open deadlines, reminders planned, the new
    messages, when to look at each person again, and how many rows were actually added."""

    evaluated: int = 0
    deadlines: int = 0
    planned: int = 0
    messages: list[OutboxMessage] = field(default_factory=list)
    wakes: list[tuple[int, str, int]] = field(default_factory=list)
    replacing: list[outbox.Replacement] = field(default_factory=list)
    queued: int = 0


async def plan_messages(
    db: Database, now: datetime, settings: Settings, *, everyone: bool = False
) -> SweepResult:
    """The outbox rows the sweep would add at ``now`` (new keys only) and when to look at each person
    again. Nothing is written. ``everyone`` evaluates every person, not only those whose time has come."""
    versions = None if everyone else await sweep_schedule.due(db.reader, now)
    result = await _plan_people(db, now, settings, versions)
    if digest_due(now, settings.reminders, settings.service):
        result.messages += await _digests(
            db, RuleContext.at(now, settings.rules, settings.service.tz), settings
        )
    return result


async def _plan_people(
    db: Database, now: datetime, settings: Settings, versions: dict[int, int] | None
) -> SweepResult:
    """``plan_messages`` for the people in ``versions`` (each with the schedule version read), or for
    everyone if None."""
    context = RuleContext.at(now, settings.rules, settings.service.tz)
    result = SweepResult()
    if versions is None or versions:
        with collector_paused():  # a lot's facts, deadlines and reminders are built in bulk
            people, episodes = await deadline_facts.read(
                db, fact_window(context), person_ids=None if versions is None else list(versions)
            )
            directory = await Directory.load(db)
            snoozed = await snoozes.all_snoozes(db.reader)
            wake_at, candidates = await _evaluate(
                people, episodes, context, settings, directory, snoozed, result
            )
            result.messages = await _new_messages(db, directory, candidates, context, settings, result)
        if versions is not None:
            never = sweep_schedule.NEVER
            result.wakes = [
                (person_id, wake_at.get(person_id, never), version) for person_id, version in versions.items()
            ]
    return result


async def _evaluate(
    people: list[PersonFacts],
    episodes: dict[int, list[EpisodeFacts]],
    context: RuleContext,
    settings: Settings,
    directory: Directory,
    snoozed: dict[str, datetime],
    result: SweepResult,
) -> tuple[dict[int, str], list[tuple[str, int, Planned]]]:
    """Run the rules and plan reminders for ``people``, counting in ``result``. Returns each person's
    next time to be looked at, and the (key, chat, reminder) candidates to queue if new."""
    now = context.now
    planning = ReminderContext.at(now, settings.reminders, settings.rules, settings.service)
    wake_at: dict[int, str] = {}
    candidates: list[tuple[str, int, Planned]] = []
    no_episodes: list[EpisodeFacts] = []
    deadlines = planned_count = 0
    for count, person in enumerate(people, start=1):
        # At least once a day, spread over the day by person so the safety net is never a burst.
        wake = now + LOOK_AGAIN_WITHIN + timedelta(minutes=person.id % MINUTES_PER_DAY)
        if person.left_service_on is not None:
            wake = min(wake, start_of_day(person.left_service_on, context.tz))
        for due in deadlines_for(person, episodes.get(person.id, no_episodes), context):
            deadlines += 1
            planned_now, change = assess(due, planning, snoozed.get(due.subject))
            for planned in planned_now:
                planned_count += 1
                candidates.extend((key, chat, planned) for key, chat in directory.recipients(planned))
            if change is not None and change < wake:
                wake = change
        wake_at[person.id] = wake.isoformat()
        if count % YIELD_EVERY == 0:
            await asyncio.sleep(0)
    result.evaluated, result.deadlines, result.planned = len(people), deadlines, planned_count
    return wake_at, candidates


async def _new_messages(
    db: Database,
    directory: Directory,
    candidates: list[tuple[str, int, Planned]],
    context: RuleContext,
    settings: Settings,
    result: SweepResult,
) -> list[OutboxMessage]:
    """Messages for the candidates whose key is not in the outbox yet: texts are built only for those.

    A PA's new stage replaces any earlier stage of the same deadline still waiting to go (noted in
    ``result.replacing``): after a weekend the PA gets "overdue", not also Friday's "due today".
    """
    if not candidates:
        return []
    tz, rules, reminders, service = context.tz, settings.rules, settings.reminders, settings.service
    existing = await outbox.existing_keys(db.reader, [key for key, _, _ in candidates])
    messages = []
    for count, (key, chat, planned) in enumerate(candidates, start=1):
        if count % YIELD_EVERY == 0:
            await asyncio.sleep(0)
        if key in existing:
            continue
        pa_id = planned.due.person.pa_id
        pa_name = directory.names.get(pa_id, staff_words.NO_PA) if pa_id is not None else staff_words.NO_PA
        kind = f"{KIND_PREFIX[planned.audience]}:{planned.due.kind.value}"
        if planned.audience is Audience.PA:
            result.replacing.append(outbox.Replacement(key_base(planned.due), kind, chat, key))
        # Buttons only for the PA: a reminder passed to managers (no PA to reach) is for information.
        to_the_pa = key == planned.key
        messages.append(
            OutboxMessage(
                idempotency_key=key,
                kind=kind,
                chat_id=chat,
                text=compose.reminder_text(planned, tz, rules, pa_name),
                reply_markup=compose.reminder_markup(planned) if to_the_pa else None,
                due_at=send_time(planned.urgent, context.now, reminders, service),
                created_at=context.now,
            )
        )
    return messages


async def _digests(db: Database, context: RuleContext, settings: Settings) -> list[OutboxMessage]:
    """Morning digests for PAs who have not had today's, a batch per tick."""
    today = context.today.isoformat()
    waiting = await outbox.pas_without_digest(db.reader, today, limit=DIGESTS_PER_TICK)
    if not waiting:
        return []
    people, episodes = await deadline_facts.read(db, fact_window(context), pa_ids=list(waiting))
    by_pa: dict[int, list[Due]] = defaultdict(list)
    caseloads: dict[int, list[PersonFacts]] = defaultdict(list)
    no_episodes: list[EpisodeFacts] = []
    for person in people:
        assert person.pa_id is not None
        caseloads[person.pa_id].append(person)
        by_pa[person.pa_id] += deadlines_for(person, episodes.get(person.id, no_episodes), context)
    planning = ReminderContext.at(context.now, settings.reminders, settings.rules, settings.service)
    work = await open_work.read(db.reader, [person.id for person in people])
    work_by_pa = open_work.split(work, {person.id: person.pa_id for person in people if person.pa_id})
    named = {person.id: person for person in people}
    messages = []
    for pa_id, chat in waiting.items():
        text = compose.digest_text(by_pa[pa_id], caseloads[pa_id], planning)
        text = open_work.with_digest(
            text, work_by_pa.get(pa_id), named, context.now, settings.rules, context.tz
        )
        # An empty digest is not sent, but its key is still taken (as a cancelled row), so the PA is not
        # looked at again on every tick until the end of the day.
        messages.append(
            OutboxMessage(
                idempotency_key=f"digest:{pa_id}:{today}",
                kind="digest",
                chat_id=chat,
                text=text or pa_words.DIGEST_EMPTY,
                due_at=context.now,
                created_at=context.now,
                cancelled_at=None if text else context.now,
            )
        )
    return messages


async def sweep(db: Database, now: datetime, settings: Settings) -> SweepResult:
    """Queue every reminder due at ``now`` and reschedule the people looked at; ``queued`` counts the rows
    actually added.

    People are looked at ``PEOPLE_A_TRANSACTION`` at a time, each lot planned and written in its own
    transaction: on a normal tick that is everyone due, and at go-live (the whole service due at once) the
    bot never holds everyone's facts and reminders in memory together. A crash part-way loses nothing:
    the lots not yet written are still due, and keys already queued are not queued again.
    """
    due = list((await sweep_schedule.due(db.reader, now)).items())
    total = SweepResult()
    for start in range(0, len(due), PEOPLE_A_TRANSACTION):
        lot = await _plan_people(db, now, settings, dict(due[start : start + PEOPLE_A_TRANSACTION]))
        await _write(db, lot, now)
        total.evaluated += lot.evaluated
        total.deadlines += lot.deadlines
        total.planned += lot.planned
        total.queued += lot.queued
        total.messages += lot.messages
    if digest_due(now, settings.reminders, settings.service):
        digests = SweepResult(
            messages=await _digests(db, RuleContext.at(now, settings.rules, settings.service.tz), settings)
        )
        await _write(db, digests, now)
        total.queued += digests.queued
        total.messages += digests.messages
    return total


async def _write(db: Database, result: SweepResult, now: datetime) -> None:
    async with db.transaction() as tx:
        result.queued = await outbox.enqueue_many(tx, result.messages)
        await outbox.replace_earlier(tx, result.replacing, now)
        await sweep_schedule.reschedule(tx, result.wakes, now)
