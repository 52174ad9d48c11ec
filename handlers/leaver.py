"""The care leaver's conversation: the main menu, What can I get?, the passport, money help, Talk to my
PA, typed questions, /menu, /cancel and /stop.

Every button press and message re-identifies the sender and passes the young person's identity to the
service layer, which checks it is their own record. Where a conversation is up to lives in the store
(``bot.services.conversation``), so a restart mid-way loses nothing.
"""

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, filters

from bot.callbacks import LEAVER, Leaver, OutOfDate
from bot.menus import clear_menu_for
from bot.models import PassportStatus, Role
from bot.models_leaver import ContactReason, ConversationState, PreferredTime
from bot.runtime import RUNTIME_KEY
from bot.services import conversation, feedback, handoff, leaver_account, offer, passport
from bot.services.content import council_content
from bot.services.identity import Identity
from content.intents import Intent
from content.search import COUNCIL_OUT_OF_HOURS, Confidence
from handlers import leaver_texts as texts
from handlers import leaver_views as views
from handlers import private, public, question_views, safety_views, team
from handlers import texts as common_texts
from handlers.context import CareContext
from handlers.leaver_steps import ASK_NAME, ASK_PA_REASON, ASK_PA_TIME, CONFIRM_STOP, PENDING_QUESTION
from handlers.views import View, show

STATUS_CODES = {"d": PassportStatus.DONE, "t": PassportStatus.TODO, "h": PassportStatus.HELP}


async def leaver_identity(update: Update, context: CareContext) -> Identity | None:
    user = update.effective_user
    if user is None:
        return None
    identity = await context.identity(user.id)
    return identity if identity.role is Role.LEAVER and identity.person is not None else None


async def send_welcome(message: Message, context: CareContext, identity: Identity) -> None:
    """The one screen after joining: what the bot does, what the PA sees, how to stop. When the council's
    record has no name for them, the bot then asks, once, what to call them."""
    assert identity.person is not None
    on_call = context.runtime.settings.safety.has_duty_contact
    view = views.welcome(identity.person.preferred_name, on_call=on_call)
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
    identity = await context.identity(user.id)
    if identity.role is None:
        await public.menu(update, context)
        return
    if identity.role is not Role.LEAVER or identity.person is None:
        await show(update, View(common_texts.ROLE_HELP[identity.role]))
        return
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.main_menu(identity.person.preferred_name))


async def cancel_command(update: Update, context: CareContext) -> None:
    user = update.effective_user
    if user is not None and (staff := await context.identity(user.id)).is_staff:
        await team.cancel(update, context, staff)
        return
    identity = await leaver_identity(update, context)
    if identity is None:
        await show(update, View(texts.NOT_LINKED))
        return
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.note(texts.CANCELLED if state else texts.NOTHING_TO_CANCEL))


async def stop_command(update: Update, context: CareContext) -> None:
    identity = await leaver_identity(update, context)
    if identity is None:
        await show(update, View(texts.NOT_LINKED))
        return
    await conversation.move_to(context.db, identity.telegram_user_id, CONFIRM_STOP, context.now())
    await show(update, views.stop_confirm())


# Buttons.


async def on_button(update: Update, context: CareContext) -> None:
    """Every young person's button: decoded first (an old or made-up one gets the menu back), then
    re-identified; each action's service checks the record is their own."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    identity = await leaver_identity(update, context)
    if identity is None:
        await show(update, View(texts.NOT_LINKED), edit=True)
        return
    try:
        pressed = LEAVER.decode(query.data)
        await BUTTONS[Leaver(pressed.action)](update, context, identity, pressed.args)
    except OutOfDate:
        await show(update, View(texts.BAD_BUTTON, views.main_menu(identity.person.preferred_name).markup))


Button = Callable[[Update, CareContext, Identity, tuple[Any, ...]], Awaitable[None]]


async def menu_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.main_menu(identity.person.preferred_name), edit=True)


async def name_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.name_skipped(), edit=True)


async def name_answer(update: Update, context: CareContext, identity: Identity, typed: str) -> None:
    try:
        person = await leaver_account.choose_name(context.db, identity, typed)
    except leaver_account.NameRefused as refused:
        await show(update, views.name_refused(refused.reason, leaver_account.LONGEST_NAME))
        return
    context.identity_changed()
    await conversation.finish(context.db, identity.telegram_user_id)
    assert person.preferred_name is not None
    await show(update, views.named(person.preferred_name))


async def offer_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    page = args[0] if args else 0
    content = context.content
    found = await offer.my_offer(
        context.db, identity, content, now=context.now(), tz=context.runtime.settings.service.tz
    )
    if page * views.PER_PAGE >= max(len(found.now), 1):
        raise OutOfDate("no such page")
    await show(update, views.offer(found, content, page), edit=True)


async def entitlement_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    item = context.content.entitlement(args[0])
    if item is None:
        raise OutOfDate("no such item")
    await show(update, views.entitlement(item), edit=True)


async def fact_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await offer.tell(context.db, identity, args[0], args[1], now=context.now())
    await offer_button(update, context, identity, ())


async def passport_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await show_passport(update, context, identity, edit=True)


async def show_passport(
    update: Update, context: CareContext, identity: Identity, *, edit: bool = False
) -> None:
    """The young person's passport, by sections (also their answer to ``/passport``)."""
    await show(
        update, views.passport(await passport.my_passport(context.db, identity, context.content)), edit=edit
    )


async def section_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    progress = await passport.my_passport(context.db, identity, context.content)
    part = next((part for part in progress if part.section.id == args[0]), None)
    if part is None:
        raise OutOfDate("no such section")
    await show(update, views.section(part), edit=True)


async def item_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    content = context.content
    found = content.passport_item(args[0])
    if found is None:
        raise OutOfDate("no such item")
    progress = await passport.my_passport(context.db, identity, content)
    part = next(part for part in progress if part.section.id == found[0].id)
    await show(update, views.passport_item(part, found[1]), edit=True)


async def mark_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    if context.content.passport_item(args[0]) is None:
        raise OutOfDate("no such item")
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
        await context.deliver(marked.help_request)
        note = texts.HELP_ASKED
    await show(update, views.section(marked.progress, note), edit=True)
    if marked.just_finished:
        await show(update, views.section_finished(marked.progress.section.title, marked.progress.section.id))


async def money_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await show(update, views.money_menu(), edit=True)


async def need_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await show(update, views.need(context.content, args[0]), edit=True)


async def money_item_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    item = context.content.money_item(args[0])
    if item is None:
        raise OutOfDate("no such item")
    await show(update, views.money_item(item), edit=True)


async def numbers_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    council = context.content.council
    phone = council.out_of_hours if args and args[0] == COUNCIL_OUT_OF_HOURS else council.office
    await show(update, views.council_number(phone), edit=True)


async def help_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await show(update, safety_views.help_now(context.crisis_lines(None), views.menu_button()), edit=True)


# Talk to my PA.


async def pa_button(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> None:
    await conversation.move_to(context.db, identity.telegram_user_id, ASK_PA_REASON, context.now())
    await show(update, views.pa_reasons(), edit=True)


async def reason_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    (reason,) = args
    await conversation.move_to(
        context.db, identity.telegram_user_id, ASK_PA_TIME, context.now(), reason=reason
    )
    await show(update, views.pa_times(reason), edit=True)


async def time_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await request_contact(update, context, identity, args[0], args[1], edit=True)


async def request_contact(
    update: Update,
    context: CareContext,
    identity: Identity,
    reason: ContactReason,
    preferred_time: PreferredTime,
    *,
    edit: bool,
) -> None:
    settings, now = context.runtime.settings, context.now()
    handed = await handoff.request_contact(
        context.db, identity, reason, preferred_time, settings=settings, now=now
    )
    handed, _ = await context.deliver(handed)
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.handed_off(handed, context.content, settings.service.tz), edit=edit)


# Typed questions.


async def ask_button(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> None:
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    await conversation.finish(context.db, identity.telegram_user_id)
    if args[0] != "y":
        await show(update, views.note(texts.QUESTION_NOT_SENT), edit=True)
        return
    if state is None or state.step != PENDING_QUESTION or "message_id" not in state.data:
        await show(update, View(texts.QUESTION_GONE), edit=True)
        return
    settings, now = context.runtime.settings, context.now()
    handed = await handoff.pass_question(context.db, identity, settings=settings, now=now)
    handed, sent = await context.deliver(handed)
    for key, chat in handed.copy_to:  # the question itself, after each header that went
        if key in sent:
            with contextlib.suppress(TelegramError):
                await context.bot.copy_message(
                    chat_id=chat,
                    from_chat_id=identity.telegram_user_id,
                    message_id=int(state.data["message_id"]),
                )
    await show(update, views.question_handed_off(handed, context.content, settings.service.tz), edit=True)


async def feedback_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    topic, helped = args
    if topic not in feedback.feedback_topics(context.content):
        raise OutOfDate("no such topic")
    await feedback.record_helped(
        context.db, identity, context.content, topic, helped == "y", now=context.now()
    )
    due = await feedback.readiness_due(context.db, identity, now=context.now())
    await show(update, views.readiness() if due else views.note(texts.THANKS_FEEDBACK))


async def readiness_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await feedback.record_readiness(context.db, identity, int(args[0]), now=context.now())
    await show(update, views.note(texts.THANKS_FEEDBACK), edit=True)


async def stop_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    await conversation.finish(context.db, identity.telegram_user_id)
    if args[0] == "n":
        await show(update, views.note(texts.NOT_STOPPED), edit=True)
        return
    forget = args[0] == "d"
    await leaver_account.stop(context.db, identity, now=context.now(), forget_told=forget)
    context.identity_changed()
    await show(update, View(texts.STOPPED_AND_DELETED if forget else texts.STOPPED), edit=True)
    with contextlib.suppress(TelegramError):
        await clear_menu_for(context.bot, identity.telegram_user_id)


BUTTONS: dict[Leaver, Button] = {
    Leaver.MENU: menu_button,
    Leaver.NAME: name_button,
    Leaver.OFFER: offer_button,
    Leaver.ENTITLEMENT: entitlement_button,
    Leaver.FACT: fact_button,
    Leaver.PASSPORT: passport_button,
    Leaver.SECTION: section_button,
    Leaver.ITEM: item_button,
    Leaver.MARK: mark_button,
    Leaver.MONEY: money_button,
    Leaver.NEED: need_button,
    Leaver.MONEY_ITEM: money_item_button,
    Leaver.NUMBERS: numbers_button,
    Leaver.HELP: help_button,
    Leaver.PA: pa_button,
    Leaver.REASON: reason_button,
    Leaver.TIME: time_button,
    Leaver.ASK: ask_button,
    Leaver.FEEDBACK: feedback_button,
    Leaver.READINESS: readiness_button,
    Leaver.STOP: stop_button,
}


# Typed answers to the step the conversation is at: each returns True when it took the message.


async def typed_name(
    update: Update, context: CareContext, identity: Identity, state: ConversationState, typed: str
) -> bool:
    """The name they would like: "skip" skips; a menu word ("menu", "money") is not a name, and goes on."""
    if typed.strip().lower() == texts.SKIP_NAME.lower():
        await conversation.finish(context.db, identity.telegram_user_id)
        await show(update, views.name_skipped())
        return True
    if views.menu_action(typed.strip().lower()) is None:
        await name_answer(update, context, identity, typed)
        return True
    await conversation.finish(context.db, identity.telegram_user_id)
    return False


async def typed_reason(
    update: Update, context: CareContext, identity: Identity, state: ConversationState, typed: str
) -> bool:
    reason = views.choice(typed.strip().lower(), texts.REASON_BUTTONS, default=ContactReason.OTHER)
    await conversation.move_to(
        context.db, identity.telegram_user_id, ASK_PA_TIME, context.now(), reason=reason
    )
    await show(update, views.pa_times(ContactReason(reason)))
    return True


async def typed_time(
    update: Update, context: CareContext, identity: Identity, state: ConversationState, typed: str
) -> bool:
    """A time typed instead of tapped. Anything else (a question, say) is left for the rest of ``on_text``
    to answer, and the request waits for a time."""
    preferred_time = views.typed_time(typed)
    if preferred_time is None:
        return False
    reason = ContactReason(state.data.get("reason", ContactReason.OTHER))
    await request_contact(update, context, identity, reason, preferred_time, edit=False)
    return True


async def typed_stop_answer(
    update: Update, context: CareContext, identity: Identity, state: ConversationState, typed: str
) -> bool:
    answer, choice = typed.strip().lower(), "n"
    if answer in ("yes", "y", "yes stop"):
        choice = "y"
    if "delete" in answer:  # "delete", "stop and delete what I told you"
        choice = "d"
    await stop_button(update, context, identity, (choice,))
    return True


Step = Callable[[Update, CareContext, Identity, ConversationState, str], Awaitable[bool]]
STEPS: dict[str, Step] = {
    ASK_NAME: typed_name,
    ASK_PA_REASON: typed_reason,
    ASK_PA_TIME: typed_time,
    CONFIRM_STOP: typed_stop_answer,
}


# Typed text.


async def on_text(update: Update, context: CareContext) -> None:
    """Typed text: an answer to the step the conversation is at, a menu word, or a question. Someone who
    has not joined gets the general answers (``handlers.public``); staff text is an answer to a step of
    ``handlers.team``, or else they are pointed to their commands."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None or user is None:
        return
    identity = await context.identity(user.id)
    if identity.role is None:
        await public.on_text(update, context)
        return
    if identity.role is not Role.LEAVER or identity.person is None:
        if not await team.on_text(update, context, identity):
            await show(update, View(common_texts.STAFF_TYPED))  # staff work by commands
        return
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    step = STEPS.get(state.step) if state is not None else None
    if step is not None and state is not None and await step(update, context, identity, state, message.text):
        return
    action = views.menu_action(message.text.strip().lower())
    if action is not None:
        await BUTTONS[action](update, context, identity, ())
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
            await pa_button(update, context, identity, ())
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
    app.add_handler(private.command("menu", menu_command))
    app.add_handler(private.command("cancel", cancel_command))
    app.add_handler(private.command("stop", stop_command))
    app.add_handler(private.button(LEAVER.pattern, on_button))
    # Group 1: runs alongside (not instead of) any text handlers in group 0.
    app.add_handler(private.message(filters.TEXT & ~filters.COMMAND, on_text), group=1)
