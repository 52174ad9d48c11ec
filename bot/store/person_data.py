"""Everything the database holds about one young person, found in one place: to export it for a subject
access request, to erase it, and to forget what they told the bot (``/stop``).

Rows are returned as they are stored (column names and values), since a subject access request asks for
the data held, not our reading of it. Outbox rows are found by their chat and by the key prefixes the
caller gives (``bot.services.person_data`` knows which keys name a young person).
"""

import json
import re
from datetime import date, datetime
from typing import Any

import aiosqlite

# The tables whose rows are about one young person (``young_person_id``), in the order an export lists
# them. Deleting the young person deletes these rows (ON DELETE CASCADE), except feedback, which is kept
# unlinked (ON DELETE SET NULL) as the team's anonymous counts.
PERSON_TABLES = (
    "contacts",
    "pathway_reviews",
    "missing_episodes",
    "passport_progress",
    "self_reported",
    "handoffs",
    "snoozes",
    "milestones",
    "feedback",
    "invites",
)
NOT_EXPORTED = {"invites": ("code_hash",)}
"""Columns that are not the young person's data: a hash of a spent or unspent invite code."""


def _dicts(rows: list[aiosqlite.Row], skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{key: row[key] for key in row.keys() if key not in skip} for row in rows]  # noqa: SIM118


async def record(connection: aiosqlite.Connection, case_ref: str) -> dict[str, Any] | None:
    rows = await connection.execute_fetchall("SELECT * FROM young_people WHERE case_ref = ?", (case_ref,))
    return _dicts(rows)[0] if rows else None


async def rows_about(connection: aiosqlite.Connection, person_id: int) -> dict[str, list[dict[str, Any]]]:
    found = {}
    for table in PERSON_TABLES:
        rows = await connection.execute_fetchall(
            f"SELECT * FROM {table} WHERE young_person_id = ? ORDER BY rowid", (person_id,)
        )
        found[table] = _dicts(rows, NOT_EXPORTED.get(table, ()))
    return found


async def conversation(
    connection: aiosqlite.Connection, telegram_user_id: int | None
) -> list[dict[str, Any]]:
    if telegram_user_id is None:
        return []
    rows = await connection.execute_fetchall(
        "SELECT * FROM conversation_state WHERE telegram_user_id = ?", (telegram_user_id,)
    )
    return _dicts(rows)


_OUTBOX_ABOUT = (
    " FROM outbox WHERE (chat_id = :chat AND :chat IS NOT NULL) OR EXISTS (SELECT 1 FROM json_each(:prefixes)"
    " WHERE substr(outbox.idempotency_key, 1, length(json_each.value)) = json_each.value)"
)


async def outbox_about(
    connection: aiosqlite.Connection, chat_id: int | None, key_prefixes: list[str]
) -> list[dict[str, Any]]:
    """Messages sent or queued to the young person's chat, or under one of ``key_prefixes``."""
    rows = await connection.execute_fetchall(
        "SELECT *" + _OUTBOX_ABOUT + " ORDER BY id", {"chat": chat_id, "prefixes": json.dumps(key_prefixes)}
    )
    return _dicts(rows)


async def audit_about(connection: aiosqlite.Connection, person_id: int) -> list[dict[str, Any]]:
    rows = await connection.execute_fetchall(
        "SELECT * FROM audit_log WHERE young_person_id = ? ORDER BY at, id", (person_id,)
    )
    return _dicts(rows)


async def erase(
    tx: aiosqlite.Connection, person: dict[str, Any], key_prefixes: list[str], *, reason: str, now: datetime
) -> int:
    """Delete the young person and every row about them (outbox rows under ``key_prefixes`` or to their
    chat included); leave the tombstone and return its id.

    The audit rows about them are pointed at the tombstone first. Inside the caller's transaction.
    """
    await tx.execute(
        "DELETE" + _OUTBOX_ABOUT, {"chat": person["telegram_user_id"], "prefixes": json.dumps(key_prefixes)}
    )
    await _blank_lines_naming(tx, person["case_ref"])
    if person["telegram_user_id"] is not None:
        await tx.execute(
            "DELETE FROM conversation_state WHERE telegram_user_id = ?", (person["telegram_user_id"],)
        )
    cursor = await tx.execute(
        "INSERT INTO erased_people (case_ref, reason, erased_at) VALUES (?, ?, ?)",
        (person["case_ref"], reason, now.isoformat()),
    )
    tombstone = cursor.lastrowid
    assert tombstone is not None
    await tx.execute(
        "UPDATE audit_log SET erased_person_id = ? WHERE young_person_id = ?", (tombstone, person["id"])
    )
    await tx.execute("DELETE FROM young_people WHERE id = ?", (person["id"],))
    return tombstone


async def forget_told(tx: aiosqlite.Connection, person_id: int, telegram_user_id: int) -> dict[str, int]:
    """Delete what the young person told the bot about themselves, keeping the council's record: their
    answers about themselves, the passport ticks they made, the name they chose (the council's, if any,
    comes back with the next import), and where their conversation was up to. Their "Did this help?"
    answers stay unlinked in the team's anonymous counts, as on erasure. Inside the caller's transaction;
    how many rows of each kind went."""
    statements = {
        "answers about themselves": ("DELETE FROM self_reported WHERE young_person_id = ?", person_id),
        "passport ticks": (
            "DELETE FROM passport_progress WHERE young_person_id = ? AND updated_by_staff_id IS NULL",
            person_id,
        ),
        "feedback unlinked": (
            "UPDATE feedback SET young_person_id = NULL WHERE young_person_id = ?",
            person_id,
        ),
        "chosen name": (
            "UPDATE young_people SET preferred_name = NULL, named_themselves = 0"
            " WHERE id = ? AND named_themselves = 1",
            person_id,
        ),
        "conversation": ("DELETE FROM conversation_state WHERE telegram_user_id = ?", telegram_user_id),
    }
    gone = {}
    for kind, (sql, key) in statements.items():
        cursor = await tx.execute(sql, (key,))
        gone[kind] = cursor.rowcount
    return gone


ERASED_LINE = "[a record since erased]"


async def _blank_lines_naming(tx: aiosqlite.Connection, case_ref: str) -> None:
    """Replace each line that names the case reference in messages about several young people (a PA's
    morning digest, a manager's list). Staff messages always name a young person with their case
    reference, under whatever name they had then, so the whole line goes."""
    naming = re.compile(rf"^.*(?<![\w-]){re.escape(case_ref)}(?![\w-]).*$", re.MULTILINE)
    rows = await tx.execute_fetchall("SELECT id, text FROM outbox WHERE instr(text, ?) > 0", (case_ref,))
    changed = [(naming.sub(ERASED_LINE, row[1]), row[0]) for row in rows]
    await tx.executemany("UPDATE outbox SET text = ? WHERE id = ?", [item for item in changed if item[0]])


async def tombstones(connection: aiosqlite.Connection, case_ref: str) -> list[int]:
    rows = await connection.execute_fetchall("SELECT id FROM erased_people WHERE case_ref = ?", (case_ref,))
    return [row[0] for row in rows]


async def erased_on_request(connection: aiosqlite.Connection) -> dict[str, date]:
    """Case references erased at the young person's request, and the (UTC) day of the latest erasure."""
    rows = await connection.execute_fetchall(
        "SELECT case_ref, max(erased_at) FROM erased_people WHERE reason = 'request' GROUP BY case_ref"
    )
    return {row[0]: datetime.fromisoformat(row[1]).date() for row in rows}


async def left_before(connection: aiosqlite.Connection, day: str, limit: int) -> list[str]:
    """Case references of young people who left the service before ``day`` (ISO date)."""
    rows = await connection.execute_fetchall(
        "SELECT case_ref FROM young_people WHERE left_service_on IS NOT NULL AND left_service_on < ?"
        " ORDER BY left_service_on, id LIMIT ?",
        (day, limit),
    )
    return [row[0] for row in rows]
