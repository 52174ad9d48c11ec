"""Handing a young person over to a person: a request to talk, a question, passport help, or a crisis alert.

Each is a ``handoffs`` row with an owner and a state (raised, seen, acted, closed) until a person closes
it, and outbox messages under keys that start ``handoff:<id>:`` (``bot.services.escalation`` says who gets
which, and when: the PA; out of hours, for a crisis, the duty contact as well; then the team manager and
the configured chain while nobody answers). Also under that prefix:

- ``:reply:<answer>`` the young person's "your PA has seen it", due now;
- ``:picked:<chat>`` to everyone else who had it, when the first person answers;
- ``:again:<n>`` a further request added to an open one, when it carries something new.

A young person has at most one open hand-off of each kind: a second press adds to it (``repeats``) rather
than making another, with another escalation. A crisis is never added to an earlier one: each risky
message is a new alert, passed on at once.

The caller hands the "due now" keys to ``bot.outbox.send.send_now``, then calls ``after_sending`` so a
chat that refused the message (the person blocked the bot) is passed over at once; the dispatcher
retries anything that failed otherwise.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import aiosqlite

from bot.config import Settings
from bot.models import AuditEntry, OutboxMessage, Role, YoungPerson
from bot.models_leaver import AlertState, ContactReason, Handoff, HandoffKind, PreferredTime, Response, Told
from bot.outbox.buttons import Keyboard, to_json
from bot.services import escalation
from bot.services.access import AccessDenied, can_see, log_staff_action
from bot.services.escalation import Ladder, answer_keyboard, labels_for, on_call, pa_key
from bot.services.identity import Identity
from bot.services.leaver_access import own_record
from bot.store import Database, audit, handoffs, outbox, people
from bot.wording import manager as manager_words
from bot.wording import pa as pa_words
from bot.wording.staff import moment_text, who
from bot.workdays import in_working_hours, next_working_time
from content.schema import Risk

REPEAT_CRISIS_WITHIN = timedelta(hours=1)


@dataclass(frozen=True)
class HandedOff:
    """What a hand-off did, for telling the young person honestly: who has it now (``told``, the PA's
    and the duty contacts' names), when an answer can come, and when the next person is told."""

    handoff: Handoff
    told: Told
    pa_name: str | None
    send_now: list[str] = field(default_factory=list)
    in_hours: bool = True
    answer_from: datetime | None = None
    pa_chat_id: int | None = None
    duty_names: tuple[str, ...] = ()
    next_in: timedelta | None = None
    """A crisis: how long until the next person is told if nobody answers (None: nobody follows)."""
    repeat: bool = False
    """Added to an open hand-off of the same kind rather than sent as a new one."""
    copy_to: tuple[tuple[str, int], ...] = ()
    """(key, chat) of each header a question's own words are copied after, once that key has gone."""
    pa_reached: bool = False
    """Whether the PA's own message can reach them (they have not blocked the bot)."""


def _message(
    key: str, kind: str, chat_id: int, text: str, now: datetime, *, buttons: Keyboard | None = None
) -> OutboxMessage:
    return OutboxMessage(
        idempotency_key=key,
        kind=kind,
        chat_id=chat_id,
        text=text,
        reply_markup=to_json(buttons),
        due_at=now,
        created_at=now,
    )


@dataclass(frozen=True)
class _Reach:
    """Who has a hand-off once its messages were tried."""

    told: Told
    duty_names: tuple[str, ...]
    next_in: timedelta | None
    pa_reached: bool


async def _reach(
    tx: aiosqlite.Connection, record: Handoff, now: datetime, settings: Settings
) -> tuple[Handoff, _Reach]:
    """Who has the hand-off now, for telling the young person; the record's ``told`` is kept up to date."""
    assert record.id is not None
    ladder = await Ladder.read(tx, record.id)
    owners = ladder.reached(escalation.OWNERS)
    pa_row = next((row for row in owners if row.idempotency_key == pa_key(record.id)), None)
    duty = tuple(
        escalation.contact_name(row.chat_id, settings.safety) or settings.safety.duty_name
        for row in owners
        if row is not pa_row
    )
    above = [rung for rung in ladder.rows if rung > escalation.OWNERS]
    managers_now = [row for row in ladder.reached(escalation.MANAGERS) if row.due_at <= now]
    chain_now = tuple(
        escalation.contact_name(row.chat_id, settings.safety) or manager_words.SOMEONE
        for rung in above
        if rung > escalation.MANAGERS
        for row in ladder.reached(rung)
        if row.due_at <= now
    )
    if not (duty or pa_row or managers_now):
        duty = chain_now  # nobody nearer could get it: those in the chain have it, by name
    told = Told.DUTY if duty else Told.PA if pa_row else Told.MANAGER if managers_now else Told.NOBODY
    waiting = [
        row.due_at
        for rung in above
        for row in ladder.rows[rung]
        if row.sent_at is None and row.cancelled_at is None and row.due_at > now
    ]
    next_in = min(waiting) - now if waiting and record.kind is HandoffKind.CRISIS else None
    if told is not record.told:
        record = record.model_copy(update={"told": told})
        await handoffs.save(tx, record)
    return record, _Reach(told, duty, next_in, pa_row is not None)


async def _handed(
    tx: aiosqlite.Connection,
    record: Handoff,
    send_now: list[str],
    now: datetime,
    settings: Settings,
    *,
    repeat: bool = False,
    copy_to: tuple[tuple[str, int], ...] = (),
) -> HandedOff:
    person = await people.get(tx, record.young_person_id)
    pa = await escalation.reachable_pa(tx, person) if person is not None else None
    record, reach = await _reach(tx, record, now, settings)
    in_hours = in_working_hours(now, settings.service)
    return HandedOff(
        handoff=record,
        told=reach.told,
        pa_name=pa.name if pa else None,
        send_now=send_now,
        in_hours=in_hours,
        answer_from=None if in_hours else next_working_time(now, settings.service),
        pa_chat_id=pa.telegram_user_id if pa else None,
        duty_names=reach.duty_names,
        next_in=reach.next_in,
        repeat=repeat,
        copy_to=copy_to,
        pa_reached=reach.pa_reached,
    )


async def _raise(
    db: Database,
    person: YoungPerson,
    kind: HandoffKind,
    pa_text: str,
    settings: Settings,
    now: datetime,
    *,
    reason: str | None = None,
    preferred_time: str | None = None,
    danger_now: bool = False,
    duty_text: str | None = None,
) -> HandedOff:
    """A new hand-off: its owners' messages due now, and the next rung of its ladder queued."""
    assert person.id is not None
    async with db.transaction() as tx:
        record = await handoffs.add(
            tx,
            Handoff(
                young_person_id=person.id,
                kind=kind,
                told=Told.NOBODY,
                reason=reason,
                preferred_time=preferred_time,
                danger_now=danger_now,
                created_at=now,
                last_raised_at=now,
            ),
        )
        assert record.id is not None
        contacts = await escalation.owners(tx, record, person, settings)
        pa = next((contact for key, contact in contacts if key == pa_key(record.id)), None)
        record = record.model_copy(
            update={
                "to_staff_id": pa.staff_id if pa else None,
                "to_chat_id": contacts[0][1].chat_id if contacts else None,
            }
        )
        await handoffs.save(tx, record)
        send_now = []
        for key, contact in contacts:
            is_pa = contact is pa
            text = pa_text if is_pa else (duty_text or pa_text)
            if kind is HandoffKind.CRISIS:
                text += await _crisis_footer(tx, record, person, contacts, contact, settings)
            buttons = answer_keyboard(record.id, labels_for(record, is_pa=is_pa))
            kind_label = f"handoff_{kind.value}" if is_pa else "crisis_duty"
            await outbox.enqueue(tx, _message(key, kind_label, contact.chat_id, text, now, buttons=buttons))
            send_now.append(key)
        advanced = await escalation.advance(tx, record, now, settings)
        return await _handed(tx, advanced.record, send_now + advanced.due_now, now, settings)


async def _crisis_footer(
    tx: aiosqlite.Connection,
    record: Handoff,
    person: YoungPerson,
    contacts: list[tuple[str, escalation.Contact]],
    reader: escalation.Contact,
    settings: Settings,
) -> str:
    """Below a crisis alert: how many there have been in the hour, who else has it, and what happens if
    nobody answers."""
    assert person.id is not None
    lines = []
    recent = await handoffs.count_since(
        tx, person.id, HandoffKind.CRISIS, record.created_at - REPEAT_CRISIS_WITHIN
    )
    if recent > 1:
        lines.append(pa_words.REPEAT_ALERT.format(count=recent))
    others = [
        manager_words.THEIR_PA if key == pa_key(record.id or 0) else contact.name
        for key, contact in contacts
        if contact is not reader
    ]
    if others:
        lines.append(pa_words.ALSO_TOLD.format(names=", ".join(others)))
    has_managers = bool(await escalation.managers(tx, person))
    following = (
        pa_words.NEXT_MANAGER
        if has_managers
        else pa_words.NEXT_SOMEONE
        if settings.safety.escalation_chain
        else None
    )
    minutes = int(escalation.ack_time(record, settings).total_seconds() // 60)
    if following:
        lines.append(pa_words.PRESS_TO_STOP.format(minutes=minutes, next=following))
    return "".join(f"\n{line}" for line in lines)


async def _add_to_open(
    db: Database,
    record: Handoff,
    settings: Settings,
    now: datetime,
    *,
    note: str | None,
    note_key: str = "",
    reason: str | None = None,
    preferred_time: str | None = None,
) -> HandedOff:
    """A further request of a kind already open: counted on the open one, and ``note`` passed on to
    whoever holds it, once per ``note_key`` (default: once per request). Its escalation carries on as
    it was."""
    assert record.id is not None
    async with db.transaction() as tx:
        record = record.model_copy(
            update={
                "repeats": record.repeats + 1,
                "last_raised_at": now,
                "reason": reason or record.reason,
                "preferred_time": preferred_time or record.preferred_time,
            }
        )
        await handoffs.save(tx, record)
        send_now, copy_to = [], []
        if note is not None:
            ladder = await Ladder.read(tx, record.id)
            holders = {
                row.chat_id: row.idempotency_key == pa_key(record.id)
                for rung in ladder.rows
                for row in ladder.reached(rung)
                if row.sent_at is not None
            }
            for chat, is_pa in sorted(holders.items()):
                key = f"{escalation.key_prefix(record.id)}again:{note_key or record.repeats}:{chat}"
                buttons = answer_keyboard(record.id, labels_for(record, is_pa=is_pa))
                message = _message(key, f"handoff_{record.kind.value}", chat, note, now, buttons=buttons)
                if await outbox.enqueue(tx, message):
                    send_now.append(key)
                    copy_to.append((key, chat))
        return await _handed(tx, record, send_now, now, settings, repeat=True, copy_to=tuple(copy_to))


async def _open_one(db: Database, person: YoungPerson, kind: HandoffKind) -> Handoff | None:
    assert person.id is not None
    return await handoffs.open_of_kind(db.reader, person.id, kind)


async def request_contact(
    db: Database,
    identity: Identity,
    reason: ContactReason,
    preferred_time: PreferredTime,
    *,
    settings: Settings,
    now: datetime,
) -> HandedOff:
    """ "Ask my PA to contact me", about one of a fixed list of reasons, at one of a fixed list of times.

    While one is open, asking again adds to it. The PA hears of it again only once they have answered the
    first (they might think it settled), and then at most once a day."""
    person = own_record(identity)
    name = who(person.preferred_name, person.case_ref)
    open_one = await _open_one(db, person, HandoffKind.CONTACT)
    if open_one is not None:
        what = pa_words.ASKED_AGAIN_CONTACT.format(
            reason=pa_words.REASONS[reason], time=pa_words.TIMES[preferred_time]
        )
        answered = open_one.state is not AlertState.RAISED
        note = (
            pa_words.ASKED_AGAIN.format(who=name, count=open_one.repeats + 2, what=what) if answered else None
        )
        today = now.astimezone(settings.service.tz).date().isoformat()
        return await _add_to_open(
            db,
            open_one,
            settings,
            now,
            note=note,
            note_key=today,
            reason=reason,
            preferred_time=preferred_time,
        )
    text = pa_words.CONTACT.format(
        who=name, reason=pa_words.REASONS[reason], time=pa_words.TIMES[preferred_time]
    )
    return await _raise(
        db, person, HandoffKind.CONTACT, text, settings, now, reason=reason, preferred_time=preferred_time
    )


async def pass_question(db: Database, identity: Identity, *, settings: Settings, now: datetime) -> HandedOff:
    """A question the content could not answer. Only the header is queued: the caller copies the young
    person's own message after it (``copy_to``), so its text is never stored or logged. A question while
    one is open is added to it, and passed on with its own header: every question is new."""
    person = own_record(identity)
    name = who(person.preferred_name, person.case_ref)
    open_one = await _open_one(db, person, HandoffKind.QUESTION)
    if open_one is not None:
        note = pa_words.ANOTHER_QUESTION.format(who=name)
        return await _add_to_open(db, open_one, settings, now, note=note)
    handed = await _raise(db, person, HandoffKind.QUESTION, pa_words.QUESTION.format(who=name), settings, now)
    first = pa_key(handed.handoff.id or 0)
    if handed.pa_chat_id is not None and first in handed.send_now:
        handed = replace(handed, copy_to=((first, handed.pa_chat_id),))
    return handed


async def passport_help(
    db: Database, person: YoungPerson, section: str, item: str, *, settings: Settings, now: datetime
) -> HandedOff:
    """Help with a passport item: added to an open passport request, each item passed on as it comes."""
    text = pa_words.PASSPORT_HELP.format(
        who=who(person.preferred_name, person.case_ref), section=section, item=item
    )
    open_one = await _open_one(db, person, HandoffKind.PASSPORT_HELP)
    if open_one is not None:
        return await _add_to_open(db, open_one, settings, now, note=text)
    return await _raise(db, person, HandoffKind.PASSPORT_HELP, text, settings, now, reason="passport")


async def crisis(
    db: Database,
    identity: Identity,
    risk: Risk,
    *,
    settings: Settings,
    now: datetime,
    danger_now: bool = False,
) -> HandedOff | None:
    """Alert the PA (out of hours, the duty contact as well) that a message showed this risk, and whether
    it sounded like danger now.

    None for someone the service does not know (``stranger_crisis`` covers them). Only the kind of risk is
    passed on, never the words. Every risky message is a new alert, never folded into an earlier one: the
    alert says how many there have been in the hour.
    """
    if identity.role is not Role.LEAVER or identity.person is None or identity.person.id is None:
        return None
    person = identity.person
    values = {"who": who(person.preferred_name, person.case_ref), "risk": pa_words.RISKS[risk]}
    alert, duty_alert = (
        (pa_words.DANGER_NOW, pa_words.DANGER_NOW_DUTY)
        if danger_now
        else (pa_words.CRISIS, pa_words.CRISIS_DUTY)
    )
    return await _raise(
        db,
        person,
        HandoffKind.CRISIS,
        alert.format(**values),
        settings,
        now,
        reason=risk.value,
        danger_now=danger_now,
        duty_text=duty_alert.format(**values),
    )


async def after_sending(db: Database, handed: HandedOff, now: datetime, settings: Settings) -> HandedOff:
    """Once the first messages were tried: a rung that reached nobody (a PA who blocked the bot) is passed
    over at once. ``send_now`` holds the keys newly due; the rest is as the young person should hear it."""
    assert handed.handoff.id is not None
    async with db.transaction() as tx:
        record = await handoffs.get(tx, handed.handoff.id)
        assert record is not None
        advanced = await escalation.advance(tx, record, now, settings)
        updated = await _handed(tx, advanced.record, advanced.due_now, now, settings, repeat=handed.repeat)
    return replace(updated, copy_to=handed.copy_to)


async def stranger_crisis(
    db: Database,
    telegram_user_id: int,
    message_id: int,
    risk: Risk,
    *,
    settings: Settings,
    now: datetime,
    danger_now: bool = False,
) -> tuple[list[str], list[str]]:
    """Someone who has not joined sent a message that showed this risk: tell the duty contacts on call now
    (the rota, else the one duty chat), at any hour, when there are any (there is no PA to tell). Only the
    kind of risk and their Telegram id go, never their words. Returns the outbox keys to send now and the
    names of those told (both empty without a duty contact)."""
    contacts = on_call(now, settings.safety, settings.service.tz)
    template = pa_words.STRANGER_DANGER_NOW if danger_now else pa_words.STRANGER_CRISIS
    text = template.format(risk=pa_words.RISKS[risk], telegram_id=telegram_user_id)
    keys = []
    async with db.transaction() as tx:
        for contact in contacts:
            key = f"stranger:{telegram_user_id}:{message_id}:duty:{contact.chat_id}"
            await outbox.enqueue(tx, _message(key, "crisis_duty", contact.chat_id, text, now))
            keys.append(key)
    return keys, [contact.name for contact in contacts]


@dataclass(frozen=True)
class Answerer:
    """Who answered, as the young person hears of it: their PA, or someone else by name."""

    is_pa: bool
    name: str


@dataclass(frozen=True)
class Answered:
    handoff: Handoff
    send_now: list[str]
    answerer: Answerer | None = None


async def _answerer(
    db: Database, identity: Identity, record: Handoff, person: YoungPerson, settings: Settings
) -> Answerer:
    """The asker if they may answer: staff who can see the young person, or anyone this alert was sent
    to (a duty contact, someone in the chain). Anyone else: ``AccessDenied``."""
    assert record.id is not None
    if identity.is_staff and can_see(identity, person):
        assert identity.staff is not None
        return Answerer(is_pa=identity.staff.id == person.pa_id, name=identity.staff.name)
    if identity.role is not Role.LEAVER and await escalation.was_sent(
        db.reader, record.id, identity.telegram_user_id
    ):
        name = escalation.contact_name(identity.telegram_user_id, settings.safety)
        if identity.staff is not None:
            name = identity.staff.name
        return Answerer(is_pa=False, name=name or manager_words.SOMEONE)
    raise AccessDenied()


async def answer(
    db: Database,
    identity: Identity,
    handoff_id: int,
    response: Response,
    *,
    reply: str | Callable[[Answerer], str],
    now: datetime,
    settings: Settings | None = None,
) -> Answered:
    """Someone who has the hand-off answers it: its state moves on (never back), the rungs still waiting
    are cancelled, the young person is told (in ``reply``, their own chat's words, given who answered),
    and the first answer is passed to everyone else who had it, so nobody doubles up."""
    settings = settings or Settings()  # the defaults, where a caller has no settings to hand
    record = await handoffs.get(db.reader, handoff_id)
    person = await people.get(db.reader, record.young_person_id) if record else None
    if record is None or person is None:
        raise AccessDenied()
    answerer = await _answerer(db, identity, record, person, settings)
    send_now = []
    async with db.transaction() as tx:
        current = await handoffs.get(tx, handoff_id)
        first = current is not None and current.acknowledged_at is None
        updated = await handoffs.respond(
            tx,
            handoff_id,
            response,
            now,
            staff_id=identity.staff.id if identity.staff else None,
            chat_id=identity.telegram_user_id,
        )
        assert updated is not None
        await outbox.cancel(tx, escalation.escalation_prefix(handoff_id), now)
        await _audit(tx, identity, person, response, now)
        if person.telegram_user_id is not None:
            key = f"{escalation.key_prefix(handoff_id)}reply:{response.value}"
            text = reply if isinstance(reply, str) else reply(answerer)
            if await outbox.enqueue(tx, _message(key, "handoff_reply", person.telegram_user_id, text, now)):
                send_now.append(key)
        if first:
            send_now += await _tell_the_others(
                tx, updated, person, answerer, response, identity, now, settings
            )
    return Answered(updated, send_now, answerer)


async def _audit(
    tx: aiosqlite.Connection, identity: Identity, person: YoungPerson, response: Response, now: datetime
) -> None:
    """Staff answers go in the audit log as any staff action; so does a duty contact's, by chat."""
    if identity.is_staff:
        await log_staff_action(
            tx, identity, "handoff.answer", now, person_id=person.id, detail=response.value
        )
        return
    await audit.record(
        tx,
        AuditEntry(
            at=now,
            actor_role="on_call",
            action="handoff.answer",
            young_person_id=person.id,
            detail=f"{response.value} by chat {identity.telegram_user_id}",
        ),
    )


async def _tell_the_others(
    tx: aiosqlite.Connection,
    record: Handoff,
    person: YoungPerson,
    answerer: Answerer,
    response: Response,
    identity: Identity,
    now: datetime,
    settings: Settings,
) -> list[str]:
    assert record.id is not None
    ladder = await Ladder.read(tx, record.id)
    others = sorted(
        {row.chat_id for rung in ladder.rows for row in ladder.rows[rung] if row.sent_at is not None}
        - {identity.telegram_user_id}
    )
    text = pa_words.PICKED_UP.format(
        who=answerer.name,
        person=who(person.preferred_name, person.case_ref),
        kind=manager_words.KINDS[record.kind],
        answer=pa_words.ANSWER_LABELS[response],
        moment=moment_text(now, settings.service.tz),
    )
    keys = []
    for chat in others:
        key = f"{escalation.key_prefix(record.id)}picked:{chat}"
        if await outbox.enqueue(tx, _message(key, "handoff_picked_up", chat, text, now)):
            keys.append(key)
    return keys


async def open_alert(
    db: Database, identity: Identity, handoff_id: int, now: datetime
) -> tuple[Handoff, YoungPerson]:
    """One hand-off of the PA's own young people, to show again with its buttons (from /due); audited."""
    record = await handoffs.get(db.reader, handoff_id)
    person = await people.get(db.reader, record.young_person_id) if record else None
    if record is None or person is None or not can_see(identity, person):
        raise AccessDenied()
    async with db.one_statement() as writer:
        await log_staff_action(writer, identity, "read alert", now, person_id=person.id)
    return record, person
