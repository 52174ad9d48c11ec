"""Managers' morning list of reminders waiting for PAs who have not joined the bot.

A PA who has not joined gets no reminders (``scheduler.routing``): they wait, and go to the PA when they
join. So their team's managers are told, once each working morning with the PAs' digests: "waiting: Robin
has not joined yet (3 reminders)", with a button to send Robin's invite again. The count is the reminders
the PA would be sent now if they had joined (the current stage of each deadline that has begun).

Each manager's list is queued under ``waiting:<manager id>:<day>``; a manager with nothing waiting gets a
cancelled placeholder under that key, so nobody is looked at again on every tick until the end of the day.
"""

from collections import Counter

from bot.config import Settings
from bot.models import OutboxMessage
from bot.outbox.buttons import to_json
from bot.store import Database, deadline_facts, outbox, staff
from bot.wording import manager as manager_words
from scheduler import compose
from scheduler.reminders import Audience, ReminderContext, assess
from scheduler.routing import Directory
from scheduler.rules import RuleContext, deadlines_for, fact_window

KIND = "waiting_list"
MAX_BUTTONS = 10


async def waiting_counts(
    db: Database, context: RuleContext, settings: Settings, pa_ids: list[int]
) -> Counter[tuple[int | None, int]]:
    """Reminders waiting for each of these PAs, by (young person's team, PA)."""
    counts: Counter[tuple[int | None, int]] = Counter()
    if not pa_ids:
        return counts
    planning = ReminderContext.at(context.now, settings.reminders, settings.rules, settings.service)
    people, episodes = await deadline_facts.read(db, fact_window(context), pa_ids=pa_ids)
    for person in people:
        assert person.pa_id is not None
        for due in deadlines_for(person, episodes.get(person.id, []), context):
            for planned in assess(due, planning)[0]:
                if planned.audience is Audience.PA:
                    counts[person.team_id, person.pa_id] += 1
    return counts


async def notices(db: Database, context: RuleContext, settings: Settings) -> list[OutboxMessage]:
    """Today's lists for the managers who have not had one, each naming the PAs of their team with
    reminders waiting."""
    if not await staff.any_pa_not_joined(db.reader):
        return []
    directory = await Directory.load(db)
    day = context.today.isoformat()
    keys = {
        manager: f"waiting:{manager}:{day}"
        for managers in directory.managers.values()
        for manager in managers
    }
    existing = await outbox.existing_keys(db.reader, list(keys.values()))
    to_tell = {manager: key for manager, key in keys.items() if key not in existing}
    if not to_tell:
        return []
    counts = await waiting_counts(db, context, settings, sorted(directory.pas_not_joined))
    messages = []
    for team_id, managers in directory.managers.items():
        waiting = sorted(
            (directory.names[pa_id], pa_id, count)
            for (team, pa_id), count in counts.items()
            if team == team_id
        )
        lines = [
            manager_words.WAITING_LINE.format(pa=name, reminders=manager_words.reminders(count))
            for name, _, count in waiting
        ]
        text = "\n".join([manager_words.WAITING_TITLE, *lines, "", manager_words.WAITING_HINT])
        buttons = tuple(compose.invite_again_button(pa_id, name) for name, pa_id, _ in waiting[:MAX_BUTTONS])
        for manager in managers:
            if manager not in to_tell:
                continue
            messages.append(
                OutboxMessage(
                    idempotency_key=to_tell[manager],
                    kind=KIND,
                    chat_id=directory.chats[manager],
                    text=text,
                    reply_markup=to_json(buttons),
                    due_at=context.now,
                    created_at=context.now,
                    cancelled_at=None if waiting else context.now,
                )
            )
    return messages
