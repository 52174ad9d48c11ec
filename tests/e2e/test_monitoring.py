"""The monitoring endpoint beside the running bot: what the council's IT team sees while people use it."""

from datetime import timedelta

import pytest

from bot.config import HealthSettings, Settings
from tests.e2e.harness import Chat
from tests.net import free_port
from tests.scrape import fetch, scrape, value


@pytest.fixture
def e2e_settings(e2e_settings: Settings) -> Settings:
    return e2e_settings.model_copy(update={"health": HealthSettings(port=free_port())})


async def test_an_unanswered_crisis_alert_shows_until_the_pa_answers(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    await kai.says("i dont want to be here anymore")
    alert = await robin.next_reply()
    assert alert.text.startswith("URGENT: Kai")

    samples = await scrape(chat.app)
    assert value(samples, "carebot_open_alerts", kind="crisis", age="under_1h") == 1
    assert value(samples, "carebot_messages_sent_total", kind="handoff_crisis") >= 1

    await robin.presses("I'll call today", on=alert)
    *_, answered = await kai.replies(3)  # the crisis lines, "I've let your PA know", then the PA's answer
    assert "They will contact you today" in answered.text
    assert value(await scrape(chat.app), "carebot_open_alerts", kind="crisis", age="under_1h") == 0


async def test_healthz_goes_503_when_the_tick_stops(chat: Chat) -> None:
    sam = await chat.user("Sam")
    await sam.says("/start")
    await sam.next_reply()
    await chat.time_passes(timedelta(minutes=1))
    assert await fetch(chat.app, "/healthz") == (200, "ok\n")

    chat.clock.advance(timedelta(minutes=10))  # ten minutes with no tick
    status, text = await fetch(chat.app, "/healthz")
    assert (status, text) == (503, "the tick last finished 600 s ago (it runs every 60 s)\n")
    await chat.time_passes(timedelta(seconds=1))
    assert await fetch(chat.app, "/healthz") == (200, "ok\n")
