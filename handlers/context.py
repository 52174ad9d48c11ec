"""The callback context every handler gets: ``context.runtime``, ``context.db``, ``context.now()``, who is
talking (``context.identity(user_id)``), the council's ``context.content``, ``context.understand(text)``, the
crisis lines for this moment, ``context.send_now(keys)`` to hand queued messages to the outbox at once, and
``context.deliver(handed)`` to send what a hand-off or an alert queued.

python-telegram-bot makes one context for each update and hands it to every handler that takes the update
(the crisis check first, then the audience's), so what is kept on it lasts one update and no longer."""

from datetime import datetime
from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ExtBot

from bot.outbox.send import send_now
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import handoff
from bot.services.content import council_content, question_index
from bot.services.identity import Identity, identify
from bot.workdays import is_working_day
from content.crisis import CrisisLines, lines_for
from content.schema import CouncilContent, Risk
from content.understand import Understanding, understand

if TYPE_CHECKING:
    from bot.store import Database


class CareContext(CallbackContext[ExtBot[None], dict, dict, dict]):
    @property
    def runtime(self) -> Runtime:
        return self.application.bot_data[RUNTIME_KEY]

    @property
    def db(self) -> "Database":
        return self.runtime.db

    @property
    def content(self) -> CouncilContent:
        return council_content(self.runtime.settings.service)

    def now(self) -> datetime:
        return self.runtime.now()

    async def identity(self, telegram_user_id: int) -> Identity:
        """Who this update's sender is: looked up once for the update, whichever handlers ask. Never kept
        from one update to the next, so a link, an unlink or a change of role shows on the next message."""
        known: Identity | None = getattr(self, "_identity", None)
        if known is None or known.telegram_user_id != telegram_user_id:
            known = await identify(self.db, telegram_user_id)
            self._identity = known
        return known

    def identity_changed(self, identity: Identity | None = None) -> None:
        """The sender was linked (``identity``), unlinked or renamed during this update: later handlers see
        the change."""
        self._identity = identity

    async def send_now(self, keys: list[str]) -> list[str]:
        """Send these queued outbox rows at once (what fails, the dispatcher retries); the keys that went."""
        lease = self.runtime.settings.reminders.send_lease
        return await send_now(self.db, self.bot, keys, self.now(), lease)

    async def deliver(self, handed: handoff.HandedOff) -> tuple[handoff.HandedOff, list[str]]:
        """Send what a hand-off queued for now, then pass over at once anyone Telegram refused (they blocked
        the bot) and send what that brings forward. Returns the hand-off as the young person should hear
        of it, and the keys that went."""
        tried: set[str] = set()
        sent: list[str] = []
        while keys := [key for key in handed.send_now if key not in tried]:
            tried.update(keys)
            sent += await self.send_now(keys)
            handed = await handoff.after_sending(self.db, handed, self.now(), self.runtime.settings)
        return handed, sent

    def understand(self, typed: str) -> Understanding:
        """What a typed message is for and, for a question, what answers each part."""
        return understand(typed, question_index(self.runtime.settings.service))

    def crisis_lines(self, risk: Risk | None) -> CrisisLines:
        """The crisis lines for this moment: the council's office number in office hours, else out of
        hours."""
        service = self.runtime.settings.service
        local = self.now().astimezone(service.tz)
        working_day = is_working_day(local.date(), service.bank_holiday_region)
        return lines_for(risk, self.content, local, working_day=working_day)


CareApplication = Application[ExtBot[None], CareContext, dict, dict, dict, object]
