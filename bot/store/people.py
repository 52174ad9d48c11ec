"""Young people: the council's case reference, the few facts the rules need, and their Telegram link."""

import aiosqlite

from bot.models import YoungPerson
from bot.store.db import Reads
from bot.store.rows import fetch_all, fetch_one, insert, to_row


async def add(tx: aiosqlite.Connection, person: YoungPerson) -> YoungPerson:
    return person.model_copy(update={"id": await insert(tx, "young_people", person)})


async def update(tx: aiosqlite.Connection, person: YoungPerson) -> None:
    if person.id is None:
        raise ValueError("only a stored young person can be updated")
    row = to_row(person)
    assignments = ", ".join(f"{name} = :{name}" for name in row)
    await tx.execute(f"UPDATE young_people SET {assignments} WHERE id = :id", {**row, "id": person.id})


async def get(connection: Reads, person_id: int) -> YoungPerson | None:
    return await fetch_one(connection, YoungPerson, "SELECT * FROM young_people WHERE id = ?", (person_id,))


async def by_case_ref(connection: aiosqlite.Connection, case_ref: str) -> YoungPerson | None:
    return await fetch_one(
        connection, YoungPerson, "SELECT * FROM young_people WHERE case_ref = ?", (case_ref,)
    )


async def by_telegram_user(connection: Reads, telegram_user_id: int) -> YoungPerson | None:
    return await fetch_one(
        connection,
        YoungPerson,
        "SELECT * FROM young_people WHERE telegram_user_id = ? AND left_service_on IS NULL",
        (telegram_user_id,),
    )


async def for_pa(connection: aiosqlite.Connection, pa_id: int) -> list[YoungPerson]:
    """A PA's caseload: their young people still in the service and alive (one recorded as died, SSDA903
    in-touch code DIED, is on nobody's caseload)."""
    return await fetch_all(
        connection,
        YoungPerson,
        "SELECT * FROM young_people WHERE pa_id = ? AND left_service_on IS NULL"
        " AND coalesce(upper(trim(in_touch)), '') != 'DIED'"
        " ORDER BY preferred_name IS NULL, preferred_name, case_ref",
        (pa_id,),
    )


async def in_team(connection: aiosqlite.Connection, team_id: int) -> list[YoungPerson]:
    return await fetch_all(
        connection,
        YoungPerson,
        "SELECT * FROM young_people WHERE team_id = ? AND left_service_on IS NULL ORDER BY case_ref",
        (team_id,),
    )


async def in_service(connection: aiosqlite.Connection) -> list[YoungPerson]:
    return await fetch_all(
        connection, YoungPerson, "SELECT * FROM young_people WHERE left_service_on IS NULL ORDER BY id"
    )


async def link_telegram(tx: aiosqlite.Connection, person_id: int, telegram_user_id: int | None) -> None:
    """Link (or, with ``None``, unlink) a young person's Telegram account."""
    await tx.execute(
        "UPDATE young_people SET telegram_user_id = ? WHERE id = ?", (telegram_user_id, person_id)
    )


async def move_to_pa(
    tx: aiosqlite.Connection, person_ids: list[int], pa_id: int, team_id: int | None
) -> None:
    """Give these young people a new PA, and the PA's team."""
    await tx.executemany(
        "UPDATE young_people SET pa_id = ?, team_id = ? WHERE id = ?",
        [(pa_id, team_id, person_id) for person_id in person_ids],
    )


SUPPORTED = "left_service_on IS NULL AND in_touch IS NOT 'DIED'"
"""Young people a PA supports now: in the service, and alive (SSDA903 in-touch code DIED)."""


def supported(person: YoungPerson) -> bool:
    return person.left_service_on is None and person.in_touch != "DIED"


async def caseload_counts(connection: Reads, team_id: int | None) -> dict[int | None, int]:
    """Young people a PA supports now, by PA id (None: nobody), for one team or (``team_id`` None) all."""
    where = SUPPORTED + (" AND team_id = ?" if team_id is not None else "")
    rows = await connection.execute_fetchall(
        f"SELECT pa_id, count(*) FROM young_people WHERE {where} GROUP BY pa_id",
        (team_id,) if team_id is not None else (),
    )
    return {row[0]: row[1] for row in rows}
