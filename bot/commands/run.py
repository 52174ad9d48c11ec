"""``carebot run``: the bot itself, by long polling (or a webhook when one is configured)."""

import argparse

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application

from bot import logs
from bot.app import build_application
from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, settings_from
from bot.config import TelegramSettings


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
    app = build_application(settings, system_clock)
    try:
        _serve(app, settings.telegram)
    except InvalidToken:
        raise _token_rejected() from None
    return 0


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
