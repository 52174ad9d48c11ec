"""Admins: send a caseload file as a document, read the report, then apply or cancel it with a button.

The role check, the planning and the import itself live in ``bot.services.imports``; the file waits in
the database between the preview and the button press, so a restart in between loses nothing.
"""

import operator
from functools import reduce

from telegram import Update
from telegram.ext import Application, filters

from bot.callbacks import IMPORTS, Imports, OutOfDate
from bot.imports.readers import CSV_SUFFIXES, WORKBOOK_SUFFIXES, ReadLimits
from bot.outbox.markup import markup
from bot.services import import_report, imports
from bot.services.access import AccessDenied
from bot.wording import admin as admin_words
from handlers import admin_views, fallback, private
from handlers.context import CareContext
from handlers.views import show

LIST_LIMIT = 15
SPREADSHEETS = reduce(
    operator.or_,
    (filters.Document.FileExtension(suffix.lstrip(".")) for suffix in (*WORKBOOK_SUFFIXES, *CSV_SUFFIXES)),
)


async def on_document(update: Update, context: CareContext) -> None:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.document is None:
        return
    document = message.document
    identity = await context.identity(user.id)
    try:
        imports.require_admin(identity)
    except AccessDenied as refusal:
        if not identity.is_staff:  # a young person's file: the kind answer to anything not typed
            await show(update, fallback.not_text_view(identity))
            return
        await message.reply_text(str(refusal))
        return
    limits = read_limits(context)
    if document.file_size and document.file_size > limits.max_file_bytes:
        megabytes = context.runtime.settings.imports.max_file_mb
        await message.reply_text(admin_words.TOO_BIG.format(megabytes=megabytes))
        return
    file_name = document.file_name or "caseload.csv"
    await message.reply_text(admin_words.READING.format(file_name=file_name))
    content = bytes(await (await context.bot.get_file(document.file_id)).download_as_bytearray())
    service = context.runtime.settings.service
    now = context.now()
    plan, pending_id = await imports.preview_document(
        context.db,
        identity,
        file_name,
        content,
        as_of=now.astimezone(service.tz).date(),
        tz=service.tz,
        now=now,
        limits=limits,
    )
    report = import_report.render(plan, applied=False, limit=LIST_LIMIT, close_hint=admin_words.CLOSE_HINT)
    for part, buttons in admin_views.report(
        report, admin_views.confirm_keyboard(pending_id, len(plan.leaving))
    ):
        await message.reply_text(part, reply_markup=markup(buttons))


def read_limits(context: CareContext) -> ReadLimits:
    caps = context.runtime.settings.imports
    return ReadLimits.in_megabytes(caps.max_file_mb, caps.max_unpacked_mb)


async def on_import_button(update: Update, context: CareContext) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or query.message is None:
        return
    await query.answer()
    try:
        pressed = IMPORTS.decode(query.data)
    except OutOfDate:
        return
    action, (pending_id,) = pressed.action, pressed.args
    identity = await context.identity(user.id)
    service = context.runtime.settings.service
    chat_id = query.message.chat.id
    await query.edit_message_reply_markup(reply_markup=None)
    try:
        if action == Imports.CANCEL:
            await imports.cancel_pending(context.db, identity, pending_id, now=context.now())
            await context.bot.send_message(chat_id, admin_words.CANCELLED)
            return
        outcome = await imports.confirm_pending(
            context.db,
            identity,
            pending_id,
            close_missing=action == Imports.CLOSE,
            tz=service.tz,
            now=context.now(),
            limits=read_limits(context),
        )
    except (AccessDenied, imports.ImportGone) as refusal:
        await context.bot.send_message(chat_id, str(refusal))
        return
    report = import_report.render(outcome.plan, applied=outcome.applied, limit=LIST_LIMIT)
    for part, _ in admin_views.report(report):
        await context.bot.send_message(chat_id, part)


def register(app: Application) -> None:
    app.add_handler(private.message(SPREADSHEETS, on_document))
    app.add_handler(private.button(IMPORTS.pattern, on_import_button))
