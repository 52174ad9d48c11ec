"""Where a user's conversation is up to, kept in the store so a restart does not lose it.

A step left alone for ``STALE_AFTER`` is forgotten: a message typed the next day is a new conversation,
not the answer to a question asked yesterday (which could, say, send a request to the PA by accident).
"""

from datetime import datetime, timedelta
from typing import Any

from bot.models_leaver import ConversationState
from bot.store import Database, conversations

STALE_AFTER = timedelta(minutes=30)


async def current(db: Database, telegram_user_id: int, now: datetime) -> ConversationState | None:
    state = await conversations.get(db.lookups, telegram_user_id)
    return state if state is not None and now - state.updated_at < STALE_AFTER else None


async def move_to(
    db: Database, telegram_user_id: int, step: str, now: datetime, **data: Any
) -> ConversationState:
    state = ConversationState(telegram_user_id=telegram_user_id, step=step, data=data, updated_at=now)
    async with db.one_statement() as writer:
        await conversations.put(writer, state)
    return state


async def finish(db: Database, telegram_user_id: int) -> None:
    async with db.one_statement() as writer:
        await conversations.clear(writer, telegram_user_id)
