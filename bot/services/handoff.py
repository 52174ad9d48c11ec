"""Handing a young person over to a person: their PA, the team manager, or the out-of-hours duty contact.

Every hand-off is a row in ``handoffs`` plus outbox messages under keys that start ``handoff:<id>:``:

- ``:pa`` the PA's message, with buttons (I'll call today / later / done), due now;
- ``:escalate:<manager id>`` the team manager's message, due at the end of the next working day, cancelled
  when the PA answers;
- ``:duty`` (crisis, out of hours) the duty contact's message, due now;
- ``:reply:<answer>`` the young person's "your PA has seen it", due now.

The caller hands the "due now" keys to ``bot.outbox.send.send_now``; the dispatcher retries any that fail.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import aiosqlite

from bot.callbacks import HANDOFF
from bot.config import Settings
from bot.models import OutboxMessage, Role, Staff, YoungPerson
from bot.models_leaver import ContactReason, Handoff, HandoffKind, PreferredTime, Response, Told
from bot.outbox.buttons import Button, Keyboard, to_json
from bot.services.access import AccessDenied, can_see, log_staff_action
from bot.services.identity import Identity
from bot.services.leaver_access import own_record
from bot.store import Database, handoffs, outbox, people, staff
from bot.wording import manager as manager_words
from bot.wording import pa as pa_words
from bot.wording.staff import who
from bot.workdays import end_of_next_working_day, in_working_hours, next_working_time
from content.schema import Risk

REPEAT_CRISIS_WITHIN = timedelta(hours=1)


@dataclass(frozen=True)
class HandedOff:
    handoff: Handoff
    told: Told
    pa_name: str | None
    send_now: list[str] = field(default_factory=list)
    in_hours: bool = True
    answer_from: datetime | None = None
    pa_chat_id: int | None = None

    @property
    def reached_pa(self) -> bool:
        """Whether the PA's own message was queued (a question's words are then copied after it)."""
        return pa_key(self.handoff) in self.send_now


def pa_key(record: Handoff) -> str:
    return f"handoff:{record.id}:pa"


def ack_keyboard(handoff_id: int) -> Keyboard:
    """I'll call today / later / Done, under the PA's copy of a request or an alert."""
    return (
        tuple(
            Button(label, HANDOFF.encode(response, handoff_id))
            for response, label in pa_words.BUTTONS.items()
        ),
    )


def _message(
    key: str, kind: str, chat_id: int, text: str, now: datetime, due_at: datetime, **extra
) -> OutboxMessage:
    return OutboxMessage(
        idempotency_key=key, kind=kind, chat_id=chat_id, text=text, due_at=due_at, created_at=now, **extra
    )


async def _reachable_pa(tx: aiosqlite.Connection, person: YoungPerson) -> Staff | None:
    if person.pa_id is None:
        return None
    pa = await staff.get(tx, person.pa_id)
    return pa if pa is not None and pa.active and pa.telegram_user_id is not None else None


async def _managers(tx: aiosqlite.Connection, person: YoungPerson) -> list[Staff]:
    if person.team_id is None:
        return []
    team = await staff.in_team(tx, person.team_id, Role.MANAGER)
    return [member for member in team if member.active and member.telegram_user_id is not None]


async def _hand_off(
    db: Database,
    person: YoungPerson,
    kind: HandoffKind,
    pa_text: str,
    settings: Settings,
    now: datetime,
    *,
    reason: str | None = None,
    preferred_time: str | None = None,
    duty_text: str | None = None,
) -> HandedOff:
    """Queue a hand-off to the PA (or the duty contact out of hours, for a crisis) and its escalation."""
    in_hours = in_working_hours(now, settings.service)
    duty_chat = settings.safety.duty_chat_id if duty_text and not in_hours else 0
    escalate_at = end_of_next_working_day(now, settings.service)
    send_now: list[str] = []
    async with db.transaction() as tx:
        pa = await _reachable_pa(tx, person)
        managers = await _managers(tx, person)
        if duty_chat:
            told = Told.DUTY
        elif pa is not None:
            told = Told.PA
        else:
            told = Told.MANAGER if managers else Told.NOBODY
        record = await handoffs.add(
            tx,
            Handoff(
                young_person_id=person.id,
                kind=kind,
                to_staff_id=pa.id if pa else None,
                to_chat_id=duty_chat or (pa.telegram_user_id if pa else None),
                told=told,
                reason=reason,
                preferred_time=preferred_time,
                created_at=now,
            ),
        )
        assert record.id is not None
        prefix = f"handoff:{record.id}"
        if duty_chat and duty_text:
            await outbox.enqueue(
                tx, _message(f"{prefix}:duty", "crisis_duty", duty_chat, duty_text, now, now)
            )
            send_now.append(f"{prefix}:duty")
        if pa is not None and pa.telegram_user_id is not None:
            await outbox.enqueue(
                tx,
                _message(
                    pa_key(record),
                    f"handoff_{kind.value}",
                    pa.telegram_user_id,
                    pa_text,
                    now,
                    now,
                    reply_markup=to_json(ack_keyboard(record.id)),
                ),
            )
            send_now.append(pa_key(record))
        label = manager_words.KINDS[kind]
        local_when = now.astimezone(settings.service.tz)
        for manager in managers:
            assert manager.telegram_user_id is not None
            if pa is not None:
                text = manager_words.ESCALATION.format(
                    who=who(person.preferred_name, person.case_ref),
                    when=f"{local_when:%a %d %b %H:%M}",
                    kind=label,
                    pa=pa.name,
                )
                due = escalate_at
            else:
                text = manager_words.NO_PA_ESCALATION.format(
                    who=who(person.preferred_name, person.case_ref), kind=label
                )
                due = now
            key = f"{prefix}:escalate:{manager.id}"
            await outbox.enqueue(
                tx, _message(key, "handoff_escalation", manager.telegram_user_id, text, now, due)
            )
            if due == now:
                send_now.append(key)
    return HandedOff(
        handoff=record,
        told=told,
        pa_name=pa.name if pa else None,
        send_now=send_now,
        in_hours=in_hours,
        answer_from=None if in_hours else next_working_time(now, settings.service),
        pa_chat_id=pa.telegram_user_id if pa else None,
    )


async def request_contact(
    db: Database,
    identity: Identity,
    reason: ContactReason,
    preferred_time: PreferredTime,
    *,
    settings: Settings,
    now: datetime,
) -> HandedOff:
    """ "Ask my PA to contact me", about one of a fixed list of reasons, at one of a fixed list of times."""
    person = own_record(identity)
    text = pa_words.CONTACT.format(
        who=who(person.preferred_name, person.case_ref),
        reason=pa_words.REASONS[reason],
        time=pa_words.TIMES[preferred_time],
    )
    return await _hand_off(
        db, person, HandoffKind.CONTACT, text, settings, now, reason=reason, preferred_time=preferred_time
    )


async def pass_question(db: Database, identity: Identity, *, settings: Settings, now: datetime) -> HandedOff:
    """A question the content could not answer. Only the header is queued: the caller copies the young
    person's own message to the PA's chat, so its text is never stored or logged."""
    person = own_record(identity)
    text = pa_words.QUESTION.format(who=who(person.preferred_name, person.case_ref))
    return await _hand_off(db, person, HandoffKind.QUESTION, text, settings, now)


async def passport_help(
    db: Database, person: YoungPerson, section: str, item: str, *, settings: Settings, now: datetime
) -> HandedOff:
    text = pa_words.PASSPORT_HELP.format(
        who=who(person.preferred_name, person.case_ref), section=section, item=item
    )
    return await _hand_off(db, person, HandoffKind.PASSPORT_HELP, text, settings, now, reason="passport")


async def crisis(
    db: Database,
    identity: Identity,
    risk: Risk,
    *,
    settings: Settings,
    now: datetime,
    danger_now: bool = False,
) -> HandedOff | None:
    """Alert the PA (out of hours: the duty contact as well) that a message showed this risk, and whether
    it sounded like danger now.

    None for someone the service does not know (``stranger_crisis`` covers them). Only the kind of risk is
    passed on, never the words. While an alert from the last hour is unanswered, a further risky message
    does not alert again: the same people already know, and the young person is told so.
    """
    if identity.role is not Role.LEAVER or identity.person is None or identity.person.id is None:
        return None
    person = identity.person
    already = await handoffs.latest_unanswered(
        db.reader, person.id, HandoffKind.CRISIS, now - REPEAT_CRISIS_WITHIN
    )
    if already is not None:
        return await _already_told(db, already, settings, now)
    values = {"who": who(person.preferred_name, person.case_ref), "risk": pa_words.RISKS[risk]}
    alert, duty_alert = (
        (pa_words.DANGER_NOW, pa_words.DANGER_NOW_DUTY)
        if danger_now
        else (pa_words.CRISIS, pa_words.CRISIS_DUTY)
    )
    return await _hand_off(
        db,
        person,
        HandoffKind.CRISIS,
        alert.format(**values),
        settings,
        now,
        reason=risk.value,
        duty_text=duty_alert.format(**values),
    )


async def stranger_crisis(
    db: Database,
    telegram_user_id: int,
    message_id: int,
    risk: Risk,
    *,
    settings: Settings,
    now: datetime,
    danger_now: bool = False,
) -> list[str]:
    """Someone who has not joined sent a message that showed this risk: tell the duty contact, at any hour,
    when one is set up (there is no PA to tell). Only the kind of risk and their Telegram id go, never
    their words. Returns the outbox keys to send now (none without a duty contact)."""
    duty_chat = settings.safety.duty_chat_id
    if not duty_chat:
        return []
    template = pa_words.STRANGER_DANGER_NOW if danger_now else pa_words.STRANGER_CRISIS
    key = f"stranger:{telegram_user_id}:{message_id}:duty"
    async with db.transaction() as tx:
        await outbox.enqueue(
            tx,
            _message(
                key,
                "crisis_duty",
                duty_chat,
                template.format(risk=pa_words.RISKS[risk], telegram_id=telegram_user_id),
                now,
                now,
            ),
        )
    return [key]


async def _already_told(db: Database, record: Handoff, settings: Settings, now: datetime) -> HandedOff:
    pa = await staff.get(db.reader, record.to_staff_id) if record.to_staff_id else None
    in_hours = in_working_hours(now, settings.service)
    return HandedOff(
        handoff=record,
        told=record.told,
        pa_name=pa.name if pa else None,
        in_hours=in_hours,
        answer_from=None if in_hours else next_working_time(now, settings.service),
        pa_chat_id=pa.telegram_user_id if pa else None,
    )


@dataclass(frozen=True)
class Answered:
    handoff: Handoff
    send_now: list[str]


async def answer(
    db: Database, identity: Identity, handoff_id: int, response: Response, *, reply: str, now: datetime
) -> Answered:
    """A PA (or their manager) answers a hand-off: the escalation is cancelled and the young person told,
    in the words ``reply`` (the young person's words belong to their chat's texts)."""
    if not identity.is_staff:
        raise AccessDenied()
    record = await handoffs.get(db.reader, handoff_id)
    person = await people.get(db.reader, record.young_person_id) if record else None
    if record is None or person is None or not can_see(identity, person):
        raise AccessDenied()
    send_now = []
    async with db.transaction() as tx:
        await handoffs.respond(tx, handoff_id, response, now)
        await outbox.cancel(tx, f"handoff:{handoff_id}:escalate", now)
        await log_staff_action(
            tx, identity, "handoff.answer", now, person_id=person.id, detail=response.value
        )
        if person.telegram_user_id is not None:
            key = f"handoff:{handoff_id}:reply:{response.value}"
            if await outbox.enqueue(
                tx,
                _message(key, "handoff_reply", person.telegram_user_id, reply, now, now),
            ):
                send_now.append(key)
    updated = await handoffs.get(db.reader, handoff_id)
    assert updated is not None
    return Answered(updated, send_now)
