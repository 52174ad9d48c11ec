"""The harness itself: moving the clock runs the tick, and what the tick sends reaches people."""

from datetime import timedelta

from telegram.ext import ContextTypes

from bot.runtime import RUNTIME_KEY
from bot.ticks import TICK_JOB_NAME
from tests.e2e.harness import Chat


async def test_time_passing_runs_the_tick_at_the_new_time_and_its_messages_arrive(chat: Chat) -> None:
    robin = await chat.pa()
    started = chat.clock()

    async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
        now = context.application.bot_data[RUNTIME_KEY].now()
        await context.bot.send_message(robin.user_id, f"tick at {now:%d %b %H:%M}")

    chat.app.job_queue.run_repeating(tick, interval=60, first=3600, name=TICK_JOB_NAME)
    await chat.time_passes(timedelta(days=2))
    reply = await robin.next_reply()
    assert reply.text == f"tick at {started + timedelta(days=2):%d %b %H:%M}"
