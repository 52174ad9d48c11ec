"""A manager sends a PA who has not joined the bot their invite again.

Reminders for a PA who has not joined wait for them (``scheduler.routing``), and their team's managers
are told, with a button for a new invite link to forward. Only a manager of the PA's team, or an admin,
may make one; it is audited like every staff action.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.config import Settings
from bot.models import Role, Staff
from bot.services import invites
from bot.services.access import AccessDenied, log_staff_action
from bot.services.identity import Identity
from bot.store import Database, staff
from bot.wording import manager as words


class NoInviteNeeded(Exception):
    """Why no invite was made, in words for the manager. Nothing was changed."""


@dataclass(frozen=True)
class InviteAgain:
    pa: Staff
    invite: invites.NewInvite


async def invite_again(
    db: Database, identity: Identity, staff_id: int, now: datetime, settings: Settings
) -> InviteAgain:
    """A new single-use invite link for the PA ``staff_id``: ``AccessDenied`` for anyone but a manager
    of their team or an admin, ``NoInviteNeeded`` for a PA who has joined or is no longer active."""
    asker = identity.staff
    if asker is None or identity.role not in (Role.MANAGER, Role.ADMIN):
        raise AccessDenied()
    pa = await staff.get(db.lookups, staff_id)
    if pa is None or pa.role is not Role.PA or not pa.active:
        raise NoInviteNeeded(words.INVITE_NOBODY)
    if identity.role is Role.MANAGER and (asker.team_id is None or pa.team_id != asker.team_id):
        raise AccessDenied(words.INVITE_NOT_YOURS)
    if pa.telegram_user_id is not None:
        raise NoInviteNeeded(words.INVITE_NOT_NEEDED.format(pa=pa.name))
    invite = await invites.create_for_staff(
        db,
        staff_id,
        now=now,
        valid_for=timedelta(hours=settings.invites.expiry_hours),
        bot_username=settings.telegram.username,
    )
    async with db.one_statement() as writer:
        await log_staff_action(writer, identity, "invite staff again", now, detail=f"staff:{staff_id}")
    return InviteAgain(pa=pa, invite=invite)
