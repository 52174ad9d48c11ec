"""Managers and admins run their team in the chat: /staff (add someone and get their invite to forward, a
new invite, a new team, someone has left) and /caseloads (each PA against the target, and moving young
people to a PA with room).

Thin: every press and every typed answer is checked again in ``bot.services.staffing`` and
``bot.services.allocation`` (role, team, and that the records are still as shown); where a change is
part-way (a name typed, young people ticked) lives in the store, so a restart loses nothing.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application

from bot.callbacks import STAFFING, OutOfDate, Staffing
from bot.menus import clear_menu_for
from bot.models import Role
from bot.models_leaver import ConversationState
from bot.services import allocation, conversation, staffing
from bot.services.access import AccessDenied
from bot.services.identity import Identity
from bot.wording import team as words
from handlers import leaver_texts, private
from handlers import team_views as views
from handlers.context import CareContext
from handlers.views import View, show

ADD_NAME, ADD_WORKER_ID, ADD_CONFIRM, MOVE = (
    "team_add_name",
    "team_add_worker_id",
    "team_add_confirm",
    "team_move",
)
REFUSALS = (AccessDenied, staffing.StaffError, allocation.MoveError)


class _Stale(Exception):
    """A button for a step the conversation is no longer at (timed out, cancelled or done)."""


async def _asker(update: Update, context: CareContext) -> Identity | None:
    """A manager or admin; anyone else is told kindly and gets None."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return None
    identity = await context.identity(user.id)
    try:
        staffing.manager_or_admin(identity)
    except AccessDenied as refusal:
        await message.reply_text(str(refusal))
        return None
    return identity


async def staff_command(update: Update, context: CareContext) -> None:
    """``/staff``: a manager's own team; an admin first picks a team (or the admins)."""
    identity = await _asker(update, context)
    if identity is None:
        return
    if identity.role is Role.ADMIN:
        await show(update, views.teams(await staffing.visible_teams(context.db, identity)))
        return
    assert identity.staff is not None and identity.staff.team_id is not None
    await show(update, await _staff_list(context, identity, identity.staff.team_id))


async def caseloads_command(update: Update, context: CareContext) -> None:
    """``/caseloads``: each PA of the team against the target, with buttons to move young people."""
    identity = await _asker(update, context)
    if identity is None:
        return
    if identity.role is Role.MANAGER:
        assert identity.staff is not None and identity.staff.team_id is not None
        await show(update, await _loads(context, identity, identity.staff.team_id))
        return
    found = await staffing.visible_teams(context.db, identity)
    await show(update, views.teams_for_caseloads(found))


async def _staff_list(context: CareContext, identity: Identity, team_id: int | None) -> View:
    return views.staff_list(await staffing.team_staff(context.db, identity, team_id, context.now()))


async def _loads(context: CareContext, identity: Identity, team_id: int) -> View:
    target = context.runtime.settings.managers.caseload_target
    return views.loads(await allocation.team_loads(context.db, identity, team_id, context.now(), target))


# Buttons.

Action = Callable[[Update, CareContext, Identity, tuple[Any, ...]], Awaitable[View | None]]


async def on_button(update: Update, context: CareContext) -> None:
    """Every staffing button: decode, act through the services (which check role and team), show."""
    query = update.callback_query
    if query is None:
        return
    try:
        pressed = STAFFING.decode(query.data)
    except OutOfDate:
        await query.answer(words.EXPIRED, show_alert=True)
        return
    identity = await context.identity(query.from_user.id)
    try:
        view = await ACTIONS[Staffing(pressed.action)](update, context, identity, pressed.args)
    except REFUSALS as refusal:
        await query.answer(str(refusal), show_alert=True)
        return
    except _Stale:
        await query.answer(words.GONE_STALE, show_alert=True)
        return
    await query.answer()
    if view is not None:
        await show(update, view, edit=True)


async def _teams(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    return views.teams(await staffing.visible_teams(context.db, identity))


async def _team(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    (team_id,) = args
    return await _staff_list(context, identity, team_id or None)


async def _member(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    (staff_id,) = args
    member, team = await staffing.member_card(context.db, identity, staff_id, context.now())
    settings = context.runtime.settings
    return views.member_card(
        member,
        team,
        settings.managers.caseload_target,
        settings.service.tz,
        may_change=identity.staff is not None and identity.staff.id != staff_id,
    )


# Adding someone: their role and team from the button, then their name and worker id typed, then a
# confirmation. The answers so far wait in the store.


async def _add(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    role, team_id = Role(args[0]), args[1] or None
    await staffing.check_may_add(context.db, identity, role, team_id)
    await conversation.move_to(
        context.db, identity.telegram_user_id, ADD_NAME, context.now(), role=role.value, team=team_id
    )
    return views.ask_name(role)


async def _typed_name(context: CareContext, identity: Identity, state: ConversationState, typed: str) -> View:
    try:
        name = staffing.clean_name(typed)
    except staffing.StaffError as problem:
        return views.retry(str(problem))
    await conversation.move_to(
        context.db, identity.telegram_user_id, ADD_WORKER_ID, context.now(), **state.data, name=name
    )
    return views.ask_worker_id()


async def _typed_worker_id(
    context: CareContext, identity: Identity, state: ConversationState, typed: str
) -> View:
    try:
        worker_id = await staffing.clean_worker_id(context.db, typed)
    except staffing.StaffError as problem:
        return views.retry(str(problem), skip=True)
    return await _confirm_add(context, identity, state, worker_id)


async def _skip_worker_id(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> View:
    state = await _state(context, identity, ADD_WORKER_ID)
    return await _confirm_add(context, identity, state, None)


async def _confirm_add(
    context: CareContext, identity: Identity, state: ConversationState, worker_id: str | None
) -> View:
    data = {**state.data, "worker_id": worker_id}
    role = Role(data["role"])
    team = await staffing.check_may_add(context.db, identity, role, data["team"])
    await conversation.move_to(context.db, identity.telegram_user_id, ADD_CONFIRM, context.now(), **data)
    same_name = await staffing.same_name_exists(context.db, data["name"])
    return views.confirm_add(data["name"], role, team, worker_id, same_name=same_name)


async def _added(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    state = await _state(context, identity, ADD_CONFIRM)
    settings = context.runtime.settings
    member, made = await staffing.add(
        context.db,
        identity,
        name=state.data["name"],
        role=Role(state.data["role"]),
        team_id=state.data["team"],
        worker_id=state.data["worker_id"],
        now=context.now(),
        valid_for=settings.invites.valid_for,
        bot_username=settings.telegram.username,
    )
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.added(member), edit=True)
    await _send_invite(update, context, member, made)
    return None


# A new invite, someone has left, a new team: each asks first.


async def _invite(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    member, _ = await staffing.member_card(context.db, identity, args[0], context.now())
    return views.confirm_invite(member.staff)


async def _invited(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> None:
    made = await _fresh_invite(context, identity, args[0], staffing.new_invite)
    await _send_invite(update, context, *made, edit=True)


async def _invite_again(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    """From a manager's note of reminders waiting: the invite comes as new messages, so the note stays."""
    made = await _fresh_invite(context, identity, args[0], staffing.invite_again)
    await _send_invite(update, context, *made)


async def _fresh_invite(
    context: CareContext, identity: Identity, staff_id: int, make: Callable[..., Awaitable[Any]]
) -> Any:
    """A new invite for ``staff_id`` through ``make`` (a staffing service: it checks who may)."""
    settings = context.runtime.settings
    return await make(
        context.db,
        identity,
        staff_id,
        now=context.now(),
        valid_for=settings.invites.valid_for,
        bot_username=settings.telegram.username,
    )


async def _send_invite(
    update: Update, context: CareContext, member: Any, made: Any, *, edit: bool = False
) -> None:
    ready, to_forward = views.invite(member, made, context.runtime.settings.service.tz)
    await show(update, ready, edit=edit)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, to_forward)


async def _left(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    member, _ = await staffing.member_card(context.db, identity, args[0], context.now())
    if identity.staff is not None and identity.staff.id == args[0]:
        raise AccessDenied(words.NOT_YOURSELF)
    return views.confirm_left(member.staff, member.young_people)


async def _confirm_left(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> View:
    tz = context.runtime.settings.service.tz
    done = await staffing.has_left(context.db, identity, args[0], context.now(), tz)
    if done.telegram_user_id is not None:
        await clear_menu_for(context.bot, done.telegram_user_id)
    await show(update, views.left(done), edit=True)
    await context.send_now(done.keys)


async def _change_team(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> View:
    member, _ = await staffing.member_card(context.db, identity, args[0], context.now())
    return views.pick_team(member.staff, await staffing.destination_teams(context.db, identity))


async def _team_picked(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> View:
    staff_id, team_id = args
    member, old = await staffing.member_card(context.db, identity, staff_id, context.now())
    try:
        new = await staffing.check_team_change(context.db, member.staff, team_id)
    except staffing.StaffError as problem:
        return views.still_has_caseload(str(problem), member.staff)
    return views.confirm_team(member.staff, old, new)


async def _confirm_team(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> View:
    member, team = await staffing.change_team(context.db, identity, args[0], args[1], context.now())
    return views.note(words.TEAM_DONE.format(name=member.name, team=team.name))


# Moving young people: the caseload to move from, then the young people (ticked, page by page), then the
# PA to move them to, then a confirmation. The ticks wait in the store.


async def _loads_button(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> View:
    return await _loads(context, identity, args[0])


async def _from(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    team_id, source = args
    found = await allocation.people_to_move(context.db, identity, team_id, source, context.now())
    if not found:
        return views.note(words.NOBODY_THERE)
    await conversation.move_to(
        context.db,
        identity.telegram_user_id,
        MOVE,
        context.now(),
        team=team_id,
        source=source,
        chosen=[],
        page=0,
    )
    return views.pick_people(await _source(context, source), found, set(), 0)


async def _toggle(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    person_id, page = args
    state = await _state(context, identity, MOVE)
    found = await _listed(context, identity, state)
    chosen = set(state.data["chosen"])
    if person_id in chosen:
        chosen.discard(person_id)
    elif any(person.id == person_id for person in found):
        chosen.add(person_id)
    await _keep(context, identity, state, chosen=sorted(chosen), page=page)
    return views.pick_people(await _source(context, state.data["source"]), found, chosen, page)


async def _all(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    """Tick everyone on the list (a whole caseload handed to one PA); pressed again, untick them all."""
    (page,) = args
    state = await _state(context, identity, MOVE)
    found = await _listed(context, identity, state)
    everyone = {person.id for person in found if person.id is not None}
    chosen = set() if everyone <= set(state.data["chosen"]) else everyone
    await _keep(context, identity, state, chosen=sorted(chosen), page=page)
    return views.pick_people(await _source(context, state.data["source"]), found, chosen, page)


async def _page(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    (page,) = args
    state = await _state(context, identity, MOVE)
    found = await _listed(context, identity, state)
    await _keep(context, identity, state, page=page)
    return views.pick_people(
        await _source(context, state.data["source"]), found, set(state.data["chosen"]), page
    )


async def _next(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    state = await _state(context, identity, MOVE)
    if not state.data["chosen"]:
        raise allocation.MoveError(words.NOBODY_CHOSEN)
    target = context.runtime.settings.managers.caseload_target
    found = await allocation.team_loads(context.db, identity, state.data["team"], context.now(), target)
    await _keep(context, identity, state)
    return views.pick_target(found, len(state.data["chosen"]), state.data["source"])


async def _to(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    (target_id,) = args
    state = await _state(context, identity, MOVE)
    team_id, source = state.data["team"], state.data["source"]
    caseload_target = context.runtime.settings.managers.caseload_target
    found = await allocation.team_loads(context.db, identity, team_id, context.now(), caseload_target)
    target = found.load_of(target_id)
    if target is None or target not in found.working:
        raise allocation.MoveError(words.NOT_A_PA_TO_MOVE_TO)
    chosen = await allocation.people_chosen(context.db, identity, team_id, source, state.data["chosen"])
    await _keep(context, identity, state)
    return views.confirm_move(found, await _source(context, source), target.member, chosen)


async def _confirm_move(
    update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]
) -> None:
    state = await _state(context, identity, MOVE)
    done = await allocation.move(
        context.db,
        identity,
        team_id=state.data["team"],
        source=state.data["source"],
        chosen=state.data["chosen"],
        target_id=args[0],
        now=context.now(),
        settings=context.runtime.settings,
        content=context.content,
        talk_to_pa=leaver_texts.MENU_BUTTONS["pa"],
    )
    await conversation.finish(context.db, identity.telegram_user_id)
    await context.send_now(done.keys)
    await show(update, views.moved(done), edit=True)
    await show(update, await _loads(context, identity, state.data["team"]))


async def _cancel(update: Update, context: CareContext, identity: Identity, args: tuple[Any, ...]) -> View:
    await conversation.finish(context.db, identity.telegram_user_id)
    return views.note(words.CANCELLED)


async def _state(context: CareContext, identity: Identity, step: str) -> ConversationState:
    """Where this asker's change is up to, if it is at ``step``; ``_Stale`` if not."""
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    if state is None or state.step != step:
        raise _Stale()
    return state


async def _keep(context: CareContext, identity: Identity, state: ConversationState, **changes: Any) -> None:
    """Save the move's choices so far (and so keep it from timing out while the manager is choosing)."""
    data = {**state.data, **changes}
    await conversation.move_to(context.db, identity.telegram_user_id, state.step, context.now(), **data)


async def _listed(context: CareContext, identity: Identity, state: ConversationState) -> list[Any]:
    return await allocation.people_listed(context.db, identity, state.data["team"], state.data["source"])


async def _source(context: CareContext, source: int) -> Any:
    return await allocation.source_staff(context.db, source)


ACTIONS: dict[Staffing, Action] = {
    Staffing.TEAMS: _teams,
    Staffing.TEAM: _team,
    Staffing.MEMBER: _member,
    Staffing.ADD: _add,
    Staffing.SKIP_WORKER_ID: _skip_worker_id,
    Staffing.CONFIRM_ADD: _added,
    Staffing.INVITE: _invite,
    Staffing.CONFIRM_INVITE: _invited,
    Staffing.INVITE_AGAIN: _invite_again,
    Staffing.LEFT: _left,
    Staffing.CONFIRM_LEFT: _confirm_left,
    Staffing.CHANGE_TEAM: _change_team,
    Staffing.TEAM_PICKED: _team_picked,
    Staffing.CONFIRM_TEAM: _confirm_team,
    Staffing.LOADS: _loads_button,
    Staffing.FROM: _from,
    Staffing.TOGGLE: _toggle,
    Staffing.PAGE: _page,
    Staffing.ALL: _all,
    Staffing.NEXT: _next,
    Staffing.TO: _to,
    Staffing.CONFIRM_MOVE: _confirm_move,
    Staffing.CANCEL: _cancel,
}


# Typed answers (a new member's name and worker id).

Step = Callable[[CareContext, Identity, ConversationState, str], Awaitable[View]]
STEPS: dict[str, Step] = {ADD_NAME: _typed_name, ADD_WORKER_ID: _typed_worker_id}


async def on_text(update: Update, context: CareContext, identity: Identity) -> bool:
    """Staff text (``handlers.leaver.on_text`` passes it here): a manager's or admin's typed answer to
    the step they are at. False for anything else, which is not for this module."""
    message = update.effective_message
    if message is None or message.text is None or identity.role not in (Role.MANAGER, Role.ADMIN):
        return False
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    step = STEPS.get(state.step) if state is not None else None
    if step is None or state is None:
        return False
    try:
        view = await step(context, identity, state, message.text)
    except REFUSALS as refusal:
        await conversation.finish(context.db, identity.telegram_user_id)
        view = views.note(str(refusal))
    await message.reply_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.markup)
    return True


async def cancel(update: Update, context: CareContext, identity: Identity) -> None:
    """``/cancel`` from staff (``handlers.leaver`` passes it here): drop a change part-way."""
    state = await conversation.current(context.db, identity.telegram_user_id, context.now())
    await conversation.finish(context.db, identity.telegram_user_id)
    await show(update, views.note(words.CANCELLED if state else words.NOTHING_TO_CANCEL))


def register(app: Application) -> None:
    app.add_handler(private.command("staff", staff_command))
    app.add_handler(private.command("caseloads", caseloads_command))
    app.add_handler(private.button(STAFFING.pattern, on_button))
