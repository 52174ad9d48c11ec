"""The ``carebot`` command line, run in-process as an installer would type it."""

import re
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [name for name in __import__("os").environ if name.startswith("CAREBOT_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def dump(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return [
            row
            for table in ("teams", "staff", "young_people", "contacts", "pathway_reviews", "missing_episodes")
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY rowid")
        ]


def test_staff_add_then_invite_create_prints_a_deep_link(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert (
        main(
            [
                "staff",
                "add",
                "--db",
                db,
                "--name",
                "Robin Hall",
                "--role",
                "pa",
                "--team",
                "North",
                "--worker-id",
                "W42",
            ]
        )
        == 0
    )
    assert "staff id 1" in capsys.readouterr().out
    assert main(["invite", "create", "--db", db, "--staff", "1"]) == 0
    out = capsys.readouterr().out
    link, code = re.search(r"https://t.me/carebot\?start=(\S+)", out), re.search(r"code: (\S+)", out)
    assert link and code and link.group(1) == code.group(1)


def test_a_duplicate_worker_id_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = str(tmp_path / "c.sqlite3")
    main(["staff", "add", "--db", db, "--name", "A", "--role", "pa", "--team", "N", "--worker-id", "W1"])
    assert (
        main(["staff", "add", "--db", db, "--name", "B", "--role", "pa", "--team", "N", "--worker-id", "W1"])
        == 1
    )
    assert "already in use" in capsys.readouterr().err


def test_invite_for_an_unknown_case_reference_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["invite", "create", "--db", str(tmp_path / "c.sqlite3"), "--case-ref", "CL1"]) == 1
    assert "no young person in the service has case reference 'CL1'" in capsys.readouterr().err


def test_seed_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert (
            main(
                [
                    "seed",
                    "--db",
                    str(tmp_path / f"{name}.sqlite3"),
                    "--leavers",
                    "200",
                    "--seed",
                    "5",
                    "--as-of",
                    "2026-11-23",
                ]
            )
            == 0
        )
    assert dump(tmp_path / "a.sqlite3") == dump(tmp_path / "b.sqlite3")
    assert len(dump(tmp_path / "a.sqlite3")) > 200


def test_db_upgrade_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert main(["db", "upgrade", "--db", db]) == 0
    assert "001_initial.sql" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", db]) == 0
    assert "up to date" in capsys.readouterr().out


def test_run_without_a_token_says_what_is_missing(capsys: pytest.CaptureFixture) -> None:
    assert main(["run"]) == 1
    assert "CAREBOT_TELEGRAM__TOKEN" in capsys.readouterr().err


def test_a_bad_config_exits_non_zero_naming_the_key(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[rules]\nrhi_hours = -1\n")
    assert main(["db", "upgrade", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "rules.rhi_hours" in err and err.count("\n") == 1
