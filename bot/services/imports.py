"""Importing a caseload: read the files, plan the changes, apply them all or nothing.

The whole import is one transaction: any problem in any row means nothing is written. Reading and
parsing (pure, CPU-bound) happen in a worker thread before the write lock is taken, so a large file never
stalls the bot's other work for longer than the writes themselves.

In the chat, only admins may import: the file waits in ``pending_imports`` (it survives a restart) until
the admin confirms or cancels it, and is deleted as soon as it is used or a day has passed.
"""

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.imports.parse import Format, parse_files
from bot.imports.readers import DEFAULT_LIMITS, ReadLimits
from bot.imports.records import StaffRecord
from bot.models import AuditEntry, Contact, ContactMethod, PathwayReview, Role, Source, Staff
from bot.services.access import AccessDenied, log_staff_action
from bot.services.identity import Identity
from bot.services.import_plan import Existing, ImportPlan, plan_import
from bot.store import (
    Database,
    audit,
    caseload,
    missing,
    pending_imports,
    people,
    person_data,
    staff,
    teams,
)
from bot.store.pending_imports import PendingImport

PENDING_FOR = timedelta(hours=24)
# The files give the day of the latest contact but not how it happened, so that is what is recorded: a
# contact, method and in-person unknown. It is not a visit, so it never meets the visit rule for
# council-provided accommodation; it does count as the latest contact.
IMPORTED_CONTACT_METHOD = ContactMethod.UNRECORDED


class ImportGone(Exception):
    """The pending import was used, cancelled or has expired. The message is safe to show."""

    def __init__(self) -> None:
        super().__init__(
            "That import has already been used, cancelled or has expired. Please send the file again."
        )


@dataclass(frozen=True)
class ImportOutcome:
    plan: ImportPlan
    applied: bool


async def load_existing(connection: aiosqlite.Connection) -> Existing:
    everyone = await caseload.all_people(connection)
    return Existing(
        people={person.case_ref: person for person in everyone},
        staff=await staff.all_staff(connection),
        teams={team.name: team for team in await teams.all_teams(connection)},
        contact_days=await caseload.contact_days(connection),
        review_days=await caseload.review_days(connection),
        episodes=await caseload.episodes_by_person(connection),
        erased_on_request=await person_data.erased_on_request(connection),
    )


async def run_import(
    db: Database,
    files: list[tuple[str, bytes]],
    *,
    fmt: Format = Format.AUTO,
    as_of: date,
    tz: ZoneInfo,
    now: datetime,
    dry_run: bool = False,
    close_missing: bool = False,
    actor: Identity | None = None,
    pending_id: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportOutcome:
    """Plan the import; unless ``dry_run`` or there are problems, apply it in one transaction.

    ``pending_id`` (a file confirmed in the chat) is deleted in the same transaction as the import.
    ``limits`` (``[imports]`` in the config) are checked before a file is read.
    """
    parsed = await asyncio.to_thread(parse_files, files, fmt=fmt, as_of=as_of, tz=tz, limits=limits)
    if dry_run:
        async with db.snapshot() as snapshot:
            existing = await load_existing(snapshot)
        return ImportOutcome(plan_import(existing, parsed, as_of=as_of, close_missing=close_missing), False)
    async with db.transaction() as tx:
        plan = plan_import(await load_existing(tx), parsed, as_of=as_of, close_missing=close_missing)
        if plan.ok:
            # Two presses of "Apply" race here: only the one that removes the pending file goes ahead.
            if pending_id is not None and not await pending_imports.remove(tx, pending_id):
                raise ImportGone()
            await apply_plan(tx, plan, now=now, actor=actor)
            await pending_imports.remove_older_than(tx, now - PENDING_FOR)
    return ImportOutcome(plan, plan.ok)


async def apply_plan(
    tx: aiosqlite.Connection, plan: ImportPlan, *, now: datetime, actor: Identity | None
) -> None:
    """Write a plan with no problems. Nothing is deleted: people who left are marked, history is added."""
    team_ids = {name: (await teams.get_or_add(tx, name)).id for name in plan.new_teams}
    staff_ids: dict[StaffRecord, int | None] = {}
    for record in plan.new_staff:
        team_id = (await teams.get_or_add(tx, record.team)).id if record.team else None
        member = Staff(name=record.name, role=record.role, team_id=team_id, worker_id=record.worker_id)
        staff_ids[record] = (await staff.add(tx, member)).id
    new_people, updated_people = [], []
    for change in plan.people:
        person = change.after
        if change.team:
            person = person.model_copy(update={"team_id": team_ids[change.team]})
        if change.pa_staff:
            person = person.model_copy(update={"pa_id": staff_ids[change.pa_staff]})
        change.after = person
        if change.before is None:
            new_people.append(person)
        elif change.changed:
            updated_people.append(person)
    await caseload.add_people(tx, new_people)
    await caseload.update_people(tx, updated_people)
    person_ids = await caseload.ids_by_case_ref(tx)
    await caseload.add_contacts(
        tx,
        [
            Contact(
                young_person_id=person_ids[change.case_ref],
                contacted_on=change.contact_on,
                staff_id=change.after.pa_id,
                method=IMPORTED_CONTACT_METHOD,
                in_person=None,
                source=Source.IMPORT,
            )
            for change in plan.people
            if change.contact_on
        ],
    )
    await caseload.add_reviews(
        tx,
        [
            PathwayReview(
                young_person_id=person_ids[change.case_ref],
                reviewed_on=change.review_on,
                staff_id=change.after.pa_id,
                source=Source.IMPORT,
            )
            for change in plan.people
            if change.review_on
        ],
    )
    for episode_change in plan.episodes:
        episode = episode_change.episode
        if episode_change.is_new:
            person_id = person_ids[episode_change.case_ref]
            await missing.add(tx, episode.model_copy(update={"young_person_id": person_id}))
        else:
            await missing.update(tx, episode)
    if plan.close_missing:
        for person in plan.leaving:
            await people.update(tx, person.model_copy(update={"left_service_on": plan.as_of}))
    detail = (
        f"{plan.count('new')} new, {plan.count('updated')} updated, "
        f"{len(plan.leaving) if plan.close_missing else 0} left; as of {plan.as_of.isoformat()}"
    )
    if actor is not None and actor.is_staff:
        await log_staff_action(tx, actor, "import", now, detail=detail)
    else:
        await audit.record(tx, AuditEntry(at=now, actor_role="cli", action="import", detail=detail))


def require_admin(identity: Identity) -> None:
    if identity.role is not Role.ADMIN or identity.staff is None:
        raise AccessDenied("Only an admin can import the caseload.")


async def preview_document(
    db: Database,
    identity: Identity,
    file_name: str,
    content: bytes,
    *,
    as_of: date,
    tz: ZoneInfo,
    now: datetime,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> tuple[ImportPlan, int | None]:
    """The report for a file sent in the chat, and the id it waits under (None when it has problems)."""
    require_admin(identity)
    assert identity.staff is not None and identity.staff.id is not None
    outcome = await run_import(
        db, [(file_name, content)], as_of=as_of, tz=tz, now=now, dry_run=True, limits=limits
    )
    if not outcome.plan.ok:
        return outcome.plan, None
    async with db.transaction() as tx:
        await pending_imports.remove_older_than(tx, now - PENDING_FOR)
        pending = await pending_imports.add(
            tx,
            PendingImport(
                staff_id=identity.staff.id,
                file_name=file_name[:255],
                content=content,
                as_of=as_of,
                created_at=now,
            ),
        )
        plan = outcome.plan
        detail = (
            f"preview: {plan.count('new')} new, {plan.count('updated')} updated, {len(plan.leaving)} missing"
        )
        await log_staff_action(tx, identity, "import_preview", now, detail=detail)
    return outcome.plan, pending.id


async def _pending_for(db: Database, identity: Identity, pending_id: int, now: datetime) -> PendingImport:
    require_admin(identity)
    assert identity.staff is not None
    pending = await pending_imports.get(db.reader, pending_id)
    if pending is None or pending.staff_id != identity.staff.id or pending.created_at < now - PENDING_FOR:
        raise ImportGone()
    return pending


async def confirm_pending(
    db: Database,
    identity: Identity,
    pending_id: int,
    *,
    close_missing: bool,
    tz: ZoneInfo,
    now: datetime,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportOutcome:
    pending = await _pending_for(db, identity, pending_id, now)
    return await run_import(
        db,
        [(pending.file_name, pending.content)],
        as_of=pending.as_of,
        tz=tz,
        now=now,
        close_missing=close_missing,
        actor=identity,
        pending_id=pending_id,
        limits=limits,
    )


async def delete_expired(db: Database, now: datetime) -> int:
    """Delete caseload files sent in the chat and never confirmed within ``PENDING_FOR`` (the tick does
    this, so they do not wait for the next import); returns how many."""
    async with db.transaction() as tx:
        return await pending_imports.remove_older_than(tx, now - PENDING_FOR)


async def cancel_pending(db: Database, identity: Identity, pending_id: int, *, now: datetime) -> None:
    await _pending_for(db, identity, pending_id, now)
    async with db.transaction() as tx:
        await pending_imports.remove(tx, pending_id)
        await pending_imports.remove_older_than(tx, now - PENDING_FOR)
