"""Updates a second through a bot, measured in one process: our ``Application`` and a bare echo bot.

    python bench/updates_measure.py CAST.json

Run by ``bench.updates`` with the code to measure on ``PYTHONPATH`` (the code before a change too), so it
uses only long-standing names and nothing from the ``bench`` package. ``CAST.json`` names the database,
who is linked to Telegram, how many rounds of the mix to send and how many times to repeat the lot.

Both bots get the same updates the same way: the bot asks the network stand-in (``RecordingRequest``,
which answers at once) for them with ``getUpdates``, as its updater would, and the ``Application``
handles them one after another, as it does with concurrent updates off. Prints JSON figures.
"""

import asyncio
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, MessageHandler, filters

from bot.app import build_application
from bot.clock import MovableClock
from bot.config import Settings
from tests.botapi_stub import BOT_USER, RecordingRequest

NOW = datetime(
    2026, 11, 23, 10, 0, tzinfo=UTC
)  # a Monday in working hours, the day the service is seeded for
TOKEN = "123456:BENCH"
QUESTIONS = ("can I get help paying for a sofa", "what is a pathway plan")


class FeedingRequest(RecordingRequest):
    """The stand-in, which also hands out the updates queued for the bot, a hundred at most a call."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: list[dict[str, Any]] = []

    def _result(self, api_method: str, params: dict[str, Any]) -> Any:
        if api_method == "getUpdates":
            offset = int(params.get("offset") or 0)
            self.waiting = [update for update in self.waiting if update["update_id"] >= offset]
            return self.waiting[: int(params.get("limit") or 100)]
        return super()._result(api_method, params)


def _user(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Test"}


def text(update_id: int, user_id: int, words: str) -> dict:
    chat = {"id": user_id, "type": "private"}
    message = {"message_id": update_id, "date": int(NOW.timestamp()), "chat": chat, "from": _user(user_id)}
    message["text"] = words
    if words.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(words.split()[0])}]
    return {"update_id": update_id, "message": message}


def press(update_id: int, user_id: int, data: str) -> dict:
    chat = {"id": user_id, "type": "private"}
    shown = {"message_id": 1, "date": int(NOW.timestamp()), "chat": chat, "from": BOT_USER, "text": "…"}
    query = {"id": str(update_id), "from": _user(user_id), "chat_instance": str(user_id), "data": data}
    return {"update_id": update_id, "callback_query": query | {"message": shown}}


def mix(cast: dict) -> tuple[list[dict], dict[str, list[dict]]]:
    """The updates of one run, in order and by kind: ``cycles`` rounds of care leavers pressing menu
    buttons and typing questions, a PA pressing reminder buttons, and a manager asking for /summary."""
    leavers, people, pa, manager = cast["leavers"], cast["person_ids"], cast["pa"], cast["manager"]
    planned = []
    for cycle in range(cast["cycles"]):
        leaver, person = leavers[cycle % len(leavers)], people[cycle % len(people)]
        planned += [
            ("leaver menu", press, leaver, data) for data in ("l1:menu", "l1:offer", "l1:pp", "l1:money")
        ]
        planned += [("leaver question", text, leaver, question) for question in QUESTIONS]
        buttons = (f"a1:op:contact:{person}", f"a1:cd:{person}", f"a1:cm:{person}:phone")
        planned += [("PA button", press, pa, data) for data in buttons]
        planned.append(("/summary", text, manager, "/summary"))
    updates = [make(number, user, value) for number, (_, make, user, value) in enumerate(planned, start=1)]
    by_kind: dict[str, list[dict]] = {}
    for (kind, *_), update in zip(planned, updates, strict=True):
        by_kind.setdefault(kind, []).append(update)
    return updates, by_kind


async def feed(app: Application, request: FeedingRequest, updates: list[dict]) -> float:
    """Seconds to fetch and handle ``updates``, as the updater and the Application would."""
    request.waiting = list(updates)
    offset, started = None, time.perf_counter()
    while batch := await app.bot.get_updates(offset=offset, timeout=0, limit=100):
        for update in batch:
            await app.process_update(update)
        offset = batch[-1].update_id + 1
    return time.perf_counter() - started


def echo_bot(request: FeedingRequest) -> Application:
    """A bare python-telegram-bot bot: echoes each text, answers each button press and shows its data."""

    async def echo(update: Update, _: object) -> None:
        await update.effective_message.reply_text(update.effective_message.text)

    async def pressed(update: Update, _: object) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(update.callback_query.data)

    app = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    return app


def our_bot(request: FeedingRequest, database: Path, *, rate_limited: bool) -> Application:
    settings = Settings.model_validate({"telegram": {"token": TOKEN}, "database": {"path": database}})
    app = build_application(settings, MovableClock(NOW), request=request, get_updates_request=request)
    if not rate_limited:
        # Telegram's own limits (30 messages a second, one a second in a chat) are kept by the rate limiter;
        # without it the figure is what handling costs, as for the echo bot, which has none.
        app.bot._rate_limiter = None
    return app


async def run(
    app: Application, request: FeedingRequest, updates: list[dict], by_kind: dict, rounds: int
) -> dict:
    """Updates a second for the whole mix and for each kind alone, ``rounds`` times each."""
    async with app:
        if app.post_init:
            await app.post_init(app)
        try:
            await feed(app, request, updates[: max(1, len(updates) // 10)])  # warm up: content, caches
            result: dict[str, list[float]] = {"all": [], **{kind: [] for kind in by_kind}}
            for _ in range(rounds):
                result["all"].append(len(updates) / await feed(app, request, updates))
                for kind, alone in by_kind.items():
                    result[kind].append(len(alone) / await feed(app, request, alone))
                request.calls.clear()
            return result
        finally:
            if app.post_shutdown:
                await app.post_shutdown(app)


async def main(cast: dict) -> dict:
    database = Path(cast["database"])
    updates, by_kind = mix(cast)
    figures = {}
    for name, make in (
        ("echo", echo_bot),
        ("ours", lambda request: our_bot(request, database, rate_limited=False)),
    ):
        request = FeedingRequest()
        figures[name] = await run(make(request), request, updates, by_kind, cast["rounds"])
    # As deployed, with the limiter that keeps the bot within Telegram's limits (30 messages a second, one
    # a second in a chat): a short run (at that pace the whole mix would take minutes), to show the ceiling.
    request = FeedingRequest()
    limited = await run(our_bot(request, database, rate_limited=True), request, updates[:120], {}, 1)
    figures["ours, rate-limited"] = limited
    return figures


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(json.loads(Path(sys.argv[1]).read_text())))))
