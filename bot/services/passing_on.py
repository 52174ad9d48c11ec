"""Open requests and alerts passed to whoever looks after the young people now: the new PA after a move,
or the manager when a PA has left.

Each open hand-off (not closed) of those young people gets its new owner, and the new owner a message
with the answer buttons, under the alert's own key prefix (``handoff:<id>:passed:...``), so answering it
works as for any other copy and the ladder (the manager, then the chain, while nobody answers) carries on
as before.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import aiosqlite

from bot.models import OutboxMessage, Staff, YoungPerson
from bot.outbox.buttons import to_json
from bot.services.escalation import answer_keyboard, key_prefix, labels_for
from bot.store import handoffs
from bot.wording import manager as manager_words
from bot.wording import team as words
from bot.wording.staff import moment_text, who


async def pass_open_work(
    tx: aiosqlite.Connection,
    found: list[YoungPerson],
    to: Staff,
    *,
    as_pa: bool,
    now: datetime,
    tz: ZoneInfo,
) -> list[OutboxMessage]:
    """Give ``to`` the open hand-offs of these young people; the messages that tell them (none when they
    are not on Telegram: the records still name them, and /due lists them once they join)."""
    by_id = {person.id: person for person in found}
    messages = []
    for record in await handoffs.open_for_people(tx, list(by_id)):
        assert record.id is not None
        await handoffs.save(
            tx, record.model_copy(update={"to_staff_id": to.id, "to_chat_id": to.telegram_user_id})
        )
        if to.telegram_user_id is None:
            continue
        person = by_id[record.young_person_id]
        text = words.PASSED_TO_YOU.format(
            person=who(person.preferred_name, person.case_ref),
            kind=manager_words.KINDS[record.kind],
            when=moment_text(record.created_at, tz),
        )
        messages.append(
            OutboxMessage(
                idempotency_key=f"{key_prefix(record.id)}passed:{to.id}:{now:%Y%m%dT%H%M%S}",
                kind="handoff_passed",
                chat_id=to.telegram_user_id,
                text=text,
                reply_markup=to_json(answer_keyboard(record.id, labels_for(record, is_pa=as_pa))),
                due_at=now,
                created_at=now,
            )
        )
    return messages
