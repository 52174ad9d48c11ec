"""``carebot run`` itself, as a service manager starts it: a separate process configured by a file and
the environment, taking its updates by webhook from the local Bot API server, serving /healthz and
/metrics, logging JSON lines, and stopping cleanly on SIGTERM."""

import asyncio
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.clock import system_clock
from bot.config import Settings
from bot.localapi import LocalBotApi
from bot.models import Category, YoungPerson
from bot.services import invites
from bot.store import Database, people, teams
from bot.webhook import SECRET_HEADER
from tests.net import free_port
from tests.scrape import get, parse, value

SECRET = "run-command-secret"
KAI = 4101
START_SECONDS = 60.0  # a cold start on a busy two-core machine; the wait ends as soon as the bot is up
REPLY_SECONDS = 10.0
# A long-polling bot stops once its current long poll (10 s) ends, so that it confirms what it fetched.
STOP_SECONDS = 30.0


class Bot:
    """The ``carebot run`` process and where to reach it."""

    def __init__(self, process: asyncio.subprocess.Process, log: Path, webhook_url: str, health_port: int):
        self.process, self.log = process, log
        self.webhook_url, self.health_url = webhook_url, f"http://127.0.0.1:{health_port}"

    async def until(self, condition: Callable[[], Any], world: Any, within: float = REPLY_SECONDS) -> Any:
        """Wait for ``condition`` on the server's world, failing at once if the bot process ends."""
        waiting = asyncio.ensure_future(world.wait_for(condition, within=within))
        ended = asyncio.ensure_future(self.process.wait())
        done, _ = await asyncio.wait({waiting, ended}, return_when=asyncio.FIRST_COMPLETED)
        if ended in done:
            waiting.cancel()
            raise AssertionError(f"carebot run ended ({self.process.returncode}):\n{self.log.read_text()}")
        ended.cancel()
        return waiting.result()

    async def get(self, path: str) -> tuple[int, str]:
        return await get(self.health_url + path)


async def seed(settings: Settings, database: Path) -> str:
    """A young person in the service, and their invite link. The database's folder is made first, as the
    install steps make the state directory (the bot never makes a missing folder)."""
    now = system_clock()
    database.parent.mkdir(exist_ok=True)
    db = await Database.open(database)
    try:
        async with db.transaction() as tx:
            team = await teams.get_or_add(tx, "Pathways Team")
            born = now.date() - timedelta(days=19 * 365 + 100)
            await people.add(
                tx,
                YoungPerson(
                    case_ref="CL000001",
                    preferred_name="Kai",
                    date_of_birth=born,
                    category=Category.FORMER_RELEVANT,
                    team_id=team.id,
                ),
            )
        invite = await invites.create_for_young_person(
            db, "CL000001", now=now, valid_for=timedelta(hours=1), bot_username=settings.telegram.username
        )
    finally:
        await db.close()
    return invite.link


async def start_carebot(
    settings: Settings, local_api: LocalBotApi, tmp_path: Path, *, by_webhook: bool, health_port: int
) -> Bot:
    """``carebot run`` as a process, configured as the README's install steps configure it."""
    webhook_port = free_port()
    webhook_url = f"http://127.0.0.1:{webhook_port}/telegram/updates" if by_webhook else ""
    database = tmp_path / "state" / "carebot.sqlite3"
    database.parent.mkdir(exist_ok=True)  # as the install steps make the state directory
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\nbase_url = "{local_api.base_url}"\nbase_file_url = "{local_api.base_file_url}"\n'
        f'username = "{settings.telegram.username}"\nwebhook_url = "{webhook_url}"\n'
        f"webhook_port = {webhook_port}\n"
        f'[database]\npath = "{database}"\n[health]\nport = {health_port}\n[logging]\nformat = "json"\n'
    )
    environment = {name: value for name, value in os.environ.items() if not name.startswith("CAREBOT_")}
    environment |= {
        "CAREBOT_TELEGRAM__TOKEN": settings.telegram.token,
        "CAREBOT_TELEGRAM__WEBHOOK_SECRET": SECRET,
    }
    log = tmp_path / "carebot.log"
    with log.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--config",
            str(config),
            cwd=tmp_path,
            env=environment,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=stderr,
        )
    return Bot(process, log, webhook_url, health_port)


@pytest.fixture
async def carebot(
    settings: Settings, local_api: LocalBotApi, tmp_path: Path, updates_by: str
) -> AsyncIterator[Bot]:
    bot = await start_carebot(
        settings, local_api, tmp_path, by_webhook=updates_by == "webhook", health_port=free_port()
    )
    try:
        yield bot
    finally:
        if bot.process.returncode is None:
            bot.process.kill()
            await bot.process.wait()


@pytest.mark.parametrize("updates_by", ["webhook"])
async def test_carebot_run_by_webhook_with_health_metrics_and_json_logs(
    carebot: Bot, local_api: LocalBotApi, settings: Settings, tmp_path: Path
) -> None:
    world = local_api.world
    link = await seed(settings, tmp_path / "state" / "carebot.sqlite3")
    await carebot.until(lambda: world.webhook, world, within=START_SECONDS)
    assert (world.webhook.url, world.webhook.secret_token) == (carebot.webhook_url, SECRET)

    await world.user_opens(KAI, link, first_name="Kai")
    welcome = await carebot.until(lambda: world.bot_messages(KAI), world)
    assert "You're in, Kai" in welcome[0]["text"]
    await world.user_sends(KAI, "Quokka pancakes for tea", first_name="Kai")
    await carebot.until(lambda: len(world.bot_messages(KAI)) > len(welcome), world)
    assert local_api.calls_of("getUpdates") == []

    assert await carebot.get("/healthz") == (200, "ok\n")
    async with aiohttp.ClientSession() as session:
        forged = {
            "update_id": 1,
            "message": {"message_id": 1, "date": 0, "chat": {"id": KAI, "type": "private"}},
        }
        async with session.post(carebot.webhook_url, json=forged, headers={SECRET_HEADER: "guess"}) as answer:
            assert answer.status == 403
    status, text = await carebot.get("/metrics")
    assert status == 200
    samples = parse(text)
    assert value(samples, "carebot_updates_total", kind="message") == 2
    assert value(samples, "carebot_webhook_refused_total", reason="secret") == 1

    carebot.process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(carebot.process.wait(), timeout=STOP_SECONDS) == 0

    written = carebot.log.read_text()
    entries = [json.loads(line) for line in written.splitlines()]
    messages = [entry["message"] for entry in entries]
    assert any(message.startswith("webhook listening on 127.0.0.1:") for message in messages)
    assert any(message.startswith("health and metrics on http://127.0.0.1:") for message in messages)
    assert messages[-1] == "stopped"
    for private in (settings.telegram.token, SECRET, "Kai", "Quokka", "pancakes"):
        assert private not in written, private


@pytest.mark.parametrize("updates_by", ["polling"])
async def test_carebot_run_by_long_polling_answers_and_stops_on_sigterm(
    carebot: Bot, local_api: LocalBotApi, settings: Settings, tmp_path: Path
) -> None:
    world = local_api.world
    link = await seed(settings, tmp_path / "state" / "carebot.sqlite3")
    await carebot.until(lambda: local_api.calls_of("getUpdates"), world, within=START_SECONDS)
    await world.user_opens(KAI, link, first_name="Kai")
    welcome = await carebot.until(lambda: world.bot_messages(KAI), world)
    assert "You're in, Kai" in welcome[0]["text"]
    assert world.webhook is None

    carebot.process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(carebot.process.wait(), timeout=STOP_SECONDS) == 0
    assert json.loads(carebot.log.read_text().splitlines()[-1])["message"] == "stopped"


async def test_a_health_port_already_in_use_stops_the_start_with_one_line(
    settings: Settings, local_api: LocalBotApi, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        bot = await start_carebot(settings, local_api, tmp_path, by_webhook=False, health_port=port)
        assert await asyncio.wait_for(bot.process.wait(), timeout=START_SECONDS) == 1
    last = bot.log.read_text().splitlines()[-1]
    assert (
        last == f"carebot: cannot start: [health] cannot listen on 127.0.0.1:{port}: Address already in use"
    )
