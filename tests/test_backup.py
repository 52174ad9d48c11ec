"""Backups: consistent while the bot writes, made daily if configured, and a restore that brings a broken
bot back with nothing lost."""

import asyncio
import re
import sqlite3
import stat
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import build_application
from bot.cli import main
from bot.clock import MovableClock
from bot.config import BackupSettings, Settings
from bot.localapi import LocalBotApi
from bot.models import AuditEntry, Role
from bot.services.daily_backup import DailyBackup
from bot.store import Database, audit, backup, running
from bot.ticks import run_tick_now
from handlers import texts
from tests.botapi_stub import RecordingRequest
from tests.processes import carebot_running, clean_environment, run_carebot

TOKEN = "4343:LOCAL-TEST-TOKEN"
LONDON = __import__("zoneinfo").ZoneInfo("Europe/London")


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def owner_only(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def names_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def break_the_header(path: Path) -> None:
    with open(path, "r+b") as broken:
        broken.write(b"\x00" * 4096)


async def carebot(*args: str) -> int:
    """The command line in this process, off the event loop (it runs its own)."""
    return await asyncio.to_thread(main, list(args))


async def test_a_backup_taken_while_the_bot_writes_is_a_consistent_snapshot(
    db: Database, tmp_path: Path
) -> None:
    """Every write here adds two audit rows in one transaction: a torn copy would hold an odd number."""
    stop = asyncio.Event()

    async def keep_writing() -> int:
        pairs = 0
        while not stop.is_set():
            async with db.transaction() as tx:
                for action in ("first", "second"):
                    await audit.record(tx, AuditEntry(at=datetime.now(UTC), actor_role="cli", action=action))
            pairs += 1
            await asyncio.sleep(0)
        return pairs

    writer = asyncio.create_task(keep_writing())
    await asyncio.sleep(0.05)
    copies = [
        await asyncio.to_thread(backup.back_up, db.path, tmp_path / f"copy-{number}.sqlite3")
        for number in range(3)
    ]
    stop.set()
    written = await writer
    counts = []
    for copy in copies:
        with sqlite3.connect(copy.path) as connection:
            counts.append(connection.execute("SELECT count(*) FROM audit_log").fetchone()[0])
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete", "one file, no WAL"
        assert owner_only(copy.path)
    assert all(count % 2 == 0 for count in counts), counts
    assert 0 < counts[-1] <= 2 * written


def test_a_backup_never_overwrites_a_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    database, target = tmp_path / "carebot.sqlite3", tmp_path / "backup.sqlite3"
    assert main(["db", "upgrade", "--db", str(database)]) == 0
    target.write_text("something precious")
    assert main(["db", "backup", "--db", str(database), str(target)]) == 1
    assert capsys.readouterr().err == f"carebot: {target} already exists: choose a new name\n"
    assert target.read_text() == "something precious"


def test_restore_refuses_a_file_that_is_not_a_carebot_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    database = tmp_path / "carebot.sqlite3"
    assert main(["db", "upgrade", "--db", str(database)]) == 0
    before = dump(database)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (x)")
    connection.close()
    assert main(["db", "restore", "--db", str(database), str(other), "--yes"]) == 1
    assert capsys.readouterr().err == f"carebot: {other} is not a carebot database\n"
    assert dump(database) == before


def test_restore_asks_first_and_no_means_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, saved = tmp_path / "carebot.sqlite3", tmp_path / "saved.sqlite3"
    assert main(["db", "upgrade", "--db", str(database)]) == 0
    assert main(["db", "backup", "--db", str(database), str(saved)]) == 0
    assert main(["staff", "add", "--db", str(database), "--name", "Lee Walker", "--role", "admin"]) == 0
    after_the_backup = dump(database)
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    questions: list[str] = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "no")
    assert main(["db", "restore", "--db", str(database), str(saved)]) == 1
    assert "Anything written since the backup was made will be lost." in questions[0]
    assert dump(database) == after_the_backup
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["db", "restore", "--db", str(database), str(saved)]) == 1
    assert "add --yes to go ahead" in capsys.readouterr().err
    assert dump(database) == after_the_backup


def test_restore_is_refused_while_a_bot_holds_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    database, saved = tmp_path / "carebot.sqlite3", tmp_path / "saved.sqlite3"
    assert main(["db", "upgrade", "--db", str(database)]) == 0
    assert main(["db", "backup", "--db", str(database), str(saved)]) == 0
    capsys.readouterr()
    with running.holding(database, otherwise="only one bot may use a database"):
        assert main(["db", "restore", "--db", str(database), str(saved), "--yes"]) == 1
    assert capsys.readouterr().err == (
        f"carebot: a carebot is running on {database}, or a restore is under way:"
        " stop the bot before you restore\n"
    )


@pytest.fixture
def backup_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


def london(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


async def test_the_daily_backup_comes_once_a_day_after_its_time_and_keeps_the_newest(
    db: Database, backup_folder: Path
) -> None:
    (backup_folder / "notes.txt").write_text("not ours: never deleted")
    daily = DailyBackup(BackupSettings(folder=str(backup_folder), daily_at="02:00", keep=2), LONDON)
    assert await daily.run(db.path, london(23, 1, 59)) is None
    made = await daily.run(db.path, london(23, 2, 0))
    assert made is not None and made.path == backup_folder / "carebot-2026-11-23.sqlite3"
    assert owner_only(made.path)
    assert await daily.run(db.path, london(23, 2, 1)) is None, "one a day"
    for day in (24, 25, 26):
        await daily.run(db.path, london(day, 3))
    assert names_in(backup_folder) == [
        "carebot-2026-11-25.sqlite3",
        "carebot-2026-11-26.sqlite3",
        "notes.txt",
    ]


async def test_a_failed_daily_backup_is_logged_and_tried_again_an_hour_later(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "not-there-yet"
    daily = DailyBackup(BackupSettings(folder=str(folder), keep=3), LONDON)
    assert await daily.run(db.path, london(23, 2, 0)) is None
    assert (
        f"daily backup to {folder / 'carebot-2026-11-23.sqlite3'} failed (the folder {folder} does not exist)"
        in (caplog.text)
    )
    folder.mkdir()
    assert await daily.run(db.path, london(23, 2, 30)) is None, "not at every tick"
    assert await daily.run(db.path, london(23, 3, 0)) is not None


async def test_the_tick_makes_the_daily_backup(
    settings: Settings, clock: MovableClock, backup_folder: Path
) -> None:
    configured = settings.model_copy(update={"backup": BackupSettings(folder=str(backup_folder))})
    transport = RecordingRequest()
    app = build_application(configured, clock, request=transport, get_updates_request=transport)
    async with app:
        await app.post_init(app)
        clock.set(london(24, 2, 5))
        await run_tick_now(app)
        await app.post_shutdown(app)
    assert names_in(backup_folder) == ["carebot-2026-11-24.sqlite3"]


@pytest.fixture
async def telegram() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi(TOKEN, bot_username="carebot") as server:
        yield server


async def test_back_up_break_restore_and_the_bot_carries_on_with_nothing_lost(
    tmp_path: Path, telegram: LocalBotApi, capsys: pytest.CaptureFixture
) -> None:
    database = tmp_path / "carebot.sqlite3"
    assert await carebot("seed", "--db", str(database), "--leavers", "40", "--as-of", "2026-11-23") == 0
    with sqlite3.connect(database) as connection:
        case_ref, name = connection.execute(
            "SELECT case_ref, preferred_name FROM young_people WHERE left_service_on IS NULL"
            " AND preferred_name IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
    connection.close()
    capsys.readouterr()
    assert await carebot("invite", "create", "--db", str(database), "--case-ref", case_ref) == 0
    link = re.search(r"https://t\.me/\S+", capsys.readouterr().out).group(0)
    env = clean_environment(TELEGRAM__TOKEN=TOKEN, TELEGRAM__BASE_URL=telegram.base_url)
    world = telegram.world

    async def reply_to(user_id: int, count: int) -> str:
        messages = await world.wait_for(lambda: world.bot_messages(user_id)[count - 1 :], within=30)
        return messages[0]["text"]

    async with carebot_running("run", "--db", str(database), cwd=tmp_path, env=env) as bot:
        await world.user_opens(77, link, first_name=name)
        assert (await reply_to(77, 1)).startswith("You're in")
        saved = tmp_path / "backup.sqlite3"
        assert await carebot("db", "backup", "--db", str(database), str(saved)) == 0, "while the bot runs"
        assert await carebot("db", "restore", "--db", str(database), str(saved), "--yes") == 1
        assert "stop the bot before you restore" in capsys.readouterr().err
    assert bot.finished is not None and bot.finished.status == 0, "SIGTERM stops it cleanly"
    kept = dump(saved)
    assert kept == dump(database), "the backup holds everything, the invite just used included"

    break_the_header(database)
    refused = await run_carebot("run", "--db", str(database), cwd=tmp_path, env=env)
    assert refused.status == 1 and "file is not a database" in refused.output

    started = time.perf_counter()
    assert await carebot("db", "restore", "--db", str(database), str(saved), "--yes") == 0
    seconds = time.perf_counter() - started
    output = capsys.readouterr().out
    assert f"the file it replaced is kept as {database}.before-restore-" in output
    assert dump(database) == kept
    assert owner_only(database)
    print(f"restore of a {database.stat().st_size // 1024} KB database (40 young people): {seconds:.3f} s")

    async with carebot_running("run", "--db", str(database), cwd=tmp_path, env=env) as bot:
        await world.user_sends(77, "/start", first_name=name)
        assert await reply_to(77, 2) == texts.WELCOME_BACK[Role.LEAVER].format(name=name)
    assert bot.finished is not None and bot.finished.status == 0
