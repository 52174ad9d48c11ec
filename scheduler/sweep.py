"""The sweep: every open deadline at ``now`` becomes the reminders it calls for, queued in the outbox.

The database is the truth: reminders are not scheduler jobs. Each reminder has a unique idempotency key,
so running the sweep twice, at any two times, or in two processes at once never queues one twice; a
crash before the transaction commits queues nothing, and the next tick queues it all again.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from bot.config import Settings
from bot.models import OutboxMessage, Role
from bot.services.deadlines import load_facts, run_rules
from bot.store import Database, outbox, snoozes, staff
from scheduler import compose, texts
from scheduler.reminders import Audience, Planned, digest_due, plan, send_time
from scheduler.rules import Due, PersonFacts, RuleContext


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
    deadlines: int = 0
    planned: int = 0
    messages: list[OutboxMessage] = field(default_factory=list)
    queued: int = 0


async def plan_messages(db: Database, now: datetime, settings: Settings) -> SweepResult:
    """The outbox rows the sweep would add at ``now``: new keys only, nothing written."""
    context = RuleContext.at(now, settings.rules, settings.service.tz)
    people, episodes = await load_facts(db, context)
    directory = await Directory.load(db)
    snoozed = await snoozes.all_snoozes(db.reader)
    existing = await outbox.keys(db.reader)
    reminders, rules, service = settings.reminders, settings.rules, settings.service
    tz = service.tz

    result = SweepResult()
    by_pa: dict[int, list[Due]] = defaultdict(list)
    for due in run_rules(people, episodes, context):
        result.deadlines += 1
        if due.person.pa_id is not None:
            by_pa[due.person.pa_id].append(due)
        for planned in plan(due, now, reminders, rules, service, snoozed.get(due.subject)):
            result.planned += 1
            for key, chat in directory.recipients(planned):
                if key in existing:
                    continue
                pa_name = directory.names.get(due.person.pa_id or 0, texts.NO_PA)
                result.messages.append(
                    OutboxMessage(
                        idempotency_key=key,
                        kind=f"reminder:{due.kind.value}",
                        chat_id=chat,
                        text=compose.reminder_text(planned, tz, rules, pa_name),
                        reply_markup=compose.reminder_markup(planned),
                        due_at=send_time(planned.urgent, now, reminders, service),
                        created_at=now,
                    )
                )
    if digest_due(now, reminders, service):
        result.messages += _digests(by_pa, people, directory, existing, now, settings)
    return result


def _digests(
    by_pa: dict[int, list[Due]],
    people: list[PersonFacts],
    directory: Directory,
    existing: set[str],
    now: datetime,
    settings: Settings,
) -> list[OutboxMessage]:
    tz = settings.service.tz
    today = now.astimezone(tz).date()
    caseloads: dict[int, list[PersonFacts]] = defaultdict(list)
    for person in people:
        if person.pa_id is not None:
            caseloads[person.pa_id].append(person)
    messages = []
    for pa_id, dues in by_pa.items():
        key = f"digest:{pa_id}:{today.isoformat()}"
        chat = directory.chats.get(pa_id)
        if chat is None or key in existing:
            continue
        text = compose.digest_text(dues, caseloads[pa_id], now, tz)
        if text is not None:
            messages.append(
                OutboxMessage(
                    idempotency_key=key, kind="digest", chat_id=chat, text=text, due_at=now, created_at=now
                )
            )
    return messages


async def sweep(db: Database, now: datetime, settings: Settings) -> SweepResult:
    """Queue every reminder due at ``now`` in one transaction; ``queued`` counts the rows actually added."""
    result = await plan_messages(db, now, settings)
    async with db.transaction() as tx:
        result.queued = await outbox.enqueue_many(tx, result.messages)
    return result
