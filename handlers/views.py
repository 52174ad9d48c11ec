"""What every audience's views share: a message as text and buttons, HTML escaping, splitting long text
into messages Telegram accepts, and ``show``, the one way a handler puts a view on screen."""

import html
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest


@dataclass(frozen=True)
class View:
    text: str
    markup: InlineKeyboardMarkup | None = None


def escape(text: str) -> str:
    """HTML-escape content and names (quotes stay as typed: they are safe outside attributes)."""
    return html.escape(text, quote=False)


MAX_MESSAGE = 4096


def chunks(lines: list[str], limit: int = MAX_MESSAGE) -> list[str]:
    """Join lines into as few messages as fit Telegram's limit, never splitting a line (one longer than
    a whole message is cut to fit)."""
    messages, current = [], ""
    for line in (line[:limit] for line in lines):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            messages.append(current)
            candidate = line
        current = candidate
    if current:
        messages.append(current)
    return messages


async def show(update: Update, view: View, *, edit: bool = False) -> None:
    """Edit the message whose button was pressed, or send a new message."""
    query, message = update.callback_query, update.effective_message
    if edit and query is not None:
        try:
            await query.edit_message_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():  # the same button pressed twice
                return
            # Too old to edit, or deleted: say it in a new message instead.
    if message is not None:
        await message.reply_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)
