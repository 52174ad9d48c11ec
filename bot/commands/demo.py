"""``carebot demo``: the bot, a stand-in Telegram and a web chat page on this machine; no token needed."""

import argparse
import asyncio
import contextlib
import signal
from pathlib import Path

from bot.config import Settings, load_settings
from bot.demo.run import running_demo


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help="try the bot offline in a web browser (no token needed)")
    demo.add_argument("--config", type=Path, help="TOML config file (default: config.toml if present)")
    demo.add_argument("--host", default="127.0.0.1", help="address for the web page (default 127.0.0.1)")
    demo.add_argument("--port", type=int, default=8080, help="port for the web page (default 8080; 0: any)")
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    asyncio.run(_serve(settings, args.host, args.port))
    return 0


async def _serve(settings: Settings, host: str, port: int) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    async with running_demo(settings, host=host, port=port) as demo:
        print(f"carebot demo: open {demo.url} in a web browser. Everyone in it is made up.", flush=True)
        print("Press Ctrl-C to stop; the demo database is deleted when it stops.", flush=True)
        await stop.wait()
