"""Buttons as data (``bot.outbox.buttons``) as Telegram's inline keyboard, for the outbox and the handlers."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.outbox.buttons import Keyboard


def markup(buttons: Keyboard | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button.label, callback_data=button.data, url=button.url) for button in row]
            for row in buttons
        ]
    )
