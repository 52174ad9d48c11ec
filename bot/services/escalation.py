"""Who hears about a hand-off or a crisis alert, and who next while nobody answers it: the ladder.

- Rung 0, its owners: the young person's PA (when active and linked); for a crisis out of working hours,
  the duty contacts on call at that moment as well (the ``safety.rota`` shifts covering it, else
  ``safety.duty_chat_id``).
- Rung 1, the team manager(s): for a crisis ``safety.ack_minutes`` (danger now or risk) after rung 0 went
  out; for a request, at the end of the next working day.
- Rungs 2 and on, crisis only: ``safety.escalation_chain``, one at a time, each ``ack_minutes`` after the
  one before.

A rung that reached nobody (nobody to send to, or Telegram refused every chat on it because the person
blocked the bot) is passed over at once. Every message is an outbox row under the alert's keys
(``handoff:<id>:pa``, ``:duty:<chat>``, ``:escalate:<manager id>``, ``:escalate:chain<n>``), so each step
goes once however often this runs; an answer cancels the rungs still waiting (``:escalate``).

``advance`` works a ladder out again from the rows already queued: it is called when an alert is raised,
after its first messages were tried, and by the tick for every alert nobody has answered
(``look_again_at``), so a restart loses no step.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.callbacks import HANDOFF
from bot.config import SafetySettings, Settings
from bot.models import OutboxMessage, Role, Staff, YoungPerson
from bot.models_leaver import AlertState, Handoff, HandoffKind, Response
from bot.outbox.buttons import Button, Keyboard, to_json
from bot.store import Database, handoffs, outbox, people, staff
from bot.wording import manager as manager_words
from bot.wording import pa as pa_words
from bot.wording.staff import NO_PA, moment_text, who
from bot.workdays import end_of_next_working_day, in_working_hours
from content.schema import Risk

OWNERS, MANAGERS = 0, 1


@dataclass(frozen=True)
class Contact:
    """Someone who can be sent an alert: a chat, the name others know them by, and their staff record."""

    chat_id: int
    name: str
    staff_id: int | None = None


def on_call(now: datetime, safety: SafetySettings, tz: ZoneInfo) -> list[Contact]:
    """The duty contacts at ``now``: every rota shift covering it, or else the one duty chat (if set)."""
    local = now.astimezone(tz)
    shifts = [
        Contact(shift.chat_id, shift.name)
        for shift in safety.rota
        if shift.covers(local.weekday(), local.time())
    ]
    if shifts:
        return list({contact.chat_id: contact for contact in shifts}.values())
    return [Contact(safety.duty_chat_id, safety.duty_name)] if safety.duty_chat_id else []


def contact_name(chat_id: int, safety: SafetySettings) -> str | None:
    """The configured name of a duty or chain chat, for telling others who answered."""
    for contact in (*safety.rota, *safety.escalation_chain):
        if contact.chat_id == chat_id:
            return contact.name
    return safety.duty_name if chat_id == safety.duty_chat_id else None


# Keys: every message about one alert starts with its prefix.


def key_prefix(handoff_id: int) -> str:
    return f"handoff:{handoff_id}:"


def pa_key(handoff_id: int) -> str:
    return f"handoff:{handoff_id}:pa"


def duty_key(handoff_id: int, chat_id: int) -> str:
    return f"handoff:{handoff_id}:duty:{chat_id}"


def escalation_prefix(handoff_id: int) -> str:
    return f"handoff:{handoff_id}:escalate"


def rung_of(key: str) -> int | None:
    """Which rung a message about an alert belongs to; None for the rest (replies, notes)."""
    parts = key.split(":")
    if len(parts) < 3:
        return None
    step = parts[2]
    if step in ("pa", "duty"):
        return OWNERS
    if step == "escalate" and len(parts) > 3:
        return MANAGERS + int(parts[3][5:]) if parts[3].startswith("chain") else MANAGERS
    return None


def answer_keyboard(handoff_id: int, labels: dict[Response, str]) -> Keyboard:
    """The answer buttons under an alert or a request, one row."""
    return (tuple(Button(label, HANDOFF.encode(answer, handoff_id)) for answer, label in labels.items()),)


def labels_for(record: Handoff, *, is_pa: bool) -> dict[Response, str]:
    """A request: the PA's I'll call today / later / Done. A crisis: the PA's I'm on it / I'll call today
    / Done; anyone else's I've seen it / I'm on it / Done."""
    if record.kind is not HandoffKind.CRISIS:
        return pa_words.BUTTONS
    return pa_words.CRISIS_BUTTONS if is_pa else pa_words.ON_CALL_BUTTONS


# Who is on each rung.


async def reachable_pa(tx: aiosqlite.Connection, person: YoungPerson) -> Staff | None:
    """The young person's PA, if active and linked to Telegram (blocking is found out by sending)."""
    if person.pa_id is None:
        return None
    pa = await staff.get(tx, person.pa_id)
    return pa if pa is not None and pa.active and pa.telegram_user_id is not None else None


async def managers(tx: aiosqlite.Connection, person: YoungPerson) -> list[Contact]:
    if person.team_id is None:
        return []
    return [
        Contact(member.telegram_user_id, member.name, member.id)
        for member in await staff.in_team(tx, person.team_id, Role.MANAGER)
        if member.active and member.telegram_user_id is not None and member.id is not None
    ]


async def owners(
    tx: aiosqlite.Connection, record: Handoff, person: YoungPerson, settings: Settings
) -> list[tuple[str, Contact]]:
    """Rung 0 as (key, contact): the PA; and for a crisis out of working hours, the duty contacts."""
    assert record.id is not None
    found = []
    pa = await reachable_pa(tx, person)
    if pa is not None and pa.telegram_user_id is not None:
        found.append((pa_key(record.id), Contact(pa.telegram_user_id, pa.name, pa.id)))
    if record.kind is HandoffKind.CRISIS and not in_working_hours(record.created_at, settings.service):
        for contact in on_call(record.created_at, settings.safety, settings.service.tz):
            if all(contact.chat_id != held.chat_id for _, held in found):
                found.append((duty_key(record.id, contact.chat_id), contact))
    return found


def top_rung(record: Handoff, settings: Settings) -> int:
    """The last rung: the managers for a request, the end of the chain for a crisis."""
    if record.kind is HandoffKind.CRISIS:
        return MANAGERS + len(settings.safety.escalation_chain)
    return MANAGERS


def ack_time(record: Handoff, settings: Settings) -> timedelta:
    minutes = settings.safety.ack_minutes
    return timedelta(minutes=minutes.danger_now if record.danger_now else minutes.risk)


def _next_due(record: Handoff, rung_due: datetime, settings: Settings) -> datetime:
    """When the rung after one that went out at ``rung_due`` goes, if nobody answers."""
    if record.kind is HandoffKind.CRISIS:
        return rung_due + ack_time(record, settings)
    return end_of_next_working_day(record.created_at, settings.service)


async def _rung_contacts(
    tx: aiosqlite.Connection, record: Handoff, person: YoungPerson, rung: int, settings: Settings
) -> list[tuple[str, Contact]]:
    assert record.id is not None
    if rung == MANAGERS:
        return [
            (f"{escalation_prefix(record.id)}:{contact.staff_id}", contact)
            for contact in await managers(tx, person)
        ]
    link = settings.safety.escalation_chain[rung - MANAGERS - 1]
    return [(f"{escalation_prefix(record.id)}:chain{rung - MANAGERS}", Contact(link.chat_id, link.name))]


# Working the ladder out.


@dataclass
class Ladder:
    """An alert's messages by rung, and which chats have blocked the bot."""

    rows: dict[int, list[OutboxMessage]]
    refused: set[int]

    @classmethod
    async def read(cls, connection: aiosqlite.Connection, handoff_id: int) -> "Ladder":
        by_rung: dict[int, list[OutboxMessage]] = defaultdict(list)
        every = await outbox.with_prefix(connection, key_prefix(handoff_id))
        for row in every:
            rung = rung_of(row.idempotency_key)
            if rung is not None:
                by_rung[rung].append(row)
        return cls(dict(by_rung), await outbox.refused_chats(connection, [row.chat_id for row in every]))

    def reached(self, rung: int) -> list[OutboxMessage]:
        """The rung's messages that can still arrive: not refused, not to a chat that blocked the bot."""
        return [
            row
            for row in self.rows.get(rung, [])
            if row.chat_id not in self.refused and not (row.cancelled_at is not None and row.last_error)
        ]

    def settled(self, rung: int) -> bool:
        """Every message on the rung has been sent or given up (so whether it reached anyone is known)."""
        return all(row.sent_at is not None or row.cancelled_at is not None for row in self.rows.get(rung, []))

    def chats(self) -> set[int]:
        return {row.chat_id for rows in self.rows.values() for row in rows}


@dataclass(frozen=True)
class Advanced:
    record: Handoff
    due_now: list[str]


async def advance(tx: aiosqlite.Connection, record: Handoff, now: datetime, settings: Settings) -> Advanced:
    """Queue each rung whose time has come (at the latest: a rung that reached nobody is passed over at
    once) and note when to look again. Returns the record as saved and the keys due now.

    Nothing happens to an alert someone has answered."""
    assert record.id is not None
    if record.state is not AlertState.RAISED:
        return Advanced(record, [])
    person = await people.get(tx, record.young_person_id)
    if person is None:
        return Advanced(record, [])
    ladder = await Ladder.read(tx, record.id)
    top, due_now = top_rung(record, settings), []
    rung, planned, look_again = OWNERS, record.created_at, None
    while rung < top:
        rung_due = min((row.due_at for row in ladder.rows.get(rung, [])), default=planned)
        if rung_due > now:
            look_again = rung_due if look_again is None else min(look_again, rung_due)
            break
        if not ladder.settled(rung):
            look_again = now  # whether this rung reached anyone is not known yet
        following = rung + 1
        when = _next_due(record, rung_due, settings) if ladder.reached(rung) else rung_due
        queued = ladder.rows.get(following)
        if queued is None:
            queued = await _queue_rung(tx, record, person, following, ladder, when, now, settings)
            if queued:
                ladder.rows[following] = queued
        else:
            late = [
                row
                for row in queued
                if row.sent_at is None and row.cancelled_at is None and row.due_at > when
            ]
            if late:
                text = await _rung_text(tx, record, person, ladder, following, settings)
                await outbox.bring_forward(tx, [row.idempotency_key for row in late], when, text)
                ladder.rows[following] = [
                    row.model_copy(update={"due_at": when, "text": text}) if row in late else row
                    for row in queued
                ]
        if when <= now:
            due_now += [
                row.idempotency_key
                for row in ladder.rows.get(following, [])
                if row.sent_at is None and row.cancelled_at is None
            ]
        rung, planned = following, when
    # Once the last rung is queued nothing follows it, so there is nothing to look at again.
    updated = record.model_copy(
        update={"escalation_level": max(rung, record.escalation_level), "look_again_at": look_again}
    )
    if updated != record:
        await handoffs.save(tx, updated)
    return Advanced(updated, due_now)


async def _queue_rung(
    tx: aiosqlite.Connection,
    record: Handoff,
    person: YoungPerson,
    rung: int,
    ladder: Ladder,
    due_at: datetime,
    now: datetime,
    settings: Settings,
) -> list[OutboxMessage]:
    """Queue the messages of one rung above the owners (the managers, or one link of the chain)."""
    assert record.id is not None
    text = await _rung_text(tx, record, person, ladder, rung, settings)
    held = ladder.chats()
    rows = []
    for key, contact in await _rung_contacts(tx, record, person, rung, settings):
        if contact.chat_id in held:
            continue
        row = OutboxMessage(
            idempotency_key=key,
            kind="crisis_escalation" if record.kind is HandoffKind.CRISIS else "handoff_escalation",
            chat_id=contact.chat_id,
            text=text,
            reply_markup=to_json(answer_keyboard(record.id, labels_for(record, is_pa=False))),
            due_at=due_at,
            created_at=now,
        )
        await outbox.enqueue(tx, row)
        rows.append(row)
    return rows


async def _rung_text(
    tx: aiosqlite.Connection,
    record: Handoff,
    person: YoungPerson,
    ladder: Ladder,
    rung: int,
    settings: Settings,
) -> str:
    """The text of a rung's messages, from the rungs below it."""
    ladder = Ladder({below: rows for below, rows in ladder.rows.items() if below < rung}, ladder.refused)
    pa = await staff.get(tx, person.pa_id) if person.pa_id is not None else None
    names = {}
    for rows in ladder.rows.values():
        for row in rows:
            names[row.idempotency_key] = await _held_by(tx, row, settings)
    return escalation_text(record, person, ladder, settings, pa.name if pa else None, names)


def escalation_text(
    record: Handoff,
    person: YoungPerson,
    ladder: Ladder,
    settings: Settings,
    pa_name: str | None,
    names: dict[str, str],
) -> str:
    """What a manager, or the next in the chain, reads: who, what and when, and who had it before them
    (``names``: how each earlier message's reader is named, by key)."""
    name = who(person.preferred_name, person.case_ref)
    when = moment_text(record.created_at, settings.service.tz)
    kind = manager_words.KINDS[record.kind]
    reached = [row for rung in ladder.rows for row in ladder.reached(rung)]
    if record.kind is not HandoffKind.CRISIS:
        if reached:
            return manager_words.ESCALATION.format(who=name, when=when, kind=kind, pa=pa_name or NO_PA)
        return manager_words.NO_PA_ESCALATION.format(who=name, kind=kind)
    if reached:
        held = ", ".join(sorted({names[row.idempotency_key] for row in reached}))
        minutes = int(ack_time(record, settings).total_seconds() // 60)
        before = manager_words.NOBODY_ANSWERED.format(minutes=minutes, names=held)
    else:
        tried = sorted({names[row.idempotency_key] for rows in ladder.rows.values() for row in rows})
        before = (
            manager_words.NOBODY_REACHED.format(names=", ".join(tried))
            if tried
            else manager_words.NOBODY_BEFORE
        )
    risk = pa_words.RISKS[Risk(record.reason)] if record.reason in set(Risk) else ""
    return manager_words.CRISIS_ESCALATION.format(
        who=name, when=when, danger=manager_words.DANGER_WORDS[record.danger_now], risk=risk, before=before
    )


async def _held_by(tx: aiosqlite.Connection, row: OutboxMessage, settings: Settings) -> str:
    """How an earlier reader is named to the next: "their PA", a manager by name, or the duty or chain
    name."""
    step = row.idempotency_key.split(":")[2]
    if step == "pa":
        return manager_words.THEIR_PA
    if rung_of(row.idempotency_key) == MANAGERS:
        member = await staff.by_telegram_user(tx, row.chat_id)
        if member is not None:
            return member.name
    return contact_name(row.chat_id, settings.safety) or manager_words.SOMEONE


async def escalate(db: Database, now: datetime, settings: Settings) -> list[str]:
    """The tick's part: every unanswered alert whose time to look again has come is moved up its ladder.
    Returns the keys now due (the dispatcher sends them in the same tick)."""
    due_now = []
    for record in await handoffs.to_look_at(db.reader, now):
        async with db.transaction() as tx:
            current = await handoffs.get(tx, record.id or 0)
            if current is not None:
                due_now += (await advance(tx, current, now, settings)).due_now
    return due_now


async def was_sent(connection: aiosqlite.Connection, handoff_id: int, chat_id: int) -> bool:
    """Whether this chat was sent the alert itself (not a reply or a note): the test for answering it
    from a chat that is not staff (a duty contact, someone in the chain)."""
    rows = await outbox.with_prefix(connection, key_prefix(handoff_id))
    return any(
        row.chat_id == chat_id and row.sent_at is not None and rung_of(row.idempotency_key) is not None
        for row in rows
    )
