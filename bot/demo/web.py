"""The demo's web chat page and its two endpoints, served beside the local Bot API server.

The page talks to the server's user side (``/user/...``) to chat; ``/demo/state`` lists the personas and
the demo clock, and ``POST /demo/clock`` moves the clock on and runs the reminder tick at once.
"""

import asyncio
from datetime import timedelta
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from telegram.ext import Application

from bot.clock import MovableClock
from bot.demo.service import PERSONAS
from bot.localapi import World
from bot.ticks import run_tick_now

STATIC_FILES = {"chat.css": "text/css", "chat.js": "text/javascript"}
LONGEST_JUMP = timedelta(days=366)


class DemoPage:
    def __init__(
        self, *, clock: MovableClock, timezone: ZoneInfo, service_name: str, invite_code: str, world: World
    ) -> None:
        self.clock = clock
        self.world = world
        self.application: Application | None = None
        self.timezone = timezone
        self.service_name = service_name
        self.invite_code = invite_code
        self._ticking: asyncio.Task[None] | None = None

    def add_routes(self, app: web.Application) -> None:
        app.add_routes(
            [
                web.get("/", self._index),
                web.get("/static/{name}", self._static),
                web.get("/demo/state", self._state),
                web.post("/demo/clock", self._move),
            ]
        )

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(text=_read("index.html"), content_type="text/html")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        return web.Response(text=_read(name), content_type=STATIC_FILES[name])

    def _snapshot(self) -> dict[str, Any]:
        local = self.clock().astimezone(self.timezone)
        personas = [
            {
                "key": persona.key,
                "name": persona.name,
                "role": persona.role,
                "user_id": persona.user_id,
                "about": persona.about,
                "invite": f"/start {self.invite_code}" if persona.key == "newcomer" else None,
                "suggestions": list(persona.suggestions),
                "from_bot": len(self.world.bot_messages(persona.user_id)),
            }
            for persona in PERSONAS
        ]
        return {
            "service": self.service_name,
            "now": local.isoformat(),
            "now_text": f"{local:%a %d %b %Y, %H:%M}",
            "personas": personas,
        }

    async def _state(self, request: web.Request) -> web.Response:
        return web.json_response(self._snapshot())

    async def _move(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
            step = timedelta(hours=float(body.get("hours", 0)))
        except (ValueError, TypeError, AttributeError):
            return web.json_response({"error": 'send {"hours": number}'}, status=400)
        if not timedelta(0) < step <= LONGEST_JUMP:
            return web.json_response({"error": "move the clock forward, by up to a year"}, status=400)
        await self.move_clock(step)
        return web.json_response(self._snapshot())

    async def move_clock(self, step: timedelta) -> None:
        """Move the demo clock on and start the reminder tick, as the scheduler would at that time.

        Everything time-driven runs in the one JobQueue job named "tick" (``bot.ticks``). The tick runs in
        the background: sending spaces messages to one chat a second apart, and the page should show the
        new time at once and the reminders as they arrive. Ticks run one after another, never together.
        """
        self.clock.advance(step)
        if self.application is not None:
            self._ticking = asyncio.create_task(self._tick_after(self._ticking, self.application))

    @staticmethod
    async def _tick_after(previous: "asyncio.Task[None] | None", application: Application) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        await run_tick_now(application)

    async def settled(self) -> None:
        """Wait for the ticks started so far to finish."""
        if self._ticking is not None:
            await asyncio.wait([self._ticking])

    async def close(self) -> None:
        """Stop a tick still sending, before the bot and its database close."""
        if self._ticking is not None:
            self._ticking.cancel()
            await asyncio.wait([self._ticking])


def _read(name: str) -> str:
    return resources.files("bot.demo").joinpath("static", name).read_text(encoding="utf-8")
