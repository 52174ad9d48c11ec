"""Help now: every text is checked for risk words before any other handler sees it (group -1).

A message that shows a risk gets, first and at once, the crisis lines for that risk and the time of day
(999 first). Then the PA is alerted (out of hours: the duty contact too), never with the young person's
words, and the young person is told honestly who knows. Further handlers are skipped for that message,
so it is not also treated as a question; the menu carries on from the next message.
"""

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationHandlerStop, MessageHandler, filters

from bot.services import handoff
from bot.services.delivery import send_now
from bot.services.identity import identify
from content.risk import detect
from handlers import leaver_views as views
from handlers.context import CareContext
from handlers.leaver import crisis_lines


async def check_message(update: Update, context: CareContext) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return
    risk = detect(message.text)
    if risk is None:
        return
    identity = await identify(context.db, user.id)
    if identity.is_staff:
        return  # staff may quote such words about someone else; their messages are not a cry for help
    await message.reply_text(views.crisis(crisis_lines(context, risk), risk), parse_mode=ParseMode.HTML)
    settings, now = context.runtime.settings, context.now()
    handed = await handoff.crisis(context.db, identity, risk, settings=settings, now=now)
    if handed is not None:
        await send_now(
            context.db, context.bot, handed.send_now, now, context.runtime.settings.reminders.send_lease
        )
    told = views.crisis_told(handed, settings.safety.duty_name, settings.service.tz)
    await message.reply_text(told.text, parse_mode=ParseMode.HTML, reply_markup=told.markup)
    raise ApplicationHandlerStop


def register(app: Application) -> None:
    app.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, check_message), group=-1
    )
