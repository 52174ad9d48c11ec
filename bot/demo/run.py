"""Start the demo: seed a throwaway database, start the local Bot API server and the web page, and run
the real bot against them, all in one event loop."""

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from telegram.ext import Application

from bot.app import build_application
from bot.clock import MovableClock, system_clock
from bot.config import Settings
from bot.demo import service
from bot.demo.web import DemoPage
from bot.localapi import LocalBotApi
from bot.menus import set_menu_for
from bot.models import Role
from bot.polling import polling
from bot.services import invites
from bot.store import Database, people
from bot.workdays import next_working_time

# A made-up token: the demo never talks to Telegram, and never sees the real token.
DEMO_TOKEN = "7000000:LOCAL-DEMO"


@dataclass
class RunningDemo:
    url: str
    server: LocalBotApi
    app: Application
    page: DemoPage


def _demo_settings(settings: Settings, database: Path) -> Settings:
    """The configured settings with the demo's token and database, polling, no monitoring endpoint (a
    demo beside the real bot must not take its port), and the duty persona on call out of hours (so a
    crisis at night shows reaching someone)."""
    duty = next(persona for persona in service.PERSONAS if persona.role == service.DUTY_ROLE)
    on_call = {"duty_chat_id": duty.user_id, "duty_name": service.DUTY_NAME, "rota": ()}
    return settings.model_copy(
        update={
            "telegram": settings.telegram.model_copy(update={"token": DEMO_TOKEN, "webhook_url": ""}),
            "database": settings.database.model_copy(update={"path": database}),
            "health": settings.health.model_copy(update={"port": 0}),
            "safety": settings.safety.model_copy(update=on_call),
        }
    )


async def _seed(settings: Settings, clock: MovableClock) -> str:
    """Write the demo service and return the newcomer's invite code."""
    now = clock()
    database = await Database.open(settings.database.path)
    try:
        ids = await service.create(database, now, now.astimezone(settings.service.tz).date())
        isla = await people.get(database.reader, ids["Isla"])
        assert isla is not None
        invite = await invites.create_for_young_person(
            database,
            isla.case_ref,
            now=now,
            valid_for=timedelta(hours=settings.invites.expiry_hours),
            bot_username=settings.telegram.username,
        )
    finally:
        await database.close()
    return invite.code


@asynccontextmanager
async def running_demo(
    settings: Settings, *, host: str = "127.0.0.1", port: int = 0
) -> AsyncIterator[RunningDemo]:
    with tempfile.TemporaryDirectory(prefix="carebot-demo-") as folder:
        settings = _demo_settings(settings, Path(folder) / "demo.sqlite3")
        # Start in working hours, so the PA's reminders are not held back until the morning.
        clock = MovableClock(next_working_time(system_clock(), settings.service))
        invite_code = await _seed(settings, clock)

        server = LocalBotApi(
            DEMO_TOKEN,
            host=host,
            port=port,
            bot_username=settings.telegram.username,
            clock=lambda: clock().timestamp(),
        )
        for persona in service.PERSONAS:
            server.world.user_chat(persona.user_id, persona.name)
        page = DemoPage(
            clock=clock,
            timezone=settings.service.tz,
            service_name=settings.service.name,
            invite_code=invite_code,
            world=server.world,
        )
        page.add_routes(server.app)
        async with server:
            telegram = settings.telegram.model_copy(
                update={"base_url": server.base_url, "base_file_url": server.base_file_url}
            )
            app = build_application(settings.model_copy(update={"telegram": telegram}), clock)
            page.application = app
            async with polling(app):
                for persona in service.PERSONAS:
                    if persona.role in set(Role):
                        await set_menu_for(app.bot, persona.user_id, Role(persona.role))
                try:
                    yield RunningDemo(url=f"{server.url}/", server=server, app=app, page=page)
                finally:
                    await page.close()
