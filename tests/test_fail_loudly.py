"""A bot that cannot work safely says why in one line and exits non-zero, instead of hanging or carrying
on without its data; database errors while it runs are logged in SQLite's own words, once a minute."""

import logging
import os
import re
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiosqlite
import pytest
from telegram.ext import Application

from bot import faults
from bot.cli import main
from bot.localapi import LocalBotApi
from bot.runtime import RUNTIME_KEY, Runtime
from bot.store import audit
from bot.ticks import run_tick_now
from tests.conftest import text_update
from tests.processes import carebot_running, clean_environment, finished, run_carebot

TOKEN = "4242:LOCAL-TEST-TOKEN"


@pytest.fixture
async def telegram() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi(TOKEN) as server:
        yield server


def corrupt(folder: Path) -> Path:
    path = folder / "carebot.sqlite3"
    path.write_bytes(b"this is not a database, only text where one should be" * 100)
    path.chmod(0o600)
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "carebot.sqlite3"
    path.mkdir()
    return path


def in_a_missing_folder(folder: Path) -> Path:
    return folder / "not-mounted" / "carebot.sqlite3"


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A database this process cannot write: owner read-only, or immutable where we run as root (root
    ignores file modes)."""
    path = tmp_path / "carebot.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE kept (x)")
    connection.close()
    path.chmod(0o400)
    immutable = False
    if os.access(path, os.W_OK):
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", path], check=False).returncode:
            pytest.skip("running as root where files cannot be made immutable")
        immutable = True
    yield path
    if immutable:
        subprocess.run(["chattr", "-i", path], check=True)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (corrupt, "file is not a database"),
        (a_folder, "unable to open database file (it is a folder)"),
        (in_a_missing_folder, "unable to open database file (the folder {folder} does not exist)"),
    ],
)
async def test_an_unusable_database_stops_the_bot_at_once_with_one_line(
    tmp_path: Path, telegram: LocalBotApi, make, reason: str
) -> None:
    path = make(tmp_path)
    env = clean_environment(TELEGRAM__TOKEN=TOKEN, TELEGRAM__BASE_URL=telegram.base_url)
    done = await run_carebot("run", "--db", str(path), cwd=tmp_path, env=env)
    assert done.status == 1
    assert done.output.strip() == f"carebot: cannot use the database {path}: " + reason.format(
        folder=path.parent
    )
    assert not telegram.calls, "it stopped before talking to Telegram"


async def test_a_read_only_database_stops_the_bot_with_sqlites_reason(
    tmp_path: Path, telegram: LocalBotApi, read_only: Path
) -> None:
    env = clean_environment(TELEGRAM__TOKEN=TOKEN, TELEGRAM__BASE_URL=telegram.base_url)
    done = await run_carebot("run", "--db", str(read_only), cwd=tmp_path, env=env)
    assert done.status == 1
    assert (
        done.output.strip()
        == f"carebot: cannot use the database {read_only}: attempt to write a readonly database"
    )


def test_other_commands_name_the_file_and_the_reason_too(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = corrupt(tmp_path)
    assert main(["staff", "add", "--db", str(path), "--name", "Robin", "--role", "admin"]) == 1
    assert capsys.readouterr().err == f"carebot: cannot use the database {path}: file is not a database\n"


def owner_only(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_a_database_deleted_while_the_bot_runs_stops_it(tmp_path: Path, telegram: LocalBotApi) -> None:
    path = tmp_path / "carebot.sqlite3"
    env = clean_environment(
        TELEGRAM__TOKEN=TOKEN, TELEGRAM__BASE_URL=telegram.base_url, REMINDERS__TICK_SECONDS="1"
    )
    async with carebot_running("run", "--db", str(path), cwd=tmp_path, env=env) as bot:
        await telegram.world.user_sends(7, "/start", first_name="Sam")
        await telegram.world.wait_for(lambda: telegram.world.bot_messages(7), within=30)
        wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
        assert all(owner_only(file) for file in (path, wal, shm)), "the database files are owner-only"
        path.unlink()
        done = await finished(bot)
    assert done.status == 1
    last_line = done.output.strip().splitlines()[-1]
    assert last_line == f"carebot: the database file {path} was deleted while the bot was running"


async def test_a_database_made_world_readable_before_is_made_owner_only_at_start(
    tmp_path: Path, telegram: LocalBotApi
) -> None:
    path = tmp_path / "carebot.sqlite3"
    sqlite3.connect(path).close()
    path.chmod(0o644)
    bad_token = clean_environment(TELEGRAM__TOKEN="1:REJECTED", TELEGRAM__BASE_URL=telegram.base_url)
    await run_carebot("run", "--db", str(path), cwd=tmp_path, env=bad_token)
    assert owner_only(path)


def test_command_line_tools_make_owner_only_databases(tmp_path: Path) -> None:
    path = tmp_path / "carebot.sqlite3"
    assert main(["db", "upgrade", "--db", str(path)]) == 0
    assert owner_only(path)


async def test_the_tick_stops_a_bot_whose_database_file_was_replaced(app: Application) -> None:
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    stops: list[str] = []
    runtime.request_stop = lambda: stops.append("stop")
    path = runtime.db.path
    path.rename(path.with_name("moved.sqlite3"))
    shutil.copy(path.with_name("moved.sqlite3"), path)
    await run_tick_now(app)
    assert runtime.failure == f"the database file {path} was replaced while the bot was running"
    assert stops == ["stop"]


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_database_errors_at_run_time_are_logged_in_sqlites_words_once_a_minute(
    app: Application, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    minute = FakeMonotonic()
    monkeypatch.setattr(faults, "DATABASE_ERRORS", faults.OncePerPeriod(60, minute))
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    async with runtime.db.transaction() as tx:
        await tx.execute("ALTER TABLE staff RENAME TO staff_gone")
    caplog.set_level(logging.ERROR, logger="handlers.common")

    async def send_text() -> list[str]:
        caplog.clear()
        await app.process_update(text_update(app, 501, "/help"))
        return [record.getMessage() for record in caplog.records]

    first = await send_text()
    assert len(first) == 1
    assert re.fullmatch(
        r"update \d+ in chat 501 failed: database error: OperationalError \(no such table: staff\)"
        # Who someone is is a read by key, run on the loop's thread (db.lookups): our innermost frame.
        r" at bot/store/db\.py:\d+ in execute_fetchall",
        first[0],
    )
    assert await send_text() == [], "the same error within the minute is not logged again"
    assert await send_text() == []
    minute.now += 61
    again = await send_text()
    assert len(again) == 1 and again[0].endswith("(2 more like it in the last minute not logged)")


async def test_the_innermost_frame_of_our_own_code_is_named_not_the_librarys() -> None:
    async with aiosqlite.connect(":memory:") as empty:
        with pytest.raises(sqlite3.OperationalError) as raised:
            await audit.for_person(empty, 1)
    line = faults.describe(raised.value)
    assert line.startswith("OperationalError (no such table: audit_log) at bot/store/rows.py:")
    assert line.endswith(" in fetch_all")
