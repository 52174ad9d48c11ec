"""The staff side of care leavers' requests: the PA's answer buttons on a hand-off, and ``/passport``
(a PA's caseload, a manager's team: each young person's passport progress)."""

import contextlib

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.models import PassportStatus, Role
from bot.models_leaver import Response
from bot.services import handoff, passport
from bot.services.access import AccessDenied
from bot.services.delivery import send_now
from bot.services.handoff_texts import BUTTONS
from bot.services.identity import identify
from handlers import leaver_views as views
from handlers.context import CareContext
from handlers.leaver import content_of, passport_button
from handlers.leaver_views import escape

ANSWERED = "\n\n✔ You answered: {answer}"
NO_CASELOAD = "No young people to show."
PASSPORT_HEADER = "<b>Passport progress</b>"
PERSON_LINE = "<b>{name}</b> ({case_ref}): {done}/{total} done"
HELP_LINE = "   🙋 wants help: {items}"
SECTION_LINE = "   {sections}"


async def on_answer(update: Update, context: CareContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None and query.from_user is not None
    _, _, handoff_id, code = query.data.split(":")
    identity = await identify(context.db, query.from_user.id)
    try:
        answered = await handoff.answer(
            context.db, identity, int(handoff_id), Response(code), now=context.now()
        )
    except (AccessDenied, ValueError):
        await query.answer(str(AccessDenied()), show_alert=True)
        return
    await query.answer()
    await send_now(context.db, context.bot, answered.send_now, context.now())
    message = query.message
    text = (getattr(message, "text", None) or "") + ANSWERED.format(answer=BUTTONS[Response(code)])
    markup = None if answered.handoff.response is Response.DONE else handoff.ack_keyboard(int(handoff_id))
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(text, reply_markup=markup)


async def passport_command(update: Update, context: CareContext) -> None:
    """Staff: their young people's progress (audited). A young person: their own passport."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    identity = await identify(context.db, user.id)
    if identity.role is Role.LEAVER:
        await passport_button(update, context, identity, [])
        return
    try:
        caseload = await passport.caseload_progress(
            context.db, identity, content_of(context), now=context.now()
        )
    except AccessDenied as denied:
        await message.reply_text(str(denied))
        return
    lines = [PASSPORT_HEADER] if caseload else [NO_CASELOAD]
    for entry in caseload:
        done, total = sum(part.done for part in entry.sections), sum(part.total for part in entry.sections)
        lines.append(
            PERSON_LINE.format(
                name=escape(entry.person.preferred_name),
                case_ref=escape(entry.person.case_ref),
                done=done,
                total=total,
            )
        )
        lines.append(
            SECTION_LINE.format(
                sections=", ".join(
                    f"{escape(part.section.title)} {part.done}/{part.total}" for part in entry.sections
                )
            )
        )
        wanted = [
            escape(item.text)
            for part in entry.sections
            for item in part.section.items
            if part.statuses.get(item.id) is PassportStatus.HELP
        ]
        if wanted:
            lines.append(HELP_LINE.format(items="; ".join(wanted)))
    for chunk in views.chunks(lines):
        await message.reply_text(chunk, parse_mode=ParseMode.HTML)


def register(app: Application) -> None:
    app.add_handler(
        CallbackQueryHandler(on_answer, pattern=rf"^{handoff.CALLBACK_PREFIX}:\d+:(today|later|done)$")
    )
    app.add_handler(CommandHandler("passport", passport_command))
