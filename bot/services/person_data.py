"""A young person's data rights, for the council's data protection work: everything held about them as
JSON (a subject access request), erasure, and the retention rule that erases the records of those who
left the service long enough ago. Each is written to the audit log.

Erasure deletes the record and everything about it (contacts, reviews, missing episodes, passport,
self-reported facts, hand-offs, snoozes, invites, their conversation, messages to them or about them)
and leaves a tombstone: the case reference, when and why. Audit rows are kept and point at the tombstone,
because the audit log must go on saying who read whose record. Feedback stays, unlinked, in the team's
anonymous counts. A staff digest that listed them among others is not theirs alone and stays.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite
from dateutil.relativedelta import relativedelta

from bot.models import AuditEntry, OutboxMessage, Role
from bot.store import Database, audit, outbox, person_data, staff
from scheduler.deadlines import DeadlineKind

log = logging.getLogger(__name__)

CLI_ACTOR = "cli"
RETENTION_ACTOR = "retention"
RETENTION_BATCH = 200
"""At most this many records are erased per tick, so a first run over years of leavers never holds the
write lock for long; the rest go at the next ticks."""

PERSON_KEY_PREFIXES = (
    *(kind.value for kind in DeadlineKind if kind is not DeadlineKind.RHI),
    "account_moved:person",
)
"""Outbox keys that start ``<prefix>:<young person id>:``: reminders about them to staff (every deadline
but an RHI, whose key names the episode), and the notice that their account moved."""

RETENTION_NOTICE = (
    "Retention: I erased the records of {count} who left the service more than {years} years ago (before"
    " {cutoff}). Only their case references and the audit log are kept. See them with: carebot audit"
    " --since {today}"
)


class PersonNotFound(Exception):
    """No young person has this case reference (or they were erased). The message says so."""


@dataclass(frozen=True)
class Erased:
    case_ref: str
    tombstone: int
    rows: dict[str, int] = field(default_factory=dict)
    """How many rows of each kind went."""


async def export(db: Database, case_ref: str, *, now: datetime) -> dict[str, Any]:
    """Everything held about the young person, as stored, for a subject access request; audited."""
    async with db.snapshot() as snapshot:
        held = await _held(snapshot, case_ref)
    async with db.transaction() as tx:
        await audit.record(
            tx,
            AuditEntry(
                at=now,
                actor_role=CLI_ACTOR,
                action="person.export",
                young_person_id=held["young_person"]["id"],
                detail="subject access request",
            ),
        )
    return {"exported_at": now.isoformat(), **held}


async def _held(connection: aiosqlite.Connection, case_ref: str) -> dict[str, Any]:
    person = await person_data.record(connection, case_ref)
    if person is None:
        raise PersonNotFound(_not_found(case_ref, await person_data.tombstones(connection, case_ref)))
    rows = await person_data.rows_about(connection, person["id"])
    return {
        "young_person": person,
        **rows,
        "conversation": await person_data.conversation(connection, person["telegram_user_id"]),
        "outbox": await person_data.outbox_about(
            connection, person["telegram_user_id"], _key_prefixes(person["id"], rows)
        ),
        "audit_log": await person_data.audit_about(connection, person["id"]),
    }


def _not_found(case_ref: str, tombstones: list[int]) -> str:
    if tombstones:
        return f"the record with case reference {case_ref!r} was erased"
    return f"no young person has case reference {case_ref!r}"


def _key_prefixes(person_id: int, rows: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [
        *(f"{prefix}:{person_id}:" for prefix in PERSON_KEY_PREFIXES),
        *(f"rhi:{episode['id']}:" for episode in rows["missing_episodes"]),
        *(f"handoff:{handoff['id']}:" for handoff in rows["handoffs"]),
    ]


async def what_erasing_removes(db: Database, case_ref: str) -> dict[str, int]:
    """How many rows of each kind erasing would remove, to show before asking to confirm."""
    async with db.snapshot() as snapshot:
        held = await _held(snapshot, case_ref)
    return _counts(held)


KEPT = ("audit_log", "feedback")
"""What erasing keeps: the audit rows (pointed at the tombstone) and feedback (unlinked)."""


def _counts(held: dict[str, Any]) -> dict[str, int]:
    return {name: len(rows) for name, rows in held.items() if isinstance(rows, list) and name not in KEPT}


async def erase(db: Database, case_ref: str, *, now: datetime, reason: str = "request") -> Erased:
    """Erase the young person's record and everything about it, leaving a tombstone; audited."""
    async with db.transaction() as tx:
        held = await _held(tx, case_ref)
        person = held["young_person"]
        tombstone = await person_data.erase(
            tx, person, _key_prefixes(person["id"], held), reason=reason, now=now
        )
        await audit.record(
            tx,
            AuditEntry(
                at=now,
                actor_role=CLI_ACTOR if reason == "request" else RETENTION_ACTOR,
                action="person.erase",
                erased_person_id=tombstone,
                detail="on request" if reason == "request" else "retention rule",
            ),
        )
    return Erased(case_ref, tombstone, _counts(held))


async def apply_retention(db: Database, *, years: int, now: datetime, tz: ZoneInfo) -> list[Erased]:
    """Erase the records of young people who left the service more than ``years`` years ago (0: never),
    and tell the admins how many went."""
    if years <= 0:
        return []
    today = now.astimezone(tz).date()
    cutoff = today - relativedelta(years=years)
    erased = [
        await erase(db, case_ref, now=now, reason="retention")
        for case_ref in await person_data.left_before(db.reader, cutoff.isoformat(), RETENTION_BATCH)
    ]
    if erased:
        log.info("retention: erased %d records of young people who left before %s", len(erased), cutoff)
        count = "1 young person" if len(erased) == 1 else f"{len(erased)} young people"
        text = RETENTION_NOTICE.format(count=count, years=years, cutoff=cutoff, today=today)
        await _tell_admins(db, text, now)
    return erased


async def _tell_admins(db: Database, text: str, now: datetime) -> None:
    admins = [
        member
        for member in await staff.all_staff(db.reader)
        if member.role is Role.ADMIN and member.active and member.telegram_user_id is not None
    ]
    async with db.transaction() as tx:
        for admin in admins:
            assert admin.telegram_user_id is not None
            await outbox.enqueue(
                tx,
                OutboxMessage(
                    idempotency_key=f"retention:{now.isoformat()}:{admin.id}",
                    kind="retention",
                    chat_id=admin.telegram_user_id,
                    text=text,
                    due_at=now,
                    created_at=now,
                ),
            )
