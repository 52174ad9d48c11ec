"""Running a team from the chat: adding staff with an invite to forward, a new invite, a new team, and
saying someone has left.

Admins may do all of it for anyone; a manager only for the PAs of their own team (a manager or an admin
is changed by an admin). Everyone else is refused with ``AccessDenied``. Every change is audited, with
staff ids rather than names. Someone who has left keeps their record (the audit trail names it) but loses
their Telegram link at once, so the next thing their account sends meets a stranger's welcome.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.models import Role, Staff, Team
from bot.services.access import AccessDenied, log_staff_action
from bot.services.identity import Identity
from bot.services.invites import NewInvite, issue
from bot.services.passing_on import pass_open_work
from bot.store import Database, handoffs, invites, outbox, people, staff, teams
from bot.wording import team as words

WORKER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,63}$")
NAME_LENGTH = 100


class StaffError(Exception):
    """Input that cannot be used (a name, a worker id), in words for the manager who typed it."""


@dataclass(frozen=True)
class Member:
    """A member of staff as the team list shows them."""

    staff: Staff
    young_people: int
    invite_until: datetime | None
    """When their newest unused invite stops working; None if they have none still open."""

    @property
    def joined(self) -> bool:
        return self.staff.telegram_user_id is not None


@dataclass(frozen=True)
class TeamStaff:
    """One team's active staff (or, with ``team`` None, the admins), and whom the asker may add."""

    team: Team | None
    members: list[Member]
    may_add: tuple[Role, ...]
    manageable: frozenset[int]
    """The members the asker may change (not themselves, and for a manager only their PAs)."""


@dataclass(frozen=True)
class Left:
    """Someone marked as having left: the account to put back to the public menu, what they held, and
    the outbox keys to send at once (their open requests and alerts, passed to the asker)."""

    member: Staff
    telegram_user_id: int | None
    young_people: int
    withdrawn: int
    alerts: int
    keys: list[str]


def manager_or_admin(identity: Identity) -> Staff:
    """The asker's staff record if they are a manager with a team or an admin; else ``AccessDenied``."""
    member = identity.staff
    if member is None or identity.role not in (Role.MANAGER, Role.ADMIN):
        raise AccessDenied(words.NOT_FOR_YOU)
    if identity.role is Role.MANAGER and member.team_id is None:
        raise AccessDenied(words.NO_TEAM)
    return member


def _check_may_manage(identity: Identity, member: Staff) -> None:
    asker = manager_or_admin(identity)
    if identity.role is Role.ADMIN:
        return
    if member.team_id != asker.team_id:
        raise AccessDenied(words.NOT_YOUR_TEAM)
    if member.role is not Role.PA:
        raise AccessDenied(words.NOT_YOUR_ROLE)


def _may_manage(identity: Identity, member: Staff) -> bool:
    if identity.staff is not None and identity.staff.id == member.id:
        return False
    try:
        _check_may_manage(identity, member)
    except AccessDenied:
        return False
    return True


async def _member(db: Database, identity: Identity, staff_id: int) -> Staff:
    """The staff member ``identity`` may manage, still working here; else ``AccessDenied``."""
    member = await staff.get(db.lookups, staff_id)
    if member is None:
        raise AccessDenied(words.NO_SUCH_STAFF)
    _check_may_manage(identity, member)
    if not member.active:
        raise AccessDenied(words.ALREADY_LEFT.format(name=member.name))
    return member


async def visible_teams(db: Database, identity: Identity) -> list[Team]:
    """The teams the asker runs: every team for an admin, their own for a manager."""
    asker = manager_or_admin(identity)
    if identity.role is Role.ADMIN:
        return await teams.all_teams(db.reader)
    own = await teams.get(db.lookups, asker.team_id) if asker.team_id is not None else None
    return [own] if own is not None else []


async def team_for(db: Database, identity: Identity, team_id: int) -> Team:
    """A team the asker may run, or ``AccessDenied``."""
    asker = manager_or_admin(identity)
    team = await teams.get(db.lookups, team_id)
    if team is None:
        raise AccessDenied(words.NO_SUCH_TEAM)
    if identity.role is Role.MANAGER and team.id != asker.team_id:
        raise AccessDenied(words.NOT_YOUR_TEAM)
    return team


async def team_staff(db: Database, identity: Identity, team_id: int | None, now: datetime) -> TeamStaff:
    """The active staff of one team (``team_id`` None: the admins, for an admin), with their caseloads
    and open invites. Audited as a read of the staff list."""
    manager_or_admin(identity)
    if team_id is None:
        if identity.role is not Role.ADMIN:
            raise AccessDenied(words.NOT_YOUR_ROLE)
        team = None
        listed = [member for member in await staff.all_staff(db.reader) if member.role is Role.ADMIN]
        may_add: tuple[Role, ...] = (Role.ADMIN,)
    else:
        team = await team_for(db, identity, team_id)
        listed = await staff.in_team(db.reader, team_id)
        may_add = (Role.PA, Role.MANAGER) if identity.role is Role.ADMIN else (Role.PA,)
    active = [member for member in listed if member.active]
    counts = await people.caseload_counts(db.reader, team_id) if team_id is not None else {}
    ids = [member.id for member in active if member.id is not None]
    open_invites = await invites.open_for_staff(db.reader, ids, now) if ids else {}
    members = [
        Member(member, counts.get(member.id, 0), open_invites.get(member.id or 0)) for member in active
    ]
    manageable = frozenset(
        member.id for member in active if member.id is not None and _may_manage(identity, member)
    )
    async with db.one_statement() as writer:
        await log_staff_action(writer, identity, "staff list", now, detail=f"team:{team_id or 'admins'}")
    return TeamStaff(team, members, may_add, manageable)


async def member_card(
    db: Database, identity: Identity, staff_id: int, now: datetime
) -> tuple[Member, Team | None]:
    """One member of staff the asker may manage, with their team."""
    member = await _member(db, identity, staff_id)
    assert member.id is not None
    counts = await people.caseload_counts(db.reader, member.team_id) if member.team_id is not None else {}
    open_invites = await invites.open_for_staff(db.reader, [member.id], now)
    team = await teams.get(db.lookups, member.team_id) if member.team_id is not None else None
    return Member(member, counts.get(member.id, 0), open_invites.get(member.id)), team


def clean_name(typed: str) -> str:
    """A typed name, tidied; ``StaffError`` for anything that is not a name."""
    name = " ".join(typed.split())
    if not name or len(name) > NAME_LENGTH or name.startswith("/") or not any(c.isalpha() for c in name):
        raise StaffError(words.BAD_NAME)
    return name


async def clean_worker_id(db: Database, typed: str) -> str:
    """A typed worker id, checked to be well formed and nobody else's."""
    worker_id = typed.strip()
    if not WORKER_ID.match(worker_id):
        raise StaffError(words.BAD_WORKER_ID)
    if await staff.by_worker_id(db.reader, worker_id) is not None:
        raise StaffError(words.WORKER_ID_TAKEN)
    return worker_id


async def check_may_add(db: Database, identity: Identity, role: Role, team_id: int | None) -> Team | None:
    """The team a new member would join, if ``identity`` may add someone with ``role`` there."""
    manager_or_admin(identity)
    if role is Role.ADMIN or team_id is None:
        if identity.role is not Role.ADMIN or role is not Role.ADMIN:
            raise AccessDenied(words.NOT_YOUR_ROLE)
        return None
    team = await team_for(db, identity, team_id)
    if role is not Role.PA and identity.role is not Role.ADMIN:
        raise AccessDenied(words.NOT_YOUR_ROLE)
    return team


async def same_name_exists(db: Database, name: str) -> bool:
    return any(
        member.active and member.name.casefold() == name.casefold()
        for member in await staff.all_staff(db.reader)
    )


async def add(
    db: Database,
    identity: Identity,
    *,
    name: str,
    role: Role,
    team_id: int | None,
    worker_id: str | None,
    now: datetime,
    valid_for: timedelta,
    bot_username: str,
) -> tuple[Staff, NewInvite]:
    """Add a member of staff and make their first invite, together (audited)."""
    team = await check_may_add(db, identity, role, team_id)
    name = clean_name(name)
    async with db.transaction() as tx:
        if worker_id is not None and await staff.by_worker_id(tx, worker_id) is not None:
            raise StaffError(words.WORKER_ID_TAKEN)
        member = await staff.add(
            tx, Staff(name=name, role=role, team_id=team.id if team else None, worker_id=worker_id)
        )
        assert member.id is not None
        invite = await issue(tx, role, now, valid_for, bot_username, staff_id=member.id)
        await log_staff_action(
            tx, identity, "staff added", now, detail=f"staff:{member.id} role:{role.value}"
        )
    return member, invite


async def new_invite(
    db: Database, identity: Identity, staff_id: int, *, now: datetime, valid_for: timedelta, bot_username: str
) -> tuple[Staff, NewInvite]:
    """A fresh invite for someone; every invite they were sent before stops working (audited)."""
    member = await _member(db, identity, staff_id)
    return member, await _fresh_invite(db, identity, member, now, valid_for, bot_username)


async def invite_again(
    db: Database, identity: Identity, staff_id: int, *, now: datetime, valid_for: timedelta, bot_username: str
) -> tuple[Staff, NewInvite]:
    """From a note of reminders waiting for someone who has not joined: a fresh invite at once, unless
    they have joined since (their reminders already go to them)."""
    member = await _member(db, identity, staff_id)
    if member.telegram_user_id is not None:
        raise StaffError(words.JOINED_SINCE.format(name=member.name))
    return member, await _fresh_invite(db, identity, member, now, valid_for, bot_username)


async def _fresh_invite(
    db: Database, identity: Identity, member: Staff, now: datetime, valid_for: timedelta, bot_username: str
) -> NewInvite:
    """``member`` (checked by the caller) gets a new invite, and the ones sent before stop working."""
    assert member.id is not None
    async with db.transaction() as tx:
        await invites.withdraw_for_staff(tx, member.id, now)
        invite = await issue(tx, member.role, now, valid_for, bot_username, staff_id=member.id)
        await log_staff_action(tx, identity, "staff invite", now, detail=f"staff:{member.id}")
    return invite


async def has_left(db: Database, identity: Identity, staff_id: int, now: datetime, tz: ZoneInfo) -> Left:
    """Someone has left: their account and invites stop working at once, messages still waiting for them
    are not sent, their young people's open requests and alerts pass to the asker (reminders go to the
    team's managers until the young people have a new PA), and the caseload stays with them until the
    manager hands it over (audited)."""
    member = await _member(db, identity, staff_id)
    asker = manager_or_admin(identity)
    if asker.id == staff_id:
        raise AccessDenied(words.NOT_YOURSELF)
    async with db.transaction() as tx:
        withdrawn = await _stop_messages_to(tx, member.telegram_user_id, now)
        await invites.withdraw_for_staff(tx, staff_id, now)
        await staff.deactivate(tx, staff_id)
        caseload = await people.for_pa(tx, staff_id)
        passed = await pass_open_work(tx, caseload, asker, as_pa=False, now=now, tz=tz)
        await outbox.enqueue_many(tx, passed)
        await log_staff_action(tx, identity, "staff left", now, detail=f"staff:{staff_id}")
    alerts = len(await handoffs.open_for_people(db.reader, [person.id for person in caseload if person.id]))
    keys = [message.idempotency_key for message in passed]
    return Left(member, member.telegram_user_id, len(caseload), withdrawn, alerts, keys)


async def _stop_messages_to(tx: aiosqlite.Connection, chat_id: int | None, now: datetime) -> int:
    return 0 if chat_id is None else await outbox.cancel_to_chat(tx, chat_id, now)


async def destination_teams(db: Database, identity: Identity) -> list[Team]:
    """Every team someone could move to: a manager may hand a PA on to another team."""
    manager_or_admin(identity)
    return await teams.all_teams(db.reader)


async def check_team_change(db: Database, member: Staff, team_id: int) -> Team:
    """The team ``member`` would move to; ``StaffError`` while they still hold young people (handed over
    first, so a young person's team and PA never disagree)."""
    team = await teams.get(db.lookups, team_id)
    if team is None:
        raise AccessDenied(words.NO_SUCH_TEAM)
    if member.team_id == team_id:
        raise StaffError(words.SAME_TEAM.format(name=member.name, team=team.name))
    assert member.id is not None
    if count := len(await people.for_pa(db.reader, member.id)):
        raise StaffError(words.STILL_HAS_CASELOAD.format(name=member.name, young=words.young_people(count)))
    return team


async def change_team(
    db: Database, identity: Identity, staff_id: int, team_id: int, now: datetime
) -> tuple[Staff, Team]:
    """Move a member of staff to another team (audited)."""
    member = await _member(db, identity, staff_id)
    team = await check_team_change(db, member, team_id)
    async with db.transaction() as tx:
        await staff.set_team(tx, staff_id, team_id)
        await log_staff_action(
            tx, identity, "staff team", now, detail=f"staff:{staff_id} team:{member.team_id}->{team_id}"
        )
    return member.model_copy(update={"team_id": team_id}), team
