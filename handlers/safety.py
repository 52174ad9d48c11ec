"""Help now: every text (and photo caption) is read for danger before any other handler sees it (group -1).

``content.risk.assess`` says how urgent a message is, and the answer follows the tier:

- **danger now** and **risk**: first and at once the crisis lines for that risk and the time of day (999
  first; for danger now, "call 999" before anything else). Then a person is told, never with the young
  person's words: their PA (out of hours, whoever is on call too); for someone who has not joined, whoever
  is on call, when anyone is. Every risky message is a new alert (``bot.services.handoff``). Then the
  young person is told honestly who knows, and when someone else is told if nobody answers.
- **worry**: a short, warm "Are you safe right now?" with three buttons. "I need help now" is danger now.
- **a friend at risk**: help for a friend and the lines for that risk; nobody is alerted about the sender.

Further handlers are skipped for that message, so it is not also treated as a question. Staff messages are
not checked: staff quote such words about the young people they work with.
"""

from telegram import InlineKeyboardButton, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationHandlerStop, filters

from bot.callbacks import CHECK_IN, CheckIn, OutOfDate
from bot.models import Role
from bot.services import conversation, handoff
from bot.services.identity import Identity
from content.risk import assess
from content.risk_phrases import Tier
from content.schema import Risk
from handlers import leaver_views, private, public_views, safety_views
from handlers.context import CareContext
from handlers.leaver_steps import ASK_PA_REASON
from handlers.views import View


def _joined(identity: Identity) -> bool:
    return identity.role is Role.LEAVER and identity.person is not None


def _menu(identity: Identity) -> InlineKeyboardButton:
    return leaver_views.menu_button() if _joined(identity) else public_views.menu_button()


async def _reply(update: Update, view: View) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)


async def check_message(update: Update, context: CareContext) -> None:
    message, user = update.effective_message, update.effective_user
    typed = (message.text or message.caption) if message is not None else None
    if message is None or user is None or not typed:
        return
    found = assess(typed)
    if found.tier is Tier.NONE:
        return
    identity = await context.identity(user.id)
    if identity.is_staff:
        return
    match found.tier:
        case Tier.DANGER | Tier.RISK:
            assert found.risk is not None
            await crisis(update, context, identity, found.risk, danger_now=found.tier is Tier.DANGER)
        case Tier.FRIEND:
            await _reply(update, safety_views.friend(context.crisis_lines(found.risk), _menu(identity)))
        case Tier.WORRY:
            await _reply(update, safety_views.check_in(joined=_joined(identity)))
    raise ApplicationHandlerStop


async def crisis(
    update: Update, context: CareContext, identity: Identity, risk: Risk, *, danger_now: bool
) -> None:
    """The lines first, then a person is told, then the young person is told who knows."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    lines = safety_views.crisis(context.crisis_lines(risk), risk, danger_now=danger_now)
    await context.bot.send_message(user.id, lines, parse_mode=ParseMode.HTML)
    settings, now = context.runtime.settings, context.now()
    if _joined(identity):
        handed = await handoff.crisis(
            context.db, identity, risk, settings=settings, now=now, danger_now=danger_now
        )
        if handed is not None:
            handed, _ = await context.deliver(handed)
        told = safety_views.crisis_told(
            handed, settings.safety.duty_name, settings.service.tz, _menu(identity)
        )
    else:
        keys, names = await handoff.stranger_crisis(
            context.db, user.id, message.message_id, risk, settings=settings, now=now, danger_now=danger_now
        )
        await context.send_now(keys)  # what fails, the dispatcher retries
        told = safety_views.stranger_told(" and ".join(names) if keys else None, _menu(identity))
    await context.bot.send_message(user.id, told.text, parse_mode=ParseMode.HTML, reply_markup=told.markup)


async def on_check_in(update: Update, context: CareContext) -> None:
    """An answer to "Are you safe right now?": re-identified, and checked against the fixed choices."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    await query.answer()
    try:
        choice = CheckIn(CHECK_IN.decode(query.data).action)
    except OutOfDate:
        return
    identity = await context.identity(user.id)
    if identity.is_staff:
        return
    match choice:
        case CheckIn.SAFE:
            await _reply(update, safety_views.glad_safe(_menu(identity)))
        case CheckIn.HELP:
            await crisis(update, context, identity, Risk.DISTRESS, danger_now=True)
        case CheckIn.PA if _joined(identity):
            await conversation.move_to(context.db, identity.telegram_user_id, ASK_PA_REASON, context.now())
            await _reply(update, leaver_views.pa_reasons())
        case _:
            await _reply(update, safety_views.help_now(context.crisis_lines(Risk.DISTRESS), _menu(identity)))


def register(app: Application) -> None:
    app.add_handler(
        private.message((filters.TEXT & ~filters.COMMAND) | filters.CAPTION, check_message), group=-1
    )
    app.add_handler(private.button(CHECK_IN.pattern, on_check_in))
