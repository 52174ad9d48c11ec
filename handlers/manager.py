"""Managers' (and admins', and PAs' own-caseload) commands: /summary, /charts, /export and list buttons."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import Application

from bot.callbacks import SUMMARY_LIST, OutOfDate
from bot.outbox.markup import markup
from bot.services import manager_reports, summary
from bot.services.access import AccessDenied
from bot.summaries.report import HTML, render
from bot.wording import manager as words
from handlers import manager_views, private
from handlers.context import CareContext
from handlers.views import chunks
from scheduler.deadlines import DeadlineKind


async def summary_command(update: Update, context: CareContext) -> None:
    """``/summary`` (own team or caseload), or for an admin ``/summary <team name>``."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    identity = await context.identity(user.id)
    team = " ".join(context.args or []) or None
    try:
        figures = await summary.summary_for(
            context.db, identity, context.now(), context.runtime.settings, team=team
        )
    except AccessDenied as refusal:
        await message.reply_text(str(refusal))
        return
    parts = chunks(render(figures, HTML).split("\n"))
    for part in parts[:-1]:
        await message.reply_text(part, parse_mode=ParseMode.HTML)
    await message.reply_text(
        parts[-1], parse_mode=ParseMode.HTML, reply_markup=markup(manager_views.list_buttons(figures))
    )


async def list_button(update: Update, context: CareContext) -> None:
    """A summary button: the young people behind one count, PA by PA (re-checked on every press)."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or query.message is None:
        return
    try:
        pressed = SUMMARY_LIST.decode(query.data)
    except OutOfDate:
        await query.answer(words.EXPIRED)
        return
    kind, (scope_key,) = DeadlineKind(pressed.action), pressed.args
    identity = await context.identity(user.id)
    now = context.now()
    try:
        scope, groups = await summary.people_behind(
            context.db, identity, scope_key, kind, now, context.runtime.settings
        )
    except AccessDenied as refusal:
        await query.answer(str(refusal), show_alert=True)
        return
    await query.answer()
    text = manager_views.people_list(kind, scope.name, groups, context.runtime.settings.service.tz, now)
    for part in chunks(text.split("\n")):
        await query.message.reply_text(part, parse_mode=ParseMode.HTML)


async def charts_command(update: Update, context: CareContext) -> None:
    message = update.effective_message
    for image in await _for_team(update, context, manager_reports.charts_for):
        assert message is not None
        await message.reply_photo(InputFile(image.content, filename=image.filename), caption=image.caption)


async def export_command(update: Update, context: CareContext) -> None:
    message = update.effective_message
    for file in await _for_team(update, context, manager_reports.export_for):
        assert message is not None
        await message.reply_document(InputFile(file.content, filename=file.filename), caption=file.caption)


Made = TypeVar("Made")


async def _for_team(
    update: Update, context: CareContext, make: Callable[..., Awaitable[list[Made]]]
) -> list[Made]:
    """What ``make`` gives for the sender's team (or the team an admin names after the command); nothing,
    after saying why, for anyone it refuses."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return []
    identity = await context.identity(user.id)
    team = " ".join(context.args or []) or None
    try:
        return await make(context.db, identity, context.now(), context.runtime.settings, team=team)
    except AccessDenied as refusal:
        await message.reply_text(str(refusal))
        return []


def register(app: Application) -> None:
    app.add_handler(private.command("summary", summary_command))
    app.add_handler(private.command("charts", charts_command))
    app.add_handler(private.command("export", export_command))
    app.add_handler(private.button(SUMMARY_LIST.pattern, list_button))
