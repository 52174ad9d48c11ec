"""``carebot run``: the bot itself, by long polling (or a webhook when one is configured), until it is
stopped with Ctrl-C or SIGTERM (``systemctl stop``).

It fails loudly: a database it cannot use, a token Telegram rejects, or a database file that goes away
while it runs each end the process with one line saying why and a non-zero exit status, so a service
manager notices and the person on call knows what to fix.
"""

import argparse
import asyncio
import logging
import signal

from telegram.error import InvalidToken
from telegram.ext import Application

from bot import logs
from bot.app import build_application
from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.config import LogFormat, Settings, TelegramSettings
from bot.polling import polling
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
    logs.configure(logging.INFO, json_lines=settings.logging.format is LogFormat.JSON)
    logs.redact(settings.telegram.token)
    logs.redact(settings.telegram.webhook_secret)
    asyncio.run(check_database(settings))
    app = build_application(settings, system_clock)
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    try:
        with running.holding(settings.database.path, otherwise="only one bot may use a database"):
            asyncio.run(_serve(app, settings.telegram, runtime))
    except InvalidToken:
        raise _token_rejected() from None
    except (DatabaseUnusable, running.InUse) as error:
        raise CommandError(str(error)) from None
    except OSError as error:  # an address already in use, say
        raise CommandError(f"cannot start: {error}") from None
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


async def _serve(app: Application, telegram: TelegramSettings, runtime: Runtime) -> None:
    stop = asyncio.Event()
    runtime.request_stop = stop.set  # the bot stops itself this way when it cannot go on safely
    if telegram.webhook_url:
        from bot.webhook import webhook  # aiohttp's web server loads only for a webhook

        receiving = webhook(app, telegram)
    else:
        receiving = polling(app)
    async with receiving:
        await _until_stopped(stop)
    log.info("stopped")


async def _until_stopped(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    try:
        await stop.wait()
    finally:
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signal_number)


def _token_rejected() -> CommandError:
    return CommandError(
        "Telegram rejected the bot token: check CAREBOT_TELEGRAM__TOKEN (or telegram.token_file) against"
        " the token from @BotFather"
    )
