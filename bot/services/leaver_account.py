"""A young person's link to the bot: ``/stop`` forgets their Telegram account (their record stays with the
council, and their PA can send a new invite)."""

from bot.services.identity import Identity
from bot.services.leaver_access import own_record
from bot.store import Database, conversations, people


async def stop(db: Database, identity: Identity) -> None:
    person = own_record(identity)
    assert person.id is not None
    async with db.transaction() as tx:
        await people.link_telegram(tx, person.id, None)
        await conversations.clear(tx, identity.telegram_user_id)
