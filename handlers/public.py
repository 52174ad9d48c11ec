"""Young people who have not joined yet: never silence.

Someone with no invite (or whose PA has not sent one) can say hello, open the menu and ask questions. They
see general help (national rights and money help, marked as general), the council's numbers and how to ask
for an invite, and crisis help always (``handlers.safety``). Nothing personal is shown or stored, and
nothing is passed to a PA they do not have.
"""

from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.callbacks import PUBLIC, OutOfDate, Public
from content.intents import Intent
from content.personalise import general_offer
from content.search import Confidence
from handlers import private, question_views, safety_views
from handlers import public_texts as texts
from handlers import public_views as views
from handlers.context import CareContext
from handlers.views import View, show


async def start(update: Update, context: CareContext) -> None:
    await show(update, views.welcome(context.runtime.settings.service.name))


async def menu(update: Update, context: CareContext) -> None:
    await show(update, views.main_menu())


async def on_button(update: Update, context: CareContext) -> None:
    """A button from the general menu; every item it names is checked against the content."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    try:
        pressed = PUBLIC.decode(query.data)
        view = _view_for(Public(pressed.action), pressed.args, context)
    except OutOfDate:
        view = views.main_menu(texts.BAD_BUTTON)
    await show(update, view, edit=True)


def _view_for(action: Public, args: tuple[Any, ...], context: CareContext) -> View:
    content = context.content
    match action:
        case Public.OFFER:
            return views.offer(general_offer(content), args[0])
        case Public.ENTITLEMENT:
            item = content.entitlement(args[0])
            if item is None or item not in general_offer(content):
                raise OutOfDate("not a general item")
            return views.entitlement(item, args[1])
        case Public.MONEY:
            return views.money_menu()
        case Public.NEED:
            return views.need(content, args[0])
        case Public.MONEY_ITEM:
            if (money := content.money_item(args[0])) is None:
                raise OutOfDate("no such item")
            return views.money_item(money)
        case Public.PASSPORT_TIP:
            if (found := content.passport_item(args[0])) is None:
                raise OutOfDate("no such item")
            return views.passport_tip(found[1])
        case Public.NUMBERS:
            return views.numbers(content.council)
        case Public.JOIN:
            return views.join(content.council)
        case Public.HELP:
            return safety_views.help_now(context.crisis_lines(None), views.menu_button())
        case _:
            return views.main_menu()


async def on_text(update: Update, context: CareContext) -> None:
    """Typed text from someone who has not joined: hello and thanks get a friendly word and the menu,
    "talk to my PA" gets the council's number, and a question gets general help or an honest "I don't
    know that one yet"."""
    message = update.effective_message
    if message is None or not message.text:
        return
    content = context.content
    understood = context.understand(message.text)
    match understood.intent:
        case Intent.GREETING:
            await show(update, views.main_menu(texts.HELLO))
        case Intent.THANKS:
            await show(update, views.main_menu(texts.THANKS))
        case Intent.SMALLTALK:
            await show(update, views.main_menu(texts.SMALL_TALK))
        case Intent.TALK_TO_PA:
            await show(update, views.pa_not_yet(content.council))
        case _:
            general = {item.id for item in general_offer(content)}
            parts = [question_views.general_only(part, content, general) for part in understood.parts]
            if all(part.confidence is Confidence.NONE for part in parts):
                await show(update, views.dont_know(content.council))
                return
            await show(update, question_views.answer(parts, content, audience=question_views.PUBLIC))


def register(app: Application) -> None:
    app.add_handler(private.button(PUBLIC.pattern, on_button))
