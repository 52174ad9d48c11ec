"""Messages the bot owes people, each under a unique idempotency key."""

import json
from datetime import datetime, timedelta
from typing import NamedTuple

import aiosqlite

from bot.models import OutboxMessage
from bot.store.db import Reads
from bot.store.rows import fetch_all, fetch_one, insert, to_row


async def enqueue(tx: aiosqlite.Connection, message: OutboxMessage) -> bool:
    """Queue a message unless one with the same key exists; True if it was new."""
    return await insert(tx, "outbox", message, on_conflict="DO NOTHING") is not None


_DUE = (
    "sent_at IS NULL AND cancelled_at IS NULL AND due_at <= ?1"
    " AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)"
)


async def pending(connection: aiosqlite.Connection, now: datetime, limit: int = 100) -> list[OutboxMessage]:
    """Unsent messages whose time has come (and whose retry back-off, if any, has passed): urgent ones
    first, whatever the backlog of routine ones, then the rest; oldest first within each.

    Each half reads its own index in order (``outbox_urgent_pending``, ``outbox_pending``) and stops at
    ``limit``, so a backlog of many thousands costs no more to read than a short one."""
    return await fetch_all(
        connection,
        OutboxMessage,
        f"SELECT * FROM (SELECT * FROM outbox WHERE {_DUE} AND urgent = 1 ORDER BY due_at, id LIMIT ?2)"
        f" UNION ALL SELECT * FROM (SELECT * FROM outbox WHERE {_DUE} AND urgent = 0"
        " ORDER BY due_at, id LIMIT ?2) ORDER BY urgent DESC, due_at, id LIMIT ?2",
        (now.isoformat(), limit),
    )


async def unsent(connection: aiosqlite.Connection) -> list[OutboxMessage]:
    """Every row still to go (held for working hours, or waiting out a retry), soonest first."""
    return await fetch_all(
        connection,
        OutboxMessage,
        "SELECT * FROM outbox WHERE sent_at IS NULL AND cancelled_at IS NULL ORDER BY due_at, id",
    )


async def claim(tx: aiosqlite.Connection, message_id: int, now: datetime, lease: timedelta) -> bool:
    """Take an unsent row for sending, for ``lease``: True if this caller has it.

    Whoever sends a row (the dispatcher, or ``bot.outbox.send.send_now`` for an alert that must go at once)
    claims it first, in its own write transaction, so the other sees it taken and leaves it: a row is
    never handed to Telegram twice at once. A sender that dies after claiming only delays the retry
    until the lease ends; sending marks the row sent or failed, which ends the lease.
    """
    cursor = await tx.execute(
        "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND cancelled_at IS NULL"
        " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)",
        ((now + lease).isoformat(), message_id, now.isoformat()),
    )
    return cursor.rowcount == 1


async def mark_sent(
    tx: aiosqlite.Connection,
    message_id: int,
    at: datetime,
    *,
    text: str | None = None,
    reply_markup: str | None = None,
) -> None:
    """Mark a row sent; with ``text``, also keep the words (and buttons) it was sent with, written when it
    went."""
    if text is None:
        await tx.execute(
            "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
            (at.isoformat(), message_id),
        )
        return
    await tx.execute(
        "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL, text = ?,"
        " reply_markup = ? WHERE id = ?",
        (at.isoformat(), text, reply_markup, message_id),
    )


async def mark_failed(tx: aiosqlite.Connection, message_id: int, error: str, retry_at: datetime) -> None:
    await tx.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
        (error[:200], retry_at.isoformat(), message_id),
    )


async def give_up(tx: aiosqlite.Connection, message_id: int, error: str, at: datetime) -> None:
    """Stop trying a row that can never be delivered (the chat has blocked the bot): it is cancelled with
    the error kept, so a summary can tell "could not be delivered" from "no longer needed"."""
    await tx.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, cancelled_at = ? WHERE id = ?",
        (error[:200], at.isoformat(), message_id),
    )


async def withdraw(tx: aiosqlite.Connection, message_ids: list[int], at: datetime) -> int:
    """Cancel these unsent rows: what they were about is no longer true. Their keys stay, so they are
    never queued again. Returns how many were withdrawn."""
    cursor = await tx.execute(
        "UPDATE outbox SET cancelled_at = ? WHERE sent_at IS NULL AND cancelled_at IS NULL"
        " AND id IN (SELECT value FROM json_each(?))",
        (at.isoformat(), json.dumps(message_ids)),
    )
    return cursor.rowcount


class AboutADeadline(NamedTuple):
    """An unsent row about one young person's deadline."""

    id: int
    person_id: int
    subject: str
    key: str


async def unsent_about(connection: aiosqlite.Connection, person_ids: list[int]) -> list[AboutADeadline]:
    """The unsent rows about a deadline of any of these young people (few: a reminder waits hours, not
    weeks), so the sweep can withdraw those whose deadline has closed."""
    rows = await connection.execute_fetchall(
        "SELECT id, person_id, subject, idempotency_key FROM outbox"
        " WHERE person_id IN (SELECT value FROM json_each(?))"
        " AND sent_at IS NULL AND cancelled_at IS NULL AND subject IS NOT NULL",
        (json.dumps(person_ids),),
    )
    return [AboutADeadline(*row) for row in rows]


async def forget_reminders_about(tx: aiosqlite.Connection, person_ids: list[int]) -> int:
    """Delete the reminders about these young people that were never sent nor tried (waiting, or withdrawn
    unsent: their PA left, say): their PA has changed, and the sweep writes what is still open again, for
    the new PA, under the same keys. A row kept would keep its key, and the new PA would never be sent it.
    Returns how many were deleted."""
    cursor = await tx.execute(
        "DELETE FROM outbox WHERE person_id IN (SELECT value FROM json_each(?)) AND subject IS NOT NULL"
        " AND sent_at IS NULL AND attempts = 0 AND next_attempt_at IS NULL",
        (json.dumps(person_ids),),
    )
    return cursor.rowcount


async def cancel(tx: aiosqlite.Connection, key_prefix: str, at: datetime) -> int:
    """Cancel every unsent message whose key starts with ``key_prefix`` (the thing it was about is done).

    Returns how many were cancelled. A cancelled key stays in the table, so it can never be queued again.
    """
    cursor = await tx.execute(
        "UPDATE outbox SET cancelled_at = ? WHERE sent_at IS NULL AND cancelled_at IS NULL"
        " AND substr(idempotency_key, 1, ?) = ?",
        (at.isoformat(), len(key_prefix), key_prefix),
    )
    return cursor.rowcount


async def cancel_to_chat(tx: aiosqlite.Connection, chat_id: int, at: datetime) -> int:
    """Cancel every unsent message to one chat (its user no longer works here); how many there were."""
    cursor = await tx.execute(
        "UPDATE outbox SET cancelled_at = ? WHERE sent_at IS NULL AND cancelled_at IS NULL AND chat_id = ?",
        (at.isoformat(), chat_id),
    )
    return cursor.rowcount


async def enqueue_many(tx: aiosqlite.Connection, messages: list[OutboxMessage]) -> int:
    """Queue many messages in one statement, skipping keys already present; returns how many were new."""
    if not messages:
        return 0
    rows = [to_row(message) for message in messages]
    columns = ", ".join(rows[0])
    marks = ", ".join(f":{name}" for name in rows[0])
    before = tx.total_changes
    await tx.executemany(f"INSERT INTO outbox ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)
    return tx.total_changes - before


async def existing_keys(connection: aiosqlite.Connection, keys: list[str]) -> set[str]:
    """Which of ``keys`` are already queued (sent, pending or cancelled), so a sweep builds only new ones."""
    rows = await connection.execute_fetchall(
        "SELECT idempotency_key FROM outbox WHERE idempotency_key IN (SELECT value FROM json_each(?))",
        (json.dumps(keys),),
    )
    return {row[0] for row in rows}


async def pas_without_digest(connection: aiosqlite.Connection, day: str, *, limit: int) -> dict[int, int]:
    """Active PAs with Telegram linked who have no digest for ``day`` yet: staff id -> chat id."""
    rows = await connection.execute_fetchall(
        "SELECT s.id, s.telegram_user_id FROM staff s WHERE s.role = 'pa' AND s.active"
        " AND s.telegram_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox o"
        " WHERE o.idempotency_key = 'digest:' || s.id || ':' || ?) ORDER BY s.id LIMIT ?",
        (day, limit),
    )
    return {row[0]: row[1] for row in rows}


class Replacement(NamedTuple):
    """A new message that replaces older unsent ones: same key prefix, same kind, same chat."""

    key_prefix: str
    kind: str
    chat_id: int
    key: str


async def replace_earlier(tx: aiosqlite.Connection, replacements: list[Replacement], at: datetime) -> None:
    """Cancel the unsent messages each replacement makes stale (not the replacement itself)."""
    await tx.executemany(
        "UPDATE outbox SET cancelled_at = ? WHERE sent_at IS NULL AND cancelled_at IS NULL"
        " AND idempotency_key >= ? AND idempotency_key < ? AND idempotency_key != ?"
        " AND kind = ? AND chat_id = ?",
        [
            (
                at.isoformat(),
                item.key_prefix,
                _after_prefix(item.key_prefix),
                item.key,
                item.kind,
                item.chat_id,
            )
            for item in replacements
        ],
    )


def _after_prefix(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix`` (so the key index is used)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


async def by_key(connection: aiosqlite.Connection, idempotency_key: str) -> OutboxMessage | None:
    return await fetch_one(
        connection, OutboxMessage, "SELECT * FROM outbox WHERE idempotency_key = ?", (idempotency_key,)
    )


class Backlog(NamedTuple):
    """What the outbox still owes: every unsent row, those whose time has come, and the oldest of those."""

    pending: int
    due: int
    oldest_due_at: datetime | None


async def backlog(connection: aiosqlite.Connection, now: datetime) -> Backlog:
    """Counted for ``/metrics``; a row waiting out a retry counts as due (it is late all the same)."""
    rows = await connection.execute_fetchall(
        "SELECT count(*), count(*) FILTER (WHERE due_at <= ?1), min(due_at) FILTER (WHERE due_at <= ?1)"
        " FROM outbox WHERE sent_at IS NULL AND cancelled_at IS NULL",
        (now.isoformat(),),
    )
    pending, due, oldest = rows[0]
    return Backlog(pending, due, None if oldest is None else datetime.fromisoformat(oldest))


async def with_prefix(connection: Reads, key_prefix: str) -> list[OutboxMessage]:
    """Every row (sent, pending or cancelled) whose key starts with ``key_prefix``: one alert's messages."""
    return await fetch_all(
        connection,
        OutboxMessage,
        "SELECT * FROM outbox WHERE idempotency_key >= ? AND idempotency_key < ? ORDER BY id",
        (key_prefix, _after_prefix(key_prefix)),
    )


async def refused_chats(connection: Reads, chat_ids: list[int]) -> set[int]:
    """Which of these chats have blocked the bot: Telegram refused a message to them (Forbidden, the row
    given up) and nothing has been delivered to them since."""
    rows = await connection.execute_fetchall(
        "SELECT DISTINCT o.chat_id FROM outbox o WHERE o.last_error = 'Forbidden'"
        " AND o.cancelled_at IS NOT NULL AND o.chat_id IN (SELECT value FROM json_each(?))"
        " AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.chat_id = o.chat_id AND s.sent_at > o.cancelled_at)",
        (json.dumps(sorted(set(chat_ids))),),
    )
    return {row[0] for row in rows}


async def bring_forward(tx: aiosqlite.Connection, keys: list[str], due_at: datetime, text: str) -> None:
    """Make these unsent rows due at ``due_at`` and say ``text`` instead (the step before them reached
    nobody, so they go sooner, and say why)."""
    await tx.execute(
        "UPDATE outbox SET due_at = ?, text = ? WHERE sent_at IS NULL AND cancelled_at IS NULL AND due_at > ?"
        " AND idempotency_key IN (SELECT value FROM json_each(?))",
        (due_at.isoformat(), text, due_at.isoformat(), json.dumps(keys)),
    )
