"""What anyone sees when a message sounds like someone is not safe: the crisis lines, who was told, the
gentle check-in and help for a friend. Pure: text (HTML, every piece of content escaped) and buttons.

The caller passes the "Menu" button, because a young person who has joined and one who has not go back to
different menus.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CHECK_IN, CheckIn
from bot.models_leaver import Told
from bot.services.handoff import HandedOff
from content.crisis import CrisisLines
from content.schema import Risk
from handlers import safety_texts as texts
from handlers.views import View, escape


def _lines(lines: CrisisLines, *, council_second: bool) -> list[str]:
    rows = [
        texts.CRISIS_LINE.format(
            name=escape(contact.name), how=escape(contact.how), hours=escape(contact.hours_text)
        )
        for contact in lines.contacts
    ]
    council = texts.COUNCIL_LINE.format(
        name=escape(lines.council.name),
        number=escape(lines.council.number),
        hours=escape(lines.council.hours_text),
    )
    if council_second:
        rows.insert(1, council)
    else:
        rows.append(council)
    return rows


def crisis(lines: CrisisLines, risk: Risk | None, *, danger_now: bool = False) -> str:
    """The crisis reply: (danger now: "call 999" first), the opening, then the lines in order (999
    first), then the council's number; for nowhere to sleep the council's number comes straight after 999."""
    opening = texts.CRISIS_OPENING[risk] if risk else texts.HELP_NOW
    parts = [texts.DANGER_FIRST] if danger_now and risk else []
    parts += [opening, *_lines(lines, council_second=risk is Risk.NOWHERE_TO_SLEEP)]
    return "\n\n".join(parts)


def help_now(lines: CrisisLines, menu: InlineKeyboardButton) -> View:
    return View(crisis(lines, None), InlineKeyboardMarkup([[menu]]))


def when(moment: datetime) -> str:
    """'Monday 24 November at 9:00' in the service's timezone (``moment`` already converted)."""
    return f"{moment:%A %-d %B} at {moment:%-H:%M}"


def crisis_told(handed: HandedOff | None, duty_name: str, tz: ZoneInfo, menu: InlineKeyboardButton) -> View:
    """After the crisis lines: who has been told, in plain words (out of hours without anyone on call,
    that the PA may not see it until the next working day), when someone else is told if nobody answers,
    and the way back to the menu."""
    if handed is None:
        return View(f"{texts.TOLD_UNKNOWN}\n\n{texts.AFTER_CRISIS}", InlineKeyboardMarkup([[menu]]))
    duty = escape(" and ".join(handed.duty_names) or duty_name)
    told = {
        Told.PA: texts.TOLD_PA.format(pa=escape(handed.pa_name or "")),
        Told.DUTY: texts.TOLD_DUTY.format(duty=duty)
        if handed.pa_reached
        else texts.TOLD_DUTY_ONLY.format(duty=duty),
        Told.MANAGER: texts.TOLD_MANAGER,
        Told.NOBODY: texts.TOLD_NOBODY,
    }[handed.told]
    later = handed.answer_from
    if handed.told in (Told.PA, Told.MANAGER) and not handed.in_hours and later is not None:
        told += "\n" + texts.TOLD_LATER.format(when=when(later.astimezone(tz)))
    if handed.next_in is not None and handed.told is not Told.NOBODY:
        minutes = max(1, round(handed.next_in.total_seconds() / 60))
        told += "\n" + texts.TOLD_NEXT.format(minutes=minutes)
    return View(f"{told}\n\n{texts.AFTER_CRISIS}", InlineKeyboardMarkup([[menu]]))


def stranger_told(duty_name: str | None, menu: InlineKeyboardButton) -> View:
    """Someone who has not joined: the duty contact was told (when one is set up), or nobody was."""
    told = texts.TOLD_STRANGER_DUTY.format(duty=escape(duty_name)) if duty_name else texts.TOLD_UNKNOWN
    return View(f"{told}\n\n{texts.AFTER_CRISIS}", InlineKeyboardMarkup([[menu]]))


def check_in(*, joined: bool) -> View:
    """ "Are you safe right now?" with three answers; "I need help now" is treated as danger now."""
    third = (
        InlineKeyboardButton(texts.TALK_TO_PA_BUTTON, callback_data=CHECK_IN.encode(CheckIn.PA))
        if joined
        else InlineKeyboardButton(
            texts.SOMEONE_TO_TALK_TO_BUTTON, callback_data=CHECK_IN.encode(CheckIn.TALK)
        )
    )
    keyboard = [
        [
            InlineKeyboardButton(texts.SAFE_BUTTON, callback_data=CHECK_IN.encode(CheckIn.SAFE)),
            InlineKeyboardButton(texts.HELP_NOW_BUTTON, callback_data=CHECK_IN.encode(CheckIn.HELP)),
        ],
        [third],
    ]
    return View(texts.CHECK_IN, InlineKeyboardMarkup(keyboard))


def glad_safe(menu: InlineKeyboardButton) -> View:
    return View(texts.GLAD_SAFE, InlineKeyboardMarkup([[menu]]))


def friend(lines: CrisisLines, menu: InlineKeyboardButton) -> View:
    """Help for someone worried about a friend: what to do, and the lines both of them can use."""
    rows = _lines(lines, council_second=False)[:-1]  # the council's number is for the sender's own case
    text = "\n\n".join([texts.FRIEND, *rows, texts.FRIEND_LOOK_AFTER_YOU])
    return View(text, InlineKeyboardMarkup([[menu]]))
