"""The care leaver's conversation: the main menu, What can I get?, the passport, money help, Talk to my
PA, typed questions, /menu, /cancel and /stop.

Every button press and message re-identifies the sender and passes the young person's identity to the
service layer, which checks it is their own record. Where a conversation is up to lives in the store
(``bot.services.conversation``), so a restart mid-way loses nothing.
"""

import contextlib
from collections.abc import Awaitable, Callable

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.menus import clear_menu_for
from bot.models import PassportStatus, Role
from bot.runtime import RUNTIME_KEY
from bot.services import conversation, feedback, handoff, leaver_account, offer, passport
from bot.services.content import council_content
from bot.services.delivery import send_now
from bot.services.identity import Identity, identify
from content.intents import Intent
from content.personalise import Fact
from content.schema import Need
from content.search import COUNCIL_OUT_OF_HOURS, Confidence
from handlers import leaver_texts as texts
from handlers import leaver_views as views
from handlers import public, question_views, safety_views
from handlers import texts as common_texts
from handlers.context import CareContext
from handlers.leaver_steps import ASK_NAME, ASK_PA_REASON, ASK_PA_TIME, CONFIRM_STOP, PENDING_QUESTION

STATUS_CODES = {"d": PassportStatus.DONE, "t": PassportStatus.TODO, "h": PassportStatus.HELP}


async def leaver_identity(update: Update, context: CareContext) -> Identity | None:
    user = update.effective_user
    if user is None:
        return None
    identity = await identify(context.db, user.id)
    return identity if identity.role is Role.LEAVER and identity.person is not None else None


async def show(update: Update, view: views.View, *, edit: bool = False) -> None:
    """Edit the message whose button was pressed, or send a new message."""
    query, message = update.callback_query, update.effective_message
    if edit and query is not None:
        try:
            await query.edit_message_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():  # the same button pressed twice
                return
            # Too old to edit, or deleted: say it in a new message instead.
    if message is not None:
        await message.reply_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)


async def send_welcome(message: Message, context: CareContext, identity: Identity) -> None:
    """The one screen after joining: what the bot does, what the PA sees, how to stop. When the council's
    record has no name for them, the bot then asks, once, what to call them."""
    assert identity.person is not None
    view = views.welcome(identity.person.preferred_name)
    await message.reply_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)
    if identity.person.preferred_name is None:
        await conversation.move_to(context.db, identity.telegram_user_id, ASK_NAME, context.now())
        ask = views.ask_name()
        await message.reply_text(ask.text, parse_mode=ParseMode.HTML, reply_markup=ask.markup)


# Commands.


async def menu_command(update: Update, context: CareContext) -> None:
    """The young person's menu; the general menu for someone who has not joined; staff their commands."""
    user = update.effective_user
    if user is None:
        return
    identity = await identify(context.db, user.id)
    if identity.role is None:
        await public.menu(update, context)
        return
    if identity.role is not Role.LEAVER or identity.person is None:
        await show(update, views.View(common_texts.ROLE_HELP[identity.role]))
        return
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.main_menu(identity.person.preferred_name))


async def cancel_command(update: Update, context: CareContext) -> None:
    identity = await leaver_identity(update, context)
    if identity is None:
        await show(update, views.View(texts.NOT_LINKED))
        return
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.note(texts.CANCELLED if state else texts.NOTHING_TO_CANCEL))


async def stop_command(update: Update, context: CareContext) -> None:
    identity = await leaver_identity(update, context)
    if identity is None:
        await show(update, views.View(texts.NOT_LINKED))
        return
    await conversation.move_to(context.db, identity.telegram_user_id, CONFIRM_STOP, context.now())
    await show(update, views.stop_confirm())


# Buttons.


async def on_button(update: Update, context: CareContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    identity = await leaver_identity(update, context)
    if identity is None:
        await show(update, views.View(texts.NOT_LINKED), edit=True)
        return
    action, *args = query.data.split(":")[1:]
    handler = BUTTONS.get(action)
    try:
        if handler is None:
            raise ValueError("unknown button")
        await handler(update, context, identity, args)
    except (ValueError, KeyError, IndexError):
        await show(
            update, views.View(texts.BAD_BUTTON, views.main_menu(identity.person.preferred_name).markup)
        )


Button = Callable[[Update, CareContext, Identity, list[str]], Awaitable[None]]


async def menu_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.main_menu(identity.person.preferred_name), edit=True)


async def name_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    if args != ["skip"]:
        raise ValueError("unknown name button")
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.name_skipped(), edit=True)


async def name_answer(update: Update, context: CareContext, identity: Identity, typed: str) -> None:
    try:
        person = await leaver_account.choose_name(context.db, identity, typed)
    except leaver_account.NameRefused as refused:
        await show(update, views.name_refused(refused.reason, leaver_account.LONGEST_NAME))
        return
    await conversation.finish(context.db, identity.telegram_user_id)
    assert person.preferred_name is not None
    await show(update, views.named(person.preferred_name))


async def offer_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    page = int(args[0]) if args else 0
    content = context.content
    found = await offer.my_offer(
        context.db, identity, content, now=context.now(), tz=context.runtime.settings.service.tz
    )
    if page < 0 or page * views.PER_PAGE >= max(len(found.now), 1):
        raise ValueError("no such page")
    await show(update, views.offer(found, content, page), edit=True)


async def entitlement_button(
    update: Update, context: CareContext, identity: Identity, args: list[str]
) -> None:
    item = context.content.entitlement(args[0])
    if item is None:
        raise ValueError("no such item")
    await show(update, views.entitlement(item), edit=True)


async def fact_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await offer.tell(context.db, identity, Fact(args[0]), args[1], now=context.now())
    await offer_button(update, context, identity, [])


async def passport_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await show(
        update,
        views.passport(await passport.my_passport(context.db, identity, context.content)),
        edit=True,
    )


async def section_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    progress = await passport.my_passport(context.db, identity, context.content)
    part = next((part for part in progress if part.section.id == args[0]), None)
    if part is None:
        raise ValueError("no such section")
    await show(update, views.section(part), edit=True)


async def item_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    content = context.content
    found = content.passport_item(args[0])
    if found is None:
        raise ValueError("no such item")
    progress = await passport.my_passport(context.db, identity, content)
    part = next(part for part in progress if part.section.id == found[0].id)
    await show(update, views.passport_item(part, found[1]), edit=True)


async def mark_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    marked = await passport.mark(
        context.db,
        identity,
        context.content,
        args[0],
        STATUS_CODES[args[1]],
        settings=context.runtime.settings,
        now=context.now(),
    )
    note = ""
    if marked.help_request is not None:
        await send_now(
            context.db,
            context.bot,
            marked.help_request.send_now,
            context.now(),
            context.runtime.settings.reminders.send_lease,
        )
        note = texts.HELP_ASKED
    await show(update, views.section(marked.progress, note), edit=True)
    if marked.just_finished:
        await show(update, views.section_finished(marked.progress.section.title, marked.progress.section.id))


async def money_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await show(update, views.money_menu(), edit=True)


async def need_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await show(update, views.need(context.content, Need(args[0])), edit=True)


async def money_item_button(
    update: Update, context: CareContext, identity: Identity, args: list[str]
) -> None:
    item = context.content.money_item(args[0])
    if item is None:
        raise ValueError("no such item")
    await show(update, views.money_item(item), edit=True)


async def numbers_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    council = context.content.council
    phone = council.out_of_hours if args and args[0] == COUNCIL_OUT_OF_HOURS else council.office
    await show(update, views.council_number(phone), edit=True)


async def help_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await show(update, safety_views.help_now(context.crisis_lines(None), views.menu_button()), edit=True)


# Talk to my PA.


async def pa_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await conversation.move_to(context.db, identity.telegram_user_id, ASK_PA_REASON, context.now())
    await show(update, views.pa_reasons(), edit=True)


async def reason_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    reason = args[0]
    if reason not in texts.REASON_BUTTONS:
        raise ValueError("unknown reason")
    await conversation.move_to(
        context.db, identity.telegram_user_id, ASK_PA_TIME, context.now(), reason=reason
    )
    await show(update, views.pa_times(reason), edit=True)


async def time_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await request_contact(update, context, identity, args[0], args[1], edit=True)


async def request_contact(
    update: Update, context: CareContext, identity: Identity, reason: str, preferred_time: str, *, edit: bool
) -> None:
    settings, now = context.runtime.settings, context.now()
    handed = await handoff.request_contact(
        context.db, identity, reason, preferred_time, settings=settings, now=now
    )
    await send_now(
        context.db, context.bot, handed.send_now, now, context.runtime.settings.reminders.send_lease
    )
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.handed_off(handed, context.content, settings.service.tz), edit=edit)


# Typed questions.


async def ask_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    await conversation.finish(context.db, identity.telegram_user_id)
    if args[0] != "y":
        await show(update, views.note(texts.QUESTION_NOT_SENT), edit=True)
        return
    if state is None or state.step != PENDING_QUESTION or "message_id" not in state.data:
        await show(update, views.View(texts.QUESTION_GONE), edit=True)
        return
    settings, now = context.runtime.settings, context.now()
    handed = await handoff.pass_question(context.db, identity, settings=settings, now=now)
    sent = await send_now(
        context.db, context.bot, handed.send_now, now, context.runtime.settings.reminders.send_lease
    )
    if handed.pa_chat_id is not None and f"handoff:{handed.handoff.id}:pa" in sent:
        with contextlib.suppress(TelegramError):
            await context.bot.copy_message(
                chat_id=handed.pa_chat_id,
                from_chat_id=identity.telegram_user_id,
                message_id=int(state.data["message_id"]),
            )
    await show(update, views.question_handed_off(handed, context.content, settings.service.tz), edit=True)


async def feedback_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    topic, helped = args[0], args[1]
    if helped not in ("y", "n"):
        raise ValueError("expected y or n")
    await feedback.record_helped(
        context.db, identity, context.content, topic, helped == "y", now=context.now()
    )
    due = await feedback.readiness_due(context.db, identity, now=context.now())
    await show(update, views.readiness() if due else views.note(texts.THANKS_FEEDBACK))


async def readiness_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await feedback.record_readiness(context.db, identity, int(args[0]), now=context.now())
    await show(update, views.note(texts.THANKS_FEEDBACK), edit=True)


async def stop_button(update: Update, context: CareContext, identity: Identity, args: list[str]) -> None:
    await conversation.finish(context.db, identity.telegram_user_id)
    if args[0] != "y":
        await show(update, views.note(texts.NOT_STOPPED), edit=True)
        return
    await leaver_account.stop(context.db, identity)
    await show(update, views.View(texts.STOPPED), edit=True)
    with contextlib.suppress(TelegramError):
        await clear_menu_for(context.bot, identity.telegram_user_id)


BUTTONS: dict[str, Button] = {
    "menu": menu_button,
    "name": name_button,
    "offer": offer_button,
    "ent": entitlement_button,
    "fact": fact_button,
    "pp": passport_button,
    "ps": section_button,
    "pi": item_button,
    "pt": mark_button,
    "money": money_button,
    "need": need_button,
    "mh": money_item_button,
    "num": numbers_button,
    "help": help_button,
    "pa": pa_button,
    "par": reason_button,
    "pat": time_button,
    "ask": ask_button,
    "fb": feedback_button,
    "rd": readiness_button,
    "stop": stop_button,
}


# Typed text.


async def on_text(update: Update, context: CareContext) -> None:
    """Typed text: an answer to the step the conversation is at, a menu word, or a question. Someone who
    has not joined gets the general answers (``handlers.public``); staff text is for their own handlers."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None or user is None:
        return
    identity = await identify(context.db, user.id)
    if identity.role is None:
        await public.on_text(update, context)
        return
    if identity.role is not Role.LEAVER or identity.person is None:
        return
    typed = message.text.strip().lower()
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    step = state.step if state else None
    if step == ASK_NAME:
        # "skip" or a menu word ("menu", "money", "help now") is an answer to the question, not a name.
        if typed == texts.SKIP_NAME.lower():
            await conversation.finish(context.db, identity.telegram_user_id)
            await show(update, views.name_skipped())
            return
        if views.menu_action(typed) is None:
            await name_answer(update, context, identity, message.text)
            return
        await conversation.finish(context.db, identity.telegram_user_id)
    if step == ASK_PA_REASON:
        reason = views.choice(typed, texts.REASON_BUTTONS, default="other")
        await conversation.move_to(
            context.db, identity.telegram_user_id, ASK_PA_TIME, context.now(), reason=reason
        )
        await show(update, views.pa_times(reason))
        return
    if step == ASK_PA_TIME and state is not None:
        preferred_time = views.choice(typed, texts.TIME_BUTTONS, default="soon")
        await request_contact(
            update, context, identity, state.data.get("reason", "other"), preferred_time, edit=False
        )
        return
    if step == CONFIRM_STOP:
        await stop_button(update, context, identity, ["y" if typed in ("yes", "y", "yes stop") else "n"])
        return
    action = views.menu_action(typed)
    if action is not None:
        await BUTTONS[action](update, context, identity, [])
        return
    await answer_typed(update, context, identity, message)


async def answer_typed(update: Update, context: CareContext, identity: Identity, message: Message) -> None:
    """Hello, thanks and small talk get a friendly word and the menu; "can my PA ring me" starts the
    request to the PA; a question gets its answer, "Did you mean...?", or "I don't know that one yet" with
    the offer to ask the PA."""
    understood = context.understand(message.text or "")
    name = identity.person.preferred_name
    match understood.intent:
        case Intent.GREETING:
            hello = texts.HELLO_AGAIN.format(name=views.escape(name)) if name else texts.HELLO_AGAIN_NO_NAME
            await show(update, views.main_menu(name, note=hello))
        case Intent.THANKS:
            await show(update, views.main_menu(name, note=texts.YOU_ARE_WELCOME))
        case Intent.SMALLTALK:
            await show(update, views.main_menu(name, note=texts.SMALL_TALK))
        case Intent.TALK_TO_PA:
            await pa_button(update, context, identity, [])
        case _ if all(part.confidence is Confidence.NONE for part in understood.parts):
            await conversation.move_to(
                context.db,
                identity.telegram_user_id,
                PENDING_QUESTION,
                context.now(),
                message_id=message.message_id,
            )
            await show(update, views.no_match())
        case _:
            if any(part.confidence is not Confidence.CLEAR for part in understood.parts):
                await conversation.move_to(
                    context.db,
                    identity.telegram_user_id,
                    PENDING_QUESTION,
                    context.now(),
                    message_id=message.message_id,
                )
            found = await offer.my_offer(
                context.db,
                identity,
                context.content,
                now=context.now(),
                tz=context.runtime.settings.service.tz,
            )
            applies = {item.id for item in found.now}
            await show(
                update,
                question_views.answer(
                    understood.parts, context.content, question_views.LEAVER, applies=applies
                ),
            )


def register(app: Application) -> None:
    # Loaded here so broken content stops the bot at start, not at a young person's first tap.
    council_content(app.bot_data[RUNTIME_KEY].settings.service)
    app.add_handler(CommandHandler("menu", menu_command))
    app.add_handler(CommandHandler("cancel", cancel_command))
    app.add_handler(CommandHandler("stop", stop_command))
    app.add_handler(CallbackQueryHandler(on_button, pattern=rf"^{views.PREFIX}:"))
    # Group 1: runs alongside (not instead of) any staff text handlers in group 0; it ignores non-leavers.
    app.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, on_text), group=1
    )
