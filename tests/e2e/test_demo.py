"""``carebot demo`` without a browser: the personas are linked, the page's endpoints work, and moving
the demo clock runs the reminder tick at the new time."""

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import aiohttp
import pytest
from telegram.ext import ContextTypes

from bot.config import Settings
from bot.demo import service
from bot.demo.run import RunningDemo, running_demo
from bot.store import contacts, missing, people, reviews
from handlers.context import RUNTIME_KEY


@pytest.fixture
async def demo(settings: Settings) -> AsyncIterator[RunningDemo]:
    async with running_demo(settings) as running:
        yield running


async def reply_to(demo: RunningDemo, user_id: int, text: str) -> str:
    world = demo.server.world
    before = len(world.bot_messages(user_id))
    async with (
        aiohttp.ClientSession(demo.url) as session,
        session.post(f"/user/{user_id}/messages", json={"text": text}) as posted,
    ):
        assert posted.status == 200
    messages = await world.wait_for(lambda: world.bot_messages(user_id)[before:], within=5)
    return messages[0]["text"]


async def test_each_persona_is_who_the_page_says(demo: RunningDemo) -> None:
    leaver, pa, manager, newcomer = service.PERSONAS
    assert (await reply_to(demo, leaver.user_id, "/start")).startswith("Hi Kai!")
    assert "personal advisor" in await reply_to(demo, pa.user_id, "/start")
    assert "manager" in await reply_to(demo, manager.user_id, "/start")
    assert "If your PA sent you a link" in await reply_to(demo, newcomer.user_id, "/start")

    async with aiohttp.ClientSession(demo.url) as session, session.get("/demo/state") as response:
        state = await response.json()
    invite = next(persona["invite"] for persona in state["personas"] if persona["key"] == "newcomer")
    assert "You're in, Isla" in await reply_to(demo, newcomer.user_id, invite)


async def test_the_page_and_its_files_are_served(demo: RunningDemo) -> None:
    async with aiohttp.ClientSession(demo.url) as session:
        for path, kind in (
            ("/", "text/html"),
            ("/static/chat.js", "text/javascript"),
            ("/static/chat.css", "text/css"),
        ):
            async with session.get(path) as response:
                assert response.status == 200 and response.content_type == kind
                assert "https://" not in await response.text(), "the page must work offline: no CDN"
        async with session.get("/static/../run.py") as outside:
            assert outside.status == 404


async def test_moving_the_clock_runs_the_tick_at_the_new_time(demo: RunningDemo) -> None:
    ticked_at: list[datetime] = []

    async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
        ticked_at.append(context.application.bot_data[RUNTIME_KEY].now())

    demo.app.job_queue.run_repeating(tick, interval=3600, first=3600, name="tick")
    started = demo.page.clock()
    async with aiohttp.ClientSession(demo.url) as session:
        async with session.post("/demo/clock", json={"hours": 24}) as response:
            moved = await response.json()
        async with session.post("/demo/clock", json={"hours": -1}) as backwards:
            assert backwards.status == 400
    assert ticked_at == [started + timedelta(hours=24)]
    assert datetime.fromisoformat(moved["now"]) == started + timedelta(hours=24)


async def test_the_service_has_work_done_due_and_overdue(demo: RunningDemo) -> None:
    runtime = demo.app.bot_data[RUNTIME_KEY]
    db, rules, now = runtime.db, runtime.settings.rules, runtime.now()
    today = now.astimezone(runtime.settings.service.tz).date()
    everyone = await people.in_service(db.reader)
    assert len(everyone) == len(service.PEOPLE) >= 12
    assert {person.category for person in everyone} == {
        "eligible",
        "relevant",
        "former_relevant",
        "qualifying",
    }

    contact_ages = {(today - (await contacts.latest(db.reader, p.id)).contacted_on).days for p in everyone}
    interval = rules.contact_interval_days
    assert min(contact_ages) < interval and interval in contact_ages and max(contact_ages) > interval

    review_ages = [
        (today - review.reviewed_on).days
        for person in everyone
        if (review := await reviews.latest(db.reader, person.id)) is not None
    ]
    assert min(review_ages) < 150 and max(review_ages) > 190

    episodes = [episode for person in everyone for episode in await missing.for_person(db.reader, person.id)]
    window = timedelta(hours=rules.rhi_hours)
    open_episodes = [episode for episode in episodes if episode.rhi_completed_at is None]
    assert any(episode.rhi_completed_at for episode in episodes)
    assert any(now - episode.returned_at < window for episode in open_episodes)
    assert any(now - episode.returned_at > window for episode in open_episodes)

    notice = today + timedelta(days=rules.transition_notice_days)
    for birthday in (18, 21, 25):
        assert any(p.age_on(today) < birthday <= p.age_on(notice) for p in everyone), (
            f"nobody turns {birthday} soon"
        )
