import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram import CallbackQuery, Chat, Message, MessageEntity, Update, User
from telegram.ext import Application

from bot.app import build_application
from bot.clock import MovableClock
from bot.config import Settings
from bot.store import Database
from tests.botapi_stub import RecordingRequest
from tests.figures import FIGURES

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures the tests that ran measured (``tests/figures.py``)."""
    for name, figure in FIGURES.items():
        terminalreporter.write_line(f"{name}: {figure}")


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(NOW)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name in [name for name in __import__("os").environ if name.startswith("CAREBOT_")]:
        monkeypatch.delenv(name)
    return Settings.model_validate(
        {"telegram": {"token": "123:TEST"}, "database": {"path": tmp_path / "carebot.sqlite3"}}
    )


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[Database]:
    database = await Database.open(settings.database.path)
    yield database
    await database.close()


@pytest.fixture
def transport() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
async def app(
    settings: Settings, clock: MovableClock, transport: RecordingRequest
) -> AsyncIterator[Application]:
    application = build_application(settings, clock, request=transport, get_updates_request=transport)
    async with application:
        await application.post_init(application)
        yield application
        await application.post_shutdown(application)


_update_ids = itertools.count(1)


def text_update(app: Application, user_id: int, text: str) -> Update:
    """A private-chat text message from ``user_id``, as Telegram would deliver it."""
    user = User(id=user_id, first_name="Test", is_bot=False)
    entities = (
        [MessageEntity(MessageEntity.BOT_COMMAND, 0, len(text.split()[0]))] if text.startswith("/") else []
    )
    message = Message(
        message_id=next(_update_ids),
        date=NOW,
        chat=Chat(id=user_id, type=Chat.PRIVATE),
        from_user=user,
        text=text,
        entities=entities,
    )
    message.set_bot(app.bot)
    update = Update(update_id=next(_update_ids), message=message)
    update.set_bot(app.bot)
    return update


def button_update(app: Application, user_id: int, data: str, message_id: int = 1) -> Update:
    """A press of an inline button with ``data`` under the bot's message ``message_id``."""
    bot_user = User(id=app.bot.id, first_name="Care bot", is_bot=True)
    message = Message(
        message_id=message_id,
        date=NOW,
        chat=Chat(id=user_id, type=Chat.PRIVATE),
        from_user=bot_user,
        text="…",
    )
    message.set_bot(app.bot)
    query = CallbackQuery(
        id=str(next(_update_ids)),
        from_user=User(id=user_id, first_name="Test", is_bot=False),
        chat_instance=str(user_id),
        data=data,
        message=message,
    )
    query.set_bot(app.bot)
    update = Update(update_id=next(_update_ids), callback_query=query)
    update.set_bot(app.bot)
    return update
