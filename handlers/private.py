"""Private chats only: the one filter every command, button and message handler is registered with, and
the one kind answer the bot gives anywhere else.

The bot talks about young people by name and case reference, and sends caseload files. In a group, all
of that would be read by everyone in it, so no audience handler answers there. Each ``register()`` builds
its handlers with ``command``, ``button`` and ``message`` below (``tests/test_private_chats.py`` checks
every registered handler), and ``NotPrivate`` (registered first, in ``bot/app.py``) stops any update from
a group or channel before the audience handlers see it: the bot says once in that chat that it only works
in a private chat, answers a button press there with the same words shown only to the presser, and posts
nothing else.
"""

import contextlib
from typing import Any

from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)
from telegram.ext.filters import BaseFilter

from handlers import texts
from handlers.context import CareContext

PRIVATE = filters.ChatType.PRIVATE
TOLD_KEY = "told_private_only"
"""Set in a group's ``chat_data`` once the bot has said there that it works in private chats only (kept
in memory: after a restart the bot may say it once more)."""


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def command(name: str, callback: Any) -> CommandHandler:
    """``/name`` in a private chat."""
    return CommandHandler(name, callback, filters=PRIVATE)


def message(wanted: BaseFilter, callback: Any) -> MessageHandler:
    """A message the filter wants, in a private chat."""
    return MessageHandler(wanted & PRIVATE, callback)


class PrivateButton(CallbackQueryHandler):
    """A press of one of the bot's buttons under a message in a private chat. A press in a group, on an
    inline message (no chat) or with no data is left for ``NotPrivate`` or the catch-all."""

    def check_update(self, update: object) -> bool | object | None:
        if not isinstance(update, Update) or update.callback_query is None:
            return None
        if not update.callback_query.data or not is_private(update):
            return None
        return super().check_update(update)


def button(pattern: str, callback: Any) -> PrivateButton:
    return PrivateButton(callback, pattern=pattern)


class NotPrivate(BaseHandler[Update, CareContext, None]):
    """Any update from a group, supergroup or channel."""

    def __init__(self) -> None:
        super().__init__(_elsewhere)

    def check_update(self, update: object) -> bool:
        if not isinstance(update, Update):
            return False
        chat = update.effective_chat
        return chat is not None and chat.type != ChatType.PRIVATE


async def _elsewhere(update: Update, context: CareContext) -> None:
    """Say once in this chat that the bot works in private chats only; answer a press with the same words,
    seen only by the person who pressed; then stop: no other handler sees the update."""
    chat = update.effective_chat
    assert chat is not None
    words = texts.ONLY_PRIVATE.format(bot=context.bot.username)
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.answer(words, show_alert=True)
        elif _worth_saying(update) and context.chat_data is not None and not context.chat_data.get(TOLD_KEY):
            context.chat_data[TOLD_KEY] = True
            await context.bot.send_message(chat.id, words)
    raise ApplicationHandlerStop


def _worth_saying(update: Update) -> bool:
    """A message, or the bot being added: not the bot being removed, or a chat member coming and going."""
    if update.effective_message is not None:
        return True
    change: ChatMemberUpdated | None = update.my_chat_member
    return change is not None and change.new_chat_member.status in (
        ChatMemberStatus.MEMBER,
        ChatMemberStatus.ADMINISTRATOR,
    )
