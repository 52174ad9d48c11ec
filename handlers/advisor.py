"""The PA's commands and buttons: /caseload, /due, /missing, and the buttons on every reminder.

Thin: parse the update, check the PA through the advisor service, call one service function, render.
Every press is re-checked in the service (role and case ownership); callback data is only a hint.
"""

from datetime import date, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import PATTERN, Action, Callback, decode, encode
from bot.models import RECORDABLE_CONTACT_METHODS, EpisodeKind
from bot.services import advisor
from bot.services.access import AccessDenied
from bot.services.identity import Identity
from handlers import advisor_texts as words
from handlers.context import CareContext
from scheduler import compose
from scheduler import texts as reminder_texts
from scheduler.deadlines import DeadlineKind, DeadlineStatus
from scheduler.rules import Due

DUE_BUTTONS = 20


def _button(label: str, action: Action, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(action, *args))


def _when(due: Due, context: CareContext) -> str:
    tz = context.runtime.settings.service.tz
    if due.day is None:
        return words.STATUS_RHI.format(moment=reminder_texts.moment_text(due.due_at, tz))
    if due.status is DeadlineStatus.OVERDUE:
        return words.STATUS_OVERDUE.format(day=reminder_texts.day_text(due.day))
    if due.status is DeadlineStatus.DUE:
        return words.STATUS_DUE
    return words.STATUS_UPCOMING.format(day=reminder_texts.day_text(due.day))


def _day_label(day: date, today: date) -> str:
    if day == today:
        return words.TODAY
    return words.YESTERDAY if (today - day).days == 1 else reminder_texts.day_text(day)


def _episode_moment(at: datetime, time_known: bool, context: CareContext) -> str:
    tz = context.runtime.settings.service.tz
    if time_known:
        return reminder_texts.moment_text(at, tz)
    return words.TIME_NOT_KNOWN.format(day=reminder_texts.day_text(at.astimezone(tz).date()))


async def _pa(update: Update, context: CareContext) -> Identity | None:
    """The PA sending this command, or None after telling anyone else kindly."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return None
    try:
        return await advisor.pa_identity(context.db, user.id)
    except AccessDenied:
        await message.reply_text(words.NOT_A_PA)
        return None


async def caseload_command(update: Update, context: CareContext) -> None:
    identity = await _pa(update, context)
    if identity is None or update.effective_message is None:
        return
    lines = await advisor.caseload(context.db, identity, context.now(), context.runtime.settings)
    if not lines:
        await update.effective_message.reply_text(words.CASELOAD_EMPTY)
        return
    rows = [words.CASELOAD_TITLE.format(count=len(lines))]
    rows += [_case_line(line, context) for line in lines]
    for chunk in _chunks(rows):
        await update.effective_message.reply_text(chunk)


def _case_line(line: advisor.CaseLine, context: CareContext) -> str:
    person = reminder_texts.who(line.person.preferred_name, line.person.case_ref)
    if line.next_due is None:
        text = words.CASELOAD_NOTHING_OPEN.format(person=person)
    else:
        what = reminder_texts.WHAT[line.next_due.kind]
        text = words.CASELOAD_LINE.format(person=person, what=what, when=_when(line.next_due, context))
    contact = line.last_contact
    if contact is None:
        return words.CASELOAD_NO_CONTACT.format(line=text)
    return words.CASELOAD_LAST_CONTACT.format(
        line=text,
        day=reminder_texts.day_text(contact.contacted_on),
        how=words.CONTACT_HOW[contact.method.value],
    )


def _chunks(rows: list[str], limit: int = 4000) -> list[str]:
    """Join lines into messages under Telegram's 4096 characters."""
    chunks, current = [], ""
    for row in rows:
        if current and len(current) + len(row) + 1 > limit:
            chunks.append(current)
            current = ""
        current = f"{current}\n{row}" if current else row
    return [*chunks, current] if current else chunks


async def due_command(update: Update, context: CareContext) -> None:
    identity = await _pa(update, context)
    if identity is None or update.effective_message is None:
        return
    found = await advisor.due_soon(context.db, identity, context.now(), context.runtime.settings)
    if not found:
        await update.effective_message.reply_text(words.DUE_NONE)
        return
    buttons = [
        [
            _button(
                f"{due.person.preferred_name or due.person.case_ref}: "
                f"{reminder_texts.WHAT[due.kind]}, {_when(due, context)}",
                Action.OPEN,
                due.kind.value,
                compose.target_id(due),
            )
        ]
        for due in found[:DUE_BUTTONS]
    ]
    text = words.DUE_TITLE.format(count=len(found))
    if len(found) > DUE_BUTTONS:
        text += "\n" + words.DUE_MORE.format(shown=DUE_BUTTONS)
    await update.effective_message.reply_text(text, reply_markup=InlineKeyboardMarkup(buttons))


async def missing_command(update: Update, context: CareContext) -> None:
    identity = await _pa(update, context)
    if identity is None or update.effective_message is None:
        return
    lines = await advisor.caseload(context.db, identity, context.now(), context.runtime.settings)
    if not lines:
        await update.effective_message.reply_text(words.MISSING_NOBODY)
        return
    buttons = [
        [
            _button(
                reminder_texts.who(line.person.preferred_name, line.person.case_ref),
                Action.MISSING_PERSON,
                line.person.id,
            )
        ]
        for line in lines
    ]
    await update.effective_message.reply_text(words.MISSING_PICK, reply_markup=InlineKeyboardMarkup(buttons))


async def on_button(update: Update, context: CareContext) -> None:
    """Every advisor button: decode, re-check the PA and the case in the service, act, and answer."""
    query = update.callback_query
    if query is None:
        return
    pressed = decode(query.data)
    if pressed is None:
        await query.answer(words.EXPIRED, show_alert=True)
        return
    try:
        identity = await advisor.pa_identity(context.db, query.from_user.id)
        text, markup = await ACTIONS[pressed.action](identity, pressed, context)
    except (AccessDenied, advisor.AdvisorError) as refusal:
        await query.answer(str(refusal), show_alert=True)
        return
    await query.answer()
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:  # the same button pressed twice: the message already says this
        if "not modified" not in str(error).lower():
            raise


Rendered = tuple[str, InlineKeyboardMarkup | None]


async def _open(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    kind_value, target = pressed.args
    due = await advisor.deadline(
        context.db, identity, _kind(kind_value), target, context.now(), context.runtime.settings
    )
    person = reminder_texts.who(due.person.preferred_name, due.person.case_ref)
    text = f"{person}: {reminder_texts.WHAT[due.kind]}, {_when(due, context)}."
    return text, InlineKeyboardMarkup.de_json({"inline_keyboard": compose.buttons(due)}, context.bot)


def _kind(value: str) -> DeadlineKind:
    try:
        return DeadlineKind(value)
    except ValueError:
        raise advisor.AdvisorError(words.EXPIRED) from None


async def _contact_done(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    (person_id,) = pressed.args
    person = await advisor.case(context.db, identity, person_id, context.now())
    buttons = [
        [_button(words.METHOD_LABELS[method.value], Action.CONTACT_METHOD, person_id, method.value)]
        for method in RECORDABLE_CONTACT_METHODS
    ]
    return words.ASK_METHOD.format(
        person=reminder_texts.who(person.preferred_name, person.case_ref)
    ), InlineKeyboardMarkup(buttons)


def _day_buttons(context: CareContext, action: Action, *args: object) -> InlineKeyboardMarkup:
    days = advisor.days_back(context.now(), context.runtime.settings)
    today = days[0]
    return InlineKeyboardMarkup(
        [[_button(_day_label(day, today), action, *args, (today - day).days)] for day in days]
    )


async def _contact_method(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    person_id, method = pressed.args
    person = await advisor.case(context.db, identity, person_id, context.now())
    text = words.ASK_CONTACT_DAY.format(
        method=words.METHOD_LABELS[method.value].lower(),
        person=reminder_texts.who(person.preferred_name, person.case_ref),
    )
    return text, _day_buttons(context, Action.CONTACT_DAY, person_id, method.value)


async def _contact_day(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    person_id, method, days_ago = pressed.args
    person, day = await advisor.record_contact(
        context.db, identity, person_id, method, days_ago, context.now(), context.runtime.settings
    )
    text = words.CONTACT_RECORDED.format(
        method=words.METHOD_LABELS[method.value].lower(),
        person=reminder_texts.who(person.preferred_name, person.case_ref),
        day=reminder_texts.day_text(day),
    )
    return text, None


async def _review_done(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    (person_id,) = pressed.args
    person = await advisor.case(context.db, identity, person_id, context.now())
    text = words.ASK_REVIEW_DAY.format(person=reminder_texts.who(person.preferred_name, person.case_ref))
    return text, _day_buttons(context, Action.REVIEW_DAY, person_id)


async def _review_day(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    person_id, days_ago = pressed.args
    person, day = await advisor.record_review(
        context.db, identity, person_id, days_ago, context.now(), context.runtime.settings
    )
    person_text = reminder_texts.who(person.preferred_name, person.case_ref)
    return words.REVIEW_RECORDED.format(person=person_text, day=reminder_texts.day_text(day)), None


def _rhi(outcome: str):
    async def record(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
        (episode_id,) = pressed.args
        person, _ = await advisor.record_rhi(context.db, identity, episode_id, outcome, context.now())
        return words.RHI_RECORDED[outcome].format(
            person=reminder_texts.who(person.preferred_name, person.case_ref)
        ), None

    return record


async def _snooze(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    kind_value, target = pressed.args
    kind = _kind(kind_value)
    due = await advisor.deadline(context.db, identity, kind, target, context.now(), context.runtime.settings)
    text = words.ASK_SNOOZE.format(
        what=reminder_texts.WHAT[kind],
        person=reminder_texts.who(due.person.preferred_name, due.person.case_ref),
    )
    buttons = [
        [_button(words.SNOOZE_LABELS[option], Action.SNOOZE_FOR, kind.value, target, option)]
        for option in advisor.snooze_options(kind)
    ]
    return text, InlineKeyboardMarkup(buttons)


async def _snooze_for(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    kind_value, target, option = pressed.args
    kind = _kind(kind_value)
    settings = context.runtime.settings
    due, until = await advisor.snooze(context.db, identity, kind, target, option, context.now(), settings)
    text = words.SNOOZED.format(
        what=reminder_texts.WHAT[kind],
        person=reminder_texts.who(due.person.preferred_name, due.person.case_ref),
        moment=reminder_texts.moment_text(until, settings.service.tz),
    )
    return text, None


async def _missing_person(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    (person_id,) = pressed.args
    person, current = await advisor.open_episode(context.db, identity, person_id)
    who = reminder_texts.who(person.preferred_name, person.case_ref)
    if current is None:
        missing, away = EpisodeKind.MISSING.value, EpisodeKind.AWAY.value
        buttons = [
            [_button(words.MISSING_NOW, Action.MISSING_START, person_id, missing, "now")],
            [_button(words.MISSING_TODAY, Action.MISSING_START, person_id, missing, "today")],
            [_button(words.MISSING_YESTERDAY, Action.MISSING_START, person_id, missing, "yesterday")],
            [_button(words.AWAY_NOW, Action.MISSING_START, person_id, away, "now")],
        ]
        return words.MISSING_ASK_START.format(person=who), InlineKeyboardMarkup(buttons)
    assert current.id is not None
    buttons = [
        [_button(label, Action.MISSING_RETURN, current.id, when)]
        for label, when in (
            (words.BACK_NOW, "now"),
            (words.BACK_TODAY, "today"),
            (words.BACK_YESTERDAY, "yesterday"),
        )
    ]
    moment = reminder_texts.moment_text(current.started_at, context.runtime.settings.service.tz)
    text = words.MISSING_ASK_RETURN.format(person=who, kind=current.kind.value, moment=moment)
    return text, InlineKeyboardMarkup(buttons)


async def _missing_start(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    person_id, kind, when = pressed.args
    person, episode = await advisor.start_episode(
        context.db, identity, person_id, kind, when, context.now(), context.runtime.settings
    )
    moment = _episode_moment(episode.started_at, when == "now", context)
    text = words.MISSING_STARTED.format(
        person=reminder_texts.who(person.preferred_name, person.case_ref), kind=kind.value, moment=moment
    )
    return text, None


async def _missing_return(identity: Identity, pressed: Callback, context: CareContext) -> Rendered:
    episode_id, when = pressed.args
    settings = context.runtime.settings
    person, episode, rhi = await advisor.record_return(
        context.db, identity, episode_id, when, context.now(), settings
    )
    assert episode.returned_at is not None
    moment = _episode_moment(episode.returned_at, episode.return_time_known, context)
    text = words.RETURN_RECORDED.format(
        person=reminder_texts.who(person.preferred_name, person.case_ref), moment=moment
    )
    if rhi is not None:
        deadline = reminder_texts.moment_text(rhi.due_at, settings.service.tz)
        text += "\n" + words.RETURN_RHI.format(deadline=deadline)
        markup = InlineKeyboardMarkup.de_json({"inline_keyboard": compose.buttons(rhi)}, context.bot)
        return text, markup
    return text, None


ACTIONS = {
    Action.OPEN: _open,
    Action.CONTACT_DONE: _contact_done,
    Action.CONTACT_METHOD: _contact_method,
    Action.CONTACT_DAY: _contact_day,
    Action.REVIEW_DONE: _review_done,
    Action.REVIEW_DAY: _review_day,
    Action.RHI_OFFERED: _rhi("offered"),
    Action.RHI_DONE: _rhi("done"),
    Action.RHI_DECLINED: _rhi("declined"),
    Action.SNOOZE: _snooze,
    Action.SNOOZE_FOR: _snooze_for,
    Action.MISSING_PERSON: _missing_person,
    Action.MISSING_START: _missing_start,
    Action.MISSING_RETURN: _missing_return,
}


def register(app: Application) -> None:
    app.add_handler(CommandHandler("caseload", caseload_command))
    app.add_handler(CommandHandler("due", due_command))
    app.add_handler(CommandHandler("missing", missing_command))
    app.add_handler(CallbackQueryHandler(on_button, pattern=PATTERN))
