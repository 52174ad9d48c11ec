"""The one time-driven job: "tick", every minute by default. It runs the sweep at the runtime clock's
``now`` (reminders and the morning digest), queues managers' weekly digests when their time comes, and
then housekeeping (``bot.services.housekeeping``: expired imports, retention, the daily backup) and the
dispatcher. First it checks that the database file is still the one the bot opened: a file
deleted or replaced under the running bot stops it (``Runtime.fail``).

APScheduler is only the clock: with ``coalesce`` on, ``max_instances`` 1 and no misfire grace limit,
a late or missed tick runs once as soon as it can (APScheduler's default would silently skip a run more
than a second late). The first tick comes one interval after start. The demo fast-forwards its clock
and runs this job by name.
"""

import logging
from dataclasses import dataclass
from functools import partial

from telegram.ext import Application, CallbackContext

from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import digest
from bot.services.housekeeping import Housekeeping
from bot.ticks import TICK_JOB_NAME
from scheduler.dispatch import Dispatcher
from scheduler.sweep import sweep

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TickState:
    runtime: Runtime
    dispatcher: Dispatcher
    housekeeping: Housekeeping


async def tick(context: CallbackContext) -> None:
    assert context.job is not None
    state: TickState = context.job.data
    runtime = state.runtime
    if (problem := runtime.db.file_problem()) is not None:
        log.critical("%s: stopping", problem)
        runtime.fail(problem)
        return
    try:
        result = await sweep(runtime.db, runtime.now(), runtime.settings)
        if result.queued:
            log.info("sweep: %d people looked at, %d new messages queued", result.evaluated, result.queued)
        if digests := await digest.queue_weekly_digests(runtime.db, runtime.now(), runtime.settings):
            log.info("weekly digest queued for %d managers", digests)
    finally:
        # Messages queued by others (hand-offs, crisis alerts) still go if the sweep failed; so does the
        # daily backup (its own faults are logged inside).
        await state.housekeeping.run(runtime.db, runtime.now())
        sent = await state.dispatcher.dispatch(runtime.db, context.bot, runtime.now)
        if sent:
            log.info("dispatch: %d messages sent", sent)


def register(app: Application) -> None:
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    if app.job_queue is None:
        raise RuntimeError("the job queue is missing: install python-telegram-bot[job-queue]")
    senders = {digest.CHART_KIND: partial(digest.send_chart, settings=runtime.settings)}
    state = TickState(
        runtime=runtime,
        dispatcher=Dispatcher(runtime.settings.reminders, senders=senders),
        housekeeping=Housekeeping(runtime.settings),
    )
    app.job_queue.run_repeating(
        tick,
        interval=runtime.settings.reminders.tick_seconds,
        name=TICK_JOB_NAME,
        data=state,
        job_kwargs={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
