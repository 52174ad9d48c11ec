"""The bot against a Telegram that misbehaves: flood waits, bad gateways, and its own bad requests."""

import asyncio
from datetime import timedelta

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.localapi import Fault, LocalBotApi
from bot.models import OutboxMessage
from bot.retrying_request import RetryingRequest
from bot.store import outbox
from handlers import texts
from handlers.context import CareContext
from tests.e2e.harness import Chat


def sent_texts(server: LocalBotApi, user_id: int) -> list[str]:
    return [message.get("text", "") for message in server.world.bot_messages(user_id)]


def delivered_sends(server: LocalBotApi) -> int:
    return sum(1 for call in server.calls_of("sendMessage") if call.status == 200)


class TestFloodLimits:
    """Against Telegram's flood limits: more than 30 messages in a second, or two in a chat within one, are
    answered 429. The bot's limiter keeps under them, so Telegram never has to say so."""

    @pytest.fixture
    def flood_limits(self) -> bool:
        return True

    async def test_two_replies_in_a_chat_are_a_second_apart_so_telegram_never_says_wait(
        self, chat: Chat, local_api: LocalBotApi
    ) -> None:
        sam = await chat.user("Sam")
        await sam.says("/start")
        await sam.says("/help")
        first, second = await sam.replies(2, within=10)
        assert "If your PA sent you a link" in first.text
        assert second.text == texts.PUBLIC_HELP
        assert [call.status for call in local_api.calls_of("sendMessage")] == [200, 200]

    async def test_the_bot_waits_out_a_429_and_then_delivers_the_reply_once(
        self, chat: Chat, local_api: LocalBotApi
    ) -> None:
        local_api.inject(Fault("sendMessage", status=429, retry_after=1))
        sam = await chat.user("Sam")
        await sam.says("/help")
        assert (await sam.next_reply(within=10)).text == texts.PUBLIC_HELP
        assert [call.status for call in local_api.calls_of("sendMessage")] == [429, 200]
        assert sent_texts(local_api, sam.user_id) == [texts.PUBLIC_HELP]

    async def test_a_backlog_goes_once_each_and_a_chat_reply_does_not_wait_behind_it(
        self, chat: Chat, local_api: LocalBotApi
    ) -> None:
        backlog = 90  # three seconds' worth at Telegram's limit, each to a chat of its own
        now = chat.clock()
        async with chat.db.transaction() as tx:
            for number in range(backlog):
                local_api.world.user_chat(7000 + number)
                await outbox.enqueue(
                    tx,
                    OutboxMessage(
                        idempotency_key=f"reminder:{number}",
                        kind="reminder:contact",
                        chat_id=7000 + number,
                        text=f"Reminder {number}",
                        due_at=now,
                        created_at=now,
                    ),
                )
        sam = await chat.user("Sam")
        sending = asyncio.create_task(chat.time_passes(timedelta(0)))
        await local_api.world.wait_for(lambda: len(local_api.calls_of("sendMessage")) >= 10, within=10)
        await sam.says("/help")
        assert (await sam.next_reply(within=10)).text == texts.PUBLIC_HELP
        reply_at = len(local_api.calls_of("sendMessage"))
        await sending
        statuses = [call.status for call in local_api.calls_of("sendMessage")]
        assert statuses == [200] * (backlog + 1)  # each once, and Telegram never said to wait
        assert reply_at < backlog / 2, "the reply went before the reminders still waiting for their turns"


async def test_a_bad_gateway_is_retried_and_the_reply_arrives_once(
    chat: Chat, local_api: LocalBotApi
) -> None:
    local_api.inject(Fault("sendMessage", status=502, times=2))
    sam = await chat.user("Sam")
    await sam.says("/help")
    reply = await sam.next_reply()
    assert reply.text == texts.PUBLIC_HELP
    assert [call.status for call in local_api.calls_of("sendMessage")] == [502, 502, 200]
    assert sent_texts(local_api, sam.user_id) == [texts.PUBLIC_HELP]


async def test_getting_updates_survives_a_gateway_outage(chat: Chat, local_api: LocalBotApi) -> None:
    local_api.inject(Fault("getUpdates", status=503, times=3))
    sam = await chat.user("Sam")
    await sam.says("/help")
    assert (await sam.next_reply(within=10)).text == texts.PUBLIC_HELP


async def _offer_choice(update: Update, context: CareContext) -> None:
    choice = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="t1:yes")]])
    await update.effective_message.reply_text("Shall I?", reply_markup=choice)


async def _on_choice(update: Update, context: CareContext) -> None:
    await update.callback_query.answer("Done")
    await update.callback_query.edit_message_text("Done: yes")


async def _oversized_button(update: Update, context: CareContext) -> None:
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="x" * 65)]])
    await update.effective_message.reply_text("Pick one", reply_markup=too_long)


async def test_presses_are_answered_and_edits_are_seen(chat: Chat) -> None:
    chat.app.add_handler(CommandHandler("choose", _offer_choice), group=-1)
    chat.app.add_handler(CallbackQueryHandler(_on_choice, pattern="^t1:"), group=-1)
    sam = await chat.user("Sam")
    await sam.says("/choose")
    question = await sam.next_reply()
    assert question.has_button("Yes")
    assert await sam.presses("Yes") == "Done"
    edited = await sam.sees_edit(question)
    assert edited.text == "Done: yes" and edited.buttons == []


async def test_a_bad_request_from_the_bot_fails_and_the_user_is_told(
    chat: Chat, local_api: LocalBotApi
) -> None:
    chat.app.add_handler(CommandHandler("broken", _oversized_button), group=-1)
    sam = await chat.user("Sam")
    await sam.says("/broken")
    apology = await sam.next_reply()
    assert apology.text == texts.SOMETHING_WENT_WRONG
    refused = [call for call in local_api.calls_of("sendMessage") if call.status == 400]
    assert len(refused) == 1
    assert "Pick one" not in sent_texts(local_api, sam.user_id)


class TestTimeouts:
    @pytest.fixture
    def bot_request(self) -> RetryingRequest:
        return RetryingRequest(read_timeout=0.5, first_delay=0.05)

    async def test_a_setting_that_timed_out_is_sent_again(self, chat: Chat, local_api: LocalBotApi) -> None:
        local_api.inject(Fault("setMyCommands", hang=3, times=1))
        record = await chat.young_person_record("Kai")
        kai = await chat.user("Kai")
        await kai.opens(await chat.invite_link(record))
        assert "You're in, Kai" in (await kai.next_reply()).text
        assert [call.status for call in local_api.calls_of("setMyCommands")][-2:] == [502, 200]
        assert f"chat:{kai.user_id}:" in local_api.world.commands

    async def test_a_message_that_timed_out_is_not_sent_blindly_again(
        self, chat: Chat, local_api: LocalBotApi
    ) -> None:
        local_api.inject(Fault("sendMessage", hang=3, times=1))
        sam = await chat.user("Sam")
        await sam.says("/help")
        assert (await sam.next_reply()).text == texts.SOMETHING_WENT_WRONG
        assert len(local_api.calls_of("sendMessage")) == 2
        assert sent_texts(local_api, sam.user_id) == [texts.SOMETHING_WENT_WRONG]
