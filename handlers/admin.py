"""Admins: send a caseload file as a document, read the report, then apply or cancel it with a button.

The role check, the planning and the import itself live in ``bot.services.imports``; the file waits in
the database between the preview and the button press, so a restart in between loses nothing.
"""

import operator
import re
from collections.abc import Awaitable, Callable
from functools import reduce

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.imports.readers import CSV_SUFFIXES, WORKBOOK_SUFFIXES, ReadLimits
from bot.services import import_report, imports
from bot.services.access import AccessDenied
from bot.services.identity import identify
from handlers import admin_texts as texts
from handlers.context import CareContext

MESSAGE_LIMIT = 4096
LIST_LIMIT = 15
IMPORT_BUTTON = re.compile(r"^imp1:(apply|close|cancel):(\d{1,12})$")
SPREADSHEETS = reduce(
    operator.or_,
    (filters.Document.FileExtension(suffix.lstrip(".")) for suffix in (*WORKBOOK_SUFFIXES, *CSV_SUFFIXES)),
)


async def on_document(update: Update, context: CareContext) -> None:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.document is None:
        return
    document = message.document
    identity = await identify(context.db, user.id)
    try:
        imports.require_admin(identity)
    except AccessDenied as refusal:
        await message.reply_text(str(refusal))
        return
    limits = read_limits(context)
    if document.file_size and document.file_size > limits.max_file_bytes:
        megabytes = context.runtime.settings.imports.max_file_mb
        await message.reply_text(texts.TOO_BIG.format(megabytes=megabytes))
        return
    file_name = document.file_name or "caseload.csv"
    await message.reply_text(texts.READING.format(file_name=file_name))
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
    report = import_report.render(plan, applied=False, limit=LIST_LIMIT, close_hint=texts.CLOSE_HINT)
    await _send_long(message.reply_text, report, _confirm_keyboard(pending_id, len(plan.leaving)))


def read_limits(context: CareContext) -> ReadLimits:
    caps = context.runtime.settings.imports
    return ReadLimits.in_megabytes(caps.max_file_mb, caps.max_unpacked_mb)


def _confirm_keyboard(pending_id: int | None, leaving: int) -> InlineKeyboardMarkup | None:
    if pending_id is None:
        return None
    row = [InlineKeyboardButton(texts.APPLY, callback_data=f"imp1:apply:{pending_id}")]
    if leaving:
        row.append(
            InlineKeyboardButton(
                texts.APPLY_AND_CLOSE.format(count=leaving), callback_data=f"imp1:close:{pending_id}"
            )
        )
    row.append(InlineKeyboardButton(texts.CANCEL, callback_data=f"imp1:cancel:{pending_id}"))
    return InlineKeyboardMarkup([row])


async def on_import_button(update: Update, context: CareContext) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or query.message is None:
        return
    await query.answer()
    match = IMPORT_BUTTON.match(query.data or "")
    if match is None:
        return
    action, pending_id = match.group(1), int(match.group(2))
    identity = await identify(context.db, user.id)
    service = context.runtime.settings.service
    chat_id = query.message.chat.id
    await query.edit_message_reply_markup(reply_markup=None)
    try:
        if action == "cancel":
            await imports.cancel_pending(context.db, identity, pending_id, now=context.now())
            await context.bot.send_message(chat_id, texts.CANCELLED)
            return
        outcome = await imports.confirm_pending(
            context.db,
            identity,
            pending_id,
            close_missing=action == "close",
            tz=service.tz,
            now=context.now(),
            limits=read_limits(context),
        )
    except (AccessDenied, imports.ImportGone) as refusal:
        await context.bot.send_message(chat_id, str(refusal))
        return
    report = import_report.render(outcome.plan, applied=outcome.applied, limit=LIST_LIMIT)
    await _send_long(lambda text, **kwargs: context.bot.send_message(chat_id, text, **kwargs), report, None)


async def _send_long(
    send: Callable[..., Awaitable[object]], text: str, keyboard: InlineKeyboardMarkup | None
) -> None:
    """Send a long report in parts under Telegram's limit, split at line ends; buttons go on the last."""
    parts, current = [], ""
    for line in text.splitlines():
        line = line[: MESSAGE_LIMIT - 1]
        if len(current) + len(line) + 1 > MESSAGE_LIMIT:
            parts.append(current)
            current = ""
        current += line + "\n"
    parts.append(current)
    for number, part in enumerate(parts, start=1):
        await send(part.rstrip("\n"), reply_markup=keyboard if number == len(parts) else None)


def register(app: Application) -> None:
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & SPREADSHEETS, on_document))
    app.add_handler(CallbackQueryHandler(on_import_button, pattern=r"^imp1:"))
