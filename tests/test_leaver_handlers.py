"""A young person and their PA talking to the real Application, through process_update with real Updates."""

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.clock import MovableClock
from bot.config import Settings
from bot.models import Role, Staff, Team, YoungPerson
from bot.services import invites, leaver_account
from bot.services.identity import Identity, identify
from bot.store import Database, audit, feedback, outbox, passport, people, self_reported, staff, teams
from handlers import context as context_module
from handlers import texts as common_texts
from tests.botapi_stub import RecordingRequest, Reply
from tests.conftest import button_update, text_update

KAI, ROBIN, DANA = 600, 100, 300


@dataclass
class Service:
    db: Database
    person_id: int
    pa_id: int


async def add_service(db: Database, **kai: object) -> Service:
    """North team: PA Robin (Telegram 100), manager Dana (300), and Kai, 19, at university, linked (600)."""
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="North"))
        robin = await staff.add(
            tx, Staff(name="Robin", role=Role.PA, team_id=team.id, telegram_user_id=ROBIN)
        )
        await staff.add(tx, Staff(name="Dana", role=Role.MANAGER, team_id=team.id, telegram_user_id=DANA))
        fields = {
            "case_ref": "CL5",
            "preferred_name": "Kai",
            "date_of_birth": date(2007, 5, 1),
            "category": "former_relevant",
            "pa_id": robin.id,
            "team_id": team.id,
            "lives_in_area": True,
            "activity_code": "F1",
            "is_parent": False,
            "telegram_user_id": KAI,
        }
        fields.update(kai)
        person = await people.add(tx, YoungPerson(**fields))
    assert person.id is not None and robin.id is not None
    return Service(db, person.id, robin.id)


@pytest.fixture
async def service(app: Application) -> Service:
    return await add_service(app.bot_data["runtime"].db)


class Chat:
    """One person's side of the conversation: what they send, what they see."""

    def __init__(self, app: Application, transport: RecordingRequest, user_id: int) -> None:
        self.app, self.transport, self.user_id = app, transport, user_id

    async def says(self, text: str) -> None:
        await self.app.process_update(text_update(self.app, self.user_id, text))

    async def taps(self, label_part: str) -> None:
        data = self.last().button(label_part)
        await self.app.process_update(button_update(self.app, self.user_id, data))

    async def presses(self, data: str) -> None:
        await self.app.process_update(button_update(self.app, self.user_id, data))

    def seen(self) -> list[Reply]:
        return self.transport.replies(self.user_id)

    def last(self) -> Reply:
        return self.seen()[-1]


@pytest.fixture
def kai(app: Application, transport: RecordingRequest) -> Chat:
    return Chat(app, transport, KAI)


@pytest.fixture
def robin(app: Application, transport: RecordingRequest) -> Chat:
    return Chat(app, transport, ROBIN)


async def pending(db: Database) -> list[str]:
    later = datetime(2030, 1, 1, tzinfo=UTC)
    return [row.idempotency_key for row in await outbox.pending(db.reader, later)]


async def test_onboarding_by_invite_shows_one_screen_and_the_menu(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = app.bot_data["runtime"].db
    await add_service(db, telegram_user_id=None)
    invite = await invites.create_for_young_person(
        db, "CL5", now=clock(), valid_for=timedelta(hours=1), bot_username="carebot"
    )
    kai = Chat(app, transport, KAI)
    await kai.says(f"/start {invite.code}")
    [welcome] = kai.seen()
    assert "You're in, Kai" in welcome.text
    assert "What your PA can see" in welcome.text and "/stop" in welcome.text and "999" in welcome.text
    assert {"What can I get?", "My passport", "Money help", "Talk to my PA", "Help now"} <= {
        label.split(" ", 1)[1] for label in welcome.buttons
    }
    assert (await people.by_telegram_user(db.reader, KAI)) is not None


async def test_what_can_i_get_is_personal(kai: Chat, service: Service) -> None:
    await kai.says("/menu")
    await kai.taps("What can I get?")
    offer = kai.last()
    assert offer.method == "editMessageText"
    assert "Money for university" in offer.buttons and "Help with council tax" in offer.buttons
    assert "Money for college (16 to 19 bursary)" not in offer.buttons
    assert "Help with council tax where you live" not in offer.buttons
    assert "At 21: Help from the council if you are homeless stops" in offer.text
    await kai.taps("Money for university")
    assert "£2,000" in kai.last().text and "Did this help?" in kai.last().text


async def test_unknown_facts_are_asked_with_buttons(app: Application, transport: RecordingRequest) -> None:
    await add_service(app.bot_data["runtime"].db, lives_in_area=None)
    kai = Chat(app, transport, KAI)
    await kai.says("/menu")
    await kai.taps("What can I get?")
    assert "do you live in Middlesbrough?" in kai.last().text
    assert not any("council tax" in label for label in kai.last().buttons)
    await kai.taps("No")
    assert "Help with council tax where you live" in kai.last().buttons
    assert "do you live in Middlesbrough?" not in kai.last().text


async def test_money_help_and_help_now_menus(kai: Chat, service: Service) -> None:
    await kai.says("/menu")
    await kai.taps("Money help")
    await kai.taps("Food today")
    assert "Food bank" in kai.last().text and "voucher" in kai.last().text
    await kai.taps("Menu")
    await kai.taps("Help now")
    text = kai.last().text
    assert text.index("999") < text.index("116 123")
    assert "01642 726004" in text  # Monday 10:00: the office is open


async def test_talk_to_my_pa_reaches_the_pa_and_escalates_unless_answered(
    app: Application, kai: Chat, robin: Chat, service: Service, transport: RecordingRequest
) -> None:
    await kai.says("/menu")
    await kai.taps("Talk to my PA")
    await kai.taps("Money")
    await kai.taps("Morning")
    assert "I've asked your PA, Robin" in kai.last().text
    [request] = robin.seen()
    assert "Kai (CL5) asked you to contact them" in request.text and "About: money" in request.text
    assert set(request.buttons) == {"I'll call today", "I'll call later", "Done"}
    escalation = [key for key in await pending(service.db) if ":escalate:" in key]
    assert len(escalation) == 1
    row = await outbox.by_key(service.db.reader, escalation[0])
    assert row is not None and row.due_at == datetime(2026, 11, 24, 17, 0, tzinfo=UTC)  # end of Tuesday

    await robin.taps("I'll call today")
    assert not [key for key in await pending(service.db) if ":escalate:" in key]
    assert "They will contact you today" in kai.last().text
    assert "You answered: I'll call today" in robin.last().text


async def test_out_of_hours_the_young_person_is_told_when_and_given_the_duty_number(
    kai: Chat, service: Service, clock: MovableClock
) -> None:
    clock.set(datetime(2026, 11, 28, 22, 0, tzinfo=UTC))  # Saturday night
    await kai.says("/menu")
    await kai.taps("Talk to my PA")
    await kai.taps("Health")
    await kai.taps("As soon as")
    text = kai.last().text
    assert "Monday 30 November at 9:00" in text and "01642 524552" in text


async def test_a_passport_tick_is_seen_by_the_pa(kai: Chat, robin: Chat, service: Service) -> None:
    await kai.says("/passport")
    assert "You have done 0 of 32" in kai.last().text
    await kai.taps("Money 0/4")
    await kai.taps("I have a bank account")
    await kai.taps("Done")
    assert "✅ I have a bank account" in kai.last().buttons
    await kai.taps("I can pay my bills")
    await kai.taps("I'd like help")
    assert "I've asked your PA to help you" in kai.last().text
    assert any("would like help with this passport item" in reply.text for reply in robin.seen())

    await robin.says("/passport")
    progress = robin.last().text
    assert "Kai</b> (CL5): 1/32 done" in progress and "Money 1/4" in progress
    assert "feels" not in progress
    assert "wants help: I can pay my bills on time" in progress
    assert [entry.action for entry in await audit.for_person(service.db.reader, service.person_id)] == [
        "passport.read"
    ]


async def test_finishing_a_section_asks_did_this_help_and_sometimes_readiness(
    kai: Chat, service: Service
) -> None:
    await kai.says("/passport")
    await kai.taps("ID and documents")
    for item in ("I have my birth certificate", "I have photo ID", "I have my National", "I have signed up"):
        await kai.taps(item)
        await kai.taps("Done")
    assert "Well done" in kai.last().text and "Did this help?" in kai.last().text
    await kai.taps("Yes")
    assert "how ready do you feel" in kai.last().text
    await kai.taps("4")
    assert "Thanks" in kai.last().text
    robin = Chat(kai.app, kai.transport, ROBIN)
    await robin.says("/passport")
    assert "Kai</b> (CL5): 4/32 done, feels 4/5 ready to live on their own" in robin.last().text
    assert "ID and documents 4/4" in robin.last().text


async def test_a_typed_question_is_answered_from_the_content(kai: Chat, service: Service) -> None:
    await kai.says("can I get money for a sofa")
    answer = kai.last()
    assert "Money to set up your first home" in answer.text and "at least £3,000" in answer.text
    assert {"👍 Yes", "👎 No", "💬 Ask my PA"} <= set(answer.buttons)


async def test_an_unanswerable_question_goes_to_the_pa_on_a_tap(
    kai: Chat,
    robin: Chat,
    service: Service,
    transport: RecordingRequest,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    await kai.says("how do I bake a cake")
    assert "Shall I send your question to your PA?" in kai.last().text
    assert robin.seen() == []
    await kai.taps("Yes, send it")
    assert "I've sent your question to your PA, Robin" in kai.last().text
    assert "asked a question the bot could not answer" in robin.last().text
    [copied] = transport.calls_to("copyMessage")
    assert int(copied.params["chat_id"]) == ROBIN and int(copied.params["from_chat_id"]) == KAI
    rows = await service.db.reader.execute_fetchall("SELECT text FROM outbox")
    stored = await service.db.reader.execute_fetchall("SELECT data FROM conversation_state")
    assert not any("cake" in row[0] for row in rows) and list(stored) == []
    assert "cake" not in caplog.text


async def test_a_question_the_bot_is_unsure_of_offers_guesses_and_to_send_it_to_the_pa(
    kai: Chat, robin: Chat, service: Service, transport: RecordingRequest
) -> None:
    await kai.says("how do I get my cat to stop biting")
    unsure = kai.last()
    assert "Did you mean one of these?" in unsure.text
    assert "📨 Send my question to my PA" in unsure.buttons
    await kai.taps("Send my question to my PA")
    assert "I've sent your question to your PA, Robin" in kai.last().text
    [copied] = transport.calls_to("copyMessage")
    assert int(copied.params["chat_id"]) == ROBIN


async def test_a_crisis_message_gets_crisis_lines_first_and_alerts_the_pa(
    kai: Chat, robin: Chat, service: Service, transport: RecordingRequest
) -> None:
    await kai.says("i want to kill myself")
    first, told = kai.seen()
    assert first.text.index("999") < first.text.index("116 123") < first.text.index("85258")
    assert "111" in first.text
    [alert] = robin.seen()
    assert alert.text.startswith("URGENT: Kai (CL5)") and "suicide or self-harm" in alert.text
    assert "kill" not in alert.text
    assert "I've let your PA, Robin, know" in told.text
    assert transport.calls_to("sendMessage")[0].params["chat_id"] in (KAI, str(KAI))
    await kai.says("menu")
    assert "What would you like to do" in kai.last().text


async def test_a_second_crisis_message_within_the_hour_is_passed_on_as_a_new_alert(
    kai: Chat, robin: Chat, service: Service, clock: MovableClock
) -> None:
    """Issue 11: a second risk within the hour used to be swallowed while the first was unanswered."""
    await kai.says("I want to kill myself")
    clock.advance(timedelta(minutes=20))
    await kai.says("my boyfriend hits me")
    first, second = robin.seen()
    assert first.text.startswith("URGENT") and "suicide or self-harm" in first.text
    assert second.text.startswith("URGENT") and "being hurt or not safe" in second.text
    assert "This is alert 2 about them in the last hour." in second.text
    lines_again, told_again = kai.seen()[2:]
    assert "0808 2000 247" in lines_again.text and "I've let your PA, Robin, know" in told_again.text
    await robin.presses(second.buttons["I'm on it"])
    assert "is dealing with it now" in kai.last().text
    assert first.buttons["Done"] != second.buttons["Done"]  # each alert is answered on its own


async def test_out_of_hours_a_crisis_alerts_the_duty_contact(
    settings: Settings, clock: MovableClock, transport: RecordingRequest
) -> None:
    settings = settings.model_copy(
        update={"safety": settings.safety.model_copy(update={"duty_chat_id": 777})}
    )
    clock.set(datetime(2026, 11, 24, 23, 30, tzinfo=UTC))
    app = build_application(settings, clock, request=transport, get_updates_request=transport)
    async with app:
        await app.post_init(app)
        await add_service(app.bot_data["runtime"].db)
        kai = Chat(app, transport, KAI)
        await kai.says("I have nowhere to sleep tonight")
        first, told = kai.seen()
        assert first.text.index("999") < first.text.index("01642 524552")  # the out-of-hours number
        assert "01642 726004" not in first.text
        assert Chat(app, transport, 777).last().text.startswith("URGENT")
        assert "the council's out-of-hours duty team" in told.text
        await app.post_shutdown(app)


async def test_out_of_hours_without_a_duty_contact_the_young_person_is_told_the_pa_may_not_see_it_yet(
    kai: Chat, robin: Chat, service: Service, clock: MovableClock
) -> None:
    clock.set(datetime(2026, 11, 28, 22, 0, tzinfo=UTC))  # Saturday night
    await kai.says("I'm not safe here")
    first, told = kai.seen()
    assert "01642 524552" in first.text and "0808 2000 247" in first.text
    assert robin.last().text.startswith("URGENT")
    assert "I've let your PA, Robin, know" in told.text
    assert "may not see it until Monday 30 November at 9:00" in told.text


async def test_a_stranger_in_crisis_gets_the_lines_and_an_honest_word(
    app: Application, transport: RecordingRequest
) -> None:
    stranger = Chat(app, transport, 555)
    await stranger.says("my boyfriend hits me")
    first, told = stranger.seen()
    assert "0808 2000 247" in first.text and "999" in first.text
    assert "I have not told anyone" in told.text


async def test_a_conversation_carries_on_after_a_restart(
    settings: Settings, clock: MovableClock, transport: RecordingRequest
) -> None:
    first = build_application(settings, clock, request=transport, get_updates_request=transport)
    async with first:
        await first.post_init(first)
        service = await add_service(first.bot_data["runtime"].db)
        await Chat(first, transport, KAI).says("/menu")
        await Chat(first, transport, KAI).taps("Talk to my PA")
        await first.post_shutdown(first)
    second = build_application(settings, clock, request=transport, get_updates_request=transport)
    async with second:
        await second.post_init(second)
        kai = Chat(second, transport, KAI)
        await kai.says("money please")
        assert "When is best" in kai.last().text
        await kai.says("morning")
        assert "I've asked your PA, Robin" in kai.last().text
        assert "About: money" in Chat(second, transport, ROBIN).last().text
        assert service.person_id
        await second.post_shutdown(second)


async def test_stop_unlinks_after_a_confirm(kai: Chat, service: Service, transport: RecordingRequest) -> None:
    await kai.says("/stop")
    assert "Do you want to stop" in kai.last().text
    await kai.taps("No, keep going")
    assert await people.by_telegram_user(service.db.reader, KAI) is not None
    await kai.says("/stop")
    await kai.taps("Yes, stop")
    assert "I've forgotten this account" in kai.last().text
    assert await people.by_telegram_user(service.db.reader, KAI) is None
    assert transport.calls_to("deleteMyCommands")


async def test_who_someone_is_is_never_kept_from_one_message_to_the_next(kai: Chat, service: Service) -> None:
    await kai.says("/menu")
    assert "What can I get?" in " ".join(kai.last().buttons)
    await kai.says("/stop")
    await kai.taps("Yes, stop")
    await kai.says("/menu")
    assert "You have not joined yet" in kai.last().text


async def test_each_message_is_looked_up_once_however_many_handlers_read_it(
    robin: Chat, service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PA's words about a young person at risk pass the crisis check (which asks who they are, and lets
    staff by), the young people's handler (which asks again) and the one that answers staff text (again):
    one lookup serves all three."""
    looked_up: list[int] = []
    real = context_module.identify

    async def counting(db: Database, telegram_user_id: int) -> Identity:
        looked_up.append(telegram_user_id)
        return await real(db, telegram_user_id)

    monkeypatch.setattr(context_module, "identify", counting)
    await robin.says("kai said he wants to kill himself")
    await robin.says("and that he self harms")
    assert looked_up == [ROBIN, ROBIN]  # once for each message
    assert [reply.text for reply in robin.seen()] == [common_texts.STAFF_TYPED] * 2  # not crisis lines


async def told_the_bot(app: Application, transport: RecordingRequest) -> tuple[Chat, Service]:
    """Kai, who chose a name, said where they live, ticked a passport line, said an answer helped, asked
    their PA to call, and is half-way through a question when they send /stop."""
    service = await add_service(app.bot_data["runtime"].db, lives_in_area=None, preferred_name=None)
    kai = Chat(app, transport, KAI)
    await leaver_account.choose_name(service.db, await identify(service.db, KAI), "Kai")
    await kai.says("/menu")
    await kai.taps("What can I get?")
    await kai.taps("No")  # do you live in Middlesbrough?
    await kai.taps("Money for university")
    await kai.taps("Yes")  # did this help?
    await kai.says("/passport")
    await kai.taps("Money 0/4")
    await kai.taps("I have a bank account")
    await kai.taps("Done")
    await kai.says("/menu")
    await kai.taps("Talk to my PA")
    await kai.taps("Money")
    await kai.taps("Morning")
    await kai.says("/stop")
    return kai, service


async def held_about(db: Database, person_id: int) -> dict[str, object]:
    reader = db.reader
    return {
        "answers": await self_reported.get(reader, person_id),
        "ticks": len(await passport.for_person(reader, person_id)),
        "feedback": len(await feedback.for_person(reader, person_id)),
        "anonymous feedback": len(await reader.execute_fetchall("SELECT 1 FROM feedback")),
        "hand-offs": len(await reader.execute_fetchall("SELECT 1 FROM handoffs")),
        "name": (await people.by_case_ref(reader, "CL5") or pytest.fail("record gone")).preferred_name,
    }


async def test_stop_can_also_delete_what_the_young_person_told_the_bot(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    kai, service = await told_the_bot(app, transport)
    before = await held_about(service.db, service.person_id)
    assert before["answers"] is not None and before["ticks"] == before["feedback"] == 1
    assert "delete what you told me" in kai.last().text
    await kai.taps("Stop and delete what I told you")
    assert "deleted what you told me" in kai.last().text
    assert await held_about(service.db, service.person_id) == {
        "answers": None,
        "ticks": 0,
        "feedback": 0,
        "anonymous feedback": 1,  # unlinked: a count with no name, as on erasure
        "hand-offs": 1,  # the request to the PA is the council's record
        "name": None,
    }
    assert await people.by_telegram_user(service.db.reader, KAI) is None
    [entry] = await audit.for_person(service.db.reader, service.person_id)
    assert (entry.actor_role, entry.action, entry.at) == ("leaver", "person.forget_told", clock())
    assert "passport ticks: 1" in (entry.detail or "")


async def test_stop_alone_keeps_what_they_told_the_bot(app: Application, transport: RecordingRequest) -> None:
    kai, service = await told_the_bot(app, transport)
    before = await held_about(service.db, service.person_id)
    await kai.says("yes")
    assert "I've forgotten this account" in kai.last().text
    assert await held_about(service.db, service.person_id) == before
    assert await audit.for_person(service.db.reader, service.person_id) == []


async def test_typing_delete_stops_and_deletes(app: Application, transport: RecordingRequest) -> None:
    kai, service = await told_the_bot(app, transport)
    await kai.says("delete")
    assert "deleted what you told me" in kai.last().text
    assert (await held_about(service.db, service.person_id))["ticks"] == 0


async def test_a_step_left_for_a_day_is_forgotten(
    kai: Chat, robin: Chat, service: Service, clock: MovableClock
) -> None:
    await kai.says("/menu")
    await kai.taps("Talk to my PA")
    clock.advance(timedelta(days=1))
    await kai.says("money")
    await kai.says("morning")
    assert robin.seen() == []


async def test_anything_but_yes_keeps_the_account(kai: Chat, service: Service) -> None:
    await kai.says("/stop")
    await kai.says("hmm no")
    assert "Good, I'm still here" in kai.last().text
    await kai.says("yes")
    assert await people.by_telegram_user(service.db.reader, KAI) is not None


async def test_cancel_leaves_a_half_done_request(kai: Chat, robin: Chat, service: Service) -> None:
    await kai.says("/menu")
    await kai.taps("Talk to my PA")
    await kai.says("/cancel")
    assert "I've stopped that" in kai.last().text
    await kai.says("money")
    assert robin.seen() == []


async def test_buttons_are_never_trusted(
    app: Application, kai: Chat, robin: Chat, service: Service, transport: RecordingRequest
) -> None:
    await kai.presses("l1:pt:not_an_item:d")
    assert "that button is old" in kai.last().text
    await kai.presses("l1:fact:lives_in_area:maybe")
    assert "that button is old" in kai.last().text
    await kai.presses("l1:fb:anything_at_all:y")
    assert "that button is old" in kai.last().text
    await kai.presses("l1:rd:9")
    assert "that button is old" in kai.last().text
    stranger = Chat(app, transport, 555)
    await stranger.presses("l1:pp")
    assert "only for young people" in stranger.last().text
    # Another PA cannot answer Robin's hand-off.
    async with service.db.transaction() as tx:
        await staff.add(tx, Staff(name="Sam", role=Role.PA, telegram_user_id=101))
    await kai.says("/menu")
    await kai.taps("Talk to my PA")
    await kai.taps("Money")
    await kai.taps("Morning")
    data = robin.last().button("I'll call today")
    answers_before = len(transport.calls_to("answerCallbackQuery"))
    await app.process_update(button_update(app, 101, data))
    assert [key for key in await pending(service.db) if ":escalate:" in key]
    [refusal] = transport.calls_to("answerCallbackQuery")[answers_before:]
    assert refusal.params.get("show_alert") and "can't see that" in refusal.params["text"]


async def test_a_question_typed_while_asked_for_a_time_is_answered_and_nothing_is_sent_yet(
    kai: Chat, robin: Chat, service: Service
) -> None:
    await kai.says("can my pa ring me tmrw")
    await kai.taps("Money")
    assert "When is best" in kai.last().text
    await kai.says("council tax and a deposit for a flat?")
    assert "council tax" in kai.last().text.lower() and "I've asked your PA" not in kai.last().text
    assert robin.seen() == []
    await kai.says("asap pls")
    assert "I've asked your PA, Robin" in kai.last().text
    assert "Best time: as soon as you can" in robin.last().text
