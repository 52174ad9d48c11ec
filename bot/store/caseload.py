"""Whole-caseload reads and writes for an import: everything it compares the files against, read in a
few queries, and its rows written in batches (one statement per table rather than one per row)."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

import aiosqlite
from pydantic import BaseModel

from bot.models import Contact, MissingEpisode, PathwayReview, YoungPerson
from bot.store.rows import fetch_all, to_row


async def all_people(connection: aiosqlite.Connection) -> list[YoungPerson]:
    """Everyone, including those who have left the service (a later file may bring them back)."""
    return await fetch_all(connection, YoungPerson, "SELECT * FROM young_people ORDER BY id")


async def contact_days(connection: aiosqlite.Connection) -> set[tuple[int, date]]:
    rows = await connection.execute_fetchall("SELECT DISTINCT young_person_id, contacted_on FROM contacts")
    return {(row[0], date.fromisoformat(row[1])) for row in rows}


async def review_days(connection: aiosqlite.Connection) -> set[tuple[int, date]]:
    rows = await connection.execute_fetchall("SELECT young_person_id, reviewed_on FROM pathway_reviews")
    return {(row[0], date.fromisoformat(row[1])) for row in rows}


async def episodes_by_person(connection: aiosqlite.Connection) -> dict[int, list[MissingEpisode]]:
    episodes: dict[int, list[MissingEpisode]] = defaultdict(list)
    for episode in await fetch_all(
        connection, MissingEpisode, "SELECT * FROM missing_episodes ORDER BY started_at"
    ):
        episodes[episode.young_person_id].append(episode)
    return episodes


async def ids_by_case_ref(connection: aiosqlite.Connection) -> dict[str, int]:
    return {
        row[0]: row[1] for row in await connection.execute_fetchall("SELECT case_ref, id FROM young_people")
    }


async def add_people(tx: aiosqlite.Connection, persons: Sequence[YoungPerson]) -> None:
    await _insert_many(tx, "young_people", persons)


async def update_people(tx: aiosqlite.Connection, persons: Sequence[YoungPerson]) -> None:
    if not persons:
        return
    columns = list(to_row(persons[0]))
    assignments = ", ".join(f"{name} = :{name}" for name in columns)
    await tx.executemany(
        f"UPDATE young_people SET {assignments} WHERE id = :id",
        [{**to_row(person), "id": person.id} for person in persons],
    )


async def add_contacts(tx: aiosqlite.Connection, contacts: Sequence[Contact]) -> None:
    await _insert_many(tx, "contacts", contacts)


async def add_reviews(tx: aiosqlite.Connection, reviews: Sequence[PathwayReview]) -> None:
    """A review already recorded for that person and day is left as it is."""
    await _insert_many(tx, "pathway_reviews", reviews, on_conflict=" ON CONFLICT DO NOTHING")


async def _insert_many(
    tx: aiosqlite.Connection, table: str, models: Sequence[BaseModel], on_conflict: str = ""
) -> None:
    if not models:
        return
    columns = list(to_row(models[0]))
    marks = ", ".join(f":{name}" for name in columns)
    await tx.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}){on_conflict}",
        [to_row(model) for model in models],
    )
