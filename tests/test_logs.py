"""Logs as a log collector reads them: one JSON object per line, with the token scrubbed and nothing of
what anyone typed, even when an exception quotes it."""

import json
import logging
from collections.abc import Iterator

import pytest

from bot import logs

TOKEN = "123456:SECRET-token"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def lines(err: str) -> list[dict]:
    return [json.loads(line) for line in err.splitlines()]


def test_json_lines_carry_time_level_logger_and_message(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure(logging.INFO, json_lines=True)
    logging.getLogger("scheduler.jobs").info("dispatch: %d messages sent", 3)
    logging.getLogger("scheduler.jobs").debug("not at this level")
    [entry] = lines(capsys.readouterr().err)
    assert entry.keys() == {"time", "level", "logger", "message"}
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "INFO",
        "scheduler.jobs",
        "dispatch: 3 messages sent",
    )
    assert entry["time"].endswith("+00:00")


def test_the_token_is_scrubbed_from_json_lines_too(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure(logging.INFO, json_lines=True)
    logs.redact(TOKEN)
    logging.getLogger("httpx").warning("GET https://api.telegram.org/bot%s/getMe failed", TOKEN)
    err = capsys.readouterr().err
    assert TOKEN not in err
    assert lines(err)[0]["message"] == "GET https://api.telegram.org/bot[token]/getMe failed"


def test_an_error_gives_its_class_and_where_but_never_its_message(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure(logging.INFO, json_lines=True)
    logs.redact(TOKEN)

    def handle_text() -> None:
        raise ValueError(f"Kai typed: I can't pay my gas bill (url .../bot{TOKEN}/sendMessage)")

    try:
        handle_text()
    except ValueError:
        logging.getLogger("handlers.common").exception("update %s in chat %s failed", 7, 1001)
    err = capsys.readouterr().err
    [entry] = lines(err)
    assert entry["message"] == "update 7 in chat 1001 failed"
    assert entry["error"] == "ValueError"
    assert entry["where"][-1].startswith("test_logs.py:") and entry["where"][-1].endswith("in handle_text")
    for secret in ("Kai", "gas bill", TOKEN):
        assert secret not in err


def test_plain_lines_stay_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure(logging.INFO)
    logging.getLogger("bot.app").info("store open; bot ready")
    assert capsys.readouterr().err.rstrip().endswith("INFO bot.app: store open; bot ready")
