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
from bot.models import Category
from bot.runtime import RUNTIME_KEY
from bot.services.deadlines import open_dues
from bot.store import missing, people
from scheduler.deadlines import DeadlineKind, DeadlineStatus
from tests.e2e.harness import Chat, Person


@pytest.fixture
async def demo(settings: Settings) -> AsyncIterator[RunningDemo]:
    async with running_demo(settings) as running:
        yield running


async def reply_to(demo: RunningDemo, person: Person, text: str) -> str:
    """Send ``text`` as the page does (over the user side's HTTP) and read the bot's reply."""
    async with (
        aiohttp.ClientSession(demo.url) as session,
        session.post(f"/user/{person.user_id}/messages", json={"text": text}) as posted,
    ):
        assert posted.status == 200
    return (await person.next_reply()).text


async def test_each_persona_is_who_the_page_says(demo: RunningDemo) -> None:
    chat = Chat(demo.server, demo.app, demo.page.clock)
    leaver, pa, manager, newcomer, duty = (
        Person(chat, persona.user_id, persona.name) for persona in service.PERSONAS
    )
    assert (await reply_to(demo, leaver, "/start")).startswith("Hi Kai!")
    assert "personal advisor" in await reply_to(demo, pa, "/start")
    assert "manager" in await reply_to(demo, manager, "/start")
    assert "If your PA sent you a link" in await reply_to(demo, newcomer, "/start")
    assert "set up as Jordan from the team on call" in await reply_to(demo, duty, "/start")

    async with aiohttp.ClientSession(demo.url) as session, session.get("/demo/state") as response:
        state = await response.json()
    invite = next(persona["invite"] for persona in state["personas"] if persona["key"] == "newcomer")
    assert "You're in, Isla" in await reply_to(demo, newcomer, invite)


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
    await demo.page.settled()
    assert ticked_at == [started + timedelta(hours=24)]
    assert datetime.fromisoformat(moved["now"]) == started + timedelta(hours=24)


async def test_the_service_has_work_done_due_and_overdue_for_every_reminder_kind(demo: RunningDemo) -> None:
    runtime = demo.app.bot_data[RUNTIME_KEY]
    everyone = await people.in_service(runtime.db.reader)
    assert len(everyone) == len(service.PEOPLE) >= 12
    assert {person.category for person in everyone} == set(Category)

    dues = await open_dues(runtime.db, runtime.now(), runtime.settings)
    found = {(due.kind, due.status) for due in dues}
    for kind in (DeadlineKind.CONTACT, DeadlineKind.PATHWAY_REVIEW, DeadlineKind.NEEDS_ASSESSMENT):
        assert {(kind, DeadlineStatus.DUE), (kind, DeadlineStatus.OVERDUE)} <= found, kind
    assert (DeadlineKind.RHI, DeadlineStatus.DUE) in found and (
        DeadlineKind.RHI,
        DeadlineStatus.OVERDUE,
    ) in found
    for kind in (DeadlineKind.TRANSITION_18, DeadlineKind.TRANSITION_21, DeadlineKind.TRANSITION_25):
        assert any(due.kind is kind and due.status is not DeadlineStatus.UPCOMING for due in dues), kind

    # Done: up-to-date contacts and reviews, a needs assessment followed by a plan, an interview held.
    open_by_kind = {kind: {due.person.id for due in dues if due.kind is kind} for kind in DeadlineKind}
    upcoming = {(due.kind, due.person.id) for due in dues if due.status is DeadlineStatus.UPCOMING}
    assert any((DeadlineKind.CONTACT, person.id) in upcoming for person in everyone)
    assert any((DeadlineKind.PATHWAY_REVIEW, person.id) in upcoming for person in everyone)
    eligible = {person.id for person in everyone if person.category is Category.ELIGIBLE}
    assert eligible - open_by_kind[DeadlineKind.NEEDS_ASSESSMENT]
    interviewed = [
        episode.young_person_id
        for person in everyone
        for episode in await missing.for_person(runtime.db.reader, person.id)
        if episode.rhi_completed_at is not None
    ]
    assert interviewed and not set(interviewed) & open_by_kind[DeadlineKind.RHI]


async def test_an_hour_on_the_pa_has_reminders_to_act_on(demo: RunningDemo) -> None:
    """The demo starts in working hours with work due, so moving the clock brings the PA's reminders."""
    robin = next(persona for persona in service.PERSONAS if persona.key == "pa")
    world = demo.server.world
    async with (
        aiohttp.ClientSession(demo.url) as session,
        session.post("/demo/clock", json={"hours": 1}) as moved,
    ):
        assert moved.status == 200

    def reminders_with_buttons() -> list[dict]:
        return [message for message in world.bot_messages(robin.user_id) if message.get("reply_markup")]

    [first, *_] = await world.wait_for(reminders_with_buttons, within=15)
    labels = [button["text"] for row in first["reply_markup"]["inline_keyboard"] for button in row]
    assert any(label.startswith(("Contact done", "RHI", "Review done")) for label in labels), labels


async def test_the_demo_manager_moves_a_young_person_and_sees_the_caseloads_change(demo: RunningDemo) -> None:
    chat = Chat(demo.server, demo.app, demo.page.clock)
    by_key = {persona.key: Person(chat, persona.user_id, persona.name) for persona in service.PERSONAS}
    kai, dana = by_key["leaver"], by_key["manager"]
    async with (
        aiohttp.ClientSession(demo.url) as session,
        session.post(f"/user/{dana.user_id}/messages", json={"text": "/caseloads"}) as posted,
    ):
        assert posted.status == 200
    loads = await dana.next_reply()
    assert (
        "• Robin Hall: 4 (room for 18)\n" in loads.text and "• Jamie Evans: 4 (room for 18)\n" in loads.text
    )
    screen = loads
    for label in (
        "Robin Hall: 4",
        "Kai (DEMO001)",
        "Next: choose their new PA",
        "Jamie Evans: 4 → 5 (most room)",
        "Yes, move them",
    ):
        notice = await dana.presses(label, on=screen)
        assert not notice, notice
        screen = await dana.sees_edit(screen)
    assert screen.text.startswith("Done. 1 young person moved to Jamie Evans.")
    fresh = await dana.next_reply()
    assert (
        "• Jamie Evans: 5 (room for 17)\n" in fresh.text and "• Robin Hall: 3 (room for 19)\n" in fresh.text
    )
    told = await kai.next_reply()
    assert "Your new personal adviser (PA) is Jamie Evans." in told.text
