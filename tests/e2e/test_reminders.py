"""Reminders end to end over HTTP: the real bot, the local Bot API server, and the "tick" job.

The first test runs the Application in this process with a movable clock. The second runs the bot as
its own process (``python -m bot run``), kills it with SIGKILL while it is sending reminders, starts it
again, and checks that every reminder still arrives.
"""

import asyncio
import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.localapi import LocalBotApi
from bot.models import Category, MissingEpisode, Role, Staff, Team, YoungPerson
from bot.store import Database, missing, staff, teams
from bot.store import people as people_store
from bot.ticks import run_tick_now
from tests.e2e.harness import Chat

REPO = Path(__file__).resolve().parents[2]


def rhi_messages(server: LocalBotApi, chat_id: int) -> list[str]:
    return [
        message.get("text", "")
        for message in server.world.bot_messages(chat_id)
        if "return home interview" in message.get("text", "")
    ]


async def test_a_pa_gets_24_hours_left_presses_rhi_done_and_hears_no_more(
    chat: Chat, local_api: LocalBotApi
) -> None:
    robin = await chat.pa("Robin Hall")
    assert isinstance(robin.record, Staff)
    kai = await chat.young_person_record("Kai", age=16, category=Category.RELEVANT, pa=robin.record)
    assert kai.id is not None
    now = chat.clock()
    async with chat.db.transaction() as tx:
        await missing.add(
            tx,
            MissingEpisode(
                young_person_id=kai.id,
                started_at=now - timedelta(hours=60),
                returned_at=now - timedelta(hours=48, minutes=-1),  # 24 h left in one minute
            ),
        )
    await run_tick_now(chat.app)
    first = await robin.next_reply()
    assert first.text.startswith("Kai (CL") and "is back after being missing" in first.text
    robin.read_everything()

    await chat.time_passes(timedelta(minutes=1))
    reminder = await robin.next_reply()
    assert reminder.text.startswith("24 hours left to offer the return home interview for Kai")
    assert reminder.has_button("RHI done") and reminder.has_button("Snooze until ...")

    await robin.presses("RHI done", on=reminder)
    recorded = await robin.sees_edit(reminder)
    assert recorded.text.startswith("Recorded: return home interview done for Kai")
    assert recorded.buttons == []

    for hours in (18, 6, 24 * 3):  # 6 hours left, the deadline, and long after
        await chat.time_passes(timedelta(hours=hours))
    assert len(rhi_messages(local_api, robin.user_id)) == 2  # "is back" and "24 hours left", nothing since


async def _service_with_rhis(path: Path, pa_chat: int, returns: list[datetime]) -> None:
    db = await Database.open(path)
    try:
        async with db.transaction() as tx:
            team = await teams.add(tx, Team(name="North"))
            pa = await staff.add(
                tx, Staff(name="Robin", role=Role.PA, team_id=team.id, telegram_user_id=pa_chat)
            )
            for number, returned_at in enumerate(returns, start=1):
                person = await people_store.add(
                    tx,
                    YoungPerson(
                        case_ref=f"CL{number}",
                        preferred_name=f"Young person {number}",
                        date_of_birth=date.today() - timedelta(days=16 * 365 + 100),
                        category=Category.RELEVANT,
                        pa_id=pa.id,
                        team_id=team.id,
                    ),
                )
                assert person.id is not None
                await missing.add(
                    tx,
                    MissingEpisode(
                        young_person_id=person.id,
                        started_at=returned_at - timedelta(hours=3),
                        returned_at=returned_at,
                    ),
                )
    finally:
        await db.close()


def _start_bot(settings: Settings, server: LocalBotApi) -> subprocess.Popen:
    environment = {
        **{name: value for name, value in os.environ.items() if not name.startswith("CAREBOT_")},
        "CAREBOT_TELEGRAM__TOKEN": settings.telegram.token,
        "CAREBOT_TELEGRAM__BASE_URL": server.base_url,
        "CAREBOT_TELEGRAM__BASE_FILE_URL": server.base_file_url,
        "CAREBOT_DATABASE__PATH": str(settings.database.path),
        "CAREBOT_REMINDERS__TICK_SECONDS": "1",
        # A message the killed bot was sending is held for the lease before it is sent again: keep it short.
        "CAREBOT_REMINDERS__SEND_LEASE_SECONDS": "2",
        # RHI reminders go at any hour here, so the test does not depend on the time of day it runs.
        "CAREBOT_REMINDERS__QUIET_HOURS_START": "00:00",
        "CAREBOT_REMINDERS__QUIET_HOURS_END": "00:00",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def _outbox_unsent(path: Path) -> int:
    db = await Database.open(path)
    try:
        [(count,)] = await db.reader.execute_fetchall(
            "SELECT COUNT(*) FROM outbox"
            " WHERE kind = 'reminder:rhi' AND sent_at IS NULL AND cancelled_at IS NULL"
        )
        return count
    finally:
        await db.close()


async def test_killing_the_bot_mid_dispatch_loses_no_reminder(
    local_api: LocalBotApi, settings: Settings
) -> None:
    """Six RHI reminders to one PA go at least a second apart. The bot is killed (SIGKILL) once two have
    arrived, and started again: all six arrive, and at most one arrives twice (a crash after Telegram
    accepted a message and before it was marked sent: that one goes again when its claim's lease ends)."""
    pa_chat = 4100
    local_api.world.user_chat(pa_chat, "Robin")
    # Real time: the bot process reads the system clock. Each young person came back 49 hours ago, so
    # each RHI is in its last 24 hours.
    back = datetime.now(UTC) - timedelta(hours=49)
    await _service_with_rhis(settings.database.path, pa_chat, [back - timedelta(minutes=i) for i in range(6)])

    bot = _start_bot(settings, local_api)
    try:
        await local_api.world.wait_for(lambda: len(rhi_messages(local_api, pa_chat)) >= 2, within=30)
        bot.send_signal(signal.SIGKILL)
        await asyncio.to_thread(bot.wait, 10)
        delivered_before = len(rhi_messages(local_api, pa_chat))
        assert delivered_before < 6, "the bot finished before it was killed: nothing was tested"
        assert await _outbox_unsent(settings.database.path) > 0

        bot = _start_bot(settings, local_api)
        texts = await local_api.world.wait_for(
            lambda: (found := rhi_messages(local_api, pa_chat)) and len(set(found)) == 6 and found, within=60
        )
        assert len(set(texts)) == 6
        # Queued as "24 hours left" stages, each written when it went: a little under 23 hours were left.
        assert all(text.startswith("22 hours left") for text in texts)
        assert len(texts) <= 7
        for _ in range(100):  # the last "sent" is committed just after Telegram answers: allow 10 s
            if await _outbox_unsent(settings.database.path) == 0:
                break
            await asyncio.sleep(0.1)
        assert await _outbox_unsent(settings.database.path) == 0
    finally:
        if bot.poll() is None:
            bot.send_signal(signal.SIGTERM)
            try:  # in a thread: the local server in this event loop must keep answering while it stops
                await asyncio.to_thread(bot.wait, 15)
            except subprocess.TimeoutExpired:
                bot.kill()
