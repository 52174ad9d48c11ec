"""Reading the monitoring endpoint as the council's monitoring would: /healthz as status and text, /metrics
through prometheus-client's own parser."""

import aiohttp
from prometheus_client.parser import text_string_to_metric_families
from telegram.ext import Application

from bot.runtime import RUNTIME_KEY

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]
"""(sample name, its labels sorted) -> value, for every sample of every metric family."""


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as answer:
        return answer.status, await answer.text()


async def fetch(app: Application, path: str) -> tuple[int, str]:
    """GET ``path`` from the app's own monitoring endpoint."""
    health = app.bot_data[RUNTIME_KEY].settings.health
    return await get(f"http://{health.listen}:{health.port}{path}")


def parse(text: str) -> Samples:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def scrape(app: Application) -> Samples:
    status, text = await fetch(app, "/metrics")
    assert status == 200
    return parse(text)


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value; 0 for a sample not shown (a counter that has not counted yet)."""
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)
