"""Where a user's conversation is up to, kept in the store so a restart does not lose it."""

from datetime import datetime
from typing import Any

from bot.models_leaver import ConversationState
from bot.store import Database, conversations


async def current(db: Database, telegram_user_id: int) -> ConversationState | None:
    return await conversations.get(db.reader, telegram_user_id)


async def move_to(
    db: Database, telegram_user_id: int, step: str, now: datetime, **data: Any
) -> ConversationState:
    state = ConversationState(telegram_user_id=telegram_user_id, step=step, data=data, updated_at=now)
    async with db.transaction() as tx:
        await conversations.put(tx, state)
    return state


async def finish(db: Database, telegram_user_id: int) -> None:
    async with db.transaction() as tx:
        await conversations.clear(tx, telegram_user_id)
