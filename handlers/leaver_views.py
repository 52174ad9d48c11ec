"""What the young person sees: text (HTML, with every piece of content and user data escaped) and buttons.

Button data comes from ``bot.callbacks.LEAVER`` and is parsed back by ``handlers.leaver``, which re-checks
everything it names.
"""

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import TypeVar
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import LEAVER, Leaver
from bot.models import PassportStatus
from bot.models_leaver import AlertState, HandoffKind, PreferredTime, Told
from bot.services.handoff import HandedOff
from bot.services.offer import RATHER_NOT_SAY
from bot.services.passport import SectionProgress
from content.personalise import Change, Fact, Offer
from content.schema import CouncilContent, CouncilPhone, Entitlement, MoneyHelp, Need, PassportItem
from handlers import leaver_texts as texts
from handlers.safety_views import when
from handlers.views import View, escape

PER_PAGE = 6
COMING_UP_SHOWN = 3
Code = TypeVar("Code", bound=str)


@lru_cache(maxsize=2048)
def button(label: str, action: Leaver, *fields: object) -> InlineKeyboardButton:
    """Built once for each label and data: a button is immutable, and building one costs more than the
    rest of most views."""
    return InlineKeyboardButton(label, callback_data=LEAVER.encode(action, *fields))


def _rows(buttons: list[InlineKeyboardButton], per_row: int = 2) -> list[list[InlineKeyboardButton]]:
    return [buttons[start : start + per_row] for start in range(0, len(buttons), per_row)]


def menu_button() -> InlineKeyboardButton:
    return button(texts.MENU_BUTTON, Leaver.MENU)


def menu_row() -> list[InlineKeyboardButton]:
    return [menu_button()]


@cache
def _main_menu_keyboard() -> InlineKeyboardMarkup:
    labels = texts.MENU_BUTTONS
    return InlineKeyboardMarkup(
        [
            [button(labels["offer"], Leaver.OFFER), button(labels["passport"], Leaver.PASSPORT)],
            [button(labels["money"], Leaver.MONEY), button(labels["pa"], Leaver.PA)],
            [button(labels["help"], Leaver.HELP)],
        ]
    )


def main_menu(name: str | None, *, note: str = "") -> View:
    text = texts.MENU.format(name=escape(name)) if name else texts.MENU_NO_NAME
    return View(f"{note}\n\n{text}" if note else text, _main_menu_keyboard())


@cache
def _back_to_menu() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([menu_row()])


def note(text: str) -> View:
    """A short message with the way back to the menu."""
    return View(text, _back_to_menu())


def welcome(name: str | None, *, on_call: bool = True) -> View:
    """Without a name the menu waits: the next message asks what to call them. ``on_call``: whether anyone
    is on call out of hours, so the welcome promises only what happens."""
    safety = texts.SAFETY_ON_CALL if on_call else texts.SAFETY_PA_ONLY
    if name is None:
        return View(texts.WELCOME.format(hello=texts.HELLO_NO_NAME, safety=safety))
    hello = texts.HELLO.format(name=escape(name))
    return View(texts.WELCOME.format(hello=hello, safety=safety), main_menu(name).markup)


def _skip_name() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(texts.SKIP_NAME, Leaver.NAME, "skip")]])


def ask_name() -> View:
    return View(texts.ASK_NAME, _skip_name())


def name_refused(reason: str, most: int) -> View:
    return View(texts.NAME_REFUSED[reason].format(most=most), _skip_name())


def named(name: str) -> View:
    menu = main_menu(name)
    return View(f"{texts.NAME_SAVED.format(name=escape(name))}\n\n{menu.text}", menu.markup)


def name_skipped() -> View:
    menu = main_menu(None)
    return View(f"{texts.NAME_SKIPPED}\n\n{menu.text}", menu.markup)


def feedback_row(topic: str) -> list[InlineKeyboardButton]:
    return [
        button(texts.HELPED_YES, Leaver.FEEDBACK, topic, "y"),
        button(texts.HELPED_NO, Leaver.FEEDBACK, topic, "n"),
    ]


# What can I get?


def offer(found: Offer, content: CouncilContent, page: int = 0) -> View:
    """The few items most relevant now (``PER_PAGE``, then "More"), any question that would make it
    more personal first (with "Rather not say"), and the next few changes as "Coming up"."""
    keyboard: list[list[InlineKeyboardButton]] = []
    lines = [texts.OFFER_TITLE]
    if found.unknown:
        fact = found.unknown[0]
        lines += ["", texts.FACT_QUESTIONS[fact].format(area=escape(content.council.area))]
        keyboard += _fact_buttons(fact)
    if not found.now:
        lines += ["", texts.OFFER_NONE]
    else:
        lines += ["", texts.OFFER_TAP]
        start = page * PER_PAGE
        keyboard += [
            [button(item.title, Leaver.ENTITLEMENT, item.id)] for item in found.now[start : start + PER_PAGE]
        ]
        if start + PER_PAGE < len(found.now):
            keyboard.append([button(texts.MORE, Leaver.OFFER, page + 1)])
    if found.held_back:
        lines += ["", texts.OFFER_HELD_BACK]
    coming = [
        (texts.STARTS_AT if entry.change is Change.STARTS else texts.ENDS_AT).format(
            age=entry.age, title=escape(entry.item.title)
        )
        for entry in found.coming_up
    ]
    if found.support_ends_at_25:
        coming.append(texts.SUPPORT_ENDS_AT_25)
    if coming:
        lines += ["", texts.COMING_UP, *coming[:COMING_UP_SHOWN]]
    keyboard.append(menu_row())
    return View("\n".join(lines), InlineKeyboardMarkup(keyboard))


def _fact_buttons(fact: Fact) -> list[list[InlineKeyboardButton]]:
    rather_not = [button(texts.RATHER_NOT_SAY, Leaver.FACT, fact.value, RATHER_NOT_SAY)]
    if fact is Fact.ACTIVITY:
        choices = [
            button(label, Leaver.FACT, fact.value, activity.value)
            for activity, label in texts.ACTIVITY_BUTTONS.items()
        ]
        return [*_rows(choices), rather_not]
    return [
        [button(texts.YES, Leaver.FACT, fact.value, "y"), button(texts.NO, Leaver.FACT, fact.value, "n")],
        rather_not,
    ]


def council_number(phone: CouncilPhone) -> View:
    text = texts.NUMBERS.format(
        name=escape(phone.name), number=escape(phone.number), hours=escape(phone.hours_text)
    )
    return note(text)


def money_item(item: MoneyHelp) -> View:
    keyboard = [
        feedback_row(item.id),
        [button(texts.ASK_MY_PA, Leaver.PA), button(texts.BACK, Leaver.NEED, item.need.value), *menu_row()],
    ]
    return View(f"{money_text(item)}\n\n{texts.DID_THIS_HELP}", InlineKeyboardMarkup(keyboard))


def entitlement_text(item: Entitlement, *, applies: bool = True) -> str:
    parts = [f"<b>{escape(item.title)}</b>", escape(item.answer)]
    if item.amount:
        parts.append(texts.AMOUNT.format(amount=escape(item.amount)))
    parts.append(texts.HOW_TO_GET.format(how=escape(item.how_to_get)))
    if item.local and item.who_decides and item.how_to_ask:
        parts.append(texts.LOCAL_NOTE.format(who=escape(item.who_decides), how=escape(item.how_to_ask)))
    if not applies:
        parts.append(texts.NOT_FOR_YOU_NOW)
    return "\n\n".join(parts)


def entitlement(item: Entitlement) -> View:
    keyboard = [
        feedback_row(item.id),
        [button(texts.ASK_MY_PA, Leaver.PA), button(texts.BACK, Leaver.OFFER), *menu_row()],
    ]
    return View(f"{entitlement_text(item)}\n\n{texts.DID_THIS_HELP}", InlineKeyboardMarkup(keyboard))


# Money help.


def money_text(item: MoneyHelp) -> str:
    call = f"📞 Call {escape(item.call.name)} on {item.call.number} ({escape(item.call.hours_text)})."
    return f"<b>{escape(item.title)}</b>\n{escape(item.answer)}\n{call}"


@cache
def _money_keyboard() -> InlineKeyboardMarkup:
    keyboard = _rows([button(label, Leaver.NEED, need.value) for need, label in texts.NEEDS.items()])
    keyboard.append(menu_row())
    return InlineKeyboardMarkup(keyboard)


def money_menu() -> View:
    return View(texts.MONEY, _money_keyboard())


def need(content: CouncilContent, wanted: Need) -> View:
    body = "\n\n".join(money_text(item) for item in content.money_for(wanted))
    text = f"<b>{escape(texts.NEEDS[wanted])}</b>\n\n{body}\n\n{texts.DID_THIS_HELP}"
    keyboard = [
        feedback_row(wanted.value),
        [button(texts.ASK_MY_PA, Leaver.PA), button(texts.BACK, Leaver.MONEY), *menu_row()],
    ]
    return View(text, InlineKeyboardMarkup(keyboard))


# Free-text answers.


def no_match() -> View:
    keyboard = [[button(texts.SEND_QUESTION, Leaver.ASK, "y"), button(texts.DONT_SEND, Leaver.ASK, "n")]]
    return View(texts.NO_MATCH, InlineKeyboardMarkup(keyboard))


# Passport.


def passport(progress: list[SectionProgress]) -> View:
    done, total = sum(part.done for part in progress), sum(part.total for part in progress)
    keyboard = _rows(
        [
            button(
                texts.SECTION_BUTTON.format(title=part.section.title, done=part.done, total=part.total),
                Leaver.SECTION,
                part.section.id,
            )
            for part in progress
        ]
    )
    keyboard.append(menu_row())
    return View(texts.PASSPORT.format(done=done, total=total), InlineKeyboardMarkup(keyboard))


def _mark(progress: SectionProgress, item: PassportItem) -> str:
    status = progress.statuses.get(item.id, PassportStatus.TODO)
    return texts.STATUS_MARK[status.value]


def section(progress: SectionProgress, note: str = "") -> View:
    keyboard = [
        [button(f"{_mark(progress, item)} {item.text}", Leaver.ITEM, item.id)]
        for item in progress.section.items
    ]
    keyboard.append([button(texts.BACK, Leaver.PASSPORT), *menu_row()])
    text = texts.SECTION.format(title=escape(progress.section.title))
    if note:
        text = f"{note}\n\n{text}"
    return View(text, InlineKeyboardMarkup(keyboard))


def passport_item(progress: SectionProgress, item: PassportItem) -> View:
    status = progress.statuses.get(item.id, PassportStatus.TODO)
    first = (
        button(texts.ITEM_UNDO, Leaver.MARK, item.id, "t")
        if status is PassportStatus.DONE
        else button(texts.ITEM_DONE, Leaver.MARK, item.id, "d")
    )
    keyboard = [
        [first],
        [button(texts.ITEM_HELP, Leaver.MARK, item.id, "h")],
        [button(texts.BACK, Leaver.SECTION, progress.section.id)],
    ]
    return View(
        texts.ITEM.format(text=escape(item.text), tip=escape(item.tip)), InlineKeyboardMarkup(keyboard)
    )


def section_finished(title: str, topic: str) -> View:
    return View(
        texts.SECTION_FINISHED.format(title=escape(title)) + "\n" + texts.DID_THIS_HELP,
        InlineKeyboardMarkup([feedback_row(topic)]),
    )


def readiness() -> View:
    return View(
        texts.READINESS,
        InlineKeyboardMarkup([[button(str(score), Leaver.READINESS, score) for score in range(1, 6)]]),
    )


# Talk to my PA.


def pa_reasons() -> View:
    keyboard = _rows([button(label, Leaver.REASON, code) for code, label in texts.REASON_BUTTONS.items()])
    keyboard.append(menu_row())
    return View(texts.PA_REASON, InlineKeyboardMarkup(keyboard))


def pa_times(reason: str) -> View:
    keyboard = _rows([button(label, Leaver.TIME, reason, code) for code, label in texts.TIME_BUTTONS.items()])
    return View(texts.PA_TIME, InlineKeyboardMarkup(keyboard))


# After a hand-off.


def handed_off(
    handed: HandedOff, content: CouncilContent, tz: ZoneInfo, *, sent: str = texts.SENT_TO_PA
) -> View:
    """What the young person is told after a hand-off: honestly who has it, and when to expect an answer."""
    council = content.council
    pa = escape(handed.pa_name or "your PA")
    again = handed.repeat and handed.handoff.kind is HandoffKind.CONTACT
    match handed.told:
        case Told.PA | Told.DUTY if again:
            answered = handed.handoff.state is not AlertState.RAISED
            lines = [(texts.ALREADY_SEEN if answered else texts.ALREADY_ASKED).format(pa=pa)]
        case Told.PA | Told.DUTY:
            lines = [sent.format(pa=pa)]
        case Told.MANAGER:
            lines = [texts.SENT_TO_MANAGER]
        case _:
            lines = [
                texts.SENT_TO_NOBODY.format(office=escape(council.office.name), number=council.office.number)
            ]
    if not handed.in_hours and handed.answer_from is not None and handed.told is not Told.NOBODY:
        lines.append(
            texts.OUT_OF_HOURS.format(
                when=when(handed.answer_from.astimezone(tz)),
                ooh=escape(council.out_of_hours.name),
                ooh_number=council.out_of_hours.number,
            )
        )
    return View("\n\n".join(lines), InlineKeyboardMarkup([menu_row()]))


def question_handed_off(handed: HandedOff, content: CouncilContent, tz: ZoneInfo) -> View:
    return handed_off(handed, content, tz, sent=texts.QUESTION_SENT)


def stop_confirm() -> View:
    keyboard = [
        [button(texts.STOP_YES, Leaver.STOP, "y")],
        [button(texts.STOP_AND_DELETE, Leaver.STOP, "d")],
        [button(texts.STOP_NO, Leaver.STOP, "n")],
    ]
    return View(texts.STOP_CONFIRM, InlineKeyboardMarkup(keyboard))


def _plain(label: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", label.lower()).strip()


def choice(typed: str, labels: Mapping[Code, str], *, default: Code) -> Code:
    """The code whose button label (or code) the typed text names; ``default`` when none does."""
    plain = _plain(typed)
    words = plain.split()
    for code, label in labels.items():
        name = _plain(label)
        if plain and (code in words or name in plain or name.startswith(plain)):
            return code
    return default


def typed_time(typed: str) -> PreferredTime | None:
    """The time to be contacted a typed answer names (a button's label, or a word for it); None if none."""
    plain = _plain(typed)
    if not plain:
        return None
    named = choice(plain, texts.TIME_BUTTONS, default=None)
    if named is not None:
        return PreferredTime(named)
    words = f" {plain} "
    return next(
        (time for time, said in texts.TIME_WORDS.items() if any(f" {word} " in words for word in said)), None
    )


def menu_action(typed: str) -> Leaver | None:
    """The menu action a typed message names ("what can i get", "passport", "menu"...), if any."""
    plain = _plain(typed)
    for action, words in texts.MENU_WORDS.items():
        if plain in words:
            return MENU_ACTIONS[action]
    for action, label in texts.MENU_BUTTONS.items():
        if plain == _plain(label):
            return MENU_ACTIONS[action]
    return None


MENU_ACTIONS = {
    "offer": Leaver.OFFER,
    "passport": Leaver.PASSPORT,
    "money": Leaver.MONEY,
    "pa": Leaver.PA,
    "help": Leaver.HELP,
    "menu": Leaver.MENU,
}
