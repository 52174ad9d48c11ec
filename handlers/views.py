"""What every audience's views share: a message as text and buttons, and HTML escaping."""

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
