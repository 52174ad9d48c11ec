"""Conversation state per Telegram user, so a conversation carries on after a restart."""

import json

import aiosqlite

from bot.models_leaver import ConversationState
from bot.store.db import Reads


async def get(connection: Reads, telegram_user_id: int) -> ConversationState | None:
    rows = await connection.execute_fetchall(
        "SELECT * FROM conversation_state WHERE telegram_user_id = ?", (telegram_user_id,)
    )
    if not rows:
        return None
    row = rows[0]
    return ConversationState(
        telegram_user_id=row["telegram_user_id"],
        step=row["step"],
        data=json.loads(row["data"]),
        updated_at=row["updated_at"],
    )


async def put(tx: aiosqlite.Connection, state: ConversationState) -> None:
    await tx.execute(
        "INSERT INTO conversation_state (telegram_user_id, step, data, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (telegram_user_id) DO UPDATE SET step = excluded.step, data = excluded.data,"
        " updated_at = excluded.updated_at",
        (state.telegram_user_id, state.step, json.dumps(state.data), state.updated_at.isoformat()),
    )


async def clear(tx: aiosqlite.Connection, telegram_user_id: int) -> None:
    await tx.execute("DELETE FROM conversation_state WHERE telegram_user_id = ?", (telegram_user_id,))
