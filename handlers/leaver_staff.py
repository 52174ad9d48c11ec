"""The staff side of care leavers' requests: the PA's answer buttons on a hand-off, and ``/passport``
(a PA's caseload, a manager's team: each young person's passport progress)."""

import contextlib

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.models import Role
from bot.models_leaver import Response
from bot.services import handoff, passport
from bot.services.access import AccessDenied
from bot.services.delivery import send_now
from bot.services.handoff_texts import BUTTONS
from bot.services.identity import identify
from handlers import leaver_views as views
from handlers.context import CareContext
from handlers.leaver import passport_button
from handlers.leaver_views import escape

ANSWERED = "\n\n✔ You answered: {answer}"
NO_CASELOAD = "No young people to show."
PASSPORT_HEADER = "<b>Passport progress</b>"
PERSON_LINE = "{who}: {done}/{total} done"
PERSON_NAMED = "<b>{name}</b> ({case_ref})"
PERSON_UNNAMED = "<b>{case_ref}</b>"  # the young person's name is not known
HELP_LINE = "   🙋 wants help: {items}"
SECTION_LINE = "   {sections}"
READINESS = ", feels {score}/5 ready to live on their own"


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
    await send_now(
        context.db,
        context.bot,
        answered.send_now,
        context.now(),
        context.runtime.settings.reminders.send_lease,
    )
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
        caseload = await passport.caseload_progress(context.db, identity, context.content, now=context.now())
    except AccessDenied as denied:
        await message.reply_text(str(denied))
        return
    for chunk in views.chunks(caseload_lines(caseload)):
        await message.reply_text(chunk, parse_mode=ParseMode.HTML)


def caseload_lines(caseload: list[passport.PersonPassport]) -> list[str]:
    """The /passport list: per young person, progress, readiness and what they want help with."""
    lines = [PASSPORT_HEADER] if caseload else [NO_CASELOAD]
    for entry in caseload:
        person = entry.person
        line = PERSON_LINE.format(
            who=(
                PERSON_NAMED.format(name=escape(person.preferred_name), case_ref=escape(person.case_ref))
                if person.preferred_name
                else PERSON_UNNAMED.format(case_ref=escape(person.case_ref))
            ),
            done=entry.done,
            total=entry.total,
        )
        if entry.readiness is not None:
            line += READINESS.format(score=entry.readiness)
        lines.append(line)
        sections = ", ".join(
            f"{escape(part.section.title)} {part.done}/{part.total}" for part in entry.sections
        )
        lines.append(SECTION_LINE.format(sections=sections))
        if entry.help_wanted:
            lines.append(HELP_LINE.format(items="; ".join(escape(item) for item in entry.help_wanted)))
    return lines


def register(app: Application) -> None:
    app.add_handler(
        CallbackQueryHandler(on_answer, pattern=rf"^{handoff.CALLBACK_PREFIX}:\d+:(today|later|done)$")
    )
    app.add_handler(CommandHandler("passport", passport_command))
