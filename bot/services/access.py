"""Role checks for every read of a young person's record, and the audit trail of staff reads.

A young person sees only their own record; a PA their own caseload; a manager their team; an admin every
record. Handlers never decide this themselves: they call ``open_record`` (or ``can_see``) and get the
record or ``AccessDenied``.
"""

from datetime import datetime

import aiosqlite

from bot.models import AuditEntry, Role, YoungPerson
from bot.services.identity import Identity
from bot.store import Database, audit, people


class AccessDenied(Exception):
    """The asker may not see or change this record. The message is safe to show them."""

    def __init__(self, message: str = "Sorry, you can't see that.") -> None:
        super().__init__(message)


def can_see(identity: Identity, person: YoungPerson) -> bool:
    match identity.role:
        case Role.LEAVER:
            return identity.person is not None and identity.person.id == person.id
        case Role.PA:
            return identity.staff is not None and person.pa_id == identity.staff.id
        case Role.MANAGER:
            return identity.staff is not None and person.team_id == identity.staff.team_id
        case Role.ADMIN:
            return True
        case _:
            return False


async def log_staff_action(
    tx: aiosqlite.Connection,
    identity: Identity,
    action: str,
    now: datetime,
    *,
    person_id: int | None = None,
    detail: str | None = None,
) -> None:
    """Write one audit row for a staff member's read or change. Young people's own reads are not audited."""
    if identity.staff is None:
        return
    await audit.record(
        tx,
        AuditEntry(
            at=now,
            actor_staff_id=identity.staff.id,
            actor_role=identity.label,
            action=action,
            young_person_id=person_id,
            detail=detail,
        ),
    )


async def open_record(
    db: Database, identity: Identity, person_id: int, *, action: str, now: datetime
) -> YoungPerson:
    """The young person's record if ``identity`` may see it (audited for staff), else ``AccessDenied``."""
    person = await people.get(db.reader, person_id)
    if person is None or not can_see(identity, person):
        raise AccessDenied()
    if identity.is_staff:
        async with db.transaction() as tx:
            await log_staff_action(tx, identity, action, now, person_id=person_id)
    return person
