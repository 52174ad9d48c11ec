"""Young people who have not joined yet: never silence.

Someone with no invite (or whose PA has not sent one) can say hello, open the menu and ask questions. They
see general help (national rights and money help, marked as general), the council's numbers and how to ask
for an invite, and crisis help always (``handlers.safety``). Nothing personal is shown or stored, and
nothing is passed to a PA they do not have.
"""

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler

from content.intents import Intent
from content.personalise import general_offer
from content.schema import Need
from content.search import Confidence
from handlers import public_views as views
from handlers import question_views, safety_views
from handlers.context import CareContext
from handlers.views import View


async def show(update: Update, view: View, *, edit: bool = False) -> None:
    """Edit the message whose button was pressed, or send a new message."""
    query, message = update.callback_query, update.effective_message
    if edit and query is not None:
        try:
            await query.edit_message_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return
    if message is not None:
        await message.reply_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)


async def start(update: Update, context: CareContext) -> None:
    await show(update, views.welcome(context.runtime.settings.service.name))


async def menu(update: Update, context: CareContext) -> None:
    await show(update, views.main_menu())


async def on_button(update: Update, context: CareContext) -> None:
    """A button from the general menu; every value is checked against the content."""
    query = update.callback_query
    assert query is not None and query.from_user is not None
    await query.answer()
    content = context.content
    action, *args = (query.data or "").split(":")[1:] or [""]
    view: View | None = None
    if action == "menu":
        view = views.main_menu()
    elif action == "offer" and len(args) == 1 and args[0].isdigit():
        view = views.offer(general_offer(content), int(args[0]))
    elif action == "ent" and len(args) == 2 and args[1].isdigit():
        item = content.entitlement(args[0])
        if item is not None and item in general_offer(content):
            view = views.entitlement(item, int(args[1]))
    elif action == "money":
        view = views.money_menu()
    elif action == "need" and len(args) == 1 and args[0] in Need._value2member_map_:
        view = views.need(content, Need(args[0]))
    elif action == "mh" and len(args) == 1 and (money := content.money_item(args[0])) is not None:
        view = views.money_item(money)
    elif action == "pi" and len(args) == 1 and (found := content.passport_item(args[0])) is not None:
        view = views.passport_tip(found[1])
    elif action == "numbers":
        view = views.numbers(content.council)
    elif action == "join":
        view = views.join(content.council)
    elif action == "help":
        view = safety_views.help_now(context.crisis_lines(None), views.menu_button())
    if view is None:
        view = views.main_menu(views.texts.BAD_BUTTON)
    await show(update, view, edit=True)


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
            await show(update, views.main_menu(views.texts.HELLO))
        case Intent.THANKS:
            await show(update, views.main_menu(views.texts.THANKS))
        case Intent.SMALLTALK:
            await show(update, views.main_menu(views.texts.SMALL_TALK))
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
    app.add_handler(CallbackQueryHandler(on_button, pattern=rf"^{views.PREFIX}:"))
