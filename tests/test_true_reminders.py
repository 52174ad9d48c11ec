"""Reminders true when they arrive, transitions as work, PAs who have not joined, honest caseloads: through
``Application.process_update`` and the tick, with a movable clock and a recording transport."""

import json
import re
from datetime import UTC, date, datetime, timedelta
from functools import partial

from telegram.ext import Application

from bot.clock import MovableClock
from bot.models import Category, MissingEpisode, Role, Staff, Team, YoungPerson
from bot.outbox.send import Outcome, Rendering, send_one
from bot.services.deadlines import open_dues
from bot.store import Database, missing, outbox, people, staff, teams
from bot.ticks import run_tick_now
from scheduler import render
from scheduler.deadlines import DeadlineKind, DeadlineStatus
from scheduler.sweep import sweep
from tests.botapi_stub import RecordingRequest
from tests.caseload import MANAGER_CHAT, PA_CHAT, make_caseload
from tests.conftest import NOW, text_update
from tests.test_admin_import import button_update, buttons, document_update
from tests.test_advisor import press

ADMIN_CHAT = 7100
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
MONDAY_9AM = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def db_of(app: Application) -> Database:
    return app.bot_data["runtime"].db


def replies_about(transport: RecordingRequest, chat: int, words: str) -> list[str]:
    return [text for text in transport.sent_texts(chat) if words in text]


async def import_csv(app: Application, transport: RecordingRequest, rows: list[str]) -> None:
    """An admin sends a caseload file in the chat and applies it."""
    content = (
        "case_ref,date_of_birth,category,preferred_name,pa_worker_id,team,latest_contact,latest_review,in_touch\n"
        + "\n".join(rows)
        + "\n"
    ).encode()
    transport.files["caseload"] = content
    await app.process_update(document_update(app, ADMIN_CHAT, "caseload", "caseload.csv", len(content)))
    await app.process_update(button_update(app, ADMIN_CHAT, buttons(transport, ADMIN_CHAT)["Apply"]))
    assert "Import done" in transport.sent_texts(ADMIN_CHAT)[-1]


async def add_admin(db: Database) -> None:
    async with db.transaction() as tx:
        await staff.add(tx, Staff(name="Ada Admin", role=Role.ADMIN, telegram_user_id=ADMIN_CHAT))


async def test_a_reminder_held_for_monday_is_withdrawn_when_an_import_settles_its_deadline(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = db_of(app)
    clock.set(SATURDAY)
    team = await make_caseload(db)
    await add_admin(db)
    await team.person(contacted_on=date(2026, 10, 3), reviewed_on=date(2026, 11, 1))  # contact due today
    await run_tick_now(app)
    held = await outbox.by_key(db.reader, "contact:1:2026-11-28:due")
    assert held is not None and held.due_at == MONDAY_9AM  # not at the weekend
    assert (held.person_id, held.subject) == (1, "contact:1:2026-11-28")

    # The council's file says Kai was seen yesterday: the deadline moves to January.
    await import_csv(app, transport, ["CL1,01/06/2009,relevant,Kai,W1,North,27/11/2026,01/11/2026,YES"])
    await run_tick_now(app)
    withdrawn = await outbox.by_key(db.reader, "contact:1:2026-11-28:due")
    assert withdrawn is not None and withdrawn.cancelled_at == SATURDAY and withdrawn.sent_at is None

    clock.set(MONDAY_9AM)
    await run_tick_now(app)
    assert replies_about(transport, PA_CHAT, "contact for Kai") == []


async def test_the_sweep_withdraws_the_reminders_of_someone_who_died_or_left(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = db_of(app)
    clock.set(SATURDAY)
    team = await make_caseload(db)
    await add_admin(db)
    await team.person(contacted_on=date(2026, 10, 3), reviewed_on=date(2026, 11, 1))
    await team.person("CL2", name="Ava", contacted_on=date(2026, 10, 3), reviewed_on=date(2026, 11, 1))
    await run_tick_now(app)
    assert len(await outbox.unsent_about(db.reader, [1, 2])) == 2
    await import_csv(app, transport, ["CL1,01/06/2009,relevant,Kai,W1,North,,01/11/2026,DIED"])
    async with db.transaction() as tx:  # Ava left the service (as "carebot import --close-missing" does)
        ava = await people.get(tx, 2)
        assert ava is not None
        await people.update(tx, ava.model_copy(update={"left_service_on": SATURDAY.date()}))
    await run_tick_now(app)
    assert await outbox.unsent_about(db.reader, [1, 2]) == []
    clock.set(MONDAY_9AM)
    await run_tick_now(app)
    assert replies_about(transport, PA_CHAT, "contact for") == []


async def test_a_reminder_whose_deadline_closed_since_it_was_queued_is_withdrawn_when_it_goes(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    """The sender checks again, whatever closed the deadline and whether or not a sweep ran since."""
    db = db_of(app)
    settings = app.bot_data["runtime"].settings
    clock.set(SATURDAY)
    team = await make_caseload(db)
    kai = await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    returned = SATURDAY - timedelta(hours=2)
    await team.returned(kai, returned - timedelta(hours=5), returned)
    await sweep(db, SATURDAY, settings)  # queued, not sent yet
    [rhi] = [row for row in await outbox.unsent(db.reader) if row.kind == "reminder:rhi"]
    [episode] = await missing.for_person(db.reader, 1)
    async with db.transaction() as tx:  # done, recorded by another route than the reminder's button
        await missing.update(tx, episode.model_copy(update={"rhi_completed_at": SATURDAY}))
    senders = {rhi.kind: Rendering(partial(render.render, settings=settings))}
    result = await send_one(db, app.bot, rhi, SATURDAY, timedelta(minutes=2), senders=senders)
    assert result.outcome is Outcome.WITHDRAWN
    assert replies_about(transport, PA_CHAT, "return home interview") == []
    stored = await outbox.by_key(db.reader, rhi.idempotency_key)
    assert stored is not None and stored.cancelled_at is not None and stored.sent_at is None


async def test_hours_left_are_counted_when_the_reminder_goes_after_quiet_hours(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = db_of(app)
    team = await make_caseload(db)
    kai = await team.person(contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    returned = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # the 72 hours end on Monday at 10:00
    await team.returned(kai, returned - timedelta(hours=5), returned)
    clock.set(datetime(2026, 11, 30, 4, 0, tzinfo=UTC))  # "6 hours left" begins, in quiet hours
    await run_tick_now(app)
    key = "rhi:1:20261130T1000Z:left6"
    queued = await outbox.by_key(db.reader, key)
    assert queued is not None and queued.text.startswith("6 hours left")
    assert replies_about(transport, PA_CHAT, "return home interview") == []

    clock.set(datetime(2026, 11, 30, 7, 0, tzinfo=UTC))  # the end of quiet hours
    await run_tick_now(app)
    [sent] = replies_about(transport, PA_CHAT, "return home interview")
    assert sent == (
        "3 hours left to offer the return home interview for Kai (CL1).\nDeadline: Mon 30 Nov at 10:00."
    )
    stored = await outbox.by_key(db.reader, key)
    assert stored is not None and stored.text == sent  # the row keeps what was sent
    assert [reply.buttons for reply in transport.replies(PA_CHAT)][-1].keys() >= {"RHI done", "RHI offered"}

    clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))  # the morning digest
    await run_tick_now(app)
    [digest] = [text for text in transport.sent_texts(PA_CHAT) if text.startswith("Good morning")]
    assert "Return home interviews running (1):\n- Kai (CL1): 1 hour left" in digest


async def test_a_transition_planned_from_its_reminder_is_never_overdue(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = db_of(app)
    team = await make_caseload(db)
    ava = await team.person(  # 18 on Sat 20 Feb 2027: planning for 18 is due from Sun 22 Nov
        "CL1",
        name="Ava",
        born=date(2009, 2, 20),
        contacted_on=date(2026, 11, 20),
        reviewed_on=date(2026, 11, 1),
    )
    ben = await team.person(
        "CL2",
        name="Ben",
        born=date(2009, 2, 20),
        contacted_on=date(2026, 11, 20),
        reviewed_on=date(2026, 11, 1),
    )
    assert ava.id is not None and ben.id is not None
    await run_tick_now(app)
    [reminder] = [
        reply for reply in transport.replies(PA_CHAT) if reply.text.startswith("Ava (CL1) turns 18")
    ]
    assert reminder.text.startswith("Ava (CL1) turns 18 on Sat 20 Feb.\nPlan housing")
    assert list(reminder.buttons) == ["Planned", "Snooze until ..."]

    await app.process_update(press(app, PA_CHAT, reminder.buttons["Planned"]))
    asked = transport.replies(PA_CHAT)[-1]
    assert asked.text == "When was planning for 18 done with Ava (CL1)?"
    await app.process_update(press(app, PA_CHAT, asked.buttons["Yesterday"]))
    assert transport.replies(PA_CHAT)[-1].text == (
        "Recorded: planning for 18 with Ava (CL1) on Sun 22 Nov. Reminders about it are cleared."
    )

    # /due still lists Ben's, to plan before the birthday; not Ava's.
    await app.process_update(text_update(app, PA_CHAT, "/due"))
    due_buttons = list(transport.replies(PA_CHAT)[-1].buttons)
    assert "Ben: planning for 18, to plan before Sat 20 Feb" in due_buttons
    assert not [label for label in due_buttons if label.startswith("Ava: planning")]

    settings = app.bot_data["runtime"].settings
    the_day_before = datetime(2027, 2, 19, 12, 0, tzinfo=UTC)
    [bens] = [
        due for due in await open_dues(db, the_day_before, settings) if due.kind is DeadlineKind.TRANSITION_18
    ]
    assert (bens.person.id, bens.status) == (ben.id, DeadlineStatus.DUE)  # never overdue before the birthday

    clock.set(datetime(2027, 2, 22, 10, 0, tzinfo=UTC))  # the Monday after the birthday
    await run_tick_now(app)
    assert replies_about(transport, PA_CHAT, "planning for 18 for Ava") == []
    assert replies_about(
        transport, PA_CHAT, "Overdue: planning for 18 for Ben (CL2), who turned 18 on Sat 20 Feb."
    )
    transitions = [
        due for due in await open_dues(db, clock(), settings) if due.kind is DeadlineKind.TRANSITION_18
    ]
    assert [(due.person.id, due.status) for due in transitions] == [(ben.id, DeadlineStatus.OVERDUE)]


async def test_a_needs_assessment_reminder_carries_assessment_done(
    app: Application, transport: RecordingRequest
) -> None:
    db = db_of(app)
    team = await make_caseload(db)
    liam = await team.person(  # eligible since 16 on 1 Aug: the assessment was due by 1 Nov
        "CL1", name="Liam", born=date(2010, 8, 1), category="eligible", contacted_on=date(2026, 11, 20)
    )
    assert liam.id is not None
    await run_tick_now(app)
    [reminder] = [reply for reply in transport.replies(PA_CHAT) if "needs assessment for Liam" in reply.text]
    assert list(reminder.buttons) == ["Assessment done", "Snooze until ..."]
    await app.process_update(press(app, PA_CHAT, reminder.buttons["Assessment done"]))
    await app.process_update(press(app, PA_CHAT, transport.replies(PA_CHAT)[-1].buttons["Today"]))
    assert transport.replies(PA_CHAT)[-1].text.startswith(
        "Recorded: needs assessment for Liam (CL1) on Mon 23 Nov."
    )
    kinds = {due.kind for due in await open_dues(db, NOW, app.bot_data["runtime"].settings)}
    assert DeadlineKind.NEEDS_ASSESSMENT not in kinds
    assert DeadlineKind.PATHWAY_REVIEW in kinds  # the first plan follows the assessment


async def test_the_caseload_counts_the_living_only(app: Application, transport: RecordingRequest) -> None:
    db = db_of(app)
    team = await make_caseload(db)
    await team.person(contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    await team.person("CL2", name="Ava", contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    await team.person("CL3", name="Hal", born=date(2006, 3, 3), in_touch="DIED")
    await app.process_update(text_update(app, MANAGER_CHAT, "/summary"))
    summary = transport.sent_texts(MANAGER_CHAT)[-1]
    assert "• Robin: 2" in summary and "• Sky: 0" in summary
    assert "2 young people, 2 PAs, average 1.0 per PA." in summary
    assert "Not counted: 1 who died." in summary
    await app.process_update(text_update(app, PA_CHAT, "/caseload"))
    caseload = transport.sent_texts(PA_CHAT)[-1]
    assert caseload.startswith("Your caseload (2):") and "Hal" not in caseload


async def pa_who_has_not_joined(db: Database) -> tuple[int, int, int]:
    """North: a manager on the bot, Robin (a PA who has not joined), Kai with contact long overdue.
    South: another manager. Returns the ids of Robin, Kai and the South manager's chat."""
    async with db.transaction() as tx:
        north = await teams.add(tx, Team(name="North"))
        south = await teams.add(tx, Team(name="South"))
        await staff.add(
            tx, Staff(name="Morgan", role=Role.MANAGER, team_id=north.id, telegram_user_id=MANAGER_CHAT)
        )
        await staff.add(tx, Staff(name="Sue", role=Role.MANAGER, team_id=south.id, telegram_user_id=7300))
        robin = await staff.add(tx, Staff(name="Robin Hall", role=Role.PA, team_id=north.id))
        kai = await people.add(
            tx,
            YoungPerson(
                case_ref="CL1",
                preferred_name="Kai",
                date_of_birth=date(2009, 6, 1),
                category=Category.RELEVANT,
                pa_id=robin.id,
                team_id=north.id,
            ),
        )
        await tx.execute("UPDATE sweep_schedule SET first_swept_at = '2026-01-05T09:00:00+00:00'")
    assert robin.id is not None and kai.id is not None
    return robin.id, kai.id, 7300


async def test_a_pa_who_has_not_joined_is_listed_for_the_manager_with_their_invite_to_send_again(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = db_of(app)
    _, _, other_manager = await pa_who_has_not_joined(db)
    await run_tick_now(app)  # Monday 10:00: after the digest time
    [waiting] = [
        reply for reply in transport.replies(MANAGER_CHAT) if reply.text.startswith("Reminders are waiting")
    ]
    assert waiting.text.splitlines()[:2] == [
        "Reminders are waiting for PAs who have not joined the bot:",
        "- waiting: Robin Hall has not joined yet (2 reminders)",  # contact and the review: none recorded
    ]
    assert list(waiting.buttons) == ["Send Robin Hall's invite again"]
    # The manager is not sent Robin's reminders as if they were theirs.
    assert replies_about(transport, MANAGER_CHAT, "Contact for Kai") == []
    assert not [text for text in transport.sent_texts(MANAGER_CHAT) if text.startswith("Coming up")]
    assert not [text for text in transport.sent_texts(MANAGER_CHAT) if text.startswith("Due today: contact")]

    # Another team's manager may not; this one may.
    await app.process_update(press(app, other_manager, waiting.buttons["Send Robin Hall's invite again"]))
    [refusal] = [call.params["text"] for call in transport.calls_to("answerCallbackQuery")]
    assert refusal == "Sorry, you can only manage your own team."
    assert replies_about(transport, other_manager, "invite") == []
    await app.process_update(press(app, MANAGER_CHAT, waiting.buttons["Send Robin Hall's invite again"]))
    about, to_forward = transport.sent_texts(MANAGER_CHAT)[-2:]
    assert about.startswith("Here is Robin Hall's invite. Forward the next message to them.")
    link = re.search(r"https://t\.me/carebot\?start=(\S+)", to_forward)
    assert to_forward.startswith("Hello Robin Hall.") and link is not None
    # The note stays as it was, for any other PA listed on it.
    assert transport.calls_to("editMessageText") == []

    # Robin opens it, and the reminder that was waiting reaches Robin, with its buttons.
    robin_chat = 7400
    await app.process_update(text_update(app, robin_chat, f"/start {link.group(1)}"))
    await run_tick_now(app)
    [reminder] = [reply for reply in transport.replies(robin_chat) if "contact for Kai" in reply.text]
    assert reminder.text == "Due today: contact for Kai (CL1)."
    assert list(reminder.buttons) == ["Contact done", "Snooze until ..."]


async def test_an_urgent_reminder_waiting_for_a_pa_is_told_to_the_manager_at_once(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = db_of(app)
    clock.set(datetime(2026, 11, 28, 15, 0, tzinfo=UTC))  # a Saturday afternoon
    _, kai, _ = await pa_who_has_not_joined(db)
    async with db.transaction() as tx:
        await missing.add(
            tx,
            MissingEpisode(
                young_person_id=kai,
                started_at=clock() - timedelta(hours=8),
                returned_at=clock() - timedelta(hours=1),
            ),
        )
    await run_tick_now(app)
    [told] = transport.replies(MANAGER_CHAT)
    assert told.text.startswith(
        "Robin Hall has not joined the bot yet, so this reminder is waiting for them:\n"
        "Kai (CL1) is back after being missing."
    )
    assert list(told.buttons) == ["Send Robin Hall's invite again"]
    clock.advance(timedelta(hours=47))  # "24 hours left": still waiting for Robin, not told again
    await run_tick_now(app)
    assert len(replies_about(transport, MANAGER_CHAT, "waiting for them")) == 1


async def test_reminders_about_a_young_person_with_no_pa_say_why_they_come_to_the_manager(
    app: Application, transport: RecordingRequest
) -> None:
    team = await make_caseload(db_of(app))
    await team.person(pa_id=None, contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    await run_tick_now(app)
    [reminder] = replies_about(transport, MANAGER_CHAT, "Overdue: contact for Kai")
    assert reminder == (
        "Kai (CL1) has no PA, so this reminder comes to you.\n"
        "Overdue: contact for Kai (CL1) was due on Tue 27 Oct."
    )


async def test_the_stored_markup_of_a_reminder_is_its_buttons(app: Application) -> None:
    db = db_of(app)
    team = await make_caseload(db)
    await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    await run_tick_now(app)
    row = await outbox.by_key(db.reader, "contact:1:2026-10-27:overdue")
    assert row is not None and row.reply_markup is not None
    labels = [button["text"] for line in json.loads(row.reply_markup)["inline_keyboard"] for button in line]
    assert labels == ["Contact done", "Snooze until ..."]
