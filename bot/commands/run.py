"""``carebot run``: the bot itself, by long polling (or a webhook when one is configured).

It fails loudly: a database it cannot use, a token Telegram rejects, or a database file that goes away
while it runs each end the process with one line saying why and a non-zero exit status, so a service
manager notices and the person on call knows what to fix.
"""

import argparse
import asyncio
import logging

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application

from bot import logs
from bot.app import build_application
from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.config import Settings, TelegramSettings
from bot.runtime import RUNTIME_KEY, Runtime
from bot.store import DatabaseUnusable, running
from bot.store.db import make_owner_only

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser("run", help="run the bot")
    add_common_options(run)
    run.set_defaults(handler=run_bot)


def run_bot(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if not settings.telegram.token:
        raise CommandError(
            "no bot token: set CAREBOT_TELEGRAM__TOKEN to the token from @BotFather "
            "(or run 'carebot demo' to try the bot offline)"
        )
    logs.redact(settings.telegram.token)
    asyncio.run(check_database(settings))
    app = build_application(settings, system_clock)
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    runtime.request_stop = app.stop_running
    try:
        with running.holding(settings.database.path, otherwise="only one bot may use a database"):
            _serve(app, settings.telegram)
    except InvalidToken:
        raise _token_rejected() from None
    except (DatabaseUnusable, running.InUse) as error:
        raise CommandError(str(error)) from None
    if runtime.failure is not None:
        raise CommandError(runtime.failure)
    return 0


async def check_database(settings: Settings) -> None:
    """Open the database (and bring it up to date) before anything else starts, so an unusable one stops
    the bot at once with one line, instead of a bot that runs without answering anyone."""
    for file in make_owner_only(settings.database.path):
        log.warning("made %s readable by its owner only", file)
    async with open_store(settings):
        pass


def _serve(app: Application, telegram: TelegramSettings) -> None:
    if telegram.webhook_url:
        app.run_webhook(
            listen=telegram.webhook_listen,
            port=telegram.webhook_port,
            webhook_url=telegram.webhook_url,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)


def _token_rejected() -> CommandError:
    return CommandError(
        "Telegram rejected the bot token: check CAREBOT_TELEGRAM__TOKEN (or telegram.token_file) against"
        " the token from @BotFather"
    )
