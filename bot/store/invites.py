"""Invite codes, stored only as hashes."""

from datetime import datetime

import aiosqlite

from bot.models import Invite
from bot.store.rows import fetch_one, insert


async def add(tx: aiosqlite.Connection, invite: Invite) -> Invite:
    return invite.model_copy(update={"id": await insert(tx, "invites", invite)})


async def by_hash(connection: aiosqlite.Connection, code_hash: str) -> Invite | None:
    return await fetch_one(connection, Invite, "SELECT * FROM invites WHERE code_hash = ?", (code_hash,))


async def mark_used(tx: aiosqlite.Connection, invite_id: int, at: datetime) -> bool:
    """Spend an invite; False if it was already spent (two taps racing each other)."""
    cursor = await tx.execute(
        "UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL", (at.isoformat(), invite_id)
    )
    return cursor.rowcount == 1
