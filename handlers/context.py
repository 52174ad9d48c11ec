"""The callback context every handler gets: ``context.runtime``, ``context.db`` and ``context.now()``."""

from datetime import datetime

from telegram.ext import Application, CallbackContext, ExtBot

from bot.runtime import RUNTIME_KEY, Runtime
from bot.store import Database


class CareContext(CallbackContext[ExtBot[None], dict, dict, dict]):
    @property
    def runtime(self) -> Runtime:
        return self.application.bot_data[RUNTIME_KEY]

    @property
    def db(self) -> Database:
        return self.runtime.db

    def now(self) -> datetime:
        return self.runtime.now()


CareApplication = Application[ExtBot[None], CareContext, dict, dict, dict, object]
