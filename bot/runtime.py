"""What every handler and job needs at hand: the settings, the clock and the open database."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.clock import Clock
from bot.config import Settings
from bot.store import Database

RUNTIME_KEY = "runtime"
"""Where the ``Runtime`` lives in ``Application.bot_data``, for handlers and jobs alike."""


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    db_handle: Database | None = field(default=None, repr=False)
    failure: str | None = None
    """Why the bot stopped itself (its database file went away, say); ``carebot run`` exits non-zero."""
    request_stop: Callable[[], None] = field(default=lambda: None, repr=False)
    """Ends ``run_polling``/``run_webhook``; ``carebot run`` sets it (tests and the demo stop otherwise)."""

    @property
    def db(self) -> Database:
        if self.db_handle is None:
            raise RuntimeError("the database is opened in post_init, before any update is handled")
        return self.db_handle

    def now(self) -> datetime:
        return self.clock()

    def fail(self, reason: str) -> None:
        """Stop the bot because it cannot go on safely; the first reason is the one reported."""
        if self.failure is None:
            self.failure = reason
        self.request_stop()
