"""The sweep: open deadlines at ``now`` become the reminders they call for, queued in the outbox.

The database is the truth: reminders are not scheduler jobs. Each reminder has a unique idempotency key,
so running the sweep twice, at any two times, or in two processes at once never queues one twice; a
crash before a transaction commits queues nothing of it, and the next tick queues it all again.

A person's reminders change only when a stage of one of their deadlines begins or a recorded fact
changes. So the sweep evaluates only the people whose time has come (``sweep_schedule``, which triggers
mark due on every fact change) and writes down when to look at each again: a tick costs what changed, not
the size of the service. Everyone is still looked at at least once a day.

Each reminder row names its young person and deadline, so whenever the sweep looks at someone it also
withdraws their unsent reminders whose deadline has closed, however it closed (a press, an import, the
command line, leaving, death). Who each reminder goes to, and which wait for someone to join the bot, is
``scheduler.routing``'s answer.
"""

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.bulk import collector_paused
from bot.config import Settings
from bot.models import OutboxMessage
from bot.outbox.buttons import to_json
from bot.store import Database, deadline_facts, outbox, snoozes, sweep_schedule
from bot.wording import pa as pa_words
from bot.wording import staff as staff_words
from scheduler import compose, open_work, waiting
from scheduler.reminders import ReminderContext, Route, assess, digest_due, key_base, send_time
from scheduler.routing import Delivery, Directory, Waiting
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


@dataclass
class SweepResult:
    """What one sweep found and did: people looked at, open deadlines, reminders planned, the new
    messages, the reminders waiting for someone to join, the unsent rows whose deadline has closed, when
    to look at each person again, and how many rows were actually added and withdrawn."""

    evaluated: int = 0
    deadlines: int = 0
    planned: int = 0
    messages: list[OutboxMessage] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    wakes: list[tuple[int, str, int]] = field(default_factory=list)
    replacing: list[outbox.Replacement] = field(default_factory=list)
    queued: int = 0
    withdrawn: int = 0


async def plan_messages(
    db: Database, now: datetime, settings: Settings, *, everyone: bool = False
) -> SweepResult:
    """The outbox rows the sweep would add at ``now`` (new keys only) and when to look at each person
    again. Nothing is written. ``everyone`` evaluates every person, not only those whose time has come."""
    versions = None if everyone else await sweep_schedule.due(db.reader, now)
    result = await _plan_people(db, now, settings, versions)
    if digest_due(now, settings.reminders, settings.service):
        context = RuleContext.at(now, settings.rules, settings.service.tz)
        result.messages += await _morning(db, context, settings)
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
            person_ids = None if versions is None else list(versions)
            # Unsent reminders of the people looked at: those whose deadline is no longer open go.
            unsent = [] if person_ids is None else await outbox.unsent_about(db.reader, person_ids)
            people, episodes = await deadline_facts.read(db, fact_window(context), person_ids=person_ids)
            directory = await Directory.load(db)
            snoozed = await snoozes.all_snoozes(db.reader)
            open_keys: dict[int, list[str]] = {row.person_id: [] for row in unsent}
            wake_at, deliveries = await _evaluate(
                people, episodes, context, settings, directory, snoozed, result, open_keys
            )
            result.stale = [
                row.id
                for row in unsent
                if not any(row.key.startswith(base) for base in open_keys[row.person_id])
            ]
            result.messages = await _new_messages(db, directory, deliveries, context, settings, result)
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
    open_keys: dict[int, list[str]],
) -> tuple[dict[int, str], list[Delivery]]:
    """Run the rules and plan reminders for ``people``, counting in ``result`` (and noting there the
    reminders that wait for someone to join). Returns each person's next time to be looked at, and the
    deliveries to queue if new. For the people in ``open_keys`` (those with unsent reminders), fills in
    the key prefix of each open deadline."""
    now = context.now
    planning = ReminderContext.at(now, settings.reminders, settings.rules, settings.service)
    wake_at: dict[int, str] = {}
    candidates: list[Delivery] = []
    no_episodes: list[EpisodeFacts] = []
    deadlines = planned_count = 0
    for count, person in enumerate(people, start=1):
        # At least once a day, spread over the day by person so the safety net is never a burst.
        wake = now + LOOK_AGAIN_WITHIN + timedelta(minutes=person.id % MINUTES_PER_DAY)
        if person.left_service_on is not None:
            wake = min(wake, start_of_day(person.left_service_on, context.tz))
        still_open = open_keys.get(person.id)
        for due in deadlines_for(person, episodes.get(person.id, no_episodes), context):
            deadlines += 1
            if still_open is not None:
                still_open.append(key_base(due))
            planned_now, change = assess(due, planning, snoozed.get(due.subject))
            for planned in planned_now:
                planned_count += 1
                deliveries, waits = directory.route(planned)
                candidates += deliveries
                if waits is not None:
                    result.waiting.append(waits)
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
    deliveries: list[Delivery],
    context: RuleContext,
    settings: Settings,
    result: SweepResult,
) -> list[OutboxMessage]:
    """Messages for the deliveries whose key is not in the outbox yet: texts are built only for those
    (and written again when each is sent: ``scheduler.render``).

    A PA's new stage replaces any earlier stage of the same deadline still waiting to go (noted in
    ``result.replacing``): after a weekend the PA gets "overdue", not also Friday's "due today".
    """
    if not deliveries:
        return []
    reminders, service = settings.reminders, settings.service
    planning = ReminderContext.at(context.now, reminders, settings.rules, service)
    existing = await outbox.existing_keys(db.reader, [delivery.key for delivery in deliveries])
    messages = []
    for count, delivery in enumerate(deliveries, start=1):
        if count % YIELD_EVERY == 0:
            await asyncio.sleep(0)
        if delivery.key in existing:
            continue
        planned, route = delivery.planned, delivery.route
        due = planned.due
        pa_id = due.person.pa_id
        pa_name = directory.name(pa_id, staff_words.NO_PA)
        kind = f"{route.value}:{due.kind.value}"
        if route in (Route.REMINDER, Route.NO_PA):
            result.replacing.append(outbox.Replacement(key_base(due), kind, delivery.chat, delivery.key))
        text = compose.reminder_text(due, route, planning, pa_name)
        messages.append(
            OutboxMessage(
                idempotency_key=delivery.key,
                kind=kind,
                chat_id=delivery.chat,
                text=text,
                reply_markup=to_json(compose.reminder_buttons(due, route, pa_name)),
                due_at=send_time(planned.urgent, context.now, reminders, service),
                created_at=context.now,
                person_id=due.person.id,
                subject=due.subject,
            )
        )
    return messages


async def _morning(db: Database, context: RuleContext, settings: Settings) -> list[OutboxMessage]:
    """What goes on working mornings: PAs' digests, and managers' lists of reminders waiting for PAs who
    have not joined."""
    return await _digests(db, context, settings) + await waiting.notices(db, context, settings)


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
        total.withdrawn += lot.withdrawn
        total.messages += lot.messages
        total.waiting += lot.waiting
    if digest_due(now, settings.reminders, settings.service):
        digests = SweepResult(
            messages=await _morning(db, RuleContext.at(now, settings.rules, settings.service.tz), settings)
        )
        await _write(db, digests, now)
        total.queued += digests.queued
        total.messages += digests.messages
    return total


async def _write(db: Database, result: SweepResult, now: datetime) -> None:
    """Write a lot in one transaction, the cycle collector still paused: turning its messages into rows
    builds many short-lived objects, and a full collection set off here would walk everything the lot
    built (freed as usual by reference counting)."""
    with collector_paused():
        await _write_lot(db, result, now)


async def _write_lot(db: Database, result: SweepResult, now: datetime) -> None:
    async with db.transaction() as tx:
        result.withdrawn = await outbox.withdraw(tx, result.stale, now) if result.stale else 0
        result.queued = await outbox.enqueue_many(tx, result.messages)
        await outbox.replace_earlier(tx, result.replacing, now)
        await sweep_schedule.reschedule(tx, result.wakes, now)
