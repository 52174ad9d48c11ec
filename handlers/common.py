"""/start (with or without an invite code), /help, and the error handler: for every audience."""

import contextlib
import logging
import sqlite3

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot import faults
from bot.menus import set_menu_for
from bot.models import Role
from bot.services import escalation, invites
from bot.services.identity import Identity
from handlers import leaver, private, public, texts
from handlers.context import CareContext

log = logging.getLogger(__name__)


def display_name(identity: Identity) -> str | None:
    """The name to greet someone by; None for a young person whose name is not known."""
    if identity.person is not None:
        return identity.person.preferred_name
    return identity.staff.name if identity.staff is not None else None


async def start(update: Update, context: CareContext) -> None:
    """``/start`` says hello; ``/start <code>`` (an invite deep link) links the account first."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    if context.args:
        try:
            identity = await invites.redeem(context.db, context.args[0], user.id, now=context.now())
        except invites.InviteError as error:
            await message.reply_text(str(error))
            return
        assert identity.role is not None
        context.identity_changed(identity)
        await set_menu_for(context.bot, message.chat_id, identity.role)
        if identity.role is Role.LEAVER:
            await leaver.send_welcome(message, context, identity)
        else:
            await message.reply_text(texts.LINKED[identity.role].format(name=display_name(identity)))
        return
    identity = await context.identity(user.id)
    on_call = escalation.contact_name(user.id, context.runtime.settings.safety)
    if identity.role is None and on_call is not None:
        await message.reply_text(texts.ON_CALL_HELLO.format(name=on_call))
    elif identity.role is None:
        await public.start(update, context)
    else:
        name = display_name(identity)
        greeting = texts.WELCOME_BACK[identity.role].format(name=name) if name else texts.WELCOME_BACK_NO_NAME
        await message.reply_text(greeting)


async def help_command(update: Update, context: CareContext) -> None:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    identity = await context.identity(user.id)
    await message.reply_text(texts.ROLE_HELP[identity.role] if identity.role else texts.PUBLIC_HELP)


async def on_error(update: object, context: CareContext) -> None:
    """Log what is needed to find the fault, answer a button press, and say sorry (in a private chat: the
    bot posts nothing in a group).

    Only the update id, chat id, exception class and where it was raised are logged: never the exception's
    message (it may quote what someone typed), names or the token. A database error also gives SQLite's
    own words, once a minute per kind (``bot.faults``). Errors in the tick come here too, with no update.
    """
    what = "a scheduled job"
    if isinstance(update, Update):
        chat_id = update.effective_chat.id if update.effective_chat else None
        what = f"update {update.update_id} in chat {chat_id}"
    error = context.error
    if isinstance(error, sqlite3.Error):
        line = faults.database_error_line(error)
        if line is not None:
            log.error("%s failed: %s", what, line)
    elif error is not None:
        log.error("%s failed: %s", what, faults.describe(error))
    if not isinstance(update, Update):
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):  # answered already, or too old to answer
            await update.callback_query.answer()  # so the button stops spinning
    if update.effective_chat is not None and private.is_private(update):
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(update.effective_chat.id, texts.SOMETHING_WENT_WRONG)


def register(app: Application) -> None:
    app.add_handler(private.command("start", start))
    app.add_handler(private.command("help", help_command))
    app.add_error_handler(on_error)
