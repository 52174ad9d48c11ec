"""Failed invite codes per Telegram user (never the codes), for the back-off in ``bot.services.invites``."""

from datetime import datetime
from typing import NamedTuple

import aiosqlite


class Attempts(NamedTuple):
    failures: int
    last_failed_at: datetime
    wait_until: datetime | None


async def get(connection: aiosqlite.Connection, telegram_user_id: int) -> Attempts | None:
    rows = await connection.execute_fetchall(
        "SELECT failures, last_failed_at, wait_until FROM invite_attempts WHERE telegram_user_id = ?",
        (telegram_user_id,),
    )
    if not rows:
        return None
    failures, last, wait_until = rows[0]
    return Attempts(
        failures, datetime.fromisoformat(last), datetime.fromisoformat(wait_until) if wait_until else None
    )


async def put(tx: aiosqlite.Connection, telegram_user_id: int, attempts: Attempts) -> None:
    await tx.execute(
        "INSERT INTO invite_attempts (telegram_user_id, failures, last_failed_at, wait_until)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (telegram_user_id) DO UPDATE SET failures = excluded.failures,"
        " last_failed_at = excluded.last_failed_at, wait_until = excluded.wait_until",
        (
            telegram_user_id,
            attempts.failures,
            attempts.last_failed_at.isoformat(),
            attempts.wait_until.isoformat() if attempts.wait_until else None,
        ),
    )


async def clear(tx: aiosqlite.Connection, telegram_user_id: int) -> None:
    await tx.execute("DELETE FROM invite_attempts WHERE telegram_user_id = ?", (telegram_user_id,))
