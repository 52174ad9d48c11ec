"""The bot token never reaches the output: not in log lines, not in tracebacks, not in Python's own
last-resort printing; and a token file others can read is refused."""

import io
import logging
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import logs
from bot.localapi import LocalBotApi
from tests.processes import clean_environment, run_carebot

TOKEN = "7712345678:AAHq3Xk9LmN0pQrStUvWxYz1234567890ab"
SECRET_PART = TOKEN.partition(":")[2]


def assert_no_token(output: str) -> None:
    assert TOKEN not in output
    assert SECRET_PART not in output
    assert SECRET_PART[:16] not in output


@pytest.fixture
async def telegram_that_rejects_it() -> AsyncIterator[LocalBotApi]:
    """A Bot API that knows a different token, so it answers this one with 401 Unauthorized."""
    async with LocalBotApi("111:SOMEONE-ELSES-TOKEN") as server:
        yield server


async def test_a_rejected_token_is_not_printed_and_the_bot_exits_saying_why(
    tmp_path: Path, telegram_that_rejects_it: LocalBotApi
) -> None:
    env = clean_environment(TELEGRAM__TOKEN=TOKEN, TELEGRAM__BASE_URL=telegram_that_rejects_it.base_url)
    finished = await run_carebot("run", "--db", str(tmp_path / "carebot.sqlite3"), cwd=tmp_path, env=env)
    assert finished.status == 1
    assert_no_token(finished.output)
    assert finished.output.rstrip().splitlines()[-1] == (
        "carebot: Telegram rejected the bot token: check CAREBOT_TELEGRAM__TOKEN (or telegram.token_file)"
        " against the token from @BotFather"
    )


async def test_a_token_from_an_owner_only_file_is_used_and_not_printed(
    tmp_path: Path, telegram_that_rejects_it: LocalBotApi
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    env = clean_environment(
        TELEGRAM__TOKEN_FILE=str(token_file), TELEGRAM__BASE_URL=telegram_that_rejects_it.base_url
    )
    finished = await run_carebot("run", "--db", str(tmp_path / "carebot.sqlite3"), cwd=tmp_path, env=env)
    assert finished.status == 1
    assert "rejected the bot token" in finished.output, "the file's token was the one sent to Telegram"
    assert_no_token(finished.output)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
async def test_a_token_file_others_can_read_is_refused_in_one_line(tmp_path: Path, mode: int) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN)
    token_file.chmod(mode)
    env = clean_environment(TELEGRAM__TOKEN_FILE=str(token_file))
    finished = await run_carebot("run", "--db", str(tmp_path / "carebot.sqlite3"), cwd=tmp_path, env=env)
    assert finished.status == 2
    assert finished.output.strip() == (
        f"carebot: telegram.token_file: other users can read or change {token_file}: make it owner-only"
        f" (chmod 600 {token_file})"
    )
    assert not (tmp_path / "carebot.sqlite3").exists(), "nothing was started"


LAST_RESORT_SCRIPT = f"""
import asyncio, gc, logging, threading
from bot import logs

logs.configure(logging.INFO)
logs.redact({TOKEN!r})
log = logging.getLogger("probe")

log.info("plain message with %s", {TOKEN!r})
try:
    raise ValueError("in a handled error: {TOKEN}")
except ValueError:
    log.exception("logged with exc_info")
log.warning("with the stack: {TOKEN}", stack_info=True)

def in_a_thread():
    raise RuntimeError("in a thread: {TOKEN}")

thread = threading.Thread(target=in_a_thread)
thread.start()
thread.join()

class Leaky:
    def __del__(self):
        raise RuntimeError("in a finaliser: {TOKEN}")
Leaky()
gc.collect()

async def fails():
    raise RuntimeError("in a task nobody awaited: {TOKEN}")

async def main():
    task = asyncio.get_running_loop().create_task(fails())
    await asyncio.sleep(0)
    del task
    gc.collect()

asyncio.run(main())
gc.collect()
raise RuntimeError("uncaught, ending the process: {TOKEN}")
"""


def test_tracebacks_from_every_last_resort_printer_are_scrubbed(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", LAST_RESORT_SCRIPT],
        cwd=tmp_path,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = finished.stdout + finished.stderr
    assert finished.returncode == 1
    assert_no_token(output)
    for seen in (
        "plain message with [token]",
        "ValueError: in a handled error: [token]",
        "with the stack: [token]",
        "RuntimeError: in a thread: [token]",
        "RuntimeError: in a finaliser: [token]",
        "RuntimeError: in a task nobody awaited: [token]",
        "RuntimeError: uncaught, ending the process: [token]",
    ):
        assert seen in output, f"{seen!r} was not written at all:\n{output}"


def test_any_formatter_on_the_handler_is_scrubbed_including_the_traceback() -> None:
    """The JSON formatter a deployment may add goes on the same handler and gets the same scrubbing."""
    stream = io.StringIO()
    handler = logs.RedactingHandler(stream)
    handler.setFormatter(logging.Formatter('{"message": "%(message)s"}'))
    logs.REDACTOR.add(TOKEN)
    try:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", (f"/bot{TOKEN}/getMe",), None)
        try:
            raise ValueError(f"https://api.telegram.org/bot{TOKEN.replace(':', '%3A')}/getMe")
        except ValueError:
            record.exc_info = sys.exc_info()
        handler.emit(record)
    finally:
        logs.REDACTOR.clear()
    written = stream.getvalue()
    assert_no_token(written)
    assert '{"message": "url /bot[token]/getMe"}' in written
    assert "ValueError: https://api.telegram.org/bot[token]/getMe" in written
