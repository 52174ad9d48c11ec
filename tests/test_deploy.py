"""The deployment files in ``deploy/`` agree with each other, with the README's steps and with the bot, and
systemd accepts the unit."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load_settings

ROOT = Path(__file__).parent.parent
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "carebot.service"
INSTALLED_CAREBOT = "/opt/carebot/.venv/bin/carebot"


def unit_keys(text: str) -> dict[str, dict[str, list[str]]]:
    """Section -> key -> every value given (systemd allows a key more than once)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


@pytest.fixture(scope="module")
def service() -> dict[str, list[str]]:
    return unit_keys(UNIT.read_text())["Service"]


def test_the_service_restarts_on_failure_and_runs_as_its_own_user(service: dict[str, list[str]]) -> None:
    assert service["Restart"] == ["on-failure"]
    assert service["User"] == ["carebot"] and service["Group"] == ["carebot"]
    assert service["ExecStart"] == [f"{INSTALLED_CAREBOT} run --config /etc/carebot/config.toml"]
    assert unit_keys(UNIT.read_text())["Install"]["WantedBy"] == ["multi-user.target"]


def test_the_token_comes_from_a_file_only_root_reads(service: dict[str, list[str]]) -> None:
    # No leading "-": a missing secrets file stops the start instead of running without a token.
    assert service["EnvironmentFile"] == ["/etc/carebot/carebot.env"]
    assert (
        "install -m 0600 -o root -g root deploy/carebot.env.example /etc/carebot/carebot.env"
        in (ROOT / "README.md").read_text()
    )
    assert not any("TOKEN" in value for value in service.get("Environment", []))


def test_the_example_secrets_file_names_settings_the_bot_knows(monkeypatch: pytest.MonkeyPatch) -> None:
    names = re.findall(r"^#?(CAREBOT_[A-Z_]+)=", (DEPLOY / "carebot.env.example").read_text(), re.MULTILINE)
    assert names == ["CAREBOT_TELEGRAM__TOKEN", "CAREBOT_TELEGRAM__WEBHOOK_SECRET"]
    for name in names:
        monkeypatch.setenv(name, "123:abc" if name.endswith("TOKEN") else "a-secret_1")
    settings = load_settings(DEPLOY / "config.toml")
    assert (settings.telegram.token, settings.telegram.webhook_secret) == ("123:abc", "a-secret_1")


def test_the_database_lives_in_the_state_directory_that_stays_writable(service: dict[str, list[str]]) -> None:
    settings = load_settings(DEPLOY / "config.toml")
    [state] = service["StateDirectory"]
    assert settings.database.path.parent == Path("/var/lib") / state
    assert service["WorkingDirectory"] == [f"/var/lib/{state}"]
    # ProtectSystem=strict makes everything read-only but the state directory; SQLite's -wal and -shm files
    # beside the database need it writable, and its temporary files need a writable /tmp.
    assert service["ProtectSystem"] == ["strict"] and service["PrivateTmp"] == ["yes"]
    for key in ("ReadOnlyPaths", "InaccessiblePaths", "TemporaryFileSystem"):
        assert key not in service
    assert service["UMask"] == ["0077"]


def test_the_readme_checks_health_on_the_configured_port() -> None:
    settings = load_settings(DEPLOY / "config.toml")
    readme = (ROOT / "README.md").read_text()
    assert settings.health.port
    assert f"curl -s http://{settings.health.listen}:{settings.health.port}/healthz" in readme
    for name in ("deploy/config.toml", "deploy/carebot.env.example", "deploy/carebot.service"):
        assert name in readme and (ROOT / name).is_file()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """``systemd-analyze verify`` checks every key and that ExecStart= can run: pointed at this checkout's
    carebot, since /opt/carebot is where the README installs it, not where the tests run."""
    here = Path(sys.executable).parent / "carebot"
    unit = tmp_path / "carebot.service"
    unit.write_text(UNIT.read_text().replace(INSTALLED_CAREBOT, str(here)))
    checked = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False, timeout=60
    )
    assert (checked.returncode, checked.stdout + checked.stderr) == (0, "")
