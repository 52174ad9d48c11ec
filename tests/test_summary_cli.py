"""``carebot summary`` prints the same figures the chat shows, as text or JSON."""

import asyncio
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.store import Database
from tests.known_service import build


@pytest.fixture
def known_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in [name for name in __import__("os").environ if name.startswith("CAREBOT_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAREBOT_MANAGERS__CASELOAD_TARGET", "2")
    path = tmp_path / "known.sqlite3"

    async def fill() -> None:
        database = await Database.open(path)
        try:
            await build(database)
        finally:
            await database.close()

    asyncio.run(fill())
    return path


def test_json_for_one_team_as_of_a_given_time(known_db: Path, capsys: pytest.CaptureFixture) -> None:
    args = [
        "summary",
        "--db",
        str(known_db),
        "--team",
        "North",
        "--now",
        "2026-11-23T10:00:00+00:00",
        "--json",
    ]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["as_of"] == "2026-11-23T10:00:00Z"
    assert [(pa["name"], pa["young_people"]) for pa in summary["caseloads"]["pas"]] == [
        ("Robin Hall", 4),
        ("Sam Lee", 2),
        ("Pat Green", 0),
    ]
    assert summary["rhi_last_30_days"]["current"]["percent_within"] == 50.0
    assert summary["deadlines"]["kinds"][2] == {"kind": "rhi", "overdue": 6, "due_this_week": 1}


def test_text_for_every_team_with_a_local_time(known_db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["summary", "--db", str(known_db), "--now", "2026-11-23T10:00"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Summary: all teams\nAs of Mon 23 Nov 2026, 10:00 (Europe/London)")
    assert "• North: average 2.0 over 3 PAs, 1 above target" in out


def test_an_unknown_team_fails_clearly(known_db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["summary", "--db", str(known_db), "--team", "East"]) == 1
    assert "no team called 'East'" in capsys.readouterr().err
