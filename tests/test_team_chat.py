"""Running a team in the chat, through Application.process_update: /staff (add someone with an invite to
forward, a new invite, a new team, someone has left) and /caseloads (moving young people to a PA with
room), each as its users would press it, and each refused to anyone else."""

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.models import OutboxMessage, Role, Staff
from bot.models_leaver import Handoff, HandoffKind, Response, Told
from bot.services import advisor
from bot.services.identity import identify
from bot.store import Database, audit, handoffs, outbox, people, staff
from bot.ticks import run_tick_now
from scheduler import sweep
from scheduler.deadlines import DeadlineKind
from tests.botapi_stub import RecordingRequest, Reply
from tests.conftest import NOW, button_update, text_update
from tests.known_service import (
    ADMIN,
    LEAVER_AMY,
    MANAGER_NORTH,
    MANAGER_SOUTH,
    PA_ROBIN,
    PA_SAM,
    KnownService,
    build,
)

NEW_USER = 7999


@pytest.fixture
async def service(app: Application) -> KnownService:
    return await build(database(app))


def database(app: Application) -> Database:
    return app.bot_data["runtime"].db


def screen(transport: RecordingRequest, chat: int) -> Reply:
    """What the chat shows now: the last message sent or edited."""
    return transport.replies(chat)[-1]


async def says(app: Application, user: int, text: str) -> None:
    await app.process_update(text_update(app, user, text))


async def presses(app: Application, transport: RecordingRequest, user: int, label: str) -> None:
    """Press the button whose label contains ``label`` on the newest screen that has one."""
    for reply in reversed(transport.replies(user)):
        if any(label in button for button in reply.buttons):
            await app.process_update(button_update(app, user, reply.button(label)))
            return
    raise AssertionError(f"no button {label!r} in chat {user}")


async def does(app: Application, transport: RecordingRequest, user: int, step: str) -> None:
    """Send a command ("/staff"), or press the button whose label contains ``step``."""
    if step.startswith("/"):
        await says(app, user, step)
    else:
        await presses(app, transport, user, step)


def alerts(transport: RecordingRequest, user: int) -> list[str]:
    return [
        str(call.params.get("text"))
        for call in transport.calls_to("answerCallbackQuery")
        if call.params.get("show_alert")
    ]


# /staff


async def test_a_manager_sees_their_team_with_caseloads_and_who_has_not_joined(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await says(app, MANAGER_NORTH, "/staff")
    shown = screen(transport, MANAGER_NORTH)
    assert shown.text.startswith("<b>Staff: North</b>")
    assert "• Robin Hall, PA: 4 young people" in shown.text  # Amy, Ben, Cal, Gus (Old has left)
    assert "• Sam Lee, PA: 2 young people" in shown.text
    assert "• Pat Green, PA: 0 young people (not joined yet)" in shown.text
    assert "• Mo Khan, manager" in shown.text and "Sue Hall" not in shown.text
    # Only those the manager may change are buttons: their PAs, not themselves.
    assert {"Robin Hall", "Sam Lee", "Pat Green", "Add a PA", "Caseloads"} == set(shown.buttons)
    [entry] = await audit.recent(database(app).reader)
    assert (entry.action, entry.detail) == ("staff list", f"team:{service.north.id}")


async def test_a_manager_adds_a_pa_who_joins_with_the_forwarded_invite(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await says(app, MANAGER_NORTH, "/staff")
    await presses(app, transport, MANAGER_NORTH, "Add a PA")
    assert "Type the new PA's full name" in screen(transport, MANAGER_NORTH).text
    await says(app, MANAGER_NORTH, "  Alex   Green ")
    assert "worker ID" in screen(transport, MANAGER_NORTH).text
    await presses(app, transport, MANAGER_NORTH, "Skip")
    assert screen(transport, MANAGER_NORTH).text == "Add Alex Green as a PA in North?"
    await presses(app, transport, MANAGER_NORTH, "Yes, add them")

    *_, ready, to_forward = transport.replies(MANAGER_NORTH)
    assert ready.text.startswith("Here is Alex Green's invite. Forward the next message to them.")
    assert to_forward.text.startswith(
        "Hello Alex Green. Open this link to join the leaving-care bot as a PA:"
    )
    link = next(word for word in to_forward.text.split() if word.startswith("https://t.me/"))

    await says(app, NEW_USER, f"/start {link.rsplit('=', 1)[1]}")
    assert (
        transport.sent_texts(NEW_USER)[-1]
        == "Welcome, Alex Green. Your account is linked as a personal advisor."
    )
    member = await staff.by_telegram_user(database(app).reader, NEW_USER)
    assert member is not None and (member.role, member.team_id) == (Role.PA, service.north.id)
    actions = [entry.action for entry in await audit.recent(database(app).reader)]
    assert "staff added" in actions


async def test_a_name_that_is_not_a_name_and_a_worker_id_in_use_are_asked_again(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    before = len(await staff.all_staff(database(app).reader))
    await says(app, MANAGER_NORTH, "/staff")
    await presses(app, transport, MANAGER_NORTH, "Add a PA")
    await says(app, MANAGER_NORTH, "12345")
    assert screen(transport, MANAGER_NORTH).text.startswith("Please type their name")
    await says(app, MANAGER_NORTH, "Alex Green")
    await says(app, MANAGER_NORTH, "W-Robin Hall")  # Robin's
    assert screen(transport, MANAGER_NORTH).text.startswith("Someone else already has that worker ID.")
    await says(app, MANAGER_NORTH, "W-77")
    assert "Worker ID: W-77" in screen(transport, MANAGER_NORTH).text
    await presses(app, transport, MANAGER_NORTH, "Cancel")
    assert screen(transport, MANAGER_NORTH).text == "Cancelled. Nothing was changed."
    assert len(await staff.all_staff(database(app).reader)) == before


async def test_a_new_invite_replaces_the_one_sent_before(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await says(app, MANAGER_NORTH, "/staff")
    await presses(app, transport, MANAGER_NORTH, "Pat Green")
    card = screen(transport, MANAGER_NORTH)
    assert "On Telegram: not yet, and they have no invite that still works." in card.text
    await presses(app, transport, MANAGER_NORTH, "Send a new invite")
    await presses(app, transport, MANAGER_NORTH, "Yes, make a new invite")
    first = transport.replies(MANAGER_NORTH)[-1].text.split("\n")[1]
    await presses(app, transport, MANAGER_NORTH, "Send a new invite")
    await presses(app, transport, MANAGER_NORTH, "Yes, make a new invite")
    second = transport.replies(MANAGER_NORTH)[-1].text.split("\n")[1]
    assert first != second

    await says(app, NEW_USER, f"/start {first.rsplit('=', 1)[1]}")
    assert (
        "doesn't work" in transport.sent_texts(NEW_USER)[-1]
        or "not work" in transport.sent_texts(NEW_USER)[-1]
    )
    await says(app, NEW_USER, f"/start {second.rsplit('=', 1)[1]}")
    assert transport.sent_texts(NEW_USER)[-1].startswith("Welcome, Pat Green.")


async def test_someone_who_has_left_loses_access_at_once_and_the_manager_hands_over(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    async with db.transaction() as tx:  # a reminder waiting for Sam
        await outbox.enqueue(
            tx,
            OutboxMessage(
                idempotency_key="contact:waiting",
                kind="reminder:contact",
                chat_id=PA_SAM,
                text="Due",
                due_at=NOW + timedelta(hours=1),
                created_at=NOW,
            ),
        )
    await says(app, MANAGER_NORTH, "/staff")
    await presses(app, transport, MANAGER_NORTH, "Sam Lee")
    await presses(app, transport, MANAGER_NORTH, "They have left")
    confirm = screen(transport, MANAGER_NORTH)
    assert confirm.text.startswith("Has Sam Lee left?")
    assert "They have 2 young people, who will need a new PA" in confirm.text
    await presses(app, transport, MANAGER_NORTH, "Yes, Sam Lee has left")

    done = screen(transport, MANAGER_NORTH)
    assert done.text.startswith("Done. Sam Lee can no longer use the bot.\n1 messages waiting")
    assert "Sam Lee had 2 young people. They need a new PA." in done.text
    [cleared] = transport.calls_to("deleteMyCommands")
    assert cleared.params["scope"]["chat_id"] == PA_SAM
    waiting = await outbox.by_key(db.reader, "contact:waiting")
    assert waiting is not None and waiting.cancelled_at is not None

    await says(app, PA_SAM, "/due")
    assert transport.sent_texts(PA_SAM)[-1] == "Sorry, only personal advisors can use that."

    await presses(app, transport, MANAGER_NORTH, "Hand them over now")
    await presses(app, transport, MANAGER_NORTH, "Dee")
    await presses(app, transport, MANAGER_NORTH, "Eve")
    await presses(app, transport, MANAGER_NORTH, "Next")
    await presses(app, transport, MANAGER_NORTH, "Pat Green")
    await presses(app, transport, MANAGER_NORTH, "Yes, move them")
    assert {person.preferred_name for person in await people.for_pa(db.reader, service.pat.id)} == {
        "Dee",
        "Eve",
    }
    assert "Sam Lee" not in screen(transport, MANAGER_NORTH).text  # the fresh caseloads


async def test_a_manager_moves_a_young_person_and_everyone_is_told(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await says(app, MANAGER_NORTH, "/caseloads")
    loads = screen(transport, MANAGER_NORTH)
    assert loads.text.startswith("<b>Caseloads: North</b>\nTarget: 22 each. Average: 2.0 over 3 PAs.")
    assert "• Robin Hall: 4 (room for 18)" in loads.text
    assert "• Without a PA: 1" in loads.text  # Fay
    await presses(app, transport, MANAGER_NORTH, "Robin Hall: 4")
    picking = screen(transport, MANAGER_NORTH)
    assert set(picking.buttons) >= {"Amy (CL-Amy)", "Ben (CL-Ben)", "Cal (CL-Cal)", "Gus (CL-Gus)"}
    await presses(app, transport, MANAGER_NORTH, "Amy")
    assert "✅ Amy (CL-Amy)" in screen(transport, MANAGER_NORTH).buttons
    await presses(app, transport, MANAGER_NORTH, "Next")
    targets = screen(transport, MANAGER_NORTH)
    assert list(targets.buttons)[:2] == ["Pat Green: 0 → 1 (most room)", "Sam Lee: 2 → 3"]
    await presses(app, transport, MANAGER_NORTH, "Sam Lee")
    confirm = screen(transport, MANAGER_NORTH)
    assert confirm.text.startswith("Move 1 young person from Robin Hall to Sam Lee?\n• Amy (CL-Amy)")
    assert "Robin Hall: 4 → 3" in confirm.text and "Sam Lee: 2 → 3" in confirm.text
    await presses(app, transport, MANAGER_NORTH, "Yes, move them")

    *_, done, fresh = transport.replies(MANAGER_NORTH)
    assert done.text.startswith("Done. 1 young person moved to Sam Lee.")
    assert "Told now: 1 young person on the bot, Sam Lee." in done.text
    assert "• Sam Lee: 3 (room for 19)" in fresh.text and "• Robin Hall: 3" in fresh.text
    told_amy = transport.replies(LEAVER_AMY)[-1]
    assert "Your new personal adviser (PA) is Sam Lee." in told_amy.text
    assert list(told_amy.buttons) == ["💬 Talk to my PA"]
    taken_on = transport.sent_texts(PA_SAM)[-1]
    assert taken_on.startswith("New on your caseload, moved from Robin Hall by Mo Khan:\n• Amy (CL-Amy)")
    # Amy: two RHIs and planning for 18 overdue; repeat missing, contact and review due.
    assert "Overdue or due now for them: 6." in taken_on
    assert transport.sent_texts(PA_ROBIN)[-1].startswith("1 of your young people now has Sam Lee as their PA")
    amy = await people.get(database(app).reader, service.person_ids["Amy"])
    assert amy is not None and amy.pa_id == service.sam.id
    moved = [
        entry
        for entry in await audit.for_person(database(app).reader, amy.id or 0)
        if entry.action == "new pa"
    ]
    assert [entry.detail for entry in moved] == [f"pa:{service.robin.id}->pa:{service.sam.id}"]


async def test_a_move_checks_again_when_confirmed(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    await says(app, MANAGER_NORTH, "/caseloads")
    await presses(app, transport, MANAGER_NORTH, "Robin Hall: 4")
    await presses(app, transport, MANAGER_NORTH, "Ben")
    await presses(app, transport, MANAGER_NORTH, "Next")
    await presses(app, transport, MANAGER_NORTH, "Pat Green")
    async with db.transaction() as tx:  # meanwhile, an import gives Ben to Sam
        await people.move_to_pa(tx, [service.person_ids["Ben"]], service.sam.id or 0, service.north.id)
    await presses(app, transport, MANAGER_NORTH, "Yes, move them")
    assert alerts(transport, MANAGER_NORTH)[-1].startswith("Something changed while you were choosing")
    ben = await people.get(db.reader, service.person_ids["Ben"])
    assert ben is not None and ben.pa_id == service.sam.id


async def test_reminders_after_a_move_go_to_the_new_pa_and_a_snooze_carries_on(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    settings = app.bot_data["runtime"].settings
    amy = service.person_ids["Amy"]  # no contact on record: contact is overdue
    robin = advisor.as_pa(await identify(db, PA_ROBIN))
    _, until = await advisor.snooze(db, robin, DeadlineKind.CONTACT, amy, "week", NOW, settings)
    await says(app, MANAGER_NORTH, "/caseloads")
    await presses(app, transport, MANAGER_NORTH, "Robin Hall: 4")
    await presses(app, transport, MANAGER_NORTH, "Amy")
    await presses(app, transport, MANAGER_NORTH, "Next")
    await presses(app, transport, MANAGER_NORTH, "Sam Lee")
    await presses(app, transport, MANAGER_NORTH, "Yes, move them")

    def contact_reminders(result: sweep.SweepResult) -> list[int]:
        return [
            message.chat_id
            for message in result.messages
            if message.kind == "reminder:contact" and "Amy" in message.text
        ]

    assert contact_reminders(await sweep.sweep(db, NOW + timedelta(minutes=1), settings)) == []
    assert contact_reminders(await sweep.sweep(db, until + timedelta(minutes=1), settings)) == [PA_SAM]


async def test_a_young_persons_rhi_reminders_go_to_their_new_pa(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    settings = app.bot_data["runtime"].settings
    await says(app, MANAGER_NORTH, "/caseloads")
    await presses(app, transport, MANAGER_NORTH, "Robin Hall: 4")
    await presses(app, transport, MANAGER_NORTH, "Gus")  # back from missing yesterday: an RHI is due
    await presses(app, transport, MANAGER_NORTH, "Next")
    await presses(app, transport, MANAGER_NORTH, "Sam Lee")
    await presses(app, transport, MANAGER_NORTH, "Yes, move them")
    queued = await sweep.sweep(db, NOW + timedelta(minutes=1), settings)
    about_gus = [message for message in queued.messages if "Gus" in message.text]
    reminders = [message for message in about_gus if message.kind.startswith("reminder:")]
    escalations = [message for message in about_gus if message.kind.startswith("escalation:")]
    assert reminders and {message.chat_id for message in reminders} == {PA_SAM}
    assert all("(PA: Sam Lee)" in message.text for message in escalations)


async def test_a_reminder_queued_for_the_old_pa_goes_to_the_new_one_after_a_move(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    settings = app.bot_data["runtime"].settings
    queued = await sweep.sweep(db, NOW, settings)  # Gus's RHI reminder, queued for Robin, not sent yet
    assert {m.chat_id for m in queued.messages if m.kind == "reminder:rhi" and "Gus" in m.text} == {PA_ROBIN}
    await says(app, MANAGER_NORTH, "/caseloads")
    await presses(app, transport, MANAGER_NORTH, "Robin Hall: 4")
    await presses(app, transport, MANAGER_NORTH, "Gus")
    await presses(app, transport, MANAGER_NORTH, "Next")
    await presses(app, transport, MANAGER_NORTH, "Sam Lee")
    await presses(app, transport, MANAGER_NORTH, "Yes, move them")
    await run_tick_now(app)

    def rhi_reminders(chat: int) -> list[str]:
        reminders = [text for text in transport.sent_texts(chat) if not text.startswith("Good morning")]
        return [text for text in reminders if "Gus" in text and "interview" in text.lower()]

    assert rhi_reminders(PA_ROBIN) == []
    assert rhi_reminders(PA_SAM), transport.sent_texts(PA_SAM)


# Teams.


async def test_a_pa_with_young_people_changes_team_only_after_handing_them_over(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await says(app, ADMIN, "/staff")
    await presses(app, transport, ADMIN, "North")
    await presses(app, transport, ADMIN, "Robin Hall")
    await presses(app, transport, ADMIN, "Change team")
    await presses(app, transport, ADMIN, "South")
    refused = screen(transport, ADMIN)
    assert refused.text.startswith("Robin Hall still has 4 young people. Move them to other PAs first")
    assert list(refused.buttons) == ["Move their young people"]

    await says(app, ADMIN, "/staff")
    await presses(app, transport, ADMIN, "North")
    await presses(app, transport, ADMIN, "Pat Green")
    await presses(app, transport, ADMIN, "Change team")
    await presses(app, transport, ADMIN, "South")
    assert screen(transport, ADMIN).text == "Move Pat Green from North to South?"
    await presses(app, transport, ADMIN, "Yes, move Pat Green to South")
    assert screen(transport, ADMIN).text == "Done. Pat Green is now in South."
    pat = await staff.get(database(app).reader, service.pat.id or 0)
    assert pat is not None and pat.team_id == service.south.id


# Refusals: nothing changes for anyone else.


@pytest.mark.parametrize(
    ("user", "command", "reply"),
    [
        (PA_ROBIN, "/staff", "Sorry, only managers and admins can manage staff and caseloads."),
        (PA_ROBIN, "/caseloads", "Sorry, only managers and admins can manage staff and caseloads."),
        (LEAVER_AMY, "/staff", "Sorry, only managers and admins can manage staff and caseloads."),
        (5555, "/caseloads", "Sorry, only managers and admins can manage staff and caseloads."),
    ],
)
async def test_staff_commands_are_refused_to_anyone_else(
    app: Application, transport: RecordingRequest, service: KnownService, user: int, command: str, reply: str
) -> None:
    await says(app, user, command)
    assert transport.sent_texts(user)[-1] == reply


async def test_buttons_pressed_by_the_wrong_person_change_nothing(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    from bot.callbacks import STAFFING, Staffing

    db = database(app)
    north, robin, sam = service.north.id, service.robin.id, service.sam.id
    attempts = [
        (
            MANAGER_SOUTH,
            STAFFING.encode(Staffing.CONFIRM_LEFT, robin),
            "Sorry, you can only manage your own team.",
        ),
        (
            MANAGER_SOUTH,
            STAFFING.encode(Staffing.FROM, north, robin),
            "Sorry, you can only manage your own team.",
        ),
        (
            MANAGER_NORTH,
            STAFFING.encode(Staffing.ADD, "manager", north),
            "Sorry, only an admin can change a manager or an admin.",
        ),
        (
            MANAGER_NORTH,
            STAFFING.encode(Staffing.ADD, "pa", service.south.id),
            "Sorry, you can only manage your own team.",
        ),
        (
            PA_ROBIN,
            STAFFING.encode(Staffing.CONFIRM_INVITE, sam),
            "Sorry, only managers and admins can manage staff and caseloads.",
        ),
        (
            LEAVER_AMY,
            STAFFING.encode(Staffing.LOADS, north),
            "Sorry, only managers and admins can manage staff and caseloads.",
        ),
        (
            MANAGER_NORTH,
            STAFFING.encode(Staffing.CONFIRM_MOVE, sam),
            "That has timed out. Send /staff to start again.",
        ),
        (MANAGER_NORTH, "t1:sx:abc", "That button no longer works. Send /staff or /caseloads again."),
    ]
    for user, data, refusal in attempts:
        await app.process_update(button_update(app, user, data))
        assert alerts(transport, user)[-1] == refusal, data
    robin_now = await staff.get(db.reader, robin or 0)
    assert robin_now is not None and robin_now.active
    assert len(await people.for_pa(db.reader, robin or 0)) == 4
    assert not any(entry.action.startswith(("staff ", "new pa")) for entry in await audit.recent(db.reader))


async def test_reminders_for_someone_who_has_left_go_to_the_manager_until_the_hand_over(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    settings = app.bot_data["runtime"].settings
    await says(app, MANAGER_NORTH, "/staff")
    for label in ("Sam Lee", "They have left", "Yes, Sam Lee has left"):
        await presses(app, transport, MANAGER_NORTH, label)
    queued = await sweep.sweep(db, NOW + timedelta(minutes=1), settings)
    about_dee = [message for message in queued.messages if "Dee" in message.text]
    # Dee's contact and pathway review are due today: the manager is told, and told why it is theirs.
    assert {message.kind for message in about_dee} >= {"unallocated:contact", "unallocated:pathway_review"}
    assert {message.chat_id for message in about_dee} == {MANAGER_NORTH}
    assert all(
        message.text.startswith("Dee (CL-Dee)'s PA, Sam Lee, is no longer active") for message in about_dee
    )


async def test_reminders_held_for_someone_who_left_reach_the_pa_who_takes_the_young_person_on(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    settings = app.bot_data["runtime"].settings
    evening = NOW + timedelta(hours=9)  # 19:00: Dee's reminders wait for the morning
    queued = await sweep.sweep(db, evening, settings)
    assert {m.chat_id for m in queued.messages if "Dee" in m.text and m.kind.startswith("reminder:")} == {
        PA_SAM
    }
    await says(app, MANAGER_NORTH, "/staff")
    for label in ("Sam Lee", "They have left", "Yes, Sam Lee has left"):
        await presses(app, transport, MANAGER_NORTH, label)
    await says(app, MANAGER_NORTH, "/caseloads")
    await presses(app, transport, MANAGER_NORTH, "Sam Lee (has left): 2")
    await presses(app, transport, MANAGER_NORTH, "Dee")
    await presses(app, transport, MANAGER_NORTH, "Next")
    await presses(app, transport, MANAGER_NORTH, "Robin Hall")
    await presses(app, transport, MANAGER_NORTH, "Yes, move them")
    queued = await sweep.sweep(db, evening + timedelta(minutes=1), settings)
    about_dee = [m for m in queued.messages if "Dee" in m.text and m.kind.startswith("reminder:")]
    assert {m.kind for m in about_dee} >= {"reminder:contact", "reminder:pathway_review"}
    assert {m.chat_id for m in about_dee} == {PA_ROBIN}


async def open_request(db: Database, person_id: int, kind: HandoffKind, pa: Staff, chat: int) -> int:
    """An open hand-off to ``pa``, raised an hour ago and not answered."""
    async with db.transaction() as tx:
        record = await handoffs.add(
            tx,
            Handoff(
                young_person_id=person_id,
                kind=kind,
                to_staff_id=pa.id,
                to_chat_id=chat,
                told=Told.PA,
                reason="suicide" if kind is HandoffKind.CRISIS else None,
                created_at=NOW - timedelta(hours=1),
            ),
        )
    assert record.id is not None
    return record.id


async def test_an_open_request_follows_the_young_person_to_their_new_pa(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    request = await open_request(db, service.person_ids["Amy"], HandoffKind.CONTACT, service.robin, PA_ROBIN)
    for step in ("/caseloads", "Robin Hall: 4", "Amy", "Next", "Sam Lee", "Yes, move them"):
        await does(app, transport, MANAGER_NORTH, step)
    passed = transport.replies(PA_SAM)[-1]
    assert passed.text.startswith(
        "Passed to you: Amy (CL-Amy), asked to be contacted on Mon 23 Nov at 09:00."
    )
    assert list(passed.buttons) == ["I'll call today", "I'll call later", "Done"]
    record = await handoffs.get(db.reader, request)
    assert record is not None and record.to_staff_id == service.sam.id

    await presses(app, transport, PA_SAM, "I'll call today")
    answered = await handoffs.get(db.reader, request)
    assert answered is not None and answered.response is Response.TODAY
    assert (
        transport.sent_texts(LEAVER_AMY)[-1] == "Your PA has seen your message. They will contact you today."
    )


async def test_when_a_pa_leaves_their_open_alerts_come_to_the_manager_at_once(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    db = database(app)
    alert = await open_request(db, service.person_ids["Dee"], HandoffKind.CRISIS, service.sam, PA_SAM)
    for step in ("/staff", "Sam Lee", "They have left", "Yes, Sam Lee has left"):
        await does(app, transport, MANAGER_NORTH, step)
    screen_now = transport.replies(MANAGER_NORTH)
    done = next(reply for reply in reversed(screen_now) if reply.text.startswith("Done. Sam Lee"))
    assert "Their open requests and alerts (1) have come to you, with their buttons." in done.text
    passed = screen_now[-1]
    assert passed.text.startswith("Passed to you: Dee (CL-Dee), a crisis alert on Mon 23 Nov at 09:00.")
    assert list(passed.buttons) == ["I've seen it", "I'm on it", "Done"]
    await presses(app, transport, MANAGER_NORTH, "I'm on it")
    answered = await handoffs.get(db.reader, alert)
    assert answered is not None and answered.response is Response.ON_IT


async def test_a_whole_caseload_is_chosen_with_one_tap(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    for step in ("/caseloads", "Robin Hall: 4", "Choose all 4"):
        await does(app, transport, MANAGER_NORTH, step)
    shown = screen(transport, MANAGER_NORTH)
    assert "Chosen: 4" in shown.text and "Choose none" in shown.buttons
    for step in ("Next", "Pat Green", "Yes, move them"):
        await does(app, transport, MANAGER_NORTH, step)
    assert await people.for_pa(database(app).reader, service.robin.id or 0) == []
    assert len(await people.for_pa(database(app).reader, service.pat.id or 0)) == 4
