"""Alerts with an owner, end to end over HTTP: the real bot, the local Bot API server and the tick.

A night-time crisis reaches whoever is on call, who answers it, and the young person is told; an
unanswered alert goes to the manager and then the chain; a PA who blocked the bot is passed over; two
"talk to my PA" presses make one request; a young person recorded missing is in the next morning's
digest; and the demo shows a night alert reaching its on-call persona.
"""

from datetime import UTC, datetime, time, timedelta

import aiohttp
import pytest

from bot.config import ChainLink, OnCall, Settings, Weekday
from bot.demo import service
from bot.demo.run import running_demo
from bot.localapi import LocalBotApi
from bot.models import Category
from tests.e2e.harness import Chat, Person

JORDAN, HEAD = 4242, 4343
TUESDAY_NIGHT = datetime(2026, 11, 24, 22, 0, tzinfo=UTC)  # GMT: London time is the same


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A weeknight rota (Jordan) and, after the team manager, the head of service."""
    weeknights = OnCall(
        days=(Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY),
        starts=time(17, 0),
        until=time(9, 0),
        chat_id=JORDAN,
        name="Jordan from the team on call",
    )
    head = ChainLink(chat_id=HEAD, name="the head of service")
    safety = settings.safety.model_copy(update={"rota": (weeknights,), "escalation_chain": (head,)})
    return settings.model_copy(update={"safety": safety})


async def on_call(chat: Chat, user_id: int, name: str) -> Person:
    """Someone in the settings, not on the staff list, who has started the bot."""
    person = Person(chat, user_id, name)
    await person.says("/start")
    assert "crisis alerts come here" in (await person.next_reply()).text
    return person


def urgent(server: LocalBotApi, user_id: int) -> list[str]:
    return [
        message.get("text", "")
        for message in server.world.bot_messages(user_id)
        if message.get("text", "").startswith("URGENT")
    ]


async def test_a_night_crisis_reaches_the_person_on_call_who_answers_and_the_young_person_is_told(
    chat: Chat, local_api: LocalBotApi
) -> None:
    jordan = await on_call(chat, JORDAN, "Jordan")
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    chat.clock.set(TUESDAY_NIGHT)

    await kai.says("I have nowhere to sleep tonight")
    lines = await kai.next_reply()
    assert lines.text.index("999") < lines.text.index("01642 524552")  # the out-of-hours number
    alert = await jordan.next_reply()
    assert alert.text.startswith("URGENT: Kai (CL") and "nowhere to sleep" in alert.text
    assert alert.buttons == ["I've seen it", "I'm on it", "Done"]
    assert (await robin.next_reply()).text.startswith("URGENT: Kai (CL")
    told = await kai.next_reply()
    assert (
        "I've let Jordan from the team on call know" in told.text and "Your PA will see it too" in told.text
    )

    await jordan.presses("I'm on it", on=alert)
    assert "You answered: I'm on it" in (await jordan.sees_edit(alert)).text
    heard = await kai.next_reply()
    assert heard.text.startswith("Jordan from the team on call is dealing with it now.")
    assert (await robin.next_reply()).text.startswith("Jordan from the team on call answered the alert")

    await chat.time_passes(timedelta(hours=3))
    assert urgent(local_api, HEAD) == []


async def test_an_unanswered_alert_goes_to_the_manager_then_the_chain(
    chat: Chat, local_api: LocalBotApi
) -> None:
    head = await on_call(chat, HEAD, "Alex")
    dana = await chat.manager("Dana Khan")
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    chat.clock.set(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))  # a Tuesday: no weekly digest for Dana

    await kai.says("i took all my pills")  # danger now, in working hours: 15 minutes to answer
    await kai.replies(2)
    assert len(urgent(local_api, robin.user_id)) == 1
    await chat.time_passes(timedelta(minutes=14))
    assert urgent(local_api, dana.user_id) == []
    await chat.time_passes(timedelta(minutes=1))
    to_manager = await dana.next_reply()
    assert to_manager.text.startswith("URGENT, not picked up: Kai (CL") and "in danger now" in to_manager.text
    await chat.time_passes(timedelta(minutes=15))
    to_head = await head.next_reply()
    assert "It went to: Dana Khan, their PA." in to_head.text
    await chat.time_passes(timedelta(hours=1))
    assert len(urgent(local_api, dana.user_id)) == 1 and len(urgent(local_api, HEAD)) == 1

    await head.presses("I've seen it", on=to_head)
    assert (await kai.next_reply()).text.startswith("The head of service has seen your message.")


async def test_a_pa_who_blocked_the_bot_is_passed_over_at_once(chat: Chat, local_api: LocalBotApi) -> None:
    dana = await chat.manager("Dana Khan")
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    await local_api.world.user_blocks(robin.user_id)

    await kai.says("my boyfriend hits me")
    await kai.next_reply()
    told = await kai.next_reply()
    assert "Your PA can't get my messages, so I've told their team manager." in told.text
    to_manager = await dana.next_reply()  # at once, not an hour later
    assert "their PA can't get messages from the bot" in to_manager.text


async def test_two_talk_to_my_pa_presses_make_one_request(chat: Chat, local_api: LocalBotApi) -> None:
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    for expected in ("I've asked your PA, Robin Hall", "I've already asked your PA, Robin Hall"):
        assert expected in (await kai.asks_for_a_call()).text
    requests = [
        message
        for message in local_api.world.bot_messages(robin.user_id)
        if "asked you to contact" in message["text"]
    ]
    assert len(requests) == 1


async def test_a_young_person_recorded_missing_is_in_the_next_digest(chat: Chat) -> None:
    chat.clock.set(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))  # Thursday afternoon
    robin = await chat.pa("Robin Hall")
    await chat.young_person_record("Liam", age=16, category=Category.ELIGIBLE, pa=robin.record)
    await robin.says("/missing")
    pick = await robin.next_reply()
    await robin.presses("Liam (CL000001)", on=pick)
    ask = await robin.sees_edit(pick)
    await robin.presses("Missing now", on=ask)
    assert "Recorded: Liam (CL000001) is missing" in (await robin.sees_edit(ask)).text

    await chat.time_passes(timedelta(hours=17, minutes=30))  # Friday 08:30
    digest = next(
        message["text"]
        for message in chat.server.world.bot_messages(robin.user_id)
        if message["text"].startswith("Good morning")
    )
    assert "Missing now (1):\n- Liam (CL000001): missing since Thu 26 Nov at 15:00 (17 h ago)" in digest
    assert "when back, return home interview within 72 hours" in digest


async def test_the_demo_shows_a_night_alert_reaching_the_person_on_call(settings: Settings) -> None:
    async with running_demo(settings) as demo:
        personas = {persona.key: persona for persona in service.PERSONAS}
        kai, jordan = personas["leaver"], personas["duty"]
        async with aiohttp.ClientSession(demo.url) as session:
            async with session.get("/demo/state") as response:
                state = await response.json()
            assert {"key": "duty", "name": "Jordan"}.items() <= next(
                persona for persona in state["personas"] if persona["key"] == "duty"
            ).items()
            local = demo.page.clock().astimezone(settings.service.tz)
            to_night = datetime.combine(local.date(), time(22, 0), tzinfo=settings.service.tz) - local
            async with session.post("/demo/clock", json={"hours": to_night.total_seconds() / 3600}) as moved:
                assert moved.status == 200
            await demo.page.settled()
            async with session.post(
                f"/user/{kai.user_id}/messages", json={"text": "got nowhere to sleep tonight"}
            ):
                pass
        world = demo.server.world

        def alerts() -> list[dict]:
            return [
                message
                for message in world.bot_messages(jordan.user_id)
                if message["text"].startswith("URGENT")
            ]

        [alert] = await world.wait_for(alerts, within=10)
        assert "Kai (DEMO001)" in alert["text"]
        told = await world.wait_for(
            lambda: [
                m for m in world.bot_messages(kai.user_id) if "Jordan from the team on call" in m["text"]
            ],
            within=10,
        )
        assert "I've let Jordan from the team on call know" in told[0]["text"]
