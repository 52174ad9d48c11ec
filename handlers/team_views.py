"""What managers and admins see when they run their team: staff lists and cards, the confirmations
before every change, caseloads against the target and the steps of moving young people. Pure: HTML text
(every name escaped) and buttons from ``bot.callbacks.STAFFING``."""

from zoneinfo import ZoneInfo

from bot.callbacks import STAFFING, Staffing
from bot.models import Role, Staff, Team, YoungPerson
from bot.outbox.buttons import Button
from bot.outbox.markup import markup
from bot.services.allocation import NO_PA, Moved, TeamLoads
from bot.services.invites import NewInvite
from bot.services.staffing import Left, Member, TeamStaff
from bot.wording import team as words
from bot.wording.staff import moment_text, who
from handlers.views import View, escape

PEOPLE_PER_PAGE = 8
DESTINATIONS_SHOWN = 8


def _button(label: str, action: Staffing, *fields: object) -> Button:
    return Button(label, STAFFING.encode(action, *fields))


def _view(lines: list[str], *rows: tuple[Button, ...] | list[Button]) -> View:
    return View("\n".join(lines), markup(tuple(tuple(row) for row in rows if row)))


def cancel_row() -> tuple[Button, ...]:
    return (_button(words.BUTTON_CANCEL, Staffing.CANCEL),)


def note(text: str) -> View:
    return View(escape(text))


# Staff.


def teams(found: list[Team]) -> View:
    """An admin's /staff: which team (or the admins)."""
    rows = [(_button(team.name, Staffing.TEAM, team.id),) for team in found]
    rows.append((_button(words.BUTTON_ADMINS, Staffing.TEAM, 0),))
    return _view([words.TEAMS_TITLE], *rows)


def teams_for_caseloads(found: list[Team]) -> View:
    """An admin's /caseloads: which team."""
    rows = [(_button(team.name, Staffing.LOADS, team.id),) for team in found]
    return _view([words.CASELOADS_WHICH_TEAM], *rows)


def staff_list(listing: TeamStaff) -> View:
    team = listing.team
    title = words.STAFF_TITLE.format(team=escape(team.name)) if team else words.ADMINS_TITLE
    lines = [title, ""]
    for member in listing.members:
        line = words.MEMBER_LINE.format(
            name=escape(member.staff.name), role=words.ROLE_NAMES[member.staff.role]
        )
        if member.staff.role is Role.PA:
            line += words.CASES.format(young=words.young_people(member.young_people))
        if not member.joined:
            line += words.NOT_JOINED
        lines.append(line)
    if not listing.members:
        lines.append(words.NOBODY_YET)
    names = [
        _button(member.staff.name, Staffing.MEMBER, member.staff.id)
        for member in listing.members
        if member.staff.id in listing.manageable
    ]
    if names:
        lines += ["", words.STAFF_HINT]
    rows: list[tuple[Button, ...]] = [tuple(names[start : start + 2]) for start in range(0, len(names), 2)]
    team_id = team.id if team else 0
    rows.append(
        tuple(_button(words.BUTTON_ADD[role], Staffing.ADD, role.value, team_id) for role in listing.may_add)
    )
    if team is not None:
        rows.append((_button(words.BUTTON_CASELOADS, Staffing.LOADS, team.id),))
    return _view(lines, *rows)


def member_card(member: Member, team: Team | None, target: int, tz: ZoneInfo, *, may_change: bool) -> View:
    staff = member.staff
    role = words.ROLE_NAMES[staff.role]
    lines = [
        words.CARD_TITLE.format(name=escape(staff.name)),
        words.CARD_ROLE.format(role=role, team=escape(team.name))
        if team
        else words.CARD_ROLE_NO_TEAM.format(role=role),
    ]
    if staff.role is Role.PA:
        lines.append(words.CARD_CASES.format(count=member.young_people, target=target))
    if member.joined:
        lines.append(words.CARD_JOINED)
    elif member.invite_until is not None:
        lines.append(words.CARD_INVITE_OPEN.format(until=moment_text(member.invite_until, tz)))
    else:
        lines.append(words.CARD_NO_INVITE)
    rows: list[tuple[Button, ...]] = [(_button(words.BUTTON_NEW_INVITE, Staffing.INVITE, staff.id),)]
    if staff.role is Role.PA and member.young_people and team is not None:
        rows.append((_button(words.BUTTON_MOVE_FROM, Staffing.FROM, team.id, staff.id),))
    if may_change and staff.team_id is not None:
        rows.append((_button(words.BUTTON_CHANGE_TEAM, Staffing.CHANGE_TEAM, staff.id),))
    if may_change:
        rows.append((_button(words.BUTTON_HAS_LEFT, Staffing.LEFT, staff.id),))
    rows.append((_button(words.BUTTON_BACK_TO_STAFF, Staffing.TEAM, staff.team_id or 0),))
    return _view(lines, *rows)


def ask_name(role: Role) -> View:
    return _view([escape(words.ASK_NAME.format(role=words.ROLE_NAMES[role]))], cancel_row())


def ask_worker_id() -> View:
    return _view(
        [escape(words.ASK_WORKER_ID)], (_button(words.BUTTON_SKIP, Staffing.SKIP_WORKER_ID),), cancel_row()
    )


def retry(text: str, *, skip: bool = False) -> View:
    rows = [(_button(words.BUTTON_SKIP, Staffing.SKIP_WORKER_ID),)] if skip else []
    return _view([escape(text)], *rows, cancel_row())


def confirm_add(name: str, role: Role, team: Team | None, worker_id: str | None, *, same_name: bool) -> View:
    if team is None:
        lines = [words.CONFIRM_ADD_ADMIN.format(name=escape(name))]
    else:
        lines = [
            words.CONFIRM_ADD.format(
                name=escape(name), role=words.ROLE_WITH_ARTICLE[role], team=escape(team.name)
            )
        ]
    if worker_id:
        lines.append(words.CONFIRM_WORKER_ID.format(worker_id=escape(worker_id)))
    if same_name:
        lines.append(words.SAME_NAME.format(name=escape(name)))
    return _view(lines, (_button(words.BUTTON_CONFIRM_ADD, Staffing.CONFIRM_ADD),), cancel_row())


def added(member: Staff) -> View:
    return note(words.ADDED.format(name=member.name, role=words.ROLE_WITH_ARTICLE[member.role]))


def confirm_invite(member: Staff) -> View:
    lines = [escape(words.CONFIRM_INVITE.format(name=member.name))]
    if member.telegram_user_id is not None:
        lines.append(words.CONFIRM_INVITE_JOINED)
    return _view(
        lines, (_button(words.BUTTON_CONFIRM_INVITE, Staffing.CONFIRM_INVITE, member.id),), cancel_row()
    )


def invite(member: Staff, made: NewInvite, tz: ZoneInfo) -> tuple[View, str]:
    """Two messages: a note for the manager, and the invite itself, to forward as it is (plain text)."""
    until = moment_text(made.expires_at, tz)
    ready = note(words.INVITE_READY.format(name=member.name, until=until))
    to_forward = words.INVITE_TO_FORWARD.format(
        name=member.name, role=words.ROLE_WITH_ARTICLE[member.role], link=made.link, until=until
    )
    return ready, to_forward


def confirm_left(member: Staff, young_people: int) -> View:
    lines = [escape(words.CONFIRM_LEFT.format(name=member.name))]
    if young_people:
        lines.append(words.CONFIRM_LEFT_CASES.format(young=words.young_people(young_people)))
    confirm = _button(words.BUTTON_CONFIRM_LEFT.format(name=member.name), Staffing.CONFIRM_LEFT, member.id)
    return _view(lines, (confirm,), cancel_row())


def left(done: Left) -> View:
    member, young_people = done.member, done.young_people
    lines = [escape(words.LEFT_DONE.format(name=member.name))]
    if done.withdrawn:
        lines.append(words.LEFT_WITHDRAWN.format(count=done.withdrawn))
    if done.alerts:
        lines.append(words.LEFT_ALERTS.format(count=done.alerts))
    rows: list[tuple[Button, ...]] = []
    if young_people:
        lines += [
            words.LEFT_REMINDERS,
            "",
            escape(words.LEFT_CASES.format(name=member.name, young=words.young_people(young_people))),
        ]
        rows.append((_button(words.BUTTON_HAND_OVER, Staffing.FROM, member.team_id or 0, member.id),))
    return _view(lines, *rows)


def pick_team(member: Staff, found: list[Team]) -> View:
    rows = [
        (_button(team.name, Staffing.TEAM_PICKED, member.id, team.id),)
        for team in found
        if team.id != member.team_id
    ]
    return _view([escape(words.PICK_TEAM.format(name=member.name))], *rows, cancel_row())


def confirm_team(member: Staff, old: Team | None, new: Team) -> View:
    text = words.CONFIRM_TEAM.format(name=member.name, old=old.name if old else "-", new=new.name)
    confirm = _button(
        words.BUTTON_CONFIRM_TEAM.format(name=member.name, team=new.name),
        Staffing.CONFIRM_TEAM,
        member.id,
        new.id,
    )
    return _view([escape(text)], (confirm,), cancel_row())


def still_has_caseload(text: str, member: Staff) -> View:
    return _view(
        [escape(text)], (_button(words.BUTTON_MOVE_FROM, Staffing.FROM, member.team_id or 0, member.id),)
    )


# Caseloads.


def loads(found: TeamLoads) -> View:
    lines = [words.CASELOADS_TITLE.format(team=escape(found.team.name))]
    if found.average is None:
        lines.append(words.CASELOADS_TARGET_NO_PAS.format(target=found.target))
    else:
        lines.append(
            words.CASELOADS_TARGET.format(
                target=found.target, average=f"{found.average:.1f}", pas=len(found.working)
            )
        )
    lines.append("")
    rows: list[tuple[Button, ...]] = []
    for load in found.working:
        name, count = escape(load.member.name), load.young_people
        if load.room < 0:
            lines.append(words.LOAD_OVER.format(name=name, count=count, over=-load.room))
        elif load.room == 0:
            lines.append(words.LOAD_AT.format(name=name, count=count))
        else:
            lines.append(words.LOAD_ROOM.format(name=name, count=count, room=load.room))
        if count:
            label = words.BUTTON_FROM.format(name=load.member.name, count=count)
            rows.append((_button(label, Staffing.FROM, found.team.id, load.member.id),))
    for load in found.left:
        lines.append(words.LOAD_LEFT.format(name=escape(load.member.name), count=load.young_people))
        label = words.BUTTON_FROM_LEFT.format(name=load.member.name, count=load.young_people)
        rows.append((_button(label, Staffing.FROM, found.team.id, load.member.id),))
    if found.without_pa:
        lines.append(words.WITHOUT_PA.format(count=found.without_pa))
        label = words.BUTTON_WITHOUT_PA.format(count=found.without_pa)
        rows.append((_button(label, Staffing.FROM, found.team.id, NO_PA),))
    if rows:
        lines += ["", words.CASELOADS_HINT]
    return _view(lines, *rows)


def source_name(source: Staff | None) -> str:
    return source.name if source is not None else words.NO_PA_SOURCE


def pick_people(source: Staff | None, found: list[YoungPerson], chosen: set[int], page: int) -> View:
    pages = max(1, -(-len(found) // PEOPLE_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = found[page * PEOPLE_PER_PAGE : (page + 1) * PEOPLE_PER_PAGE]
    lines = [words.PICK_PEOPLE.format(source=escape(source_name(source)), chosen=len(chosen))]
    if pages > 1:
        lines.append(words.PICK_PEOPLE_PAGE.format(page=page + 1, pages=pages))
    rows: list[tuple[Button, ...]] = []
    for person in shown:
        mark = words.CHOSEN_MARK if person.id in chosen else ""
        rows.append(
            (_button(mark + who(person.preferred_name, person.case_ref), Staffing.TOGGLE, person.id, page),)
        )
    paging = []
    if page > 0:
        paging.append(_button(words.BUTTON_PREVIOUS, Staffing.PAGE, page - 1))
    if page < pages - 1:
        paging.append(_button(words.BUTTON_MORE, Staffing.PAGE, page + 1))
    rows.append(tuple(paging))
    if len(found) > 1:
        everyone = len(chosen) == len(found)
        label = words.BUTTON_NONE if everyone else words.BUTTON_ALL.format(count=len(found))
        rows.append((_button(label, Staffing.ALL, page),))
    if chosen:
        rows.append((_button(words.BUTTON_NEXT, Staffing.NEXT),))
    rows.append(cancel_row())
    return _view(lines, *rows)


def pick_target(found: TeamLoads, count: int, source: int) -> View:
    choices = found.destinations(count, source)
    lines = [words.PICK_PA.format(young=words.young_people(count), target=found.target)]
    if not choices:
        return _view([*lines, "", escape(words.NO_PA_WITH_ROOM)], cancel_row())
    rows = []
    for number, (load, after) in enumerate(choices[:DESTINATIONS_SHOWN]):
        label = words.BUTTON_TO.format(name=load.member.name, before=load.young_people, after=after)
        if number == 0 and load.room >= count:
            label += words.SUGGESTED
        rows.append((_button(label, Staffing.TO, load.member.id),))
    return _view(lines, *rows, cancel_row())


def confirm_move(found: TeamLoads, source: Staff | None, target: Staff, chosen: list[YoungPerson]) -> View:
    count = len(chosen)
    young = words.young_people(count)
    lines = [escape(words.CONFIRM_MOVE.format(young=young, source=source_name(source), target=target.name))]
    lines += [f"• {escape(who(person.preferred_name, person.case_ref))}" for person in chosen]
    lines.append("")
    if source is not None and (load := found.load_of(source.id or 0)) is not None:
        lines.append(
            escape(
                words.CONFIRM_MOVE_LOADS.format(
                    name=source.name, before=load.young_people, after=load.young_people - count
                )
            )
        )
    if (load := found.load_of(target.id or 0)) is not None:
        lines.append(
            escape(
                words.CONFIRM_MOVE_LOADS.format(
                    name=target.name, before=load.young_people, after=load.young_people + count
                )
            )
        )
    lines.append(escape(words.CONFIRM_MOVE_WHAT.format(target=target.name)))
    return _view(lines, (_button(words.BUTTON_CONFIRM_MOVE, Staffing.CONFIRM_MOVE, target.id),), cancel_row())


def moved(done: Moved) -> View:
    lines = [escape(words.MOVED.format(young=words.young_people(done.count), target=done.target.name))]
    told = []
    if done.told_young_people:
        told.append(words.TOLD_YOUNG_PEOPLE.format(young=words.young_people(done.told_young_people)))
    if done.told_target:
        told.append(escape(done.target.name))
    if told:
        lines.append(words.MOVED_TOLD.format(told=", ".join(told)))
    if not done.told_target:
        lines.append(escape(words.NOT_TOLD_PA.format(name=done.target.name)))
    return _view(lines)
