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
    assert "• Return home interview: 6 overdue, 1 due" in text
    buttons = transport.replies(MANAGER_NORTH)[0].buttons
    assert list(buttons) == [
        "Contact: 7",
        "Pathway plan review: 7",
        "Return home interview: 7",
        "Turning 18: 3",  # Cal turned 18 today unplanned; Amy and Ben are in their notice time
        "Repeat missing: 1",
    ]
    assert all(len(data.encode()) <= 64 for data in buttons.values())
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
        (ADMIN, "/export", "Please name one team, for example /export Pathways Team."),
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
    assert set(documents) == {
        "north-2026-11-23.xlsx",
        "north-open-deadlines-2026-11-23.csv",
        "north-caseloads-2026-11-23.csv",
    }
    with zipfile.ZipFile(io.BytesIO(documents["north-2026-11-23.xlsx"])) as workbook:
        assert {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} <= set(workbook.namelist())
        assert "Robin Hall" in workbook.read("xl/sharedStrings.xml").decode()
    caseloads = read_csv(documents["north-caseloads-2026-11-23.csv"])
    assert caseloads[0] == [
        "Team",
        "PA",
        "Worker id",
        "Young people",
        "Target",
        "Above target",
        "Overdue",
        "Due this week",
    ]
    # Robin: six RHIs and Cal's planning for 18 (he turned 18 today) overdue; contact and review due for
    # four, Gus's RHI, Amy's and Ben's planning for 18 and Gus's repeat-missing flag. Sam: contact and
    # review. No PA: Fay (Hal died: on nobody's caseload).
    assert caseloads[1:] == [
        ["North", "Robin Hall", "W-Robin Hall", "4", "22", "no", "7", "12"],
        ["North", "Sam Lee", "W-Sam Lee", "2", "22", "no", "0", "4"],
        ["North", "Pat Green", "W-Pat Green", "0", "22", "no", "0", "0"],
        ["", "No PA", "", "1", "", "", "0", "2"],
    ]
    deadlines = read_csv(documents["north-open-deadlines-2026-11-23.csv"])
    assert deadlines[0][:9] == [
        "Team",
        "PA",
        "Case ref",
        "Preferred name",
        "Age",
        "Deadline",
        "Status",
        "Due",
        "Days overdue",
    ]
    assert deadlines[1][:9] == [
        "North",
        "Robin Hall",
        "CL-Gus",
        "Gus",
        "16",
        "Return home interview",
        "overdue",
        "13/08/2026 11:00",
        "102",
    ]
    assert len(deadlines) == 1 + 29  # every open deadline, all kinds (none for Hal, who died)
    exported = [entry for entry in await audit.recent(database(app).reader) if entry.action == "export"]
    assert len(exported) == 1 + 7  # the request, and each young person named in it


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


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
    [listing] = transport.sent_texts(MANAGER_NORTH)
    assert listing.split("\n") == [
        "<b>Contact: North</b>",
        "Overdue or due in the next 7 days, as of 23 Nov 2026",
        "",
        "<b>Robin Hall</b>",
        "• Amy (CL-Amy): due 23 Nov 2026",
        "• Ben (CL-Ben): due 23 Nov 2026",
        "• Cal (CL-Cal): due 23 Nov 2026",
        "• Gus (CL-Gus): due 23 Nov 2026",
        "",
        "<b>Sam Lee</b>",
        "• Dee (CL-Dee): due 23 Nov 2026",
        "• Eve (CL-Eve): due 23 Nov 2026",
        "",
        "<b>No PA</b>",
        "• Fay (CL-Fay): due 23 Nov 2026",
    ]
    listed = [
        entry for entry in await audit.recent(database(app).reader) if entry.action == "summary_list:contact"
    ]
    assert len(listed) == 1 + 7  # the request, and each young person it named
    await app.process_update(button_press(app, MANAGER_NORTH, "s1:nonsense:all"))
    assert transport.calls[-1].params["text"] == "That button no longer works. Send /summary again."


async def test_a_young_person_known_only_by_case_reference_is_listed_by_it(
    app: Application, transport: RecordingRequest, service: KnownService
) -> None:
    """Annex A gives no names: such a young person appears by case reference in lists and exports."""
    db = database(app)
    async with db.transaction() as tx:
        await tx.execute("UPDATE young_people SET preferred_name = NULL WHERE case_ref = 'CL-Fay'")
    await app.process_update(button_press(app, MANAGER_NORTH, f"s1:contact:team:{service.north.id}"))
    [listing] = transport.sent_texts(MANAGER_NORTH)
    assert listing.split("\n")[-2:] == ["<b>No PA</b>", "• CL-Fay: due 23 Nov 2026"]

    await app.process_update(text_update(app, MANAGER_NORTH, "/export"))
    exported = [call for call in transport.calls if call.method == "sendDocument"]
    assert exported, "the export was not sent"
