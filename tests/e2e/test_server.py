"""The local Bot API server on its own: python-telegram-bot parses what it answers, and it refuses what
Telegram refuses."""

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, EndPointNotFound, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.localapi import Fault, LocalBotApi

TOKEN = "4242:LOCAL"
USER = 501
# A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e"
    "000502027f3d8a5c5f0000000049454e44ae426082"
)


@pytest.fixture
async def server() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi(TOKEN) as local:
        await local.world.user_sends(USER, "hello", first_name="Kai")
        yield local


@pytest.fixture
async def bot(server: LocalBotApi) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as client:
        yield client


def keyboard(callback_data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data=callback_data)]])


async def test_the_bot_sees_what_a_user_sends_and_confirms_it_with_the_offset(bot: Bot) -> None:
    [update] = await bot.get_updates(timeout=0)
    assert update.message.text == "hello"
    assert update.message.from_user.first_name == "Kai"
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_a_long_poll_returns_as_soon_as_the_user_writes(server: LocalBotApi, bot: Bot) -> None:
    [first] = await bot.get_updates(timeout=0)
    poll = asyncio.create_task(bot.get_updates(offset=first.update_id + 1, timeout=20))
    await server.world.wait_for(lambda: server.world.poll_generation == 2, within=5)  # the poll waits
    await server.world.user_sends(USER, "/start abc")
    [update] = await asyncio.wait_for(poll, timeout=5)
    assert update.message.text == "/start abc"
    assert update.message.entities[0].type == "bot_command"


async def test_sent_messages_come_back_as_telegram_objects(server: LocalBotApi, bot: Bot) -> None:
    sent = await bot.send_message(
        USER, "Hi <b>Kai</b> &amp; co", parse_mode="HTML", reply_markup=keyboard("v1:y")
    )
    assert sent.text == "Hi Kai & co"
    assert sent.from_user.is_bot and sent.chat.id == USER and sent.date is not None
    assert sent.entities[0].type == "bold" and sent.parse_entity(sent.entities[0]) == "Kai"
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "v1:y"

    photo = await bot.send_photo(USER, PNG, caption="A chart")
    document = await bot.send_document(USER, io.BytesIO(b"ref,due\n"), filename="due.csv")
    assert (photo.photo[-1].width, photo.photo[-1].height) == (1, 1)
    assert document.document.file_name == "due.csv"
    downloaded = await (await bot.get_file(document.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == b"ref,due\n"

    assert [message["message_id"] for message in server.world.bot_messages(USER)] == [
        sent.message_id,
        photo.message_id,
        document.message_id,
    ]


async def test_a_button_press_reaches_the_bot_and_can_be_answered_once(server: LocalBotApi, bot: Bot) -> None:
    [first] = await bot.get_updates(timeout=0)
    sent = await bot.send_message(USER, "Done?", reply_markup=keyboard("v1:done"))
    query = await server.world.user_presses(USER, sent.message_id, "v1:done")
    [update] = await bot.get_updates(offset=first.update_id + 1, timeout=0)
    assert update.callback_query.data == "v1:done"
    assert await update.callback_query.answer("Saved") is True
    assert query.answer == {"text": "Saved", "show_alert": False}
    with pytest.raises(BadRequest, match="query id is invalid"):
        await update.callback_query.answer("Again")


async def test_edits_change_the_message_the_user_sees(server: LocalBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "Before", reply_markup=keyboard("v1:a"))
    await bot.edit_message_text("After", chat_id=USER, message_id=sent.message_id)
    [seen] = server.world.bot_messages(USER)
    assert seen["text"] == "After" and "reply_markup" not in seen
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("After", chat_id=USER, message_id=sent.message_id)
    assert await bot.delete_message(USER, sent.message_id)
    assert server.world.bot_messages(USER) == []


@pytest.mark.parametrize(
    ("call", "complaint"),
    [
        ({"text": "x" * 4097}, "too long"),
        ({"text": "   "}, "text is empty"),
        ({"text": "<b>unclosed", "parse_mode": "HTML"}, "parse entities"),
        ({"text": "<blink>old</blink>", "parse_mode": "HTML"}, "unsupported start tag"),
        ({"text": "Costs £5.", "parse_mode": "MarkdownV2"}, "reserved"),
        ({"text": "x", "reply_markup": keyboard("x" * 65)}, "button_data_invalid"),
        (
            {"text": "x", "reply_markup": '{"inline_keyboard": [[{"text": "no action"}]]}'},
            "inline keyboard button",
        ),
        ({"text": "x", "reply_markup": "not json"}, "can't parse reply keyboard markup"),
    ],
)
async def test_bad_messages_are_refused_like_telegram_refuses_them(
    bot: Bot, call: dict, complaint: str
) -> None:
    with pytest.raises(BadRequest) as refused:
        await bot.send_message(USER, **call)
    assert complaint in str(refused.value).lower()


async def test_unknown_methods_parameters_and_chats_are_refused(server: LocalBotApi, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendMesage", api_kwargs={"chat_id": USER, "text": "x"})
    async with aiohttp.ClientSession() as session:
        url = f"{server.base_url}{TOKEN}/sendMessage"
        async with session.post(url, data={"chat_id": USER, "text": "x", "colour": "red"}) as response:
            body = await response.json()
        async with session.post(url, data={"chat_id": USER}) as missing:
            missing_body = await missing.json()
        async with session.post(f"{server.base_url}1:WRONG/getMe") as wrong_token:
            assert wrong_token.status == 401
    assert body == {
        "ok": False,
        "error_code": 400,
        "description": 'Bad Request: parameter "colour" is not known to sendMessage',
    }
    assert missing_body["error_code"] == 400 and "text" in missing_body["description"]
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(USER + 1, "nobody there")


async def test_flood_limits_answer_429_with_retry_after() -> None:
    async with LocalBotApi(TOKEN, flood_limits=True) as server:
        await server.world.user_sends(USER, "hi")
        async with Bot(TOKEN, base_url=server.base_url) as bot:
            await bot.send_message(USER, "one")
            with pytest.raises(RetryAfter):
                await bot.send_message(USER, "two")
        async with aiohttp.ClientSession() as session:
            url = f"{server.base_url}{TOKEN}/sendMessage"
            async with session.post(url, data={"chat_id": USER, "text": "three"}) as response:
                body = await response.json()
    assert body["error_code"] == 429 and body["parameters"] == {"retry_after": 1}
    assert [message["text"] for message in server.world.bot_messages(USER)] == ["one"]


async def test_an_injected_fault_fails_calls_without_carrying_them_out(server: LocalBotApi, bot: Bot) -> None:
    server.inject(Fault("sendMessage", status=502, times=1))
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(USER, "lost")
    await bot.send_message(USER, "delivered")
    assert [message["text"] for message in server.world.bot_messages(USER)] == ["delivered"]


async def test_a_timeout_after_sending_delivers_the_message_and_loses_the_answer(server: LocalBotApi) -> None:
    server.inject(Fault("sendMessage", hang_after_sending=2, calls_first=1))
    request = HTTPXRequest(read_timeout=0.3)
    async with Bot(TOKEN, base_url=server.base_url, request=request) as bot:
        await bot.send_message(USER, "first goes through")
        with pytest.raises(TimedOut):
            await bot.send_message(USER, "arrives, but the bot never hears so")
        await bot.send_message(USER, "then all is well")
    assert [message["text"] for message in server.world.bot_messages(USER)] == [
        "first goes through",
        "arrives, but the bot never hears so",
        "then all is well",
    ]


async def test_an_injected_429_says_when_to_retry(server: LocalBotApi, bot: Bot) -> None:
    server.inject(Fault("sendMessage", status=429, retry_after=7))
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(USER, "not now")
    assert flood.value.retry_after in (7, timedelta(seconds=7))
    assert server.world.bot_messages(USER) == []


async def test_the_user_side_speaks_http(server: LocalBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "Pick", reply_markup=keyboard("v1:p"))
    async with aiohttp.ClientSession(server.url) as session:
        async with session.post(
            f"/user/{USER}/presses", json={"message_id": sent.message_id, "callback_data": "v1:p"}
        ):
            pass
        async with session.post(f"/user/{USER}/messages", json={"text": "/help"}) as posted:
            assert (await posted.json())["ok"]
        async with session.get(f"/user/{USER}/chat") as chat:
            seen = (await chat.json())["result"]
    assert [message.get("text") for message in seen["messages"]] == ["hello", "Pick", "/help"]
    kinds = [next(kind for kind in update if kind != "update_id") for update in server.world.updates]
    assert kinds == ["message", "callback_query", "message"]


async def test_a_deep_link_sends_start_with_its_payload_to_the_right_bot_only(server: LocalBotApi) -> None:
    await server.world.user_opens(USER, "https://t.me/carebot_local_bot?start=abc-123")
    assert server.world.updates[-1]["message"]["text"] == "/start abc-123"
    with pytest.raises(ValueError, match="not @carebot_local_bot"):
        await server.world.user_opens(USER, "https://t.me/other_bot?start=abc")
    with pytest.raises(ValueError, match="not a deep link"):
        await server.world.user_opens(USER, "https://t.me/carebot_local_bot?start=" + "x" * 65)


async def test_a_button_notice_over_200_characters_is_refused(server: LocalBotApi, bot: Bot) -> None:
    [first] = await bot.get_updates(timeout=0)
    sent = await bot.send_message(USER, "Done?", reply_markup=keyboard("v1:done"))
    await server.world.user_presses(USER, sent.message_id, "v1:done")
    [update] = await bot.get_updates(offset=first.update_id + 1, timeout=0)
    with pytest.raises(BadRequest, match="0-200 characters"):
        await update.callback_query.answer("x" * 201)


async def test_a_second_poller_ends_the_first_with_a_conflict(server: LocalBotApi) -> None:
    url = f"{server.base_url}{TOKEN}/getUpdates"
    async with aiohttp.ClientSession() as first, aiohttp.ClientSession() as second:
        [update] = (await (await first.post(url, data={"timeout": 0})).json())["result"]
        offset = update["update_id"] + 1
        waiting = asyncio.create_task(first.post(url, data={"offset": offset, "timeout": 20}))
        await server.world.wait_for(lambda: server.world.poll_generation == 2, within=5)
        newer = await second.post(url, data={"offset": offset, "timeout": 0})
        ended = await asyncio.wait_for(waiting, timeout=5)
        assert newer.status == 200 and (await newer.json())["result"] == []
        assert ended.status == 409
        assert "only one bot instance" in (await ended.json())["description"]


async def test_a_user_who_blocked_the_bot_cannot_be_sent_to_until_they_unblock(
    server: LocalBotApi, bot: Bot
) -> None:
    await server.world.user_blocks(USER)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(USER, "Your review is due")
    await server.world.user_blocks(USER, blocked=False)
    await bot.send_message(USER, "Your review is due")
    assert [message["text"] for message in server.world.bot_messages(USER)] == ["Your review is due"]
