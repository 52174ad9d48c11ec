"""Caseloads in the chat: each PA's count against the target, who has room, and moving young people from
one PA (or from nobody) to another.

A manager works on their own team, an admin on any. A move is checked again when it is confirmed (the
young people must still be where the manager saw them) and made in one transaction with everything that
follows from it: open requests and alerts about them pass to the new PA (with their buttons), the new
PA is told whom they have taken on and what is open for them, the old PA whom they have handed on, and
each young person on the bot who their new PA is, in the council's own words. Snoozes belong to the
deadline, not to the PA, so they carry on. Later reminders follow by themselves: the sweep looks again at
everyone whose record changed and addresses each reminder to the PA of the moment.
"""

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.callbacks import LEAVER, Leaver
from bot.config import Settings
from bot.models import OutboxMessage, Role, Staff, Team, YoungPerson
from bot.outbox.buttons import Button, to_json
from bot.services.access import log_staff_action
from bot.services.deadlines import open_dues
from bot.services.identity import Identity
from bot.services.passing_on import pass_open_work
from bot.services.staffing import manager_or_admin, team_for
from bot.store import Database, outbox, people, staff
from bot.wording import team as words
from bot.wording.staff import who
from content.schema import CouncilContent
from scheduler.deadlines import DeadlineStatus

NO_PA = 0
NAMES_LISTED = 40
"""The "from" of young people who have no PA (or a PA who has left and has handed nobody over yet)."""


class MoveError(Exception):
    """A move that cannot be made as chosen, in words for the manager."""


@dataclass(frozen=True)
class PaLoad:
    member: Staff
    young_people: int
    target: int

    @property
    def room(self) -> int:
        """How many more the PA can take before the target; negative when over it."""
        return self.target - self.young_people


@dataclass(frozen=True)
class TeamLoads:
    """A team's PAs still working here with their caseloads, PAs who have left still holding young
    people, and how many young people have no PA at all."""

    team: Team
    target: int
    working: list[PaLoad]
    left: list[PaLoad]
    without_pa: int

    @property
    def average(self) -> float | None:
        if not self.working:
            return None
        return sum(load.young_people for load in self.working) / len(self.working)

    def load_of(self, staff_id: int) -> PaLoad | None:
        return next((load for load in (*self.working, *self.left) if load.member.id == staff_id), None)

    def destinations(self, moving: int, source: int) -> list[tuple[PaLoad, int]]:
        """Where ``moving`` young people could go, most room first, each with their count after the move."""
        choices = [load for load in self.working if load.member.id != source]
        choices.sort(key=lambda load: (-load.room, load.member.name))
        return [(load, load.young_people + moving) for load in choices]


@dataclass(frozen=True)
class Moved:
    """A move made: the PA they went to, how many were told, and the outbox keys to send at once."""

    target: Staff
    count: int
    told_young_people: int
    told_target: bool
    keys: list[str]


async def team_loads(db: Database, identity: Identity, team_id: int, now: datetime, target: int) -> TeamLoads:
    """One team's caseloads (audited as a read of the caseloads)."""
    team = await team_for(db, identity, team_id)
    counts = await people.caseload_counts(db.reader, team_id)
    members = {member.id: member for member in await staff.in_team(db.reader, team_id, Role.PA)}
    # Someone in another team (or who has left) may still hold young people of this team.
    for staff_id in counts.keys() - members.keys() - {None}:
        assert staff_id is not None
        if (member := await staff.get(db.reader, staff_id)) is not None:
            members[staff_id] = member
    working, left, orphaned = [], [], counts.get(None, 0)
    for staff_id, member in members.items():
        load = PaLoad(member, counts.get(staff_id, 0), target)
        if member.active and member.team_id == team_id:
            working.append(load)
        elif load.young_people:
            left.append(load)
    working.sort(key=lambda load: (-load.young_people, load.member.name))
    async with db.one_statement() as writer:
        await log_staff_action(writer, identity, "caseloads", now, detail=f"team:{team_id}")
    return TeamLoads(team, target, working, left, orphaned)


async def people_to_move(
    db: Database, identity: Identity, team_id: int, source: int, now: datetime
) -> list[YoungPerson]:
    """The young people of one caseload in the team (``source`` ``NO_PA``: those with no PA working here).
    Their names are read, so each is audited, once, when the list is first opened."""
    await team_for(db, identity, team_id)
    found = await _source_people(db.reader, team_id, source)
    async with db.transaction() as tx:
        for person in found:
            await log_staff_action(
                tx, identity, "caseload list", now, person_id=person.id, detail=f"team:{team_id}"
            )
    return found


async def people_listed(db: Database, identity: Identity, team_id: int, source: int) -> list[YoungPerson]:
    """The list ``people_to_move`` opened, again, as the manager ticks and turns its pages (not audited
    again: the same names, read by the same person)."""
    await team_for(db, identity, team_id)
    return await _source_people(db.reader, team_id, source)


async def source_staff(db: Database, source: int) -> Staff | None:
    """The PA young people are moved from; None for those without one."""
    return None if source == NO_PA else await staff.get(db.lookups, source)


async def people_chosen(
    db: Database, identity: Identity, team_id: int, source: int, chosen: list[int]
) -> list[YoungPerson]:
    """The chosen young people, as they are now, for the confirmation (already audited when listed)."""
    await team_for(db, identity, team_id)
    wanted = set(chosen)
    return [person for person in await _source_people(db.reader, team_id, source) if person.id in wanted]


async def _source_people(connection: aiosqlite.Connection, team_id: int, source: int) -> list[YoungPerson]:
    if source != NO_PA:
        found = [person for person in await people.for_pa(connection, source) if person.team_id == team_id]
    else:
        pas = await staff.in_team(connection, team_id, Role.PA)
        working = {member.id for member in pas if member.active}
        in_team = await people.in_team(connection, team_id)
        found = [person for person in in_team if person.pa_id not in working]
    return [person for person in found if people.supported(person)]


async def move(
    db: Database,
    identity: Identity,
    *,
    team_id: int,
    source: int,
    chosen: list[int],
    target_id: int,
    now: datetime,
    settings: Settings,
    content: CouncilContent,
    talk_to_pa: str,
) -> Moved:
    """Give the chosen young people ``target_id`` as their PA, with everything that follows (audited for
    each young person). ``talk_to_pa`` labels the button under the young person's message, in their
    words. ``MoveError`` if the choice no longer holds."""
    team = await team_for(db, identity, team_id)
    asker = manager_or_admin(identity)
    if not chosen:
        raise MoveError(words.NOBODY_CHOSEN)
    target = await staff.get(db.lookups, target_id)
    if target is None or not target.active or target.role is not Role.PA or target.team_id != team.id:
        raise MoveError(words.NOT_A_PA_TO_MOVE_TO)
    if target_id == source:
        raise MoveError(words.SAME_PA)
    found = await people_chosen(db, identity, team_id, source, chosen)
    if len(found) != len(set(chosen)):
        raise MoveError(words.CHANGED_MEANWHILE.format(count=len(set(chosen)) - len(found)))
    ids = [person.id for person in found if person.id is not None]
    open_now = await _open_now(db, ids, now, settings)
    old = await staff.get(db.lookups, source) if source != NO_PA else None
    source_name = old.name if old is not None else words.NO_PA_SOURCE_PLAIN
    messages = [
        message
        for message in (
            *(_tell_young_person(person, target, content, talk_to_pa, now) for person in found),
            _tell_target(target, found, source_name, asker.name, open_now, now),
            _tell_source(old, target, found, asker.name, now),
        )
        if message is not None
    ]
    async with db.transaction() as tx:
        await people.move_to_pa(tx, ids, target_id, team.id)
        await outbox.forget_reminders_about(tx, ids)
        messages += await pass_open_work(tx, found, target, as_pa=True, now=now, tz=settings.service.tz)
        await outbox.enqueue_many(tx, messages)
        for person in found:
            await log_staff_action(
                tx,
                identity,
                "new pa",
                now,
                person_id=person.id,
                detail=f"pa:{source or 'none'}->pa:{target_id}",
            )
    return Moved(
        target=target,
        count=len(found),
        told_young_people=sum(message.kind == "new_pa" for message in messages),
        told_target=target.telegram_user_id is not None,
        keys=[message.idempotency_key for message in messages],
    )


async def _open_now(db: Database, person_ids: list[int], now: datetime, settings: Settings) -> int:
    """How many of their deadlines are overdue or due now: what the new PA takes on at once."""
    count = 0
    for person_id in person_ids:
        dues = await open_dues(db, now, settings, person_id=person_id)
        count += sum(due.status is not DeadlineStatus.UPCOMING for due in dues)
    return count


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


def _tell_young_person(
    person: YoungPerson, target: Staff, content: CouncilContent, talk_to_pa: str, now: datetime
) -> OutboxMessage | None:
    if person.telegram_user_id is None:
        return None
    return OutboxMessage(
        idempotency_key=f"new_pa:{person.id}:{target.id}:{_stamp(now)}",
        kind="new_pa",
        chat_id=person.telegram_user_id,
        text=content.council.new_pa.replace("{pa}", target.name),
        reply_markup=to_json(((Button(talk_to_pa, LEAVER.encode(Leaver.PA)),),)),
        due_at=now,
        created_at=now,
    )


def _names(found: list[YoungPerson]) -> list[str]:
    """A bullet per young person, the first ``NAMES_LISTED`` of them (a message has a size limit)."""
    lines = [f"• {who(person.preferred_name, person.case_ref)}" for person in found[:NAMES_LISTED]]
    if len(found) > NAMES_LISTED:
        lines.append(words.AND_MORE.format(count=len(found) - NAMES_LISTED))
    return lines


def _note(kind: str, key: str, chat_id: int, lines: list[str], now: datetime) -> OutboxMessage:
    return OutboxMessage(
        idempotency_key=key, kind=kind, chat_id=chat_id, text="\n".join(lines), due_at=now, created_at=now
    )


def _tell_target(
    target: Staff, found: list[YoungPerson], source: str, by: str, open_now: int, now: datetime
) -> OutboxMessage | None:
    if target.telegram_user_id is None:
        return None
    lines = [words.TAKEN_ON.format(source=source, by=by), *_names(found), ""]
    lines.append(words.TAKEN_ON_OPEN.format(count=open_now) if open_now else words.TAKEN_ON_NOTHING_OPEN)
    lines.append(words.TAKEN_ON_END)
    return _note("taken_on", f"taken_on:{target.id}:{_stamp(now)}", target.telegram_user_id, lines, now)


def _tell_source(
    old: Staff | None, target: Staff, found: list[YoungPerson], by: str, now: datetime
) -> OutboxMessage | None:
    if old is None or not old.active or old.telegram_user_id is None:
        return None
    heading = words.HANDED_ON_ONE if len(found) == 1 else words.HANDED_ON
    lines = [heading.format(count=len(found), target=target.name, by=by), *_names(found)]
    return _note("handed_on", f"handed_on:{old.id}:{_stamp(now)}", old.telegram_user_id, lines, now)
