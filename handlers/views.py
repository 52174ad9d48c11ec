"""What every audience's views share: a message as text and buttons, HTML escaping, and splitting long
text into messages Telegram accepts."""

import html
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup


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
