"""Answers to typed questions, for a young person who has joined and for one who has not. Pure: text (HTML,
every piece of content escaped) and buttons.

A clear match answers with its card (and up to two more as buttons); a weak one asks "Did you mean...?"
with up to three buttons; a question with two parts gets both answered, or says which part could not be.
The buttons open items through the audience's own callback data, so each press is checked again there.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Leaver, Public
from content.schema import CouncilContent
from content.search import COUNCIL_OFFICE, Confidence, Kind, Match, PartResult
from handlers import leaver_texts, leaver_views, public_texts, public_views
from handlers.views import View, escape

MOST_ALSO = 2


@dataclass(frozen=True)
class Audience:
    """How one audience's answers look: the words around them and the buttons that open an item."""

    intro: str
    did_you_mean: str
    not_answered_part: str
    open_item: Callable[[Match, str], InlineKeyboardButton]
    # The last rows, given the first topic answered and whether any part was left unsure.
    closing_rows: Callable[[str, bool], list[list[InlineKeyboardButton]]]


def _title(match: Match, content: CouncilContent) -> str:
    """The item's title as a young person reads it on a button."""
    match match.kind:
        case Kind.ENTITLEMENT:
            item = content.entitlement(match.item_id)
            return item.title if item else match.item_id
        case Kind.MONEY_HELP:
            money = content.money_item(match.item_id)
            return money.title if money else match.item_id
        case Kind.PASSPORT_ITEM:
            found = content.passport_item(match.item_id)
            return found[1].text if found else match.item_id
        case _:
            phone = (
                content.council.office if match.item_id == COUNCIL_OFFICE else content.council.out_of_hours
            )
            return phone.name


def card(match: Match, content: CouncilContent, applies: set[str] | None = None) -> str:
    """One item in full: an entitlement, money help, a passport tip or one of the council's numbers."""
    match match.kind:
        case Kind.ENTITLEMENT:
            item = content.entitlement(match.item_id)
            assert item is not None
            return leaver_views.entitlement_text(item, applies=applies is None or item.id in applies)
        case Kind.MONEY_HELP:
            money = content.money_item(match.item_id)
            assert money is not None
            return leaver_views.money_text(money)
        case Kind.PASSPORT_ITEM:
            found = content.passport_item(match.item_id)
            assert found is not None
            return leaver_texts.ITEM.format(text=escape(found[1].text), tip=escape(found[1].tip))
        case _:
            phone = (
                content.council.office if match.item_id == COUNCIL_OFFICE else content.council.out_of_hours
            )
            return f"📞 <b>{escape(phone.name)}</b>: {escape(phone.number)} ({escape(phone.hours_text)})"


def general_only(part: PartResult, content: CouncilContent, general: set[str]) -> PartResult:
    """A part's matches without the entitlements that only a joined young person's record can decide."""
    kept = [m for m in part.matches if m.kind is not Kind.ENTITLEMENT or m.item_id in general]
    return replace(part, matches=kept) if kept else replace(part, confidence=Confidence.NONE, matches=[])


def answer(
    parts: list[PartResult],
    content: CouncilContent,
    audience: Audience,
    *,
    applies: set[str] | None = None,
) -> View:
    """Every part answered in turn: a card, "Did you mean...?", or which part could not be answered."""
    blocks: list[str] = []
    keyboard: list[list[InlineKeyboardButton]] = []
    first_topic = ""
    for part in parts:
        if part.confidence is Confidence.CLEAR:
            best, *also = part.matches
            first_topic = first_topic or best.item_id
            blocks.append(card(best, content, applies))
            keyboard += [[audience.open_item(m, _title(m, content))] for m in also[:MOST_ALSO]]
        elif part.confidence is Confidence.WEAK:
            blocks.append(audience.did_you_mean)
            keyboard += [[audience.open_item(m, _title(m, content))] for m in part.matches[:3]]
        else:
            blocks.append(audience.not_answered_part.format(part=escape(part.text)))
    text = "\n\n➖➖➖\n\n".join(blocks)
    if first_topic:
        text = f"{audience.intro}\n\n{text}"
    unsure = any(part.confidence is not Confidence.CLEAR for part in parts)
    return View(text, InlineKeyboardMarkup(keyboard + audience.closing_rows(first_topic, unsure)))


def _leaver_open(match: Match, title: str) -> InlineKeyboardButton:
    action = {
        Kind.ENTITLEMENT: Leaver.ENTITLEMENT,
        Kind.MONEY_HELP: Leaver.MONEY_ITEM,
        Kind.PASSPORT_ITEM: Leaver.ITEM,
        Kind.COUNCIL_CONTACT: Leaver.NUMBERS,
    }[match.kind]
    return leaver_views.button(title, action, match.item_id)


def _leaver_closing(topic: str, unsure: bool) -> list[list[InlineKeyboardButton]]:
    """Did this help? for an answer; for anything left unsure, the young person's own question can go
    to their PA as they typed it."""
    rows = [leaver_views.feedback_row(topic)] if topic else []
    if unsure:
        return [
            *rows,
            [leaver_views.button(leaver_texts.SEND_MY_QUESTION, Leaver.ASK, "y")],
            leaver_views.menu_row(),
        ]
    return [*rows, [leaver_views.button(leaver_texts.ASK_MY_PA, Leaver.PA), leaver_views.menu_button()]]


def _public_open(match: Match, title: str) -> InlineKeyboardButton:
    if match.kind is Kind.ENTITLEMENT:
        return public_views.button(title, Public.ENTITLEMENT, match.item_id, 0)
    if match.kind is Kind.COUNCIL_CONTACT:
        return public_views.button(title, Public.NUMBERS)
    action = Public.MONEY_ITEM if match.kind is Kind.MONEY_HELP else Public.PASSPORT_TIP
    return public_views.button(title, action, match.item_id)


LEAVER = Audience(
    intro=leaver_texts.ANSWER_INTRO,
    did_you_mean=leaver_texts.DID_YOU_MEAN,
    not_answered_part=leaver_texts.NOT_ANSWERED_PART,
    open_item=_leaver_open,
    closing_rows=_leaver_closing,
)
PUBLIC = Audience(
    intro=public_texts.ANSWER_INTRO,
    did_you_mean=public_texts.DID_YOU_MEAN,
    not_answered_part=public_texts.NOT_ANSWERED_PART,
    open_item=_public_open,
    closing_rows=lambda _topic, _unsure: [[public_views.menu_button()]],
)
