"""An admin imports the caseload by sending the file in the chat, through Application.process_update."""

import itertools
import json
from datetime import date, timedelta
from pathlib import Path

from telegram import CallbackQuery, Chat, Document, Message, Update, User
from telegram.ext import Application

from bot.app import build_application
from bot.clock import MovableClock
from bot.config import Settings
from bot.models import Role, Staff, Team
from bot.store import Database, audit, caseload, people, staff, teams
from tests.botapi_stub import RecordingRequest
from tests.conftest import NOW

FIXTURES = Path(__file__).parent / "fixtures"
ADMIN, PA = 700, 701
_ids = itertools.count(10_000)


def document_update(app: Application, user_id: int, file_id: str, file_name: str, size: int) -> Update:
    message = Message(
        message_id=next(_ids),
        date=NOW,
        chat=Chat(id=user_id, type=Chat.PRIVATE),
        from_user=User(id=user_id, first_name="Test", is_bot=False),
        document=Document(file_id=file_id, file_unique_id=f"u{file_id}", file_name=file_name, file_size=size),
    )
    message.set_bot(app.bot)
    update = Update(update_id=next(_ids), message=message)
    update.set_bot(app.bot)
    return update


def button_update(app: Application, user_id: int, data: str) -> Update:
    user = User(id=user_id, first_name="Test", is_bot=False)
    message = Message(
        message_id=next(_ids), date=NOW, chat=Chat(id=user_id, type=Chat.PRIVATE), text="report"
    )
    query = CallbackQuery(
        id=str(next(_ids)), from_user=user, chat_instance="chat", data=data, message=message
    )
    query.set_bot(app.bot)
    message.set_bot(app.bot)
    update = Update(update_id=next(_ids), callback_query=query)
    update.set_bot(app.bot)
    return update


def buttons(transport: RecordingRequest, chat_id: int) -> dict[str, str]:
    """The buttons under the last message sent to ``chat_id``: label -> callback data."""
    [last] = [
        c for c in transport.calls if c.method == "sendMessage" and int(c.params["chat_id"]) == chat_id
    ][-1:]
    markup = last.params.get("reply_markup")
    if markup is None:
        return {}
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return {button["text"]: button["callback_data"] for row in markup["inline_keyboard"] for button in row}


async def add_people(db: Database) -> None:
    async with db.transaction() as tx:
        north = await teams.add(tx, Team(name="Pathways North"))
        south = await teams.add(tx, Team(name="Pathways South"))
        await staff.add(tx, Staff(name="Ada Admin", role=Role.ADMIN, telegram_user_id=ADMIN))
        await staff.add(
            tx,
            Staff(name="Alex Morgan", role=Role.PA, team_id=north.id, worker_id="W100", telegram_user_id=PA),
        )
        await staff.add(tx, Staff(name="Robin Hall", role=Role.PA, team_id=south.id, worker_id="W200"))


def read(path: Path) -> bytes:
    return path.read_bytes()


async def send_file(app: Application, transport: RecordingRequest, user_id: int, path: Path) -> None:
    content = read(path)
    transport.files[path.stem] = content
    await app.process_update(document_update(app, user_id, path.stem, path.name, len(content)))


async def test_an_admin_previews_then_applies_a_caseload_file(
    app: Application, transport: RecordingRequest
) -> None:
    db = app.bot_data["runtime"].db
    await add_people(db)
    await send_file(app, transport, ADMIN, FIXTURES / "list9_messy.csv")
    reading, preview = transport.sent_texts(ADMIN)
    assert "list9_messy.csv" in reading
    assert "Nothing is written yet" in preview and "Young people: 5 new, 0 updated, 0 unchanged." in preview
    assert await caseload.all_people(db.reader) == []
    choices = buttons(transport, ADMIN)
    assert list(choices) == ["Apply", "Cancel"]
    assert all(len(data.encode()) < 64 for data in choices.values())

    await app.process_update(button_update(app, ADMIN, choices["Apply"]))
    assert "Import done (as of 23/11/2026)." in transport.sent_texts(ADMIN)[-1]
    assert len(await caseload.all_people(db.reader)) == 5
    assert (await people.by_case_ref(db.reader, "CL1001")).date_of_birth == date(2007, 2, 14)
    logged = [
        (entry.action, entry.actor_role, entry.detail) for entry in reversed(await audit.recent(db.reader))
    ]
    assert logged == [
        ("import_preview", "admin", "preview: 5 new, 0 updated, 0 missing"),
        ("import", "admin", "5 new, 0 updated, 0 left; as of 2026-11-23"),
    ]

    await app.process_update(button_update(app, ADMIN, choices["Apply"]))
    assert "already been used" in transport.sent_texts(ADMIN)[-1]


async def test_someone_who_is_not_an_admin_cannot_import(
    app: Application, transport: RecordingRequest
) -> None:
    db = app.bot_data["runtime"].db
    await add_people(db)
    await send_file(app, transport, PA, FIXTURES / "list9_messy.csv")
    assert transport.sent_texts(PA) == ["Only an admin can import the caseload."]
    assert not [call for call in transport.calls if call.method in ("getFile", "downloadFile")]
    await send_file(app, transport, ADMIN, FIXTURES / "list9_messy.csv")
    apply = buttons(transport, ADMIN)["Apply"]
    await app.process_update(button_update(app, PA, apply))  # a PA pressing an admin's button
    assert transport.sent_texts(PA)[-1] == "Only an admin can import the caseload."
    assert await caseload.all_people(db.reader) == []


async def test_a_file_with_problems_lists_them_and_offers_nothing_to_apply(
    app: Application, transport: RecordingRequest
) -> None:
    await add_people(app.bot_data["runtime"].db)
    await send_file(app, transport, ADMIN, FIXTURES / "list9_bad.csv")
    report = transport.sent_texts(ADMIN)[-1]
    assert report.startswith("Nothing was changed. The import has 4 problems.")
    assert 'row 2, column "Date of Birth", value "31/02/2008": not a real date' in report
    assert buttons(transport, ADMIN) == {}


async def test_cancel_leaves_everything_as_it_was(app: Application, transport: RecordingRequest) -> None:
    db = app.bot_data["runtime"].db
    await add_people(db)
    await send_file(app, transport, ADMIN, FIXTURES / "list9_messy.csv")
    choices = buttons(transport, ADMIN)
    await app.process_update(button_update(app, ADMIN, choices["Cancel"]))
    assert transport.sent_texts(ADMIN)[-1] == "Cancelled. Nothing was changed."
    await app.process_update(button_update(app, ADMIN, choices["Apply"]))
    assert "already been used, cancelled or has expired" in transport.sent_texts(ADMIN)[-1]
    assert await caseload.all_people(db.reader) == []


async def test_a_pending_import_survives_a_restart(
    settings: Settings, clock: MovableClock, transport: RecordingRequest
) -> None:
    first = build_application(settings, clock, request=transport, get_updates_request=transport)
    async with first:
        await first.post_init(first)
        await add_people(first.bot_data["runtime"].db)
        await send_file(first, transport, ADMIN, FIXTURES / "list9_messy.csv")
        await first.post_shutdown(first)
    apply = buttons(transport, ADMIN)["Apply"]

    second = build_application(settings, clock, request=transport, get_updates_request=transport)
    async with second:
        await second.post_init(second)
        await second.process_update(button_update(second, ADMIN, apply))
        assert len(await caseload.all_people(second.bot_data["runtime"].db.reader)) == 5
        await second.post_shutdown(second)


async def test_a_later_file_offers_to_close_those_who_left(
    app: Application, transport: RecordingRequest
) -> None:
    db = app.bot_data["runtime"].db
    await add_people(db)
    await send_file(app, transport, ADMIN, FIXTURES / "list9_messy.csv")
    await app.process_update(button_update(app, ADMIN, buttons(transport, ADMIN)["Apply"]))
    lines = read(FIXTURES / "list9_messy.csv").splitlines()
    transport.files["shorter"] = b"\n".join(lines[:4]) + b"\n"
    await app.process_update(document_update(app, ADMIN, "shorter", "shorter.csv", 10))
    preview = transport.sent_texts(ADMIN)[-1]
    assert "2 young people in the bot are not in this caseload file:" in preview
    assert 'tap "Apply and close"' in preview
    choices = buttons(transport, ADMIN)
    assert list(choices) == ["Apply", "Apply and close 2", "Cancel"]
    await app.process_update(button_update(app, ADMIN, choices["Apply and close 2"]))
    assert (await people.by_case_ref(db.reader, "CL1005")).left_service_on == date(2026, 11, 23)


async def test_an_unconfirmed_import_expires_after_a_day(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = app.bot_data["runtime"].db
    await add_people(db)
    await send_file(app, transport, ADMIN, FIXTURES / "list9_messy.csv")
    stale = buttons(transport, ADMIN)["Apply"]
    clock.advance(timedelta(hours=25))
    await app.process_update(button_update(app, ADMIN, stale))
    assert "has expired" in transport.sent_texts(ADMIN)[-1]
    assert await caseload.all_people(db.reader) == []
    await send_file(app, transport, ADMIN, FIXTURES / "list9_messy.csv")
    stored = await db.reader.execute_fetchall("SELECT id FROM pending_imports")
    assert [row[0] for row in stored] == [int(buttons(transport, ADMIN)["Apply"].rsplit(":", 1)[1])]
