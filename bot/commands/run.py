"""``carebot run``: the bot itself, by long polling (or a webhook when one is configured), until it is
stopped with Ctrl-C or SIGTERM (``systemctl stop``)."""

import argparse
import asyncio
import logging
import signal

from telegram.ext import Application

from bot import logs
from bot.app import build_application
from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, settings_from
from bot.config import LogFormat, TelegramSettings
from bot.polling import polling

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
    app = build_application(settings, system_clock)
    try:
        asyncio.run(_serve(app, settings.telegram))
    except OSError as error:  # an address already in use, say
        raise CommandError(f"cannot start: {error}") from None
    return 0


async def _serve(app: Application, telegram: TelegramSettings) -> None:
    if telegram.webhook_url:
        from bot.webhook import webhook  # aiohttp's web server loads only for a webhook

        receiving = webhook(app, telegram)
    else:
        receiving = polling(app)
    async with receiving:
        await _until_stopped()
    log.info("stopped")


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    try:
        await stop.wait()
    finally:
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signal_number)
