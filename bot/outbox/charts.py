"""Sending a weekly digest's chart: the one outbox kind that is a photo, drawn when it goes.

An image does not fit in an outbox text column, so ``bot.services.digest`` queues each chart as a small
JSON note of the scope, the instant and the chart; this draws the chart as of that instant and sends it.
"""

import json
from datetime import datetime
from typing import Any

from telegram import Bot, InputFile

from bot.config import Settings
from bot.models import OutboxMessage
from bot.services import manager_reports
from bot.store import Database, teams
from bot.summaries.summary import Scope, ScopeKind


async def send_chart(bot: Bot, db: Database, message: OutboxMessage, settings: Settings) -> None:
    """Send a ``weekly_chart`` row as a photo. A Telegram error propagates, so it is retried like any row."""
    note: dict[str, Any] = json.loads(message.text)
    team = await teams.get(db.reader, int(str(note["scope"]).removeprefix("team:")))
    if team is None or team.id is None:
        return
    scope = Scope(kind=ScopeKind.TEAM, name=team.name, team_id=team.id)
    as_of = datetime.fromisoformat(note["as_of"])
    image = await manager_reports.chart_image(db, scope, as_of, settings, note["chart"])
    await bot.send_photo(
        message.chat_id, InputFile(image.content, filename=image.filename), caption=image.caption
    )
