"""``carebot run``: the bot itself, by long polling (or a webhook when one is configured)."""

import argparse
import logging

from telegram import Update

from bot import logs
from bot.app import build_application
from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, settings_from
from bot.config import LogFormat


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
    app = build_application(settings, system_clock)
    telegram = settings.telegram
    if telegram.webhook_url:
        app.run_webhook(
            listen=telegram.webhook_listen,
            port=telegram.webhook_port,
            webhook_url=telegram.webhook_url,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
