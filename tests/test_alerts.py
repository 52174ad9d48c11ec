"""Crisis alerts and hand-offs as work with an owner, through the real Application (process_update): who
gets one at night, who answers it, who is told next while nobody does, and what the young person hears."""

import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.clock import MovableClock
from bot.config import ChainLink, OnCall, Settings, Weekday
from bot.models import MissingEpisode, YoungPerson
from bot.models_leaver import AlertState, HandoffKind
from bot.store import Database, handoffs, missing, outbox, people, staff
from bot.ticks import run_tick_now
from tests.botapi_stub import Call, RecordingRequest
from tests.test_leaver_handlers import DANA, KAI, ROBIN, Chat, add_service

JORDAN, HEAD = 800, 900


class BlockingRequest(RecordingRequest):
    """The Bot API as it answers a message to someone who has blocked the bot: 403 Forbidden."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: set[int] = set()

    async def do_request(
        self, url: str, method: str, request_data: Any = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        params = request_data.parameters if request_data else {}
        if url.endswith("/sendMessage") and int(params.get("chat_id", 0)) in self.blocked:
            self.calls.append(Call("sendMessage", params))
            refusal = {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
            return 403, json.dumps(refusal).encode()
        return await super().do_request(url, method, request_data, **timeouts)


@pytest.fixture
def transport() -> BlockingRequest:
    return BlockingRequest()


TUESDAY_NIGHT = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # GMT: London time is the same
WEEKNIGHTS = OnCall(
    days=(Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY),
    starts=time(17, 0),
    until=time(9, 0),
    chat_id=JORDAN,
    name="Jordan from the team on call",
)


def on_call_settings(settings: Settings) -> Settings:
    safety = settings.safety.model_copy(
        update={
            "rota": (WEEKNIGHTS,),
            "escalation_chain": (ChainLink(chat_id=HEAD, name="the head of service"),),
        }
    )
    return settings.model_copy(update={"safety": safety})


@pytest.fixture
async def app(
    settings: Settings, clock: MovableClock, transport: RecordingRequest
) -> AsyncIterator[Application]:
    """The bot with a weeknight rota (Jordan) and a chain after the manager (the head of service)."""
    application = build_application(
        on_call_settings(settings), clock, request=transport, get_updates_request=transport
    )
    async with application:
        await application.post_init(application)
        await add_service(application.bot_data["runtime"].db)
        yield application
        await application.post_shutdown(application)


@pytest.fixture
def db(app: Application) -> Database:
    return app.bot_data["runtime"].db


def chat(app: Application, transport: RecordingRequest, user_id: int) -> Chat:
    return Chat(app, transport, user_id)


def urgent(transport: RecordingRequest, user_id: int) -> list[str]:
    return [text for text in transport.sent_texts(user_id) if text.startswith("URGENT")]


async def time_passes(app: Application, clock: MovableClock, by: timedelta) -> None:
    clock.advance(by)
    await run_tick_now(app)


async def test_a_night_crisis_reaches_whoever_is_on_call_and_their_answer_reaches_the_young_person(
    app: Application, transport: RecordingRequest, clock: MovableClock, db: Database
) -> None:
    clock.set(TUESDAY_NIGHT)
    kai, jordan, robin = (chat(app, transport, user) for user in (KAI, JORDAN, ROBIN))
    await kai.says("I have nowhere to sleep tonight")

    [alert] = [reply for reply in jordan.seen() if reply.text.startswith("URGENT")]
    assert (
        "Kai (CL5)" in alert.text and "nowhere to sleep" in alert.text and "Also told: their PA" in alert.text
    )
    assert list(alert.buttons) == ["I've seen it", "I'm on it", "Done"]
    assert "If nobody does within 60 minutes, the team manager is told." in alert.text
    [to_pa] = urgent(transport, ROBIN)
    assert "Also told: Jordan from the team on call" in to_pa
    told = kai.last().text
    assert "I've let Jordan from the team on call know" in told and "Your PA will see it too" in told
    assert "may not see it until" not in told  # someone is on call: the night is not a dead end
    assert "If nobody answers within 60 minutes, I will tell someone else too." in told

    clock.advance(timedelta(minutes=2))
    await jordan.presses(alert.buttons["I'm on it"])
    assert kai.last().text == (
        "Jordan from the team on call is dealing with it now. They will get in touch as soon as they can."
    )
    assert "You answered: I'm on it" in jordan.last().text
    assert robin.last().text == (
        "Jordan from the team on call answered the alert about Kai (CL5) (a crisis alert): I'm on it,"
        " at Tue 24 Nov at 23:32."
    )
    [record] = await handoffs.for_person(db.reader, 1)
    assert record.state is AlertState.ACTED and record.acknowledged_by_chat_id == JORDAN

    await time_passes(app, clock, timedelta(hours=3))
    assert urgent(transport, DANA) == [] and urgent(transport, HEAD) == []


async def test_an_unanswered_alert_goes_to_the_manager_then_the_chain_each_step_once(
    app: Application, transport: RecordingRequest, clock: MovableClock, db: Database
) -> None:
    kai = chat(app, transport, KAI)
    await kai.says("i have taken an overdose")  # danger now, Monday 10:00: the PA alone is the owner
    assert len(urgent(transport, ROBIN)) == 1 and urgent(transport, JORDAN) == []
    assert "If nobody answers within 15 minutes, I will tell someone else too." in kai.last().text

    await time_passes(app, clock, timedelta(minutes=14))
    assert urgent(transport, DANA) == []
    await time_passes(app, clock, timedelta(minutes=1))
    [to_manager] = urgent(transport, DANA)
    assert to_manager.startswith("URGENT, not picked up: Kai (CL5)") and "in danger now" in to_manager
    assert "Nobody has answered it in 15 minutes. It went to: their PA." in to_manager
    await time_passes(app, clock, timedelta(minutes=1))
    assert len(urgent(transport, DANA)) == 1 and urgent(transport, HEAD) == []

    await time_passes(app, clock, timedelta(minutes=14))
    [to_head] = urgent(transport, HEAD)
    assert "It went to: Dana, their PA." in to_head
    await time_passes(app, clock, timedelta(hours=2))
    assert len(urgent(transport, HEAD)) == 1 and len(urgent(transport, DANA)) == 1

    head = chat(app, transport, HEAD)
    await head.presses(head.last().buttons["I've seen it"])
    assert kai.last().text.startswith("The head of service has seen your message.")
    assert any(
        "The head of service answered" in text or "the head of service answered" in text
        for text in transport.sent_texts(ROBIN)
    )
    [record] = await handoffs.for_person(db.reader, 1)
    assert record.state is AlertState.SEEN and record.escalation_level == 2


async def test_an_answer_stops_the_escalation(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    kai, robin = chat(app, transport, KAI), chat(app, transport, ROBIN)
    await kai.says("i have taken an overdose")
    await time_passes(app, clock, timedelta(minutes=5))
    await robin.presses(robin.seen()[0].buttons["I'm on it"])
    assert "Your PA is dealing with it now." in kai.last().text
    await time_passes(app, clock, timedelta(hours=2))
    assert urgent(transport, DANA) == [] and urgent(transport, HEAD) == []


async def test_a_pa_who_has_blocked_the_bot_is_passed_over_at_once(
    app: Application, transport: RecordingRequest, db: Database
) -> None:
    transport.blocked.add(ROBIN)
    kai = chat(app, transport, KAI)
    await kai.says("my boyfriend hits me")
    [to_manager] = urgent(transport, DANA)  # at once, not 60 minutes later
    assert "Nobody before you could get it: their PA can't get messages from the bot." in to_manager
    assert "Your PA can't get my messages, so I've told their team manager." in kai.last().text
    [row] = [row for row in await outbox.with_prefix(db.reader, "handoff:1:pa")]
    assert row.last_error == "Forbidden" and row.cancelled_at is not None

    await kai.says("I want to kill myself")  # known blocked now: the manager at once again
    assert len(urgent(transport, DANA)) == 2


async def test_a_second_risk_is_a_new_alert_with_its_own_escalation(
    app: Application, transport: RecordingRequest, clock: MovableClock, db: Database
) -> None:
    kai = chat(app, transport, KAI)
    await kai.says("I want to kill myself")
    await time_passes(app, clock, timedelta(minutes=30))
    await kai.says("my boyfriend hits me")
    assert len(urgent(transport, ROBIN)) == 2
    await time_passes(app, clock, timedelta(minutes=30))  # the first is an hour old, the second half
    assert len(urgent(transport, DANA)) == 1
    await time_passes(app, clock, timedelta(minutes=30))
    assert len(urgent(transport, DANA)) == 2
    assert [alert.kind for alert in await handoffs.for_person(db.reader, 1)] == [HandoffKind.CRISIS] * 2


async def test_two_talk_to_my_pa_presses_make_one_hand_off(
    app: Application, transport: RecordingRequest, clock: MovableClock, db: Database
) -> None:
    kai, robin = chat(app, transport, KAI), chat(app, transport, ROBIN)

    async def asks(reason: str) -> str:
        await kai.says("/menu")
        await kai.taps("Talk to my PA")
        await kai.taps(reason)
        await kai.taps("Morning")
        return kai.last().text

    assert "I've asked your PA, Robin" in await asks("Money")
    assert "I've already asked your PA, Robin, to get in touch. I've added this to it." in await asks("Home")
    [request] = [reply for reply in robin.seen() if "asked you to contact them" in reply.text]
    assert len(robin.seen()) == 1
    [record] = await handoffs.for_person(db.reader, 1)
    assert record.repeats == 1 and record.reason == "home"
    escalations = [
        row for row in await outbox.with_prefix(db.reader, "handoff:") if ":escalate:" in row.idempotency_key
    ]
    assert len(escalations) == 1

    await robin.presses(request.buttons["I'll call later"])
    assert "Robin, has already seen your request" in await asks("Money")
    assert robin.last().text == "Kai (CL5) asked again (3 times now): about money, best time a morning"
    assert set(robin.last().buttons) == {"I'll call today", "I'll call later", "Done"}
    await asks("Money")  # the same day: counted, and not sent again
    assert len([reply for reply in robin.seen() if "asked again" in reply.text]) == 1

    await robin.presses(request.buttons["Done"])
    assert "I've asked your PA, Robin" in await asks("Work or learning")  # closed: a new request
    assert len(await handoffs.for_person(db.reader, 1)) == 2


async def test_only_someone_sent_the_alert_can_answer_it(
    app: Application, transport: RecordingRequest, clock: MovableClock, db: Database
) -> None:
    clock.set(TUESDAY_NIGHT)
    kai = chat(app, transport, KAI)
    await kai.says("I have nowhere to sleep tonight")
    [record] = await handoffs.for_person(db.reader, 1)
    stranger, leaver = chat(app, transport, 555), chat(app, transport, KAI)
    for outsider in (stranger, leaver):
        await outsider.presses(f"k1:on_it:{record.id}")
    refusals = [call for call in transport.calls_to("answerCallbackQuery") if call.params.get("show_alert")]
    assert len(refusals) == 2 and all("can't see that" in call.params["text"] for call in refusals)
    [record] = await handoffs.for_person(db.reader, 1)
    assert record.state is AlertState.RAISED


async def test_open_alerts_and_who_is_missing_are_in_due_and_the_next_digest(
    app: Application, transport: RecordingRequest, clock: MovableClock, db: Database
) -> None:
    clock.set(datetime(2026, 11, 26, 14, 0, tzinfo=UTC))  # Thursday afternoon
    async with db.transaction() as tx:
        robin = await staff.by_telegram_user(tx, ROBIN)
        assert robin is not None
        liam = await people.add(
            tx,
            YoungPerson(
                case_ref="CL7",
                preferred_name="Liam",
                date_of_birth=date(2010, 2, 2),
                category="eligible",
                pa_id=robin.id,
                team_id=robin.team_id,
            ),
        )
        assert liam.id is not None
        await missing.add(
            tx, MissingEpisode(young_person_id=liam.id, started_at=clock() - timedelta(hours=2))
        )
    kai, pa = chat(app, transport, KAI), chat(app, transport, ROBIN)
    await kai.says("i want to kill myself")

    clock.advance(timedelta(minutes=40))
    await pa.says("/due")
    due = pa.last()
    assert "Open alerts and requests (1)" in due.text
    assert (
        "Missing now (1):\n- Liam (CL7): missing since Thu 26 Nov at 12:00 (2 h ago);"
        " when back, return home interview within 72 hours"
    ) in due.text
    [alert_button] = [label for label in due.buttons if label.startswith("Kai (CL5): crisis alert")]
    assert "40 min ago, not answered yet" in alert_button
    await pa.presses(due.buttons[alert_button])
    assert set(pa.last().buttons) == {"I'm on it", "I'll call today", "Done"}

    await time_passes(app, clock, timedelta(hours=18, minutes=-40 + 30))  # Friday 08:30: the digest
    [digest] = [text for text in transport.sent_texts(ROBIN) if text.startswith("Good morning")]
    assert (
        "Alerts and requests still open (1):\n- Kai (CL5): crisis alert (suicide or self-harm), 18 h ago"
        in digest
    )
    assert "Missing now (1):\n- Liam (CL7): missing since Thu 26 Nov at 12:00 (20 h ago)" in digest


async def test_with_no_pa_and_no_manager_the_chain_is_told_at_once_and_the_young_person_hears_who(
    app: Application, transport: RecordingRequest, db: Database
) -> None:
    async with db.transaction() as tx:
        await people.add(
            tx,
            YoungPerson(
                case_ref="CL9",
                preferred_name="Mo",
                date_of_birth=date(2006, 1, 1),
                category="former_relevant",
                telegram_user_id=650,
            ),
        )
    mo = chat(app, transport, 650)
    await mo.says("I want to kill myself")
    [to_head] = urgent(transport, HEAD)
    assert "Nobody before you could get it: their PA has not joined the bot." in to_head
    assert "I've let the head of service know, so they can check on you." in mo.last().text


async def test_an_alert_shown_again_from_due_after_it_was_closed_has_no_buttons(
    app: Application, transport: RecordingRequest
) -> None:
    kai, pa = chat(app, transport, KAI), chat(app, transport, ROBIN)
    await kai.says("i want to kill myself")
    await pa.says("/due")
    due = pa.last()
    [alert_button] = [label for label in due.buttons if label.startswith("Kai (CL5): crisis alert")]
    await pa.presses(due.buttons[alert_button])
    await pa.presses(pa.last().buttons["Done"])
    assert "Your PA has marked your request as done." in kai.last().text
    await pa.presses(due.buttons[alert_button])  # the same /due button, once it is closed
    assert pa.last().text.endswith("closed") and pa.last().buttons == {}
    await pa.says("/due")
    assert not [label for label in pa.last().buttons if "crisis alert" in label]


async def test_the_managers_summary_has_an_alerts_section(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    kai, dana = chat(app, transport, KAI), chat(app, transport, DANA)
    await kai.says("i want to kill myself")
    clock.advance(timedelta(minutes=5))
    await dana.says("/summary")
    summary = "\n".join(
        reply.text for reply in dana.seen() if "Summary" in reply.text or "Alerts" in reply.text
    )
    assert "<b>Alerts and requests</b> raised in the last 7 days" in summary
    assert "Crisis alerts: 1, 0 of them danger now (suicide or self-harm 1)." in summary
    assert "Not answered by anyone now (raised at any time): 1, the oldest 5 min (a crisis alert)." in summary
