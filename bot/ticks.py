"""The tick: the one JobQueue job everything time-driven runs in (sweeps, reminders, digests).

The scheduler runs it every minute. The demo and the end-to-end tests move a clock instead of waiting,
so they run it at once after each move, through ``run_tick_now``.
"""

from telegram.ext import Application

TICK_JOB_NAME = "tick"


async def run_tick_now(app: Application) -> int:
    """Run every job named "tick" now (none until the scheduler registers one); how many ran."""
    if app.job_queue is None:
        return 0
    jobs = app.job_queue.get_jobs_by_name(TICK_JOB_NAME)
    for job in jobs:
        await job.run(app)
    return len(jobs)
