"""The tick: the one JobQueue job everything time-driven runs in, every minute by default.

It runs the sweep at the runtime clock's ``now`` (reminders and the morning digest), queues managers'
weekly digests when their time comes, moves unanswered alerts up their ladder (``bot.services.escalation``),
then housekeeping (``bot.services.housekeeping``: expired imports, retention, the daily backup) and the
outbox dispatcher. First it checks that the database file is still
the one the bot opened: a file deleted or replaced under the running bot stops it (``Runtime.fail``).

APScheduler is only the clock: with ``coalesce`` on, ``max_instances`` 1 and no misfire grace limit, a
late or missed tick runs once as soon as it can (APScheduler's default would silently skip a run more
than a second late). The first tick comes one interval after start. The demo and the end-to-end tests
move a clock instead of waiting, so they run it at once after each move, through ``run_tick_now``.
"""

import logging
import time
from dataclasses import dataclass
from functools import partial

from telegram import Bot
from telegram.ext import Application, CallbackContext

from bot import metrics
from bot.outbox.charts import send_chart
from bot.outbox.dispatcher import COMMIT_LINGER_SECONDS, Dispatcher
from bot.outbox.limiter import Limiter
from bot.outbox.send import Rendering, Sender
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import digest, escalation
from bot.services.housekeeping import Housekeeping
from scheduler import render
from scheduler.sweep import sweep

log = logging.getLogger(__name__)

TICK_JOB_NAME = "tick"


@dataclass(frozen=True)
class TickState:
    runtime: Runtime
    dispatcher: Dispatcher
    housekeeping: Housekeeping


async def tick(context: CallbackContext) -> None:
    """One tick; the runtime's heartbeat records that it finished (or how it failed) for ``/healthz``."""
    assert context.job is not None
    state: TickState = context.job.data
    if (problem := state.runtime.db.file_problem()) is not None:
        log.critical("%s: stopping", problem)
        state.runtime.fail(problem)
        return
    heartbeat = state.runtime.heartbeat
    try:
        await _sweep_then_dispatch(state, context.bot)
    except Exception as error:
        heartbeat.tick_failed(error)
        raise
    heartbeat.tick_finished(state.runtime.now())


async def _sweep_then_dispatch(state: TickState, bot: Bot) -> None:
    runtime = state.runtime
    try:
        started = time.perf_counter()
        result = await sweep(runtime.db, runtime.now(), runtime.settings)
        metrics.sweep_took(time.perf_counter() - started)
        if result.queued:
            log.info("sweep: %d people looked at, %d new messages queued", result.evaluated, result.queued)
        if digests := await digest.queue_weekly_digests(runtime.db, runtime.now(), runtime.settings):
            log.info("weekly digest queued for %d managers", digests)
    finally:
        # Messages queued by others (hand-offs, crisis alerts) still go if the sweep failed; so does the
        # housekeeping (its own faults are logged inside). Alerts nobody has answered move up their
        # ladder first, so what falls due goes in this round.
        try:
            if escalated := await escalation.escalate(runtime.db, runtime.now(), runtime.settings):
                log.info("escalation: %d messages due about unanswered alerts", len(escalated))
        finally:
            await _housekeeping_then_dispatch(state, bot)


async def _housekeeping_then_dispatch(state: TickState, bot: Bot) -> None:
    runtime = state.runtime
    await state.housekeeping.run(runtime.db, runtime.now())
    started = time.perf_counter()
    sent = await state.dispatcher.dispatch(runtime.db, bot, runtime.now)
    took = time.perf_counter() - started
    metrics.dispatch_took(took)
    if sent:
        commits = state.dispatcher.last_round.commits
        log.info("dispatch: %d messages sent in %.1f s, %d commits", sent, took, commits)


def register(app: Application) -> None:
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    if app.job_queue is None:
        raise RuntimeError("the job queue is missing: install python-telegram-bot[job-queue]")
    # Charts are drawn when they go; reminders are written when they go, and withdrawn if their deadline
    # has closed since they were queued.
    reminder = Rendering(partial(render.render, settings=runtime.settings))
    senders: dict[str, Sender] = {kind: reminder for kind in render.KINDS}
    senders[digest.CHART_KIND] = partial(send_chart, settings=runtime.settings)
    limiter = app.bot.rate_limiter if isinstance(app.bot.rate_limiter, Limiter) else None
    dispatcher = Dispatcher(
        runtime.settings.reminders, senders=senders, limiter=limiter, linger=COMMIT_LINGER_SECONDS
    )
    state = TickState(
        runtime=runtime,
        dispatcher=dispatcher,
        housekeeping=Housekeeping(runtime.settings),
    )
    app.job_queue.run_repeating(
        tick,
        interval=runtime.settings.reminders.tick_seconds,
        name=TICK_JOB_NAME,
        data=state,
        job_kwargs={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )


async def run_tick_now(app: Application) -> int:
    """Run every job named "tick" now (none until the scheduler registers one); how many ran."""
    if app.job_queue is None:
        return 0
    jobs = app.job_queue.get_jobs_by_name(TICK_JOB_NAME)
    for job in jobs:
        await job.run(app)
    return len(jobs)
