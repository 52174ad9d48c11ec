"""Invite codes, stored only as hashes."""

from datetime import datetime

import aiosqlite

from bot.models import Invite
from bot.store.db import Reads
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


async def withdraw_for_staff(tx: aiosqlite.Connection, staff_id: int, at: datetime) -> int:
    """End every unused invite of a staff member now (a new one replaces them, or they have left)."""
    cursor = await tx.execute(
        "UPDATE invites SET expires_at = ? WHERE staff_id = ? AND used_at IS NULL AND expires_at > ?",
        (at.isoformat(), staff_id, at.isoformat()),
    )
    return cursor.rowcount


async def open_for_staff(connection: Reads, staff_ids: list[int], at: datetime) -> dict[int, datetime]:
    """When each staff member's newest unused invite runs out, for those who have one still open."""
    marks = ", ".join("?" for _ in staff_ids)
    rows = await connection.execute_fetchall(
        f"SELECT staff_id, max(expires_at) FROM invites WHERE staff_id IN ({marks})"
        " AND used_at IS NULL AND expires_at > ? GROUP BY staff_id",
        (*staff_ids, at.isoformat()),
    )
    return {row[0]: datetime.fromisoformat(row[1]) for row in rows}
