"""Inline buttons as data: what the scheduler and the services put on a message, stored with its outbox row.

Pure (no telegram), so anything below the handlers can build a keyboard. ``bot.outbox.markup`` turns one
into Telegram's ``InlineKeyboardMarkup`` when the message goes.
"""

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    """A label and what pressing it does: callback data (``bot.callbacks``) or a link."""

    label: str
    data: str | None = None
    url: str | None = None


Keyboard = tuple[tuple[Button, ...], ...]


def keyboard(*rows: list[Button] | tuple[Button, ...]) -> Keyboard:
    return tuple(tuple(row) for row in rows if row)


def to_json(buttons: Keyboard | None) -> str | None:
    """A keyboard as the outbox stores it: Telegram's own ``inline_keyboard`` layout."""
    if not buttons:
        return None
    rows = [
        [
            {"text": button.label, **({"url": button.url} if button.url else {"callback_data": button.data})}
            for button in row
        ]
        for row in buttons
    ]
    return json.dumps({"inline_keyboard": rows})


def from_json(stored: str | None) -> Keyboard | None:
    """The keyboard ``to_json`` stored."""
    if stored is None:
        return None
    rows = json.loads(stored)["inline_keyboard"]
    return tuple(
        tuple(Button(item["text"], data=item.get("callback_data"), url=item.get("url")) for item in row)
        for row in rows
    )
