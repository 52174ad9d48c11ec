"""Builds the python-telegram-bot Application: handlers in a written-down order, the store's lifetime (and
the monitoring endpoint's, when one is configured)."""

import logging

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.request import BaseRequest

from bot import metrics, ticks
from bot.clock import Clock
from bot.config import Settings
from bot.menus import set_public_menu
from bot.outbox.limiter import Limiter
from bot.retrying_request import RetryingRequest
from bot.runtime import RUNTIME_KEY, Runtime
from bot.store import Database
from handlers import admin, advisor, common, fallback, leaver, manager, private, public, safety, team
from handlers.context import CareContext

log = logging.getLogger(__name__)

MONITORING_KEY = "monitoring"
"""Where the running ``MonitoringServer`` (if any) lives in ``Application.bot_data``."""


def build_application(
    settings: Settings,
    clock: Clock,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
) -> Application:
    """The bot, ready to ``run_polling`` (or to ``initialize`` and ``process_update`` in tests).

    ``request`` lets tests talk to the bot through their own transport. By default both use
    ``RetryingRequest``, so a Telegram hiccup (a 5xx, a connection that fails to open) does not lose a
    message.
    """
    builder = (
        ApplicationBuilder()
        .token(settings.telegram.token)
        .base_url(settings.telegram.base_url)
        .base_file_url(settings.telegram.base_file_url)
        .context_types(ContextTypes(context=CareContext))
        # One limiter for everything the bot sends (replies, alerts, the dispatcher's rows): Telegram's
        # 30 a second, one a second per chat, and a 429 pausing everyone.
        .rate_limiter(Limiter(chat_spacing=settings.reminders.chat_spacing_seconds))
        .post_init(_open_store)
        .post_shutdown(_close_store)
    )
    # A long read timeout for sends: a late answer is waited for instead of becoming a message sent twice.
    sends = RetryingRequest(connection_pool_size=256, read_timeout=settings.telegram.read_timeout_seconds)
    builder = builder.request(request if request is not None else sends)
    builder = builder.get_updates_request(
        get_updates_request if get_updates_request is not None else RetryingRequest(connection_pool_size=1)
    )
    app = builder.build()
    app.bot_data[RUNTIME_KEY] = Runtime(settings=settings, clock=clock)

    # Order matters: the first handler that matches an update in a group wins. Every update is counted for
    # /metrics first (group -2, which never stops it); then anything from a group or channel is answered
    # once and stopped (group -1, ``handlers.private``); the crisis check sees every private text next
    # (group -1); audience modules come next; common (/start, /help) and the fallbacks that answer what
    # nothing else took (``handlers.fallback``) last.
    app.add_handler(TypeHandler(Update, _count_update), group=-2)
    app.add_handler(private.NotPrivate(), group=-1)
    safety.register(app)
    admin.register(app)
    leaver.register(app)
    public.register(app)
    advisor.register(app)
    manager.register(app)
    team.register(app)
    common.register(app)
    fallback.register(app)
    ticks.register(app)
    return app


async def _count_update(update: Update, context: CareContext) -> None:
    kind = next((str(kind) for kind in Update.ALL_TYPES if getattr(update, kind, None) is not None), "other")
    metrics.update_received(kind)


async def _open_store(app: Application) -> None:
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    database = runtime.settings.database
    runtime.db_handle = await Database.open(database.path, busy_timeout_ms=database.busy_timeout_ms)
    await set_public_menu(app.bot)
    runtime.heartbeat.ready_at = runtime.now()
    health = runtime.settings.health
    if health.port:
        # Imported here: aiohttp and prometheus-client load only when the endpoint is wanted.
        from bot.monitoring.server import MonitoringServer

        server = MonitoringServer(runtime)
        await server.start(health.listen, health.port)
        app.bot_data[MONITORING_KEY] = server
    log.info("store open; bot ready")


async def _close_store(app: Application) -> None:
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    if (server := app.bot_data.pop(MONITORING_KEY, None)) is not None:
        await server.stop()
    if runtime.db_handle is not None:
        await runtime.db_handle.close()
        runtime.db_handle = None
