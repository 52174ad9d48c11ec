"""The demo page in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

Skipped when either is missing; ``.ci/run`` installs Chromium so CI runs it. The screenshot it saves is
printed, to look at.
"""

import io
import shutil
import struct
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.demo import service
from bot.demo.run import RunningDemo, running_demo
from bot.runtime import RUNTIME_KEY
from handlers import leaver_texts, texts

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
WAIT_MS = 10_000

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium installed (apt-get install -y chromium)"
)
async_api = pytest.importorskip(
    "playwright.async_api", reason="Playwright is not installed (pip install playwright)"
)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A one-colour PNG, to see that pictures from the bot show in the page."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
async def demo(settings: Settings) -> AsyncIterator[RunningDemo]:
    async with running_demo(settings) as running:
        yield running


@pytest.fixture
async def page(demo: RunningDemo) -> AsyncIterator:
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport=PHONE, device_scale_factor=2)
            yield await context.new_page()
        finally:
            await browser.close()


async def test_a_care_leaver_chats_in_the_demo_page(demo: RunningDemo, page, tmp_path: Path) -> None:
    await page.goto(demo.url)
    await page.get_by_role("button", name="a care leaver").click()
    await page.get_by_role("button", name="/menu").click()
    greeting = page.locator(".message.bot").first
    await greeting.wait_for(timeout=WAIT_MS)
    assert (await greeting.inner_text()).startswith(leaver_texts.MENU.format(name="Kai"))

    await page.get_by_role("button", name=leaver_texts.MENU_BUTTONS["offer"]).click()
    offer_heading = leaver_texts.OFFER_TITLE.removeprefix("<b>").split("</b>")[0]
    await page.locator(".message.bot", has_text=offer_heading).wait_for(timeout=WAIT_MS)

    await page.get_by_role("button", name="/help").click()
    help_text = texts.ROLE_HELP["leaver"].splitlines()[0]
    await page.locator(".message.bot", has_text=help_text).wait_for(timeout=WAIT_MS)

    leaver_chat = next(persona.user_id for persona in service.PERSONAS if persona.key == "leaver")
    await demo.app.bot.send_photo(leaver_chat, png(240, 120, (47, 110, 165)), caption="Your plan at a glance")
    await demo.app.bot.send_document(leaver_chat, io.BytesIO(b"item,done\n"), filename="my-checklist.csv")
    picture = page.locator(".message.bot img")
    await picture.wait_for(timeout=WAIT_MS)
    assert await picture.evaluate("image => image.complete && image.naturalWidth") == 240
    await page.get_by_role("link", name="my-checklist.csv").wait_for(timeout=WAIT_MS)

    await page.get_by_role("button", name="+1 day").click()
    await page.locator(".toast", has_text="Demo time is now").wait_for(timeout=WAIT_MS)
    runtime = demo.app.bot_data[RUNTIME_KEY]
    shown = runtime.now().astimezone(runtime.settings.service.tz)
    assert await page.locator("#now").inner_text() == f"{shown:%a %d %b %Y, %H:%M}"

    fits = await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the page scrolls sideways on a phone"
    screenshot = tmp_path / "demo-chat.png"
    await page.screenshot(path=str(screenshot))
    print(f"screenshot: {screenshot}")
