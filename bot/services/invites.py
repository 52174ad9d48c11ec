"""Single-use, expiring invite codes that link a Telegram account to a young person or a staff member.

Only a SHA-256 hash of each code is stored: the codes are 128-bit random, so the hash cannot be reversed
by guessing, and someone who copies the database cannot use the invites in it.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.models import Invite, Role
from bot.services.identity import Identity, identify
from bot.store import Database, invites, people, staff


class InviteError(Exception):
    """Why an invite can't be used, in words for the person holding it."""


@dataclass(frozen=True)
class NewInvite:
    code: str
    link: str
    expires_at: datetime


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


async def create_for_young_person(
    db: Database, case_ref: str, *, now: datetime, valid_for: timedelta, bot_username: str
) -> NewInvite:
    person = await people.by_case_ref(db.reader, case_ref)
    if person is None or person.left_service_on is not None:
        raise InviteError(f"no young person in the service has case reference {case_ref!r}")
    return await _create(db, Role.LEAVER, now, valid_for, bot_username, young_person_id=person.id)


async def create_for_staff(
    db: Database, staff_id: int, *, now: datetime, valid_for: timedelta, bot_username: str
) -> NewInvite:
    member = await staff.get(db.reader, staff_id)
    if member is None or not member.active:
        raise InviteError(f"no active staff member has id {staff_id}")
    return await _create(db, member.role, now, valid_for, bot_username, staff_id=member.id)


async def _create(
    db: Database,
    role: Role,
    now: datetime,
    valid_for: timedelta,
    bot_username: str,
    **subject: int | None,
) -> NewInvite:
    code = secrets.token_urlsafe(16)
    invite = Invite(
        code_hash=hash_code(code), role=role, created_at=now, expires_at=now + valid_for, **subject
    )
    async with db.transaction() as tx:
        await invites.add(tx, invite)
    return NewInvite(code=code, link=deep_link(bot_username, code), expires_at=invite.expires_at)


async def redeem(db: Database, code: str, telegram_user_id: int, *, now: datetime) -> Identity:
    """Link this Telegram user to the invite's subject and spend the invite."""
    async with db.transaction() as tx:
        invite = await invites.by_hash(tx, hash_code(code))
        if invite is None:
            raise InviteError("That invite link doesn't work. Please ask for a new one.")
        if invite.used_at is not None:
            raise InviteError("That invite link has already been used. Please ask for a new one.")
        if invite.expires_at <= now:
            raise InviteError("That invite link has run out. Please ask for a new one.")
        if await people.by_telegram_user(tx, telegram_user_id) or await staff.by_telegram_user(
            tx, telegram_user_id
        ):
            raise InviteError("This Telegram account is already linked. Send /start to carry on.")
        assert invite.id is not None
        await invites.mark_used(tx, invite.id, now)
        if invite.young_person_id is not None:
            await people.link_telegram(tx, invite.young_person_id, telegram_user_id)
        elif invite.staff_id is not None:
            await staff.link_telegram(tx, invite.staff_id, telegram_user_id)
    return await identify(db, telegram_user_id)
