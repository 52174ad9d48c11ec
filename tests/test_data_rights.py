"""A young person's data rights from the command line: everything held about them, erasure that keeps
only what the audit log must, the retention rule the tick applies, and reading the audit log."""

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.cli import main
from bot.clock import MovableClock
from bot.config import RetentionSettings, Settings
from bot.models import (
    Category,
    Contact,
    ContactMethod,
    Milestone,
    MilestoneKind,
    MissingEpisode,
    PassportProgress,
    PassportStatus,
    PathwayReview,
    Role,
    Staff,
    Team,
    YoungPerson,
)
from bot.models_leaver import SelfReported
from bot.services import conversation, feedback, handoff, invites
from bot.services.access import open_record
from bot.services.identity import identify
from bot.store import (
    Database,
    contacts,
    milestones,
    missing,
    passport,
    pending_imports,
    people,
    reviews,
    self_reported,
    snoozes,
    staff,
    teams,
)
from bot.store.pending_imports import PendingImport
from bot.ticks import run_tick_now
from scheduler.sweep import sweep
from tests.botapi_stub import RecordingRequest
from tests.conftest import NOW

PA_CHAT, ADMIN_CHAT, KAI_CHAT, AMY_CHAT = 9001, 9002, 5001, 5002
PERSON_TABLES = (
    "contacts",
    "pathway_reviews",
    "missing_episodes",
    "passport_progress",
    "self_reported",
    "handoffs",
    "snoozes",
    "milestones",
    "invites",
    "sweep_schedule",
)


@dataclass
class Service:
    pa: Staff
    admin: Staff
    kai: YoungPerson
    amy: YoungPerson


async def someone_known_in_every_way(
    db: Database, settings: Settings, team: Team, pa: Staff, name: str, case_ref: str, chat: int
) -> YoungPerson:
    """A 17-year-old with a contact, a review, a missing episode, passport progress, facts they gave, a
    snooze, a linked invite, a request to their PA, feedback and a conversation under way."""
    async with db.transaction() as tx:
        person = await people.add(
            tx,
            YoungPerson(
                case_ref=case_ref,
                preferred_name=name,
                date_of_birth=NOW.date() - timedelta(days=17 * 365 + 40),
                category=Category.ELIGIBLE,
                pa_id=pa.id,
                team_id=team.id,
            ),
        )
        assert person.id is not None
        await contacts.add(
            tx,
            Contact(
                young_person_id=person.id,
                contacted_on=NOW.date() - timedelta(days=70),
                staff_id=pa.id,
                method=ContactMethod.PHONE,
                in_person=False,
            ),
        )
        await reviews.add(
            tx, PathwayReview(young_person_id=person.id, reviewed_on=NOW.date() - timedelta(days=100))
        )
        await missing.add(
            tx,
            MissingEpisode(
                young_person_id=person.id,
                started_at=NOW - timedelta(hours=30),
                returned_at=NOW - timedelta(hours=20),
            ),
        )
        await passport.set_status(
            tx,
            PassportProgress(
                young_person_id=person.id, item_id="budget", status=PassportStatus.DONE, updated_at=NOW
            ),
        )
        await self_reported.put(tx, SelfReported(young_person_id=person.id, is_parent=False, updated_at=NOW))
        await snoozes.snooze(tx, f"contact:{person.id}:x", person.id, NOW + timedelta(days=1), pa.id, NOW)
        await milestones.record(
            tx,
            Milestone(
                young_person_id=person.id,
                kind=MilestoneKind.NEEDS_ASSESSMENT,
                done_on=NOW.date(),
                staff_id=pa.id,
                recorded_at=NOW,
            ),
        )
    invite = await invites.create_for_young_person(
        db, case_ref, now=NOW, valid_for=timedelta(hours=72), bot_username="carebot"
    )
    identity = await invites.redeem(db, invite.code, chat, now=NOW)
    await handoff.request_contact(db, identity, "money", "soon", settings=settings, now=NOW)
    await feedback.record_readiness(db, identity, 4, now=NOW)
    await conversation.move_to(db, chat, "ask_pa_reason", NOW)
    return identity.person


@pytest.fixture
async def service(db: Database, settings: Settings) -> Service:
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="North"))
        pa = await staff.add(
            tx, Staff(name="Robin Hall", role=Role.PA, team_id=team.id, telegram_user_id=PA_CHAT)
        )
        admin = await staff.add(tx, Staff(name="Lee Walker", role=Role.ADMIN, telegram_user_id=ADMIN_CHAT))
    amy = await someone_known_in_every_way(db, settings, team, pa, "Amy", "CL-AMY", AMY_CHAT)
    kai = await someone_known_in_every_way(db, settings, team, pa, "Kai", "CL-KAI", KAI_CHAT)
    await sweep(db, NOW, settings)
    pa_identity = await identify(db, PA_CHAT)
    for person in (amy, kai):
        assert person.id is not None
        await open_record(db, pa_identity, person.id, action="record.read", now=NOW)
    return Service(pa, admin, kai, amy)


def rows_about(path: Path, person_id: int) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(
                f"SELECT count(*) FROM {table} WHERE young_person_id = ?", (person_id,)
            ).fetchone()[0]
            for table in PERSON_TABLES
        }


def outbox_texts(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT text FROM outbox ORDER BY id")]


def lines_naming(path: Path, case_ref: str) -> list[str]:
    return [line for text in outbox_texts(path) for line in text.splitlines() if case_ref in line]


async def carebot(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """The command line in this process, off the event loop (it runs its own): status, stdout, stderr."""
    status = await asyncio.to_thread(main, list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


async def test_export_gives_everything_held_about_them_and_nothing_about_anyone_else(
    db: Database, service: Service, capsys: pytest.CaptureFixture
) -> None:
    status, out, _ = await carebot(capsys, "person", "export", "--db", str(db.path), "CL-KAI")
    assert status == 0
    held = json.loads(out)
    assert held["young_person"]["case_ref"] == "CL-KAI"
    assert held["young_person"]["preferred_name"] == "Kai"
    for section in (
        "contacts",
        "pathway_reviews",
        "missing_episodes",
        "passport_progress",
        "self_reported",
        "handoffs",
        "snoozes",
        "feedback",
        "invites",
        "conversation",
    ):
        assert len(held[section]) == 1, section
    assert "code_hash" not in held["invites"][0]
    keys = {row["idempotency_key"] for row in held["outbox"]}
    assert any(key.startswith(f"handoff:{held['handoffs'][0]['id']}:") for key in keys)
    assert any(key.startswith(f"contact:{service.kai.id}:") for key in keys), "reminders to the PA about them"
    assert any(key.startswith(f"rhi:{held['missing_episodes'][0]['id']}:") for key in keys)
    assert [row["action"] for row in held["audit_log"]] == ["record.read"]
    with sqlite3.connect(db.path) as connection:
        audited = connection.execute(
            "SELECT young_person_id, detail FROM audit_log WHERE action = 'person.export'"
        )
        assert audited.fetchall() == [(service.kai.id, "subject access request")]
    assert "CL-AMY" not in out and "Amy" not in out


async def test_erasing_removes_their_data_keeps_the_audit_trail_and_leaves_others_alone(
    db: Database, service: Service, capsys: pytest.CaptureFixture
) -> None:
    assert service.kai.id is not None and service.amy.id is not None
    amy_before, amy_lines = rows_about(db.path, service.amy.id), lines_naming(db.path, "CL-AMY")
    assert lines_naming(db.path, "CL-KAI"), "the PA's digest named Kai"
    status, out, _ = await carebot(capsys, "person", "erase", "--db", str(db.path), "CL-KAI", "--yes")
    assert status == 0 and "erased the record of CL-KAI" in out

    assert rows_about(db.path, service.kai.id) == dict.fromkeys(PERSON_TABLES, 0)
    with sqlite3.connect(db.path) as connection:
        assert connection.execute(
            "SELECT count(*) FROM young_people WHERE case_ref = 'CL-KAI'"
        ).fetchone() == (0,)
        assert connection.execute(
            "SELECT count(*) FROM conversation_state WHERE telegram_user_id = ?", (KAI_CHAT,)
        ).fetchone() == (0,)
        assert connection.execute(
            "SELECT count(*) FROM outbox WHERE chat_id = ?", (KAI_CHAT,)
        ).fetchone() == (0,)
        unlinked_feedback = connection.execute("SELECT count(*) FROM feedback WHERE young_person_id IS NULL")
        assert unlinked_feedback.fetchone() == (1,), "their answer stays in the team's anonymous counts"
        assert connection.execute("SELECT case_ref, reason FROM erased_people").fetchall() == [
            ("CL-KAI", "request")
        ]
    assert [text for text in outbox_texts(db.path) if "Kai" in text or "CL-KAI" in text] == []
    assert rows_about(db.path, service.amy.id) == amy_before
    assert lines_naming(db.path, "CL-AMY") == amy_lines
    assert "[a record since erased]" in "\n".join(outbox_texts(db.path)), "the digest's line for Kai"

    status, out, _ = await carebot(capsys, "audit", "--db", str(db.path), "--case", "CL-KAI")
    lines = [line.split("\t") for line in out.splitlines()[1:]]
    assert [(line[2], line[3]) for line in lines] == [
        ("record.read", "CL-KAI (erased)"),
        ("person.erase", "CL-KAI (erased)"),
    ]
    assert lines[0][1] == f"pa #{service.pa.id} Robin Hall"

    status, _, err = await carebot(capsys, "person", "export", "--db", str(db.path), "CL-KAI")
    assert status == 1 and err == "carebot: the record with case reference 'CL-KAI' was erased\n"


async def test_someone_added_after_an_erasure_never_inherits_the_erased_audit_trail(
    db: Database, service: Service, capsys: pytest.CaptureFixture
) -> None:
    assert (await carebot(capsys, "person", "erase", "--db", str(db.path), "CL-KAI", "--yes"))[0] == 0
    async with db.transaction() as tx:
        newcomer = await people.add(
            tx,
            YoungPerson(
                case_ref="CL-NEW", date_of_birth=date(2007, 1, 1), category=Category.RELEVANT, team_id=None
            ),
        )
    assert newcomer.id == service.kai.id, "SQLite gave the newcomer the erased record's id"
    _, out, _ = await carebot(capsys, "audit", "--db", str(db.path), "--case", "CL-NEW")
    assert out.splitlines()[1:] == []


async def test_erasing_asks_first_and_no_changes_nothing(
    db: Database, service: Service, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert service.kai.id is not None
    before = rows_about(db.path, service.kai.id)
    questions: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "n")
    status, _, err = await carebot(capsys, "person", "erase", "--db", str(db.path), "CL-KAI")
    assert status == 1 and "nothing erased" in err
    assert questions[0].startswith("Erase the record of CL-KAI and everything about it (1 contacts, ")
    assert rows_about(db.path, service.kai.id) == before


async def test_an_unknown_case_reference_is_named(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    database = str(tmp_path / "c.sqlite3")
    for command in (("export",), ("erase", "--yes")):
        status, _, err = await carebot(capsys, "person", *command, "--db", database, "CL404")
        assert (status, err) == (1, "carebot: no young person has case reference 'CL404'\n")


async def test_the_audit_log_can_be_read_by_staff_member_and_day(
    db: Database, service: Service, capsys: pytest.CaptureFixture
) -> None:
    _, out, _ = await carebot(capsys, "audit", "--db", str(db.path), "--staff", str(service.pa.id))
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["when", "who", "action", "case", "detail"]
    assert sorted((row[2], row[3]) for row in rows[1:]) == [
        ("record.read", "CL-AMY"),
        ("record.read", "CL-KAI"),
    ]

    async def reads_since(day: str) -> list[str]:
        out = (await carebot(capsys, "audit", "--db", str(db.path), "--since", day))[1]
        return [line.split("\t")[3] for line in out.splitlines()[1:] if "\trecord.read\t" in line]

    assert await reads_since("2026-11-23") == ["CL-AMY", "CL-KAI"]
    assert await reads_since("2026-11-24") == []
    with sqlite3.connect(db.path) as connection:
        asked = connection.execute("SELECT detail FROM audit_log WHERE action = 'audit.read' ORDER BY id")
        assert [row[0] for row in asked] == [f"staff={service.pa.id}", "since=2026-11-23", "since=2026-11-24"]


@pytest.fixture
async def app_with_retention(
    settings: Settings, clock: MovableClock
) -> AsyncIterator[tuple[Application, Database]]:
    configured = settings.model_copy(update={"retention": RetentionSettings(erase_after_years=2)})
    transport = RecordingRequest()
    app = build_application(configured, clock, request=transport, get_updates_request=transport)
    async with app:
        await app.post_init(app)
        yield app, app.bot_data["runtime"].db
        await app.post_shutdown(app)


async def test_the_tick_erases_those_who_left_long_enough_ago_and_tells_the_admins(
    app_with_retention: tuple[Application, Database], clock: MovableClock
) -> None:
    app, db = app_with_retention
    async with db.transaction() as tx:
        admin = await staff.add(tx, Staff(name="Lee Walker", role=Role.ADMIN, telegram_user_id=ADMIN_CHAT))
        for case_ref, left in (("CL-LONG-AGO", date(2024, 11, 22)), ("CL-RECENT", date(2024, 11, 23))):
            await people.add(
                tx,
                YoungPerson(
                    case_ref=case_ref,
                    date_of_birth=date(2001, 3, 1),
                    category=Category.FORMER_RELEVANT,
                    left_service_on=left,
                ),
            )
    await run_tick_now(app)
    with sqlite3.connect(db.path) as connection:
        assert [row[0] for row in connection.execute("SELECT case_ref FROM young_people")] == ["CL-RECENT"]
        assert connection.execute("SELECT case_ref, reason FROM erased_people").fetchall() == [
            ("CL-LONG-AGO", "retention")
        ]
        told = connection.execute("SELECT chat_id, text FROM outbox WHERE kind = 'retention'").fetchall()
    assert told == [
        (
            ADMIN_CHAT,
            "Retention: I erased the records of 1 young person who left the service more than 2 years ago"
            " (before 2024-11-23). Only their case references and the audit log are kept. See them with:"
            " carebot audit --since 2026-11-23",
        )
    ]
    assert admin.id is not None
    await run_tick_now(app)
    with sqlite3.connect(db.path) as connection:
        assert connection.execute("SELECT count(*) FROM outbox WHERE kind = 'retention'").fetchone() == (1,)


async def test_with_no_retention_rule_nobody_is_erased(app: Application) -> None:
    db: Database = app.bot_data["runtime"].db
    async with db.transaction() as tx:
        await people.add(
            tx,
            YoungPerson(
                case_ref="CL-1990",
                date_of_birth=date(1975, 1, 1),
                category=Category.FORMER_RELEVANT,
                left_service_on=date(2000, 1, 1),
            ),
        )
    await run_tick_now(app)
    assert [person.case_ref for person in await people.in_service(db.reader)] == []
    assert await people.by_case_ref(db.reader, "CL-1990") is not None


async def test_unconfirmed_caseload_files_are_deleted_by_the_tick_once_they_expire(
    app: Application, clock: MovableClock
) -> None:
    db: Database = app.bot_data["runtime"].db
    async with db.transaction() as tx:
        admin = await staff.add(tx, Staff(name="Lee Walker", role=Role.ADMIN, telegram_user_id=ADMIN_CHAT))
        assert admin.id is not None
        for hours_ago in (25, 1):
            await pending_imports.add(
                tx,
                PendingImport(
                    staff_id=admin.id,
                    file_name=f"{hours_ago}h.csv",
                    content=b"case_ref,date_of_birth,category\n",
                    as_of=NOW.date(),
                    created_at=clock() - timedelta(hours=hours_ago),
                ),
            )
    await run_tick_now(app)
    with sqlite3.connect(db.path) as connection:
        assert [row[0] for row in connection.execute("SELECT file_name FROM pending_imports")] == ["1h.csv"]


async def test_an_import_that_lists_someone_erased_on_request_says_so_before_adding_them_again(
    db: Database, service: Service, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    assert (await carebot(capsys, "person", "erase", "--db", str(db.path), "CL-KAI", "--yes"))[0] == 0
    caseload = tmp_path / "caseload.csv"
    caseload.write_text("case_ref,date_of_birth,category\nCL-KAI,01/01/2009,eligible\n")
    status, out, _ = await carebot(
        capsys, "import", "--db", str(db.path), str(caseload), "--dry-run", "--as-of", "2026-11-23"
    )
    assert status == 0
    with sqlite3.connect(db.path) as connection:
        day = connection.execute("SELECT erased_at FROM erased_people").fetchone()[0][:10]
    assert (
        f"- 1 young people whose records were erased at their request are in this file and will be added"
        f" again: CL-KAI (erased {day})." in out
    )
