"""What a young person sees when they type as they really do, through the real Application and
process_update: danger now, a check-in, a friend's worry, small talk, "can my PA ring me", "Did you
mean...?", and someone who has not joined yet, who is never met with silence."""

from telegram import Chat as TelegramChat
from telegram import Message, PhotoSize, Update, User
from telegram.ext import Application

from bot.app import build_application
from bot.clock import MovableClock
from bot.config import Settings
from bot.store import outbox
from handlers import leaver_texts, public_texts, safety_texts
from tests.botapi_stub import RecordingRequest
from tests.conftest import NOW, text_update
from tests.test_leaver_handlers import KAI, Chat, Service, add_service, kai, robin, service

STRANGER = 555


async def test_danger_now_says_call_999_first_and_tells_the_pa_it_is_urgent(
    kai: Chat, robin: Chat, service: Service
) -> None:
    await kai.says("i took loads of my tablets")
    lines, told = kai.seen()
    assert lines.text.startswith(safety_texts.DANGER_FIRST)
    assert lines.text.index("999") < lines.text.index("116 123")
    [alert] = robin.seen()
    assert "in danger now" in alert.text and "tablets" not in alert.text
    assert "I've let your PA, Robin, know" in told.text


async def test_worry_gets_a_check_in_and_i_need_help_now_is_danger_now(
    kai: Chat, robin: Chat, service: Service
) -> None:
    await kai.says("i cant cope anymore")
    check_in = kai.last()
    assert "Are you safe right now?" in check_in.text
    assert {safety_texts.SAFE_BUTTON, safety_texts.HELP_NOW_BUTTON, safety_texts.TALK_TO_PA_BUTTON} <= set(
        check_in.buttons
    )
    assert robin.seen() == []  # a check-in tells nobody
    await kai.taps(safety_texts.HELP_NOW_BUTTON)
    lines, told = kai.seen()[-2:]
    assert "call 999" in lines.text and "116 123" in lines.text and "85258" in lines.text
    [alert] = robin.seen()
    assert "in danger now" in alert.text and "asked for help now" in alert.text
    assert "I've let your PA, Robin, know" in told.text


async def test_im_safe_gets_a_kind_word_and_no_alert(kai: Chat, robin: Chat, service: Service) -> None:
    await kai.says("whats the point")
    await kai.taps(safety_texts.SAFE_BUTTON)
    assert "I'm glad you're safe" in kai.last().text
    assert robin.seen() == []


async def test_talk_to_my_pa_from_the_check_in_starts_the_request(kai: Chat, service: Service) -> None:
    await kai.says("so lonely rn")
    await kai.taps(safety_texts.TALK_TO_PA_BUTTON)
    assert leaver_texts.PA_REASON.splitlines()[0] in kai.last().text


async def test_a_friends_worry_gets_help_for_a_friend_and_alerts_nobody(
    kai: Chat, robin: Chat, service: Service
) -> None:
    await kai.says("my mate self harms how do i help her")
    [reply] = kai.seen()
    assert "It's kind of you to want to help them" in reply.text and "116 123" in reply.text
    assert robin.seen() == []


async def test_everyday_words_get_no_crisis_screen(kai: Chat, robin: Chat, service: Service) -> None:
    for text in ("i'm scared of my electric bill", "this bus is killing me", "ending things with my bf"):
        await kai.says(text)
    assert not any("999" in reply.text for reply in kai.seen())
    assert robin.seen() == []


async def test_a_photo_caption_is_read_for_danger(
    app: Application, kai: Chat, robin: Chat, service: Service
) -> None:
    user = User(id=KAI, first_name="Kai", is_bot=False)
    message = Message(
        message_id=77,
        date=NOW,
        chat=TelegramChat(id=KAI, type=TelegramChat.PRIVATE),
        from_user=user,
        photo=[PhotoSize("file", "unique", 10, 10)],
        caption="I want to kill myself",
    )
    message.set_bot(app.bot)
    update = Update(update_id=9001, message=message)
    update.set_bot(app.bot)
    await app.process_update(update)
    assert "116 123" in kai.seen()[0].text
    assert robin.last().text.startswith("URGENT")


async def test_thanks_and_hello_get_a_friendly_word_and_the_menu(kai: Chat, service: Service) -> None:
    await kai.says("cheers")
    assert leaver_texts.YOU_ARE_WELCOME in kai.last().text
    assert leaver_texts.MENU_BUTTONS["offer"] in kai.last().buttons
    await kai.says("👍")
    assert leaver_texts.SEND_QUESTION not in kai.last().buttons


async def test_can_my_pa_ring_me_starts_the_request(kai: Chat, service: Service) -> None:
    await kai.says("can my pa ring me")
    assert leaver_texts.PA_REASON.splitlines()[0] in kai.last().text


async def test_a_passport_how_do_i_question_is_answered_by_its_tip(kai: Chat, service: Service) -> None:
    await kai.says("how do i read my gas meter")
    answer = kai.last()
    assert "I can read my gas and electric meters" in answer.text
    assert leaver_texts.ASK_MY_PA in answer.buttons


async def test_a_two_part_question_answers_both_parts(kai: Chat, service: Service) -> None:
    await kai.says("can i get help with council tax and a free bus pass")
    answer = kai.last().text
    assert "Council Tax Reduction" in answer and "Tees Pass" in answer


async def test_what_can_i_get_shows_a_few_with_more_and_asks_first(
    app: Application, transport: RecordingRequest
) -> None:
    await add_service(app.bot_data["runtime"].db, lives_in_area=None)
    kai = Chat(app, transport, KAI)
    await kai.says("/menu")
    await kai.taps("What can I get?")
    offer = kai.last()
    assert offer.text.index("do you live in Middlesbrough?") < offer.text.index("Tap one to read more")
    item_buttons = [label for label in offer.buttons if label not in ("Yes", "No", "Rather not say")]
    assert len(item_buttons) <= 8  # at most six items, More and Menu
    assert leaver_texts.MORE in offer.buttons
    assert offer.text.count("\nAt ") <= 3
    await kai.taps("Rather not say")
    assert "do you live in Middlesbrough?" not in kai.last().text
    assert "rather not say" in kai.last().text
    await kai.taps(leaver_texts.MORE)
    assert "Tap one to read more" in kai.last().text


async def test_someone_who_has_not_joined_is_never_met_with_silence(
    app: Application, transport: RecordingRequest
) -> None:
    sam = Chat(app, transport, STRANGER)
    await sam.says("hiya")
    assert public_texts.HELLO in sam.last().text
    await sam.taps("What can I get?")
    assert "This is general" in sam.last().text
    await sam.says("can i get money for a sofa")
    answer = sam.last().text
    assert "at least £3,000" in answer and "general" in answer
    await sam.says("can my pa ring me")
    assert "01642 726004" in sam.last().text
    await sam.says("🙂")
    assert sam.last().text
    await sam.says("/menu")
    assert public_texts.MENU_BUTTONS["join"] in sam.last().buttons
    assert len(sam.seen()) == 6


async def test_a_stranger_in_crisis_reaches_the_duty_contact_when_there_is_one(
    settings: Settings, clock: MovableClock, transport: RecordingRequest
) -> None:
    settings = settings.model_copy(
        update={"safety": settings.safety.model_copy(update={"duty_chat_id": 777})}
    )
    app = build_application(settings, clock, request=transport, get_updates_request=transport)
    async with app:
        await app.post_init(app)
        await app.process_update(text_update(app, STRANGER, "nowhere to sleep tonight"))
        duty = Chat(app, transport, 777).last()
        assert duty.text.startswith("URGENT") and "not joined" in duty.text and str(STRANGER) in duty.text
        assert "nowhere" not in duty.text.split("(")[0]
        told = Chat(app, transport, STRANGER).last()
        assert "the council's out-of-hours duty team" in told.text
        assert await outbox.pending(app.bot_data["runtime"].db.reader, NOW) == []
        await app.post_shutdown(app)


async def test_staff_messages_are_not_read_for_risk(robin: Chat, service: Service) -> None:
    await robin.says("Kai said he wants to kill himself")
    assert not any("116 123" in reply.text for reply in robin.seen())


__all__ = ["kai", "robin", "service"]  # fixtures shared with the leaver's handler tests
