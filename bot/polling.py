"""Run the Application by long polling inside an event loop that is already running.

``Application.run_polling`` owns the event loop, so it cannot run beside a server in the same process.
The end-to-end tests and the demo need exactly that (the local Bot API server and the bot in one loop),
so this does what ``run_polling`` does, step for step, as an async context manager.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import Application


@asynccontextmanager
async def polling(app: Application, *, poll_timeout: int = 10) -> AsyncIterator[Application]:
    """The bot answers updates while the block runs, and shuts down in order when it ends."""
    if app.updater is None:
        raise RuntimeError("polling needs an Application with an Updater")
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        await app.updater.start_polling(timeout=poll_timeout, allowed_updates=Update.ALL_TYPES)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
