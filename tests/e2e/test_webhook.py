"""The bot by webhook: the local Bot API server posts each update to the bot's listener with the secret
token, as Telegram does, and the same conversations work as over long polling."""

import aiohttp
import pytest
from telegram.ext import Application

from bot.localapi import LocalBotApi
from bot.webhook import SECRET_HEADER
from handlers import texts
from tests.e2e.conftest import WEBHOOK_SECRET
from tests.e2e.harness import Chat


@pytest.fixture
def updates_by() -> str:
    return "webhook"


async def test_the_bot_sets_its_webhook_with_the_secret_and_never_polls(
    chat: Chat, local_api: LocalBotApi
) -> None:
    sam = await chat.user("Sam")
    await sam.says("/start")
    assert "Pathways (Leaving Care) Service" in (await sam.next_reply()).text

    webhook = local_api.world.webhook
    assert webhook is not None
    assert webhook.url == chat.runtime.settings.telegram.webhook_url
    assert webhook.secret_token == WEBHOOK_SECRET
    assert local_api.calls_of("getUpdates") == []
    assert [delivery.status for delivery in local_api.webhook_deliveries] == [200]
    info = await chat.app.bot.get_webhook_info()
    assert info.pending_update_count == 0 and info.last_error_message is None


async def test_a_crisis_over_the_webhook_reaches_the_pa_who_answers(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    await kai.says("i dont want to be here anymore")
    lines = await kai.next_reply()
    assert lines.text.index("999") < lines.text.index("116 123")
    alert = await robin.next_reply()
    assert alert.text.startswith("URGENT: Kai") and "here anymore" not in alert.text
    assert "I've let your PA, Robin Hall, know" in (await kai.next_reply()).text

    await robin.presses("I'll call today", on=alert)
    assert "They will contact you today" in (await kai.next_reply()).text


async def post_to_webhook(app: Application, update: dict, headers: dict[str, str]) -> int:
    url = app.bot_data["runtime"].settings.telegram.webhook_url
    async with aiohttp.ClientSession() as session, session.post(url, json=update, headers=headers) as answer:
        return answer.status


@pytest.mark.parametrize(
    "headers", [{}, {SECRET_HEADER: "not-the-secret"}], ids=["no secret", "wrong secret"]
)
async def test_an_update_without_the_secret_is_refused_and_changes_nothing(
    chat: Chat, headers: dict[str, str]
) -> None:
    robin = await chat.pa("Robin Hall")
    forged = {
        "update_id": 999_999,
        "message": {
            "message_id": 999_999,
            "date": 0,
            "chat": {"id": robin.user_id, "type": "private", "first_name": "Robin"},
            "from": {"id": robin.user_id, "is_bot": False, "first_name": "Robin"},
            "text": "/caseload",
            "entities": [{"type": "bot_command", "offset": 0, "length": 9}],
        },
    }
    shown_before = len(chat.server.world.bot_messages(robin.user_id))
    assert await post_to_webhook(chat.app, forged, headers) == 403

    # Updates are answered one by one, in order: had the forged one been taken, its answer would come first.
    await robin.says("/help")
    assert (await robin.next_reply()).text == texts.ROLE_HELP["pa"]
    assert len(chat.server.world.bot_messages(robin.user_id)) == shown_before + 1


async def test_a_body_that_is_not_an_update_is_refused(chat: Chat) -> None:
    assert await post_to_webhook(chat.app, ["not", "an", "update"], {SECRET_HEADER: WEBHOOK_SECRET}) == 400
