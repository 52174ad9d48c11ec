"""The HTTP side of monitoring: ``GET /healthz`` and ``GET /metrics`` on ``[health] listen``:``port``.

No login and nothing personal: counts, ages and reasons only. It still belongs on 127.0.0.1 or a private
network, where only the council's monitoring reaches it.
"""

import logging
import os

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot import metrics
from bot.monitoring import exposition
from bot.monitoring.health import HealthCheck
from bot.runtime import Runtime

log = logging.getLogger(__name__)


class MonitoringServer:
    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._health = HealthCheck(runtime)
        self._runner: web.AppRunner | None = None
        app = web.Application()
        app.add_routes([web.get("/healthz", self._healthz), web.get("/metrics", self._metrics)])
        self._app = app

    async def start(self, listen: str, port: int) -> None:
        """Serve until ``stop``; an ``OSError`` that names the address if it cannot listen there."""
        self._runner = web.AppRunner(self._app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, listen, port).start()
        except OSError as error:
            await self.stop()
            reason = os.strerror(error.errno) if error.errno else str(error)
            raise OSError(f"[health] cannot listen on {listen}:{port}: {reason}") from None
        log.info("health and metrics on http://%s:%d/healthz and /metrics", listen, port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, request: web.Request) -> web.Response:
        problems = await self._health.problems()
        if problems:
            return web.Response(status=503, text="".join(f"{problem}\n" for problem in problems))
        return web.Response(text="ok\n")

    async def _metrics(self, request: web.Request) -> web.Response:
        runtime = self._runtime
        store = await exposition.read_store(runtime.db, runtime.now())
        body = exposition.render(metrics.COUNTS, store, runtime.heartbeat)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
