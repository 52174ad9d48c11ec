"""Every message gets a reply and every button press is answered: what no other handler took.

Registered last in group 0, so each handler here sees only what the audience handlers left: a photo,
voice note, sticker, file, place or video (its caption has already been through the crisis check in
``handlers.safety``); a command the bot does not know; and a button press with data no codec reads (an
old prefix, garbage, a made-up press), which would otherwise leave the button spinning. Young people
get a short, kind answer with their menu, in their audience's words; staff get a pointer to /help (as
they do for typed text, in ``handlers.leaver.on_text``).
"""

import contextlib

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, filters

from bot.models import Role
from bot.services.identity import Identity
from bot.wording import admin as admin_words
from handlers import leaver_texts, leaver_views, private, public_texts, public_views, texts
from handlers.context import CareContext
from handlers.views import View, show

NOT_TEXT = filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL
"""A new message with no text: a photo, voice note, sticker, document, location, video and the like.
Service messages (a pinned message, a payment) are not someone talking to the bot."""


def _joined(identity: Identity) -> bool:
    return identity.role is Role.LEAVER and identity.person is not None


def not_text_view(identity: Identity, *, document: bool = False) -> View:
    """What the bot says to a message it cannot read, for this person."""
    if identity.role is None:
        return public_views.main_menu(public_texts.ONLY_TEXT)
    if _joined(identity):
        assert identity.person is not None
        return leaver_views.main_menu(identity.person.preferred_name, note=leaver_texts.ONLY_TEXT)
    if identity.role is Role.ADMIN and document:
        return View(admin_words.NOT_A_FILE_WE_READ)
    return View(texts.STAFF_ONLY_TEXT)


async def on_not_text(update: Update, context: CareContext) -> None:
    user, sent = update.effective_user, update.effective_message
    if user is None or sent is None:
        return
    identity = await context.identity(user.id)
    await show(update, not_text_view(identity, document=sent.document is not None))


async def on_unknown_command(update: Update, context: CareContext) -> None:
    user = update.effective_user
    if user is None:
        return
    identity = await context.identity(user.id)
    if identity.role is None:
        view = public_views.main_menu(public_texts.UNKNOWN_COMMAND)
    elif _joined(identity):
        assert identity.person is not None
        view = leaver_views.main_menu(identity.person.preferred_name, note=leaver_texts.UNKNOWN_COMMAND)
    else:
        view = View(texts.STAFF_UNKNOWN_COMMAND)
    await show(update, view)


async def on_unknown_button(update: Update, context: CareContext) -> None:
    """Any press no codec's handler took: answered, so the button stops spinning. In a private chat a
    young person also gets their menu back; staff see a note on the button."""
    query, user = update.callback_query, update.effective_user
    assert query is not None
    if user is None or not private.is_private(update):
        with contextlib.suppress(TelegramError):
            await query.answer()
        return
    identity = await context.identity(user.id)
    if identity.is_staff:
        await query.answer(texts.STAFF_OLD_BUTTON, show_alert=True)
        return
    await query.answer()
    if _joined(identity):
        assert identity.person is not None
        menu = leaver_views.main_menu(identity.person.preferred_name)
        await show(update, View(leaver_texts.BAD_BUTTON, menu.markup))
    else:
        await show(update, public_views.main_menu(public_texts.BAD_BUTTON))


def register(app: Application) -> None:
    app.add_handler(private.message(NOT_TEXT, on_not_text))
    app.add_handler(private.message(filters.COMMAND, on_unknown_command))
    # Any press, anywhere (a press on an inline message has no chat): the last resort that answers it.
    app.add_handler(CallbackQueryHandler(on_unknown_button))
