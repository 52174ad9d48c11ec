"""/summary, /charts and /export through Application.process_update, as each role would use them."""

import csv
import io
import itertools
import zipfile

import pytest
from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.ext import Application

from bot.store import Database, audit
from tests.botapi_stub import RecordingRequest
from tests.conftest import NOW, text_update
from tests.known_service import ADMIN, LEAVER_AMY, MANAGER_NORTH, MANAGER_SOUTH, PA_ROBIN, KnownService, build

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ids = itertools.count(10_000)


@pytest.fixture
async def service(app: Application) -> KnownService:
    return await build(database(app))


def database(app: Application) -> Database:
    return app.bot_data["runtime"].db


def button_press(app: Application, user_id: int, data: str) -> Update:
    user = User(id=user_id, first_name="Test", is_bot=False)
    message = Message(
        message_id=next(_ids), date=NOW, chat=Chat(id=user_id, type=Chat.PRIVATE), text="Summary"
    )
    message.set_bot(app.bot)
    query = CallbackQuery(id=str(next(_ids)), from_user=user, chat_instance="1", data=data, message=message)
    query.set_bot(app.bot)
    update = Update(update_id=next(_ids), callback_query=query)
    update.set_bot(app.bot)
    return update


async def test_a_manager_gets_their_team_summary_in_one_message(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await app.process_update(text_update(app, MANAGER_NORTH, "/summary"))
    [call] = transport.sent("sendMessage", MANAGER_NORTH)
    assert call.params["parse_mode"] == "HTML"
    text = call.params["text"]
    assert text.startswith("<b>Summary: North</b>\nAs of Mon 23 Nov 2026, 10:00 (Europe/London)")
    assert "• Robin Hall: 4" in text and "Ivy" not in text
    assert "<b>Deadlines</b>\nNot available yet" in text
    [entry] = await audit.recent(database(app).reader)
    assert (entry.action, entry.detail) == ("summary", f"team:{service.north.id}")


async def test_an_admin_names_a_team(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await app.process_update(text_update(app, ADMIN, "/summary south"))
    [text] = transport.sent_texts(ADMIN)
    assert text.startswith("<b>Summary: South</b>")


@pytest.mark.parametrize(
    ("user", "command", "reply"),
    [
        (PA_ROBIN, "/summary", "<b>Summary: Robin Hall's caseload</b>"),
        (PA_ROBIN, "/charts", "Charts and exports are for managers."),
        (PA_ROBIN, "/export", "Charts and exports are for managers."),
        (MANAGER_SOUTH, "/summary North", "You can see your own team's summary only."),
        (LEAVER_AMY, "/summary", "Sorry, summaries are only for staff"),
        (555, "/summary", "Sorry, summaries are only for staff"),
        (555, "/charts", "Sorry, summaries are only for staff"),
    ],
)
async def test_each_role_sees_only_what_it_may(
    app: Application, transport: RecordingRequest, service: KnownService, user: int, command: str, reply: str
) -> None:
    await app.process_update(text_update(app, user, command))
    [text] = transport.sent_texts(user)
    assert text.startswith(reply)
    assert not transport.sent("sendPhoto", user) and not transport.sent("sendDocument", user)


async def test_charts_arrive_as_photos(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await app.process_update(text_update(app, MANAGER_NORTH, "/charts"))
    photos = transport.sent("sendPhoto", MANAGER_NORTH)
    assert [call.params["caption"] for call in photos] == [
        "North: caseload per PA",
        "North: return interviews within 72 h by month",
        "North: overdue items, last 8 weeks",
    ]
    for call in photos:
        [(filename, content)] = call.files.values()
        assert filename.endswith("-north-2026-11-23.png")
        assert content.startswith(PNG_SIGNATURE) and 10_000 < len(content) < 1_000_000


async def test_export_sends_a_spreadsheet_and_csv(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    await app.process_update(text_update(app, MANAGER_NORTH, "/export"))
    documents = {
        name: content
        for call in transport.sent("sendDocument", MANAGER_NORTH)
        for name, content in call.files.values()
    }
    assert set(documents) == {"north-2026-11-23.xlsx", "north-caseloads-2026-11-23.csv"}
    with zipfile.ZipFile(io.BytesIO(documents["north-2026-11-23.xlsx"])) as workbook:
        assert "xl/worksheets/sheet1.xml" in workbook.namelist()
        assert "Robin Hall" in workbook.read("xl/sharedStrings.xml").decode()
    rows = list(csv.reader(io.StringIO(documents["north-caseloads-2026-11-23.csv"].decode("utf-8-sig"))))
    assert rows[0] == [
        "Team",
        "PA",
        "Worker id",
        "Young people",
        "Target",
        "Above target",
        "Overdue",
        "Due this week",
    ]
    assert rows[1][:6] == ["North", "Robin Hall", "W-Robin Hall", "4", "22", "no"]
    assert rows[-1][1:4] == ["No PA", "", "2"]


async def test_a_list_button_is_rechecked_on_every_press(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    data = f"s1:contact:team:{service.north.id}"
    await app.process_update(button_press(app, MANAGER_SOUTH, data))
    [refused] = [call for call in transport.calls if call.method == "answerCallbackQuery"]
    assert (
        refused.params["text"] == "You can see your own team's summary only." and refused.params["show_alert"]
    )
    assert not transport.sent_texts(MANAGER_SOUTH)
    await app.process_update(button_press(app, MANAGER_NORTH, data))
    assert transport.sent_texts(MANAGER_NORTH) == [
        "The lists behind the deadline counts are not available yet."
    ]
    await app.process_update(button_press(app, MANAGER_NORTH, "s1:nonsense:all"))
    assert transport.calls[-1].params["text"] == "That button no longer works. Send /summary again."
