"""Who a planned reminder goes to, and the reminders that wait for someone to join the bot.

A PA's reminder goes to the PA. A PA who has not joined the bot yet (active, no Telegram linked) gets
nothing until they join: their reminders wait (the sweep queues nothing for them, so when they join, the
stage then current is queued for them), and their team's managers are told, not sent the reminders as if
they were theirs (``scheduler.waiting``; an urgent one, an RHI, also at once). A young person with no
active PA has their PA's reminders sent to the team's managers, saying so. Escalations go to the team's
managers; with none on the bot, they wait too.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from bot.models import Role
from bot.store import Database, staff
from scheduler.reminders import Audience, Planned, Route, key_base


class Delivery(NamedTuple):
    """One outbox row to queue for a planned reminder: under ``key``, to ``chat``, by ``route``. (A named
    tuple: the sweep makes one for every reminder due, tens of thousands at go-live.)"""

    key: str
    chat: int
    route: Route
    planned: Planned


class Waiting(NamedTuple):
    """A planned reminder nobody can be sent yet, and how it will go: for the PA ``staff_id`` who has not
    joined, or (None) for a manager of the young person's team, when none has joined."""

    planned: Planned
    route: Route
    staff_id: int | None


@dataclass(frozen=True)
class Directory:
    """Who can be reached: the chat of each active staff member who has joined, who is active, and each
    team's managers who have joined."""

    chats: dict[int, int]
    names: dict[int, str]
    active: frozenset[int]
    managers: dict[int, list[int]]
    pas_not_joined: frozenset[int]

    @classmethod
    async def load(cls, db: Database) -> "Directory":
        chats, names, managers = {}, {}, defaultdict(list)
        active, not_joined = set(), set()
        for member in await staff.all_staff(db.reader):
            assert member.id is not None
            names[member.id] = member.name
            if not member.active:
                continue
            active.add(member.id)
            if member.telegram_user_id is None:
                if member.role is Role.PA:
                    not_joined.add(member.id)
                continue
            chats[member.id] = member.telegram_user_id
            if member.role is Role.MANAGER and member.team_id is not None:
                managers[member.team_id].append(member.id)
        return cls(
            chats=chats,
            names=names,
            active=frozenset(active),
            managers=dict(managers),
            pas_not_joined=frozenset(not_joined),
        )

    def name(self, staff_id: int | None, otherwise: str) -> str:
        return self.names.get(staff_id, otherwise) if staff_id is not None else otherwise

    def team_managers(self, team_id: int | None) -> list[int]:
        return self.managers.get(team_id, []) if team_id is not None else []

    def route(self, planned: Planned) -> tuple[list[Delivery], Waiting | None]:
        """Where a planned reminder goes now, and whether it (also) waits for someone to join."""
        person = planned.due.person
        managers = self.team_managers(person.team_id)
        if planned.audience is Audience.MANAGER:
            deliveries = [
                Delivery(f"{planned.key}:to{manager}", self.chats[manager], Route.ESCALATION, planned)
                for manager in managers
            ]
            return deliveries, None if deliveries else Waiting(planned, Route.ESCALATION, None)
        pa_id = person.pa_id
        if pa_id is not None and pa_id in self.chats:
            return [Delivery(planned.key, self.chats[pa_id], Route.REMINDER, planned)], None
        if pa_id is not None and pa_id in self.pas_not_joined:
            # Waiting for the PA. An urgent one is told to their managers at once, once a deadline.
            base = key_base(planned.due)
            told = [
                Delivery(f"{base}waiting:to{manager}", self.chats[manager], Route.WAITING, planned)
                for manager in managers
                if planned.urgent
            ]
            return told, Waiting(planned, Route.REMINDER, pa_id)
        deliveries = [
            Delivery(f"{planned.key}:to{manager}", self.chats[manager], Route.NO_PA, planned)
            for manager in managers
        ]
        return deliveries, None if deliveries else Waiting(planned, Route.NO_PA, None)
