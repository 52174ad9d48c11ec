"""A young person's link to the bot: the name they want to be called, and ``/stop``, which forgets their
Telegram account (their record stays with the council, and their PA can send a new invite) and, if they
ask, what they told the bot about themselves."""

import re
from datetime import datetime

from bot.models import AuditEntry, YoungPerson
from bot.services.identity import Identity
from bot.services.leaver_access import own_record
from bot.store import Database, audit, conversations, people, person_data

LONGEST_NAME = 30
# A link, a web address, an @username or anything with a slash: not a name, and not for staff to click.
_LINKISH = re.compile(r"://|www\.|[@/\\]|\.[a-z]{2,}", re.IGNORECASE)


class NameRefused(ValueError):
    """The typed name was not stored. ``reason`` is ``long``, ``link`` or ``letters``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def tidy_name(typed: str) -> str:
    """The name as it will be stored, or ``NameRefused``: short, some letters, no links."""
    name = " ".join(typed.split())
    if _LINKISH.search(name):
        raise NameRefused("link")
    if not any(character.isalpha() for character in name):
        raise NameRefused("letters")
    if len(name) > LONGEST_NAME:
        raise NameRefused("long")
    return name


async def choose_name(db: Database, identity: Identity, typed: str) -> YoungPerson:
    """Store the name the young person wants to be called. It is theirs: no later import replaces it."""
    person = own_record(identity)
    name = tidy_name(typed)
    named = person.model_copy(update={"preferred_name": name, "named_themselves": True})
    async with db.transaction() as tx:
        await people.update(tx, named)
    return named


async def stop(db: Database, identity: Identity, *, now: datetime, forget_told: bool = False) -> None:
    """Forget the young person's Telegram account. With ``forget_told``, also delete what they told the bot
    about themselves (``bot.store.person_data.forget_told``: not the council's record), in the same
    transaction, with an audit row that says how many rows of each kind went."""
    person = own_record(identity)
    assert person.id is not None
    async with db.transaction() as tx:
        if forget_told:
            gone = await person_data.forget_told(tx, person.id, identity.telegram_user_id)
            detail = ", ".join(f"{kind}: {count}" for kind, count in gone.items())
            await audit.record(
                tx,
                AuditEntry(
                    at=now,
                    actor_role=identity.label,
                    action="person.forget_told",
                    young_person_id=person.id,
                    detail=f"at their request in the chat ({detail})"[:200],
                ),
            )
        await people.link_telegram(tx, person.id, None)
        await conversations.clear(tx, identity.telegram_user_id)
