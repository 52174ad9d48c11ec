"""PA contacts with young people: when, by whom and how. No notes of what was said."""

import aiosqlite

from bot.models import Contact
from bot.store.rows import fetch_all, fetch_one, insert


async def add(tx: aiosqlite.Connection, contact: Contact) -> Contact:
    return contact.model_copy(update={"id": await insert(tx, "contacts", contact)})


async def for_person(connection: aiosqlite.Connection, person_id: int) -> list[Contact]:
    return await fetch_all(
        connection,
        Contact,
        "SELECT * FROM contacts WHERE young_person_id = ? ORDER BY contacted_on, id",
        (person_id,),
    )


async def latest(connection: aiosqlite.Connection, person_id: int) -> Contact | None:
    return await fetch_one(
        connection,
        Contact,
        "SELECT * FROM contacts WHERE young_person_id = ? ORDER BY contacted_on DESC, id DESC LIMIT 1",
        (person_id,),
    )
