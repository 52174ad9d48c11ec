import asyncio
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.models import (
    AuditEntry,
    Contact,
    ContactMethod,
    EpisodeKind,
    MissingEpisode,
    OutboxMessage,
    PassportProgress,
    PassportStatus,
    PathwayReview,
    Role,
    Staff,
    Team,
    YoungPerson,
)
from bot.store import Database, audit, contacts, missing, outbox, passport, people, reviews, staff, teams
from bot.store import db as db_module
from bot.store.db import available_migrations

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


async def test_migrations_create_every_table_from_empty(db: Database) -> None:
    rows = await db.reader.execute_fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    tables = {row[0] for row in rows}
    assert {
        "teams",
        "staff",
        "young_people",
        "contacts",
        "pathway_reviews",
        "missing_episodes",
        "passport_progress",
        "invites",
        "outbox",
        "audit_log",
        "schema_migrations",
    } <= tables
    applied = [row[0] for row in await db.reader.execute_fetchall("SELECT name FROM schema_migrations")]
    assert applied == [name for name, _ in available_migrations()]


async def test_migrating_again_changes_nothing(db: Database) -> None:
    assert await db.migrate() == []
    await db.close()
    reopened = await Database.open(db.path)
    assert await reopened.migrate() == []
    await reopened.close()


async def test_a_migration_that_breaks_a_foreign_key_is_rolled_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Foreign keys are off while migrating (so a table can be rebuilt), and checked before each commit."""
    orphan = (
        "INSERT INTO contacts (young_person_id, contacted_on, method, in_person, source)"
        " VALUES (404, '2026-01-01', 'visit', 1, 'chat');"
    )
    monkeypatch.setattr(
        db_module, "available_migrations", lambda: [*available_migrations(), ("999_x.sql", orphan)]
    )
    with pytest.raises(sqlite3.IntegrityError, match=r"999_x\.sql breaks a foreign key"):
        await db.migrate()
    assert await db.reader.execute_fetchall("SELECT * FROM contacts") == []
    assert await db.reader.execute_fetchall("SELECT * FROM schema_migrations WHERE name = '999_x.sql'") == []
    with pytest.raises(Exception, match="FOREIGN KEY"):  # and they are on again afterwards
        async with db.transaction() as tx:
            await tx.execute(orphan)


async def test_wal_mode_and_foreign_keys_are_on(db: Database) -> None:
    assert (await db.reader.execute_fetchall("PRAGMA journal_mode"))[0][0] == "wal"
    assert (await db.reader.execute_fetchall("PRAGMA foreign_keys"))[0][0] == 1
    with pytest.raises(Exception, match="FOREIGN KEY"):
        async with db.transaction() as tx:
            await contacts.add(
                tx,
                Contact(
                    young_person_id=404,
                    contacted_on=date(2026, 1, 1),
                    method=ContactMethod.PHONE,
                    in_person=False,
                ),
            )


async def test_a_failed_transaction_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as tx:
            await teams.add(tx, Team(name="North"))
            raise RuntimeError("crash half-way")
    assert await teams.all_teams(db.reader) == []


async def _person(db: Database, **changes) -> YoungPerson:
    async with db.transaction() as tx:
        team = await teams.get_or_add(tx, "North")
        pa = await staff.add(tx, Staff(name="Robin Hall", role=Role.PA, team_id=team.id, worker_id="W1"))
        values = dict(
            case_ref="CL1",
            preferred_name="Kai",
            date_of_birth=date(2007, 5, 1),
            category="former_relevant",
            pa_id=pa.id,
            team_id=team.id,
            lives_in_area=True,
            activity_code="F2",
            accommodation_code="U",
            accommodation_suitable=True,
            accommodation_started_on=date(2026, 9, 1),
            council_provided_accommodation=True,
            in_touch="YES",
        )
        return await people.add(tx, YoungPerson(**(values | changes)))


async def test_young_person_round_trip(db: Database) -> None:
    kai = await _person(db)
    assert await people.get(db.reader, kai.id) == kai
    assert await people.by_case_ref(db.reader, "CL1") == kai
    assert await people.for_pa(db.reader, kai.pa_id) == [kai]
    assert await people.in_team(db.reader, kai.team_id) == [kai]
    moved = kai.model_copy(update={"accommodation_code": "D", "lives_in_area": False})
    async with db.transaction() as tx:
        await people.update(tx, moved)
        await people.link_telegram(tx, kai.id, 5551)
    assert await people.by_telegram_user(db.reader, 5551) == moved.model_copy(
        update={"telegram_user_id": 5551}
    )


async def test_staff_and_teams_round_trip(db: Database) -> None:
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="South"))
        manager = await staff.add(
            tx, Staff(name="Dana Patel", role=Role.MANAGER, team_id=team.id, worker_id="M7")
        )
        await staff.link_telegram(tx, manager.id, 42)
    manager = manager.model_copy(update={"telegram_user_id": 42})
    assert await teams.by_name(db.reader, "South") == team
    assert await staff.by_worker_id(db.reader, "M7") == manager
    assert await staff.by_telegram_user(db.reader, 42) == manager
    assert await staff.in_team(db.reader, team.id, Role.MANAGER) == [manager]
    assert await staff.in_team(db.reader, team.id, Role.PA) == []


async def test_contacts_reviews_and_passport_round_trip(db: Database) -> None:
    kai = await _person(db)
    async with db.transaction() as tx:
        older = await contacts.add(
            tx,
            Contact(young_person_id=kai.id, contacted_on=date(2026, 9, 1), method="phone", in_person=False),
        )
        newer = await contacts.add(
            tx,
            Contact(young_person_id=kai.id, contacted_on=date(2026, 11, 1), method="visit", in_person=True),
        )
        first = await reviews.add(tx, PathwayReview(young_person_id=kai.id, reviewed_on=date(2026, 6, 1)))
        again = await reviews.add(tx, PathwayReview(young_person_id=kai.id, reviewed_on=date(2026, 6, 1)))
        await passport.set_status(
            tx,
            PassportProgress(young_person_id=kai.id, item_id="money.budget", status="help", updated_at=NOW),
        )
        await passport.set_status(
            tx,
            PassportProgress(young_person_id=kai.id, item_id="money.budget", status="done", updated_at=NOW),
        )
    assert await contacts.for_person(db.reader, kai.id) == [older, newer]
    assert await contacts.latest(db.reader, kai.id) == newer
    assert again is None
    assert await reviews.for_person(db.reader, kai.id) == [first]
    assert await reviews.latest(db.reader, kai.id) == first
    [progress] = await passport.for_person(db.reader, kai.id)
    assert progress.status is PassportStatus.DONE


async def test_missing_episode_round_trip_and_correction(db: Database) -> None:
    kai = await _person(db, date_of_birth=date(2009, 5, 1), category="eligible")
    started = NOW - timedelta(days=2)
    async with db.transaction() as tx:
        episode = await missing.add(
            tx, MissingEpisode(young_person_id=kai.id, kind=EpisodeKind.AWAY, started_at=started)
        )
    assert await missing.get(db.reader, episode.id) == episode
    returned = episode.model_copy(update={"returned_at": NOW - timedelta(days=1)})
    async with db.transaction() as tx:
        await missing.update(tx, returned)
    assert await missing.for_person(db.reader, kai.id) == [returned]
    assert await missing.started_since(db.reader, NOW - timedelta(days=1)) == []


async def test_outbox_key_is_queued_once_and_marked_sent(db: Database) -> None:
    message = OutboxMessage(
        idempotency_key="rhi:1:24h", kind="rhi", chat_id=7, text="24 hours left", due_at=NOW, created_at=NOW
    )
    async with db.transaction() as tx:
        assert await outbox.enqueue(tx, message)
        assert not await outbox.enqueue(tx, message.model_copy(update={"text": "changed"}))
    [pending] = await outbox.pending(db.reader, NOW)
    assert pending.text == "24 hours left"
    assert await outbox.pending(db.reader, NOW - timedelta(minutes=1)) == []
    async with db.transaction() as tx:
        await outbox.mark_failed(tx, pending.id, "502 Bad Gateway", NOW + timedelta(seconds=30))
    assert await outbox.pending(db.reader, NOW) == []
    [retry] = await outbox.pending(db.reader, NOW + timedelta(seconds=30))
    assert (retry.attempts, retry.last_error) == (1, "502 Bad Gateway")
    async with db.transaction() as tx:
        await outbox.mark_sent(tx, pending.id, NOW + timedelta(seconds=31))
    assert await outbox.pending(db.reader, NOW + timedelta(days=1)) == []


async def test_audit_round_trip(db: Database) -> None:
    kai = await _person(db)
    entry = AuditEntry(
        at=NOW, actor_staff_id=kai.pa_id, actor_role="pa", action="read_record", young_person_id=kai.id
    )
    async with db.transaction() as tx:
        await audit.record(tx, entry)
    [stored] = await audit.for_person(db.reader, kai.id)
    assert stored.model_copy(update={"id": None}) == entry


async def test_a_cancelled_message_is_never_sent_nor_queued_again(db: Database) -> None:
    def message(key: str) -> OutboxMessage:
        return OutboxMessage(idempotency_key=key, kind="rhi", chat_id=7, text="x", due_at=NOW, created_at=NOW)

    async with db.transaction() as tx:
        for key in ("rhi:1:24h", "rhi:1:6h", "rhi:12:24h"):
            await outbox.enqueue(tx, message(key))
        assert await outbox.cancel(tx, "rhi:1:", NOW) == 2
        assert not await outbox.enqueue(tx, message("rhi:1:6h"))
    assert [pending.idempotency_key for pending in await outbox.pending(db.reader, NOW)] == ["rhi:12:24h"]


async def test_snapshots_taken_at_once_do_not_collide_and_see_committed_rows(db: Database) -> None:
    async def count_teams() -> int:
        async with db.snapshot() as reader:
            await asyncio.sleep(0)
            return len(await teams.all_teams(reader))

    async with db.transaction() as tx:
        await teams.add(tx, Team(name="North"))
    assert await asyncio.gather(count_teams(), count_teams(), count_teams()) == [1, 1, 1]
