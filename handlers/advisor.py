"""The PA's commands and buttons: /caseload, /due, /missing, /passport, the buttons on every reminder, and
the answers to young people's requests and alerts (I'll call today / later / Done).

Thin: parse the update, check the PA through the advisor service, call one service function, render with
``handlers.advisor_views``. Every press is re-checked in the service (role and case ownership); callback
data is only a hint.
"""

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application

from bot.callbacks import ADVISOR, HANDOFF, Advisor, OutOfDate, Pressed
from bot.models import MilestoneKind, Role
from bot.models_leaver import AlertState, Response
from bot.outbox.buttons import Keyboard
from bot.outbox.markup import markup
from bot.services import advisor, escalation, handoff, passport
from bot.services.access import AccessDenied
from bot.services.identity import Identity
from bot.wording import pa as words
from bot.wording.staff import WHAT, day_text, moment_text
from handlers import advisor_views as views
from handlers import leaver_texts, private
from handlers.context import CareContext
from handlers.leaver import show_passport
from handlers.views import chunks

Rendered = tuple[str, Keyboard]


async def _pa(update: Update, context: CareContext) -> Identity | None:
    """The PA sending this command, or None after telling anyone else kindly."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return None
    try:
        return advisor.as_pa(await context.identity(user.id))
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
    for chunk in chunks(views.caseload(lines, context.runtime.settings.service.tz)):
        await update.effective_message.reply_text(chunk)


async def due_command(update: Update, context: CareContext) -> None:
    identity = await _pa(update, context)
    if identity is None or update.effective_message is None:
        return
    settings, now = context.runtime.settings, context.now()
    found = await advisor.due_soon(context.db, identity, now, settings)
    work, people = await advisor.open_work(context.db, identity, now)
    if not found and not work:
        await update.effective_message.reply_text(words.DUE_NONE)
        return
    text, buttons = views.due_view(found, work, people, now, settings.rules, settings.service.tz)
    await update.effective_message.reply_text(text, reply_markup=markup(buttons))


async def missing_command(update: Update, context: CareContext) -> None:
    identity = await _pa(update, context)
    if identity is None or update.effective_message is None:
        return
    lines = await advisor.caseload(context.db, identity, context.now(), context.runtime.settings)
    if not lines:
        await update.effective_message.reply_text(words.MISSING_NOBODY)
        return
    await update.effective_message.reply_text(
        words.MISSING_PICK, reply_markup=markup(views.people_to_pick(lines))
    )


async def passport_command(update: Update, context: CareContext) -> None:
    """Staff: their young people's progress (audited). A young person: their own passport."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    identity = await context.identity(user.id)
    if identity.role is Role.LEAVER:
        await show_passport(update, context, identity)
        return
    try:
        caseload = await passport.caseload_progress(context.db, identity, context.content, now=context.now())
    except AccessDenied as denied:
        await message.reply_text(str(denied))
        return
    for chunk in chunks(views.passport_lines(caseload)):
        await message.reply_text(chunk, parse_mode=ParseMode.HTML)


async def on_button(update: Update, context: CareContext) -> None:
    """Every advisor button: decode, re-check the PA and the case in the service, act, and answer."""
    query = update.callback_query
    if query is None:
        return
    try:
        pressed = ADVISOR.decode(query.data)
    except OutOfDate:
        await query.answer(words.EXPIRED, show_alert=True)
        return
    try:
        identity = advisor.as_pa(await context.identity(query.from_user.id))
        text, buttons = await ACTIONS[Advisor(pressed.action)](identity, pressed, context)
    except (AccessDenied, advisor.AdvisorError) as refusal:
        await query.answer(str(refusal), show_alert=True)
        return
    await query.answer()
    try:
        await query.edit_message_text(text, reply_markup=markup(buttons))
    except BadRequest as error:  # the same button pressed twice: the message already says this
        if "not modified" not in str(error).lower():
            raise


async def on_answer(update: Update, context: CareContext) -> None:
    """An answer to a young person's request or a crisis alert, from anyone it was sent to (the PA, the
    duty contact, a manager, the chain): recorded, the escalation stopped, the young person told who
    answered in their own chat's words, and the others who had it told it is picked up."""
    query = update.callback_query
    assert query is not None and query.from_user is not None
    try:
        pressed = HANDOFF.decode(query.data)
    except OutOfDate:
        await query.answer(words.EXPIRED, show_alert=True)
        return
    response, (handoff_id,) = Response(pressed.action), pressed.args
    identity = await context.identity(query.from_user.id)

    def reply(answerer: handoff.Answerer) -> str:
        name = leaver_texts.YOUR_PA if answerer.is_pa else answerer.name[:1].upper() + answerer.name[1:]
        return leaver_texts.PA_REPLIED[response].format(who=name)

    try:
        answered = await handoff.answer(
            context.db,
            identity,
            handoff_id,
            response,
            reply=reply,
            now=context.now(),
            settings=context.runtime.settings,
        )
    except AccessDenied:
        await query.answer(str(AccessDenied()), show_alert=True)
        return
    await query.answer()
    await context.send_now(answered.send_now)
    text = (getattr(query.message, "text", None) or "") + words.ANSWERED.format(
        answer=words.ANSWER_LABELS[response]
    )
    closed = answered.handoff.state is AlertState.CLOSED
    is_pa = answered.answerer is not None and answered.answerer.is_pa
    labels = escalation.labels_for(answered.handoff, is_pa=is_pa)
    buttons = () if closed else escalation.answer_keyboard(handoff_id, labels)
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(text, reply_markup=markup(buttons))


# What each button does, given the PA and the decoded press: the new text and buttons.


async def _open(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    kind, target = pressed.args
    due = await advisor.deadline(context.db, identity, kind, target, context.now(), context.runtime.settings)
    return views.deadline(due, context.runtime.settings.service.tz)


async def _contact_done(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    (person_id,) = pressed.args
    return views.ask_method(await advisor.case(context.db, identity, person_id, context.now()))


async def _contact_method(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    person_id, method = pressed.args
    person = await advisor.case(context.db, identity, person_id, context.now())
    text = words.ASK_CONTACT_DAY.format(
        method=words.METHOD_LABELS[method.value].lower(), person=views.person_of(person)
    )
    days = advisor.days_back(context.now(), context.runtime.settings)
    return text, views.day_buttons(days, Advisor.CONTACT_DAY, person_id, method.value)


async def _contact_day(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    person_id, method, days_ago = pressed.args
    person, day = await advisor.record_contact(
        context.db, identity, person_id, method, days_ago, context.now(), context.runtime.settings
    )
    text = words.CONTACT_RECORDED.format(
        method=words.METHOD_LABELS[method.value].lower(), person=views.person_of(person), day=day_text(day)
    )
    return text, ()


async def _which_day(
    identity: Identity,
    context: CareContext,
    person_id: int,
    question: str,
    answer: Advisor,
    *fields: Any,
    **words_in: object,
) -> Rendered:
    """Ask which day something was done (the young person checked as the asker's): a button for each of
    the recent days, answered by ``answer`` with ``fields`` and then the person."""
    person = await advisor.case(context.db, identity, person_id, context.now())
    days = advisor.days_back(context.now(), context.runtime.settings)
    text = question.format(person=views.person_of(person), **words_in)
    return text, views.day_buttons(days, answer, *fields, person_id)


async def _review_done(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    (person_id,) = pressed.args
    return await _which_day(identity, context, person_id, words.ASK_REVIEW_DAY, Advisor.REVIEW_DAY)


async def _review_day(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    person_id, days_ago = pressed.args
    person, day = await advisor.record_review(
        context.db, identity, person_id, days_ago, context.now(), context.runtime.settings
    )
    return words.REVIEW_RECORDED.format(person=views.person_of(person), day=day_text(day)), ()


async def _assessment_done(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    (person_id,) = pressed.args
    return await _which_day(identity, context, person_id, words.ASK_ASSESSMENT_DAY, Advisor.ASSESSMENT_DAY)


async def _assessment_day(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    person_id, days_ago = pressed.args
    person, day = await advisor.record_milestone(
        context.db,
        identity,
        person_id,
        MilestoneKind.NEEDS_ASSESSMENT,
        days_ago,
        context.now(),
        context.runtime.settings,
    )
    return words.ASSESSMENT_RECORDED.format(person=views.person_of(person), day=day_text(day)), ()


async def _planned(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    kind, person_id = pressed.args
    age = words.TRANSITION_AGE[kind]
    return await _which_day(
        identity, context, person_id, words.ASK_PLANNED_DAY, Advisor.PLANNED_DAY, kind.value, age=age
    )


async def _planned_day(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    kind, person_id, days_ago = pressed.args
    person, day = await advisor.record_milestone(
        context.db,
        identity,
        person_id,
        MilestoneKind(kind.value),
        days_ago,
        context.now(),
        context.runtime.settings,
    )
    text = words.PLANNED_RECORDED.format(
        age=words.TRANSITION_AGE[kind], person=views.person_of(person), day=day_text(day)
    )
    return text, ()


def _rhi(outcome: str) -> Callable[[Identity, Pressed, CareContext], Awaitable[Rendered]]:
    async def record(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
        (episode_id,) = pressed.args
        person, _ = await advisor.record_rhi(context.db, identity, episode_id, outcome, context.now())
        return words.RHI_RECORDED[outcome].format(person=views.person_of(person)), ()

    return record


async def _snooze(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    kind, target = pressed.args
    due = await advisor.deadline(context.db, identity, kind, target, context.now(), context.runtime.settings)
    return views.snooze_options(due, target, advisor.snooze_options(kind))


async def _snooze_for(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    kind, target, option = pressed.args
    settings = context.runtime.settings
    due, until = await advisor.snooze(context.db, identity, kind, target, option, context.now(), settings)
    text = words.SNOOZED.format(
        what=WHAT[kind], person=views.person_of(due.person), moment=moment_text(until, settings.service.tz)
    )
    return text, ()


async def _missing_person(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    (person_id,) = pressed.args
    person, current = await advisor.open_episode(context.db, identity, person_id)
    return views.ask_missing(person, current, context.runtime.settings.service.tz)


async def _missing_start(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    person_id, kind, moment = pressed.args
    person, episode = await advisor.start_episode(
        context.db, identity, person_id, kind, moment, context.now(), context.runtime.settings
    )
    started = views.episode_moment(episode.started_at, moment == "now", context.runtime.settings.service.tz)
    text = words.MISSING_STARTED.format(person=views.person_of(person), kind=kind.value, moment=started)
    return text, ()


async def _missing_return(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    episode_id, moment = pressed.args
    settings = context.runtime.settings
    person, episode, rhi = await advisor.record_return(
        context.db, identity, episode_id, moment, context.now(), settings
    )
    assert episode.returned_at is not None
    back = views.episode_moment(episode.returned_at, episode.return_time_known, settings.service.tz)
    text = words.RETURN_RECORDED.format(person=views.person_of(person), moment=back)
    if rhi is None:
        return text, ()
    deadline = moment_text(rhi.due_at, settings.service.tz)
    _, buttons = views.deadline(rhi, settings.service.tz)
    return f"{text}\n{words.RETURN_RHI.format(deadline=deadline)}", buttons


async def _alert(identity: Identity, pressed: Pressed, context: CareContext) -> Rendered:
    (handoff_id,) = pressed.args
    record, person = await handoff.open_alert(context.db, identity, handoff_id, context.now())
    return views.alert(record, person, context.now())


ACTIONS: dict[Advisor, Callable[[Identity, Pressed, CareContext], Awaitable[Rendered]]] = {
    Advisor.OPEN: _open,
    Advisor.CONTACT_DONE: _contact_done,
    Advisor.CONTACT_METHOD: _contact_method,
    Advisor.CONTACT_DAY: _contact_day,
    Advisor.REVIEW_DONE: _review_done,
    Advisor.REVIEW_DAY: _review_day,
    Advisor.ASSESSMENT_DONE: _assessment_done,
    Advisor.ASSESSMENT_DAY: _assessment_day,
    Advisor.PLANNED: _planned,
    Advisor.PLANNED_DAY: _planned_day,
    Advisor.RHI_OFFERED: _rhi("offered"),
    Advisor.RHI_DONE: _rhi("done"),
    Advisor.RHI_DECLINED: _rhi("declined"),
    Advisor.SNOOZE: _snooze,
    Advisor.SNOOZE_FOR: _snooze_for,
    Advisor.MISSING_PERSON: _missing_person,
    Advisor.MISSING_START: _missing_start,
    Advisor.MISSING_RETURN: _missing_return,
    Advisor.ALERT: _alert,
}


def register(app: Application) -> None:
    app.add_handler(private.command("caseload", caseload_command))
    app.add_handler(private.command("due", due_command))
    app.add_handler(private.command("missing", missing_command))
    app.add_handler(private.command("passport", passport_command))
    app.add_handler(private.button(ADVISOR.pattern, on_button))
    app.add_handler(private.button(HANDOFF.pattern, on_answer))
