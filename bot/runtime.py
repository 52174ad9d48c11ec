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
class Heartbeat:
    """When the app became ready and when the tick last finished, by the runtime clock: ``/healthz`` says
    the bot is stuck when the tick has not finished for a while."""

    ready_at: datetime | None = None
    last_tick_at: datetime | None = None
    last_tick_error: str | None = None
    """The class name of the error that ended the latest tick; None once a tick finishes again."""

    def tick_finished(self, at: datetime) -> None:
        self.last_tick_at, self.last_tick_error = at, None

    def tick_failed(self, error: BaseException) -> None:
        self.last_tick_error = type(error).__name__


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    db_handle: Database | None = field(default=None, repr=False)
    heartbeat: Heartbeat = field(default_factory=Heartbeat)
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
