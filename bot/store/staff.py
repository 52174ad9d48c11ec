"""PAs, managers and admins."""

import aiosqlite

from bot.models import Role, Staff
from bot.store.db import Reads
from bot.store.rows import fetch_all, fetch_one, insert


async def add(tx: aiosqlite.Connection, member: Staff) -> Staff:
    return member.model_copy(update={"id": await insert(tx, "staff", member)})


async def get(connection: Reads, staff_id: int) -> Staff | None:
    return await fetch_one(connection, Staff, "SELECT * FROM staff WHERE id = ?", (staff_id,))


async def by_telegram_user(connection: Reads, telegram_user_id: int) -> Staff | None:
    return await fetch_one(
        connection, Staff, "SELECT * FROM staff WHERE telegram_user_id = ? AND active", (telegram_user_id,)
    )


async def by_worker_id(connection: aiosqlite.Connection, worker_id: str) -> Staff | None:
    return await fetch_one(connection, Staff, "SELECT * FROM staff WHERE worker_id = ?", (worker_id,))


async def in_team(connection: aiosqlite.Connection, team_id: int, role: Role | None = None) -> list[Staff]:
    if role is None:
        sql, params = "SELECT * FROM staff WHERE team_id = ? ORDER BY name", (team_id,)
    else:
        sql, params = (
            "SELECT * FROM staff WHERE team_id = ? AND role = ? ORDER BY name",
            (team_id, role.value),
        )
    return await fetch_all(connection, Staff, sql, params)


async def all_staff(connection: aiosqlite.Connection) -> list[Staff]:
    return await fetch_all(connection, Staff, "SELECT * FROM staff ORDER BY name")


async def worker_labels(connection: aiosqlite.Connection) -> dict[int, str]:
    """Each staff member's label in reports for auditors: the council's worker id, else our staff id."""
    rows = await connection.execute_fetchall("SELECT id, coalesce(worker_id, CAST(id AS TEXT)) FROM staff")
    return {row[0]: row[1] for row in rows}


async def link_telegram(tx: aiosqlite.Connection, staff_id: int, telegram_user_id: int) -> None:
    await tx.execute("UPDATE staff SET telegram_user_id = ? WHERE id = ?", (telegram_user_id, staff_id))


async def any_pa_not_joined(connection: aiosqlite.Connection) -> bool:
    """Whether an active PA has not linked Telegram yet (their reminders wait for them)."""
    rows = await connection.execute_fetchall(
        "SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'pa' AND active AND telegram_user_id IS NULL)"
    )
    return bool(rows[0][0])


async def deactivate(tx: aiosqlite.Connection, staff_id: int) -> None:
    """Someone who has left: their record stays (the audit trail names it), their Telegram link does not,
    so the account they used is a stranger to the bot from now on."""
    await tx.execute("UPDATE staff SET active = 0, telegram_user_id = NULL WHERE id = ?", (staff_id,))


async def set_team(tx: aiosqlite.Connection, staff_id: int, team_id: int) -> None:
    await tx.execute("UPDATE staff SET team_id = ? WHERE id = ?", (team_id, staff_id))
