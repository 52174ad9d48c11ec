"""What someone who has not joined sees: general help, the council's numbers and how to join. Pure: text
(HTML, every piece of content escaped) and buttons.

Button data comes from ``bot.callbacks.PUBLIC`` and is parsed back by ``handlers.public``, which checks every
value it names against the content.
"""

from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import PUBLIC, Public
from content.schema import Council, CouncilContent, Entitlement, MoneyHelp, Need, PassportItem
from handlers import leaver_texts, leaver_views
from handlers import public_texts as texts
from handlers.views import View, escape

PER_PAGE = 6


@lru_cache(maxsize=1024)
def button(label: str, action: Public, *fields: object) -> InlineKeyboardButton:
    """Built once for each label and data (a button is immutable; see ``leaver_views.button``)."""
    return InlineKeyboardButton(label, callback_data=PUBLIC.encode(action, *fields))


def menu_button() -> InlineKeyboardButton:
    return button(texts.MENU_BUTTON, Public.MENU)


def main_menu(note: str = "") -> View:
    labels = texts.MENU_BUTTONS
    keyboard = [
        [button(labels["offer"], Public.OFFER, 0), button(labels["money"], Public.MONEY)],
        [button(labels["numbers"], Public.NUMBERS), button(labels["join"], Public.JOIN)],
        [button(labels["help"], Public.HELP)],
    ]
    text = f"{note}\n\n{texts.MENU}" if note else texts.MENU
    return View(text, InlineKeyboardMarkup(keyboard))


def welcome(service: str) -> View:
    return View(texts.WELCOME.format(service=escape(service)), main_menu().markup)


def offer(items: list[Entitlement], page: int) -> View:
    """General items, a page of ``PER_PAGE`` at a time, with "More" while there are more."""
    start = page * PER_PAGE
    shown = items[start : start + PER_PAGE]
    keyboard = [[button(item.title, Public.ENTITLEMENT, item.id, page)] for item in shown]
    if start + PER_PAGE < len(items):
        keyboard.append([button(texts.MORE, Public.OFFER, page + 1)])
    keyboard.append([menu_button()])
    return View(texts.OFFER, InlineKeyboardMarkup(keyboard))


def entitlement(item: Entitlement, page: int) -> View:
    text = f"{leaver_views.entitlement_text(item)}\n\n{texts.GENERAL}"
    return View(text, InlineKeyboardMarkup([[button(texts.BACK, Public.OFFER, page), menu_button()]]))


def money_menu() -> View:
    needs = [button(label, Public.NEED, need.value) for need, label in leaver_texts.NEEDS.items()]
    keyboard = [needs[start : start + 2] for start in range(0, len(needs), 2)]
    keyboard.append([menu_button()])
    return View(leaver_texts.MONEY, InlineKeyboardMarkup(keyboard))


def need(content: CouncilContent, wanted: Need) -> View:
    body = "\n\n".join(leaver_views.money_text(item) for item in content.money_for(wanted))
    text = f"<b>{escape(leaver_texts.NEEDS[wanted])}</b>\n\n{body}"
    return View(text, InlineKeyboardMarkup([[button(texts.BACK, Public.MONEY), menu_button()]]))


def _council(council: Council) -> dict[str, str]:
    return {
        "office": escape(council.office.name),
        "office_number": escape(council.office.number),
        "office_hours": escape(council.office.hours_text),
        "ooh": escape(council.out_of_hours.name),
        "ooh_number": escape(council.out_of_hours.number),
        "ooh_hours": escape(council.out_of_hours.hours_text),
        "service": escape(council.service),
    }


def numbers(council: Council) -> View:
    return View(texts.NUMBERS.format(**_council(council)), InlineKeyboardMarkup([[menu_button()]]))


def join(council: Council) -> View:
    return View(texts.JOIN.format(**_council(council)), InlineKeyboardMarkup([[menu_button()]]))


def pa_not_yet(council: Council) -> View:
    return View(texts.PA_NOT_YET.format(**_council(council)), InlineKeyboardMarkup([[menu_button()]]))


def dont_know(council: Council) -> View:
    return View(texts.DONT_KNOW.format(**_council(council)), main_menu().markup)


def money_item(item: MoneyHelp) -> View:
    text = f"{leaver_views.money_text(item)}\n\n{texts.GENERAL}"
    return View(text, InlineKeyboardMarkup([[button(texts.BACK, Public.MONEY), menu_button()]]))


def passport_tip(item: PassportItem) -> View:
    text = leaver_texts.ITEM.format(text=escape(item.text), tip=escape(item.tip))
    return View(text, InlineKeyboardMarkup([[menu_button()]]))
