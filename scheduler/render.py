"""A queued reminder's words, written when it goes: its deadline is read again at that moment.

The tick's wiring (``bot.ticks``) registers ``render`` for every reminder kind (``KINDS``) as a
``bot.outbox.send.Rendering``, so ``send_one`` calls it once it has claimed the row. The young person's
facts are read afresh and the rules run at the moment of sending:

- the deadline must still be open, under the same key (a corrected return gives an RHI new keys), or the
  reminder is withdrawn, whatever closed it (a press, an import, the command line, leaving, death);
- it must still be for the person it was queued for (their PA, or their team's manager), or it is
  withdrawn: a reminder never reaches a chat that is no longer theirs;
- a PA's reminder snoozed since it was queued is withdrawn (the sweep reminds them when the snooze ends);
- the text is written from the deadline as it stands then ("3 hours left" when 3 are left), with the
  buttons of its kind.

Returns data (text and buttons as ``bot.outbox.buttons``), never Telegram objects.
"""

from datetime import datetime

from bot.config import Settings
from bot.models import OutboxMessage, Role, Staff
from bot.outbox.buttons import Keyboard, from_json
from bot.store import Database, deadline_facts, snoozes, staff
from bot.wording import staff as staff_words
from scheduler import compose
from scheduler.deadlines import DeadlineKind
from scheduler.reminders import ReminderContext, Route, key_base
from scheduler.rules import Due, RuleContext, deadlines_for, fact_window

KINDS = tuple(f"{route.value}:{kind.value}" for route in Route for kind in DeadlineKind)
"""Every outbox kind a reminder about a deadline is queued under."""


async def render(
    db: Database, message: OutboxMessage, now: datetime, settings: Settings
) -> tuple[str, Keyboard | None] | None:
    """The reminder's text and buttons at ``now``, or None to withdraw it (see the module's docstring)."""
    if message.person_id is None or message.subject is None:  # queued before rows named their deadline
        return message.text, from_json(message.reply_markup)
    route = Route(message.kind.split(":", 1)[0])
    due = await _open_deadline(db, message.person_id, message.subject, now, settings)
    if due is None or not message.idempotency_key.startswith(key_base(due)):
        return None
    pa = await staff.get(db.lookups, due.person.pa_id) if due.person.pa_id is not None else None
    if not await _still_theirs(db, message.chat_id, route, due, pa):
        return None
    if route is Route.REMINDER:
        snoozed_until = await snoozes.until(db.lookups, due.subject)
        if snoozed_until is not None and snoozed_until > now:
            return None
    pa_name = pa.name if pa is not None else staff_words.NO_PA
    context = ReminderContext.at(now, settings.reminders, settings.rules, settings.service)
    text = compose.reminder_text(due, route, context, pa_name)
    return text, compose.reminder_buttons(due, route, pa_name)


async def _open_deadline(
    db: Database, person_id: int, subject: str, now: datetime, settings: Settings
) -> Due | None:
    context = RuleContext.at(now, settings.rules, settings.service.tz)
    people, episodes = await deadline_facts.read(db, fact_window(context), person_ids=[person_id])
    for person in people:
        for due in deadlines_for(person, episodes.get(person.id, []), context):
            if due.subject == subject:
                return due
    return None


async def _still_theirs(db: Database, chat_id: int, route: Route, due: Due, pa: Staff | None) -> bool:
    """Whether the chat still belongs to whom this reminder is for, by the way it went: the PA's own
    reminder to the PA; the rest to an active manager of the young person's team, and only while the
    reason it went to them holds (no active PA; a PA who has not joined)."""
    member = await staff.by_telegram_user(db.lookups, chat_id)
    if member is None:
        return False
    if route is Route.REMINDER:
        return pa is not None and member.id == pa.id
    if member.role is not Role.MANAGER or member.team_id != due.person.team_id:
        return False
    if route is Route.NO_PA:
        return pa is None or not pa.active
    if route is Route.WAITING:
        return pa is not None and pa.active and pa.telegram_user_id is None
    return True
