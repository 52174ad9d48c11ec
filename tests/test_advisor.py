"""The PA's commands and reminder buttons, through Application.process_update with real updates."""

import itertools
from datetime import UTC, date, datetime, timedelta

from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.ext import Application

from bot.clock import MovableClock
from bot.models import OutboxMessage, YoungPerson
from bot.store import Database, audit, contacts, missing, outbox, people, reviews, snoozes
from tests.botapi_stub import BOT_USER, RecordingRequest
from tests.caseload import OTHER_PA_CHAT, PA_CHAT, Caseload, make_caseload
from tests.conftest import NOW, text_update

_ids = itertools.count(10_000)


def press(app: Application, user_id: int, data: str) -> Update:
    """A tap on an inline button under one of the bot's messages in a private chat."""
    bot_user = User(id=BOT_USER["id"], first_name=BOT_USER["first_name"], is_bot=True)
    message = Message(
        message_id=next(_ids),
        date=NOW,
        chat=Chat(id=user_id, type=Chat.PRIVATE),
        from_user=bot_user,
        text="...",
    )
    query = CallbackQuery(
        id=str(next(_ids)),
        from_user=User(id=user_id, first_name="Robin", is_bot=False),
        chat_instance="chat",
        message=message,
        data=data,
    )
    update = Update(update_id=next(_ids), callback_query=query)
    update.set_bot(app.bot)
    message.set_bot(app.bot)
    query.set_bot(app.bot)
    return update


def last(transport: RecordingRequest, method: str) -> dict:
    return [call.params for call in transport.calls if call.method == method][-1]


def db_of(app: Application) -> Database:
    return app.bot_data["runtime"].db


async def team_with_kai(app: Application) -> tuple[Caseload, int]:
    team = await make_caseload(db_of(app))
    kai = await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    assert kai.id is not None
    return team, kai.id


async def queue_reminder(db: Database, key: str) -> None:
    async with db.transaction() as tx:
        await outbox.enqueue(
            tx,
            OutboxMessage(
                idempotency_key=key, kind="reminder", chat_id=PA_CHAT, text="x", due_at=NOW, created_at=NOW
            ),
        )


async def test_due_lists_what_is_overdue_with_a_button_each(
    app: Application, transport: RecordingRequest
) -> None:
    await team_with_kai(app)
    await app.process_update(text_update(app, PA_CHAT, "/due"))
    reply = last(transport, "sendMessage")
    assert reply["text"].startswith("Overdue or due soon (1).")
    [[button]] = reply["reply_markup"]["inline_keyboard"]
    assert button["text"] == "Kai: contact, overdue since Tue 27 Oct"
    assert button["callback_data"] == "a1:op:contact:1"


async def test_a_deadline_from_due_opens_with_its_buttons(
    app: Application, transport: RecordingRequest
) -> None:
    _, kai = await team_with_kai(app)
    await app.process_update(press(app, PA_CHAT, f"a1:op:contact:{kai}"))
    opened = last(transport, "editMessageText")
    assert opened["text"] == "Kai (CL1): contact, overdue since Tue 27 Oct."
    labels = [button["text"] for row in opened["reply_markup"]["inline_keyboard"] for button in row]
    assert labels == ["Contact done", "Snooze until ..."]


async def test_pressing_the_same_question_twice_is_not_an_error(
    app: Application, transport: RecordingRequest
) -> None:
    _, kai = await team_with_kai(app)
    await app.process_update(press(app, PA_CHAT, f"a1:sz:contact:{kai}"))
    transport.fail_next("editMessageText", 400, "Bad Request: message is not modified")
    await app.process_update(press(app, PA_CHAT, f"a1:sz:contact:{kai}"))
    assert transport.sent_texts(PA_CHAT) == []  # no "something went wrong"


async def test_only_pas_can_use_the_pa_commands(app: Application, transport: RecordingRequest) -> None:
    await team_with_kai(app)
    await app.process_update(text_update(app, 555, "/caseload"))
    assert transport.sent_texts(555) == ["Sorry, only personal advisors can use that."]


async def test_contact_done_asks_how_and_when_then_records_and_clears_reminders(
    app: Application, transport: RecordingRequest
) -> None:
    db = db_of(app)
    _, kai = await team_with_kai(app)
    await queue_reminder(db, f"contact:{kai}:2026-10-27:overdue")
    await queue_reminder(db, f"contact:{kai}:2026-10-27:escalated:to2")

    await app.process_update(press(app, PA_CHAT, f"a1:cd:{kai}"))
    asked = last(transport, "editMessageText")
    assert asked["text"] == "How did you have contact with Kai (CL1)?"
    labels = [row[0]["text"] for row in asked["reply_markup"]["inline_keyboard"]]
    assert labels == ["Visit", "Phone call", "Video call", "Message"]

    await app.process_update(press(app, PA_CHAT, f"a1:cm:{kai}:phone"))
    when = last(transport, "editMessageText")
    assert when["text"] == "When was the phone call with Kai (CL1)?"
    days = [row[0]["text"] for row in when["reply_markup"]["inline_keyboard"]]
    assert days[:3] == ["Today", "Yesterday", "Sat 21 Nov"]

    await app.process_update(press(app, PA_CHAT, f"a1:cw:{kai}:phone:1"))
    done = last(transport, "editMessageText")
    assert done["text"].startswith("Recorded: phone call with Kai (CL1) on Sun 22 Nov.")
    assert [(c.contacted_on, c.method.value) for c in await contacts.for_person(db.reader, kai)][-1] == (
        date(2026, 11, 22),
        "phone",
    )
    assert await outbox.pending(db.reader, NOW) == []
    actions = [entry.action for entry in await audit.for_person(db.reader, kai)]
    assert "record contact" in actions


async def test_another_pa_cannot_act_on_the_case(app: Application, transport: RecordingRequest) -> None:
    db = db_of(app)
    _, kai = await team_with_kai(app)
    await app.process_update(press(app, OTHER_PA_CHAT, f"a1:cw:{kai}:visit:0"))
    answer = last(transport, "answerCallbackQuery")
    assert answer["text"] == "Sorry, that young person isn't on your caseload."
    assert answer["show_alert"] is True
    assert [c.contacted_on for c in await contacts.for_person(db.reader, kai)] == [date(2026, 9, 1)]


async def test_a_forged_or_old_button_is_refused_kindly(
    app: Application, transport: RecordingRequest
) -> None:
    await team_with_kai(app)
    for data in ("a1:cw:1:teleport:0", "a0:cd:1", "a1:cw:1:visit:99", "a1:cd:1:2"):
        await app.process_update(press(app, PA_CHAT, data))
        answer = last(transport, "answerCallbackQuery")
        assert "expired" in answer["text"] or "days back" in answer["text"]
    assert not [call for call in transport.calls if call.method == "editMessageText"]


async def test_review_done_records_the_review_and_clears_its_reminders(
    app: Application, transport: RecordingRequest
) -> None:
    db = db_of(app)
    team = await make_caseload(db)
    ava = await team.person("CL2", name="Ava", contacted_on=date(2026, 11, 20))
    await queue_reminder(db, f"pathway_review:{ava.id}:none:due")
    await app.process_update(press(app, PA_CHAT, f"a1:rv:{ava.id}"))
    assert last(transport, "editMessageText")["text"].startswith("When was the pathway plan review")
    await app.process_update(press(app, PA_CHAT, f"a1:rw:{ava.id}:0"))
    assert last(transport, "editMessageText")["text"].startswith(
        "Recorded: pathway plan review for Ava (CL2)"
    )
    assert [review.reviewed_on for review in await reviews.for_person(db.reader, ava.id)] == [
        date(2026, 11, 23)
    ]
    assert await outbox.pending(db.reader, NOW) == []


async def test_rhi_done_closes_the_deadline_and_cancels_its_reminders(
    app: Application, transport: RecordingRequest
) -> None:
    db = db_of(app)
    team, kai_id = await team_with_kai(app)
    episode = await team.returned(
        await _person(team, kai_id), NOW - timedelta(hours=30), NOW - timedelta(hours=20)
    )
    await queue_reminder(db, f"rhi:{episode.id}:20261125T1400Z:left24")
    await app.process_update(press(app, PA_CHAT, f"a1:rd:{episode.id}"))
    assert last(transport, "editMessageText")["text"].startswith(
        "Recorded: return home interview done for Kai"
    )
    stored = await missing.get(db.reader, episode.id)
    assert stored is not None and stored.rhi_completed_at == NOW and stored.rhi_offered_at == NOW
    assert await outbox.pending(db.reader, NOW) == []

    await app.process_update(press(app, PA_CHAT, f"a1:rx:{episode.id}"))  # a second, stale button
    assert last(transport, "answerCallbackQuery")["text"] == (
        "That return interview is already recorded as done or declined."
    )
    assert await missing.get(db.reader, episode.id) == stored


async def _person(team: Caseload, person_id: int) -> YoungPerson:
    person = await people.get(team.db.reader, person_id)
    assert person is not None
    return person


async def test_an_rhi_cannot_be_snoozed_past_its_deadline(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = db_of(app)
    team, kai_id = await team_with_kai(app)
    episode = await team.returned(
        await _person(team, kai_id), NOW - timedelta(hours=70), NOW - timedelta(hours=68)
    )
    await app.process_update(press(app, PA_CHAT, f"a1:sz:rhi:{episode.id}"))
    options = [
        row[0]["text"] for row in last(transport, "editMessageText")["reply_markup"]["inline_keyboard"]
    ]
    assert options == ["2 hours", "6 hours"]

    await app.process_update(press(app, PA_CHAT, f"a1:sf:rhi:{episode.id}:6h"))  # 4 h left
    refusal = last(transport, "answerCallbackQuery")
    assert refusal["text"] == "An RHI can't be snoozed past its deadline. Please offer it now."
    assert f"rhi:{episode.id}" not in await snoozes.all_snoozes(db.reader)

    await app.process_update(press(app, PA_CHAT, f"a1:sf:rhi:{episode.id}:2h"))
    assert "again on Mon 23 Nov at 12:00" in last(transport, "editMessageText")["text"]
    assert (await snoozes.all_snoozes(db.reader))[f"rhi:{episode.id}"] == NOW + timedelta(hours=2)


async def test_missing_then_back_starts_the_72_hour_clock_from_the_chat(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = db_of(app)
    _, kai = await team_with_kai(app)
    await app.process_update(text_update(app, PA_CHAT, "/missing"))
    [[choice]] = last(transport, "sendMessage")["reply_markup"]["inline_keyboard"]
    assert (choice["text"], choice["callback_data"]) == ("Kai (CL1)", f"a1:mp:{kai}")

    await app.process_update(press(app, PA_CHAT, f"a1:mp:{kai}"))
    start = last(transport, "editMessageText")
    assert "call 999 first" in start["text"]
    await app.process_update(press(app, PA_CHAT, f"a1:ms:{kai}:missing:now"))
    assert last(transport, "editMessageText")["text"].startswith(
        "Recorded: Kai (CL1) is missing since Mon 23 Nov"
    )

    clock.advance(timedelta(hours=5))
    await app.process_update(press(app, PA_CHAT, f"a1:mp:{kai}"))
    back = [row[0]["text"] for row in last(transport, "editMessageText")["reply_markup"]["inline_keyboard"]]
    assert back == ["Back now", "Back earlier today", "Back yesterday"]
    [episode] = await missing.for_person(db.reader, kai)
    await app.process_update(press(app, PA_CHAT, f"a1:mr:{episode.id}:now"))
    recorded = last(transport, "editMessageText")
    assert "must be offered by Thu 26 Nov at 15:00" in recorded["text"]
    labels = [button["text"] for row in recorded["reply_markup"]["inline_keyboard"] for button in row]
    assert labels[:3] == ["RHI offered", "RHI done", "RHI declined"]
    stored = await missing.get(db.reader, episode.id)
    assert stored is not None and stored.returned_at == datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


async def test_caseload_lists_everyone_with_the_next_deadline_and_audits_it(
    app: Application, transport: RecordingRequest
) -> None:
    db = db_of(app)
    team, kai = await team_with_kai(app)
    await team.person("CL2", name="Ava", contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    await app.process_update(text_update(app, PA_CHAT, "/caseload"))
    text = last(transport, "sendMessage")["text"]
    assert text.splitlines() == [
        "Your caseload (2):",
        "Ava (CL2): contact due Fri 15 Jan. Last contact Fri 20 Nov (visit)",
        "Kai (CL1): contact overdue since Tue 27 Oct. Last contact Tue 1 Sep (visit)",
    ]
    assert [entry.action for entry in await audit.for_person(db.reader, kai)] == ["read caseload"]
