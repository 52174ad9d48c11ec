"""Private chats only: every handler the bot registers acts in a private chat and never in a group, or has
a written reason; in a group the bot says once, kindly, that it only works in a private chat, and posts
nothing else: no names, no case references, no files."""

from collections.abc import Callable

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.callbacks import REGISTRY
from bot.store import Database, audit
from handlers import texts
from tests.botapi_stub import RecordingRequest
from tests.known_service import ADMIN, MANAGER_NORTH, PA_ROBIN, KnownService, build
from tests.updates import GROUP_CHAT, MEDIA, Where, added_to_group, message, press

EXEMPT = {
    "bot.app._count_update": "counts every update for /metrics and sends nothing",
    "handlers.private._elsewhere": "is the one answer for groups and channels",
    "handlers.fallback.on_unknown_button": (
        "answers any press no other handler took, wherever it came from (a press on an inline message has"
        " no chat); outside a private chat it only stops the button spinning"
    ),
}
"""Handlers that may see updates from any chat, and why. Any other handler must act in private chats
only."""

ERROR_HANDLERS = {"handlers.common.on_error": "says sorry only in a private chat"}


def _name(callback: Callable[..., object]) -> str:
    return f"{callback.__module__}.{callback.__qualname__}"


def _probes(app: Application, where: Where) -> list[Update]:
    """One update of every kind a handler might take, sent from ``where``."""
    commands = {
        command
        for handlers in app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    return [
        *(message(app, where, text=f"/{command}") for command in sorted(commands)),
        message(app, where, text="/nosuchcommand"),
        message(app, where, text="hello"),
        message(app, where, text="hello", edited=True),
        *(message(app, where, media=kind, caption="hi") for kind in MEDIA),
        message(app, where, media="document", file_name="caseload.csv"),
        *(press(app, where, f"{prefix}:x") for prefix in REGISTRY),
    ]


def answering_in_a_group(app: Application) -> list[str]:
    """Handlers (not exempt) that would act on an update from a group, or that no private probe reaches
    (so the probes would prove nothing about them)."""
    private, group = _probes(app, Where(PA_ROBIN)), _probes(app, Where(PA_ROBIN, GROUP_CHAT))
    found = []
    for handlers in app.handlers.values():
        for handler in handlers:
            name = _name(handler.callback)
            if name in EXEMPT:
                continue
            if not any(handler.check_update(update) for update in private):
                found.append(f"{name}: no probe reaches it")
            if any(handler.check_update(update) for update in group):
                found.append(f"{name}: acts in a group")
    return found


async def test_every_handler_acts_in_private_chats_only_or_says_why(app: Application) -> None:
    assert answering_in_a_group(app) == []
    registered = {_name(handler.callback) for handlers in app.handlers.values() for handler in handlers}
    assert set(EXEMPT) <= registered, "a reason for a handler that is no longer registered"
    assert {_name(handler) for handler in app.error_handlers} == set(ERROR_HANDLERS)


async def test_the_check_finds_a_handler_registered_without_the_filter(app: Application) -> None:
    async def caseload_everywhere(update: Update, context: object) -> None:
        """Registered as a colleague might, forgetting ``handlers.private.command``."""

    app.add_handler(CommandHandler("caseload", caseload_everywhere), group=5)
    assert answering_in_a_group(app) == [f"{_name(caseload_everywhere)}: acts in a group"]


def _everything_sent(transport: RecordingRequest) -> str:
    return repr([(call.method, call.params, call.files) for call in transport.calls])


async def test_in_a_group_the_bot_says_once_that_it_works_in_private_and_posts_nothing_else(
    app: Application, transport: RecordingRequest
) -> None:
    db: Database = app.bot_data["runtime"].db
    service: KnownService = await build(db)
    robin, admin = Where(PA_ROBIN, GROUP_CHAT), Where(ADMIN, GROUP_CHAT)
    before = len(transport.calls)
    for update in [
        message(app, robin, text="/caseload"),
        message(app, robin, text="/due"),
        message(app, robin, text="/passport"),
        message(app, robin, text="/summary"),
        message(app, Where(MANAGER_NORTH, GROUP_CHAT), text="/export"),
        message(app, admin, text="/charts North"),
        message(app, admin, media="document", file_name="caseload.csv"),
        message(app, robin, media="photo", caption="I want to kill myself"),
        message(app, robin, text="hello"),
    ]:
        await app.process_update(update)
    pressed = press(app, robin, f"s1:contact:team:{service.north.id}")
    await app.process_update(pressed)

    words = texts.ONLY_PRIVATE.format(bot="carebot_test_bot")
    assert pressed.callback_query is not None
    assert [(call.method, call.params) for call in transport.calls[before:]] == [
        ("sendMessage", {"chat_id": GROUP_CHAT, "text": words}),
        (
            "answerCallbackQuery",
            {"callback_query_id": pressed.callback_query.id, "text": words, "show_alert": True},
        ),
    ]
    assert "CL-" not in _everything_sent(transport)
    assert await audit.recent(db.reader) == []


async def test_the_bot_says_it_when_it_is_added_to_a_group_and_then_nothing(
    app: Application, transport: RecordingRequest
) -> None:
    await build(app.bot_data["runtime"].db)
    robin = Where(PA_ROBIN, GROUP_CHAT)
    await app.process_update(added_to_group(app, robin))
    await app.process_update(message(app, robin, text="/caseload"))
    assert transport.sent_texts(GROUP_CHAT) == [texts.ONLY_PRIVATE.format(bot="carebot_test_bot")]
    assert transport.calls_to("sendDocument") == transport.calls_to("sendPhoto") == []
