"""Every message gets a reply, and every button press is answered.

A photo, voice note, sticker, file, place or video gets a short, kind answer with the menu, in the words of
whoever sent it; a caption is read for danger first; a command the bot does not know and staff typing get
a pointer to /help; and any press (garbage, an old prefix, huge data, a button on an inline message) is
answered, so no button keeps spinning.
"""

import pytest
from telegram.ext import Application

from bot.services import advisor
from handlers import leaver_texts, public_texts, texts
from tests.botapi_stub import RecordingRequest, Reply
from tests.known_service import ADMIN, LEAVER_AMY, MANAGER_NORTH, PA_ROBIN, build
from tests.updates import MEDIA, Where, message, press

STRANGER = 4242
LEAVER_MENU, PUBLIC_MENU = "💬 Talk to my PA", "🔗 How to join"


@pytest.fixture
async def service(app: Application) -> None:
    await build(app.bot_data["runtime"].db)


def replies(transport: RecordingRequest, user_id: int) -> list[Reply]:
    return transport.replies(user_id)


@pytest.mark.parametrize("kind", MEDIA)
async def test_a_young_person_who_sends_anything_but_text_gets_a_kind_answer_and_the_menu(
    app: Application, transport: RecordingRequest, service: None, kind: str
) -> None:
    await app.process_update(message(app, Where(LEAVER_AMY), media=kind))
    [reply] = replies(transport, LEAVER_AMY)
    assert reply.text.startswith(leaver_texts.ONLY_TEXT) and "What would you like to do, Amy?" in reply.text
    assert LEAVER_MENU in reply.buttons


@pytest.mark.parametrize("kind", ["photo", "voice", "sticker", "location"])
async def test_someone_who_has_not_joined_gets_the_general_menu(
    app: Application, transport: RecordingRequest, service: None, kind: str
) -> None:
    await app.process_update(message(app, Where(STRANGER), media=kind))
    [reply] = replies(transport, STRANGER)
    assert reply.text.startswith(public_texts.ONLY_TEXT) and PUBLIC_MENU in reply.buttons


@pytest.mark.parametrize(
    ("user", "file_name", "said"),
    [
        (LEAVER_AMY, "caseload.csv", leaver_texts.ONLY_TEXT),  # a spreadsheet from a young person
        (STRANGER, "notes.xlsx", public_texts.ONLY_TEXT),
        (PA_ROBIN, "letter.pdf", texts.STAFF_ONLY_TEXT),
        (PA_ROBIN, "caseload.csv", "Only an admin can import the caseload."),
        (ADMIN, "letter.pdf", "I can import .xlsx, .xls, .ods and .csv files."),
    ],
)
async def test_a_file_gets_an_answer_that_fits_who_sent_it(
    app: Application, transport: RecordingRequest, service: None, user: int, file_name: str, said: str
) -> None:
    await app.process_update(message(app, Where(user), media="document", file_name=file_name))
    [reply] = replies(transport, user)
    assert reply.text.startswith(said)
    assert transport.calls_to("getFile") == []


async def test_staff_get_a_pointer_to_their_commands(
    app: Application, transport: RecordingRequest, service: None
) -> None:
    await app.process_update(message(app, Where(MANAGER_NORTH), media="voice"))
    await app.process_update(message(app, Where(MANAGER_NORTH), text="how is the team doing?"))
    await app.process_update(message(app, Where(MANAGER_NORTH), text="/teleport"))
    assert [reply.text for reply in replies(transport, MANAGER_NORTH)] == [
        texts.STAFF_ONLY_TEXT,
        texts.STAFF_TYPED,
        texts.STAFF_UNKNOWN_COMMAND,
    ]


async def test_a_command_the_bot_does_not_know_gets_the_menu(
    app: Application, transport: RecordingRequest, service: None
) -> None:
    await app.process_update(message(app, Where(LEAVER_AMY), text="/teleport me"))
    await app.process_update(message(app, Where(STRANGER), text="/help@some_other_bot"))
    [amy] = replies(transport, LEAVER_AMY)
    assert amy.text.startswith(leaver_texts.UNKNOWN_COMMAND) and LEAVER_MENU in amy.buttons
    [stranger] = replies(transport, STRANGER)
    assert stranger.text.startswith(public_texts.UNKNOWN_COMMAND) and PUBLIC_MENU in stranger.buttons


async def test_a_caption_is_read_for_danger_before_anything_else(
    app: Application, transport: RecordingRequest, service: None
) -> None:
    await app.process_update(message(app, Where(LEAVER_AMY), media="photo", caption="I want to kill myself"))
    said = [reply.text for reply in replies(transport, LEAVER_AMY)]
    assert "999" in said[0] and "116 123" in said[0]
    assert not any(leaver_texts.ONLY_TEXT in text for text in said)
    await app.process_update(message(app, Where(LEAVER_AMY), media="photo", caption="my new flat"))
    assert replies(transport, LEAVER_AMY)[-1].text.startswith(leaver_texts.ONLY_TEXT)


GARBAGE = ["", "x", "l0:menu", "a0:cd:1", "p1:nope", "a1:cd:99999999", "l1:ent:" + "z" * 60, "🙂" * 40]


@pytest.mark.parametrize("user", [LEAVER_AMY, STRANGER, PA_ROBIN, MANAGER_NORTH, ADMIN])
async def test_every_press_is_answered_whatever_its_data(
    app: Application, transport: RecordingRequest, service: None, user: int
) -> None:
    presses = [press(app, Where(user), data) for data in [*GARBAGE, "l1:" + "9" * 5000]]
    presses.append(press(app, Where(user), "l1:menu", inline=True))
    for update in presses:
        await app.process_update(update)
    answered = [call.params["callback_query_id"] for call in transport.calls_to("answerCallbackQuery")]
    assert sorted(answered) == sorted(update.callback_query.id for update in presses if update.callback_query)


async def test_an_old_button_gives_a_young_person_the_menu_back(
    app: Application, transport: RecordingRequest, service: None
) -> None:
    await app.process_update(press(app, Where(LEAVER_AMY), "l0:offer"))
    reply = replies(transport, LEAVER_AMY)[-1]
    assert reply.text == leaver_texts.BAD_BUTTON and LEAVER_MENU in reply.buttons
    await app.process_update(press(app, Where(STRANGER), "zz:top"))
    reply = replies(transport, STRANGER)[-1]
    assert reply.text.startswith(public_texts.BAD_BUTTON) and PUBLIC_MENU in reply.buttons


async def test_a_press_that_fails_is_still_answered_and_the_person_told(
    app: Application, transport: RecordingRequest, service: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a fault in the service")

    monkeypatch.setattr(advisor, "as_pa", broken)
    pressed = press(app, Where(PA_ROBIN), "a1:cd:1")
    await app.process_update(pressed)
    assert pressed.callback_query is not None
    assert [call.params["callback_query_id"] for call in transport.calls_to("answerCallbackQuery")] == [
        pressed.callback_query.id
    ]
    assert transport.sent_texts(PA_ROBIN) == [texts.SOMETHING_WENT_WRONG]
