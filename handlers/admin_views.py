"""What admins see in the chat: an import's report, in parts that fit, with Apply / Apply and close /
Cancel under the last. Pure."""

from bot.callbacks import IMPORTS, Imports
from bot.outbox.buttons import Button, Keyboard
from bot.wording import admin as words
from handlers.views import chunks


def confirm_keyboard(pending_id: int | None, leaving: int) -> Keyboard:
    """Nothing to confirm (None) when the file had problems; "Apply and close" only when some have left."""
    if pending_id is None:
        return ()
    row = [Button(words.APPLY, IMPORTS.encode(Imports.APPLY, pending_id))]
    if leaving:
        row.append(
            Button(words.APPLY_AND_CLOSE.format(count=leaving), IMPORTS.encode(Imports.CLOSE, pending_id))
        )
    row.append(Button(words.CANCEL, IMPORTS.encode(Imports.CANCEL, pending_id)))
    return (tuple(row),)


def report(text: str, buttons: Keyboard = ()) -> list[tuple[str, Keyboard]]:
    """A long report in messages under Telegram's limit, split at line ends; buttons go on the last."""
    parts = chunks(text.splitlines())
    return [(part, buttons if number == len(parts) else ()) for number, part in enumerate(parts, start=1)]
