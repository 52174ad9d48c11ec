import tomllib
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings

EXAMPLE = Path(__file__).parent.parent / "config.example.toml"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [name for name in __import__("os").environ if name.startswith("CAREBOT_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray config.toml


def test_example_documents_every_key_with_its_default() -> None:
    example = tomllib.loads(EXAMPLE.read_text())
    defaults = Settings().model_dump(mode="json")
    assert {section: set(keys) for section, keys in example.items()} == {
        section: set(keys) for section, keys in defaults.items()
    }
    assert load_settings(EXAMPLE).model_dump(mode="json") == defaults


def test_every_example_key_is_explained_by_a_comment() -> None:
    """Each key, or the group of keys it belongs to, has a comment right above it."""
    lines = EXAMPLE.read_text().splitlines()
    for number, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            above = number - 1
            while "=" in lines[above] and not lines[above].startswith("#"):
                above -= 1
            assert lines[above].startswith("#"), f"no comment explains: {line}"


def test_without_a_file_the_defaults_apply() -> None:
    settings = load_settings()
    assert settings.rules.rhi_hours == 72
    assert settings.service.timezone == "Europe/London"
    assert settings.database.path == Path("carebot.sqlite3")


def test_file_values_are_read(tmp_path: Path) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text('[service]\nname = "Leaving Care Team"\n[rules]\ncontact_interval_days = 42\n')
    settings = load_settings(config)
    assert settings.service.name == "Leaving Care Team"
    assert settings.rules.contact_interval_days == 42
    assert settings.rules.rhi_hours == 72


def test_environment_overrides_file_and_sets_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text("[rules]\nrhi_hours = 48\n")
    monkeypatch.setenv("CAREBOT_RULES__RHI_HOURS", "24")
    monkeypatch.setenv("CAREBOT_TELEGRAM__TOKEN", "123:ABC")
    settings = load_settings(config)
    assert settings.rules.rhi_hours == 24
    assert settings.telegram.token == "123:ABC"
    assert "123:ABC" not in repr(settings)


def test_db_option_overrides_the_configured_database(tmp_path: Path) -> None:
    assert load_settings(database=tmp_path / "other.sqlite3").database.path == tmp_path / "other.sqlite3"


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("[rules]\nrhi_hourz = 3\n", "rules.rhi_hourz: unknown key"),
        ('[rules]\ncontact_interval_days = "often"\n', "rules.contact_interval_days"),
        ("[rules]\npathway_review_months = 0\n", "rules.pathway_review_months"),
        ('[service]\ntimezone = "Europe/Middlesbrough"\n', "service.timezone"),
        ('[service]\nworking_day_start = "18:00"\n', "working_day_end must be later"),
        ("[rules\n", "carebot.toml"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, toml: str, named: str) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError, match=named.replace("[", r"\[")):
        load_settings(config)


def test_a_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")


def test_a_webhook_needs_its_secret_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text('[telegram]\nwebhook_url = "https://bot.example.gov.uk/telegram"\n')
    with pytest.raises(ConfigError, match="webhook_secret is required when webhook_url is set"):
        load_settings(config)
    monkeypatch.setenv("CAREBOT_TELEGRAM__WEBHOOK_SECRET", "Zx8_q-1")
    settings = load_settings(config)
    assert settings.telegram.webhook_secret == "Zx8_q-1"
    assert "Zx8_q-1" not in repr(settings)


@pytest.mark.parametrize("secret", ["has space", "semi;colon", "x" * 257])
def test_a_webhook_secret_telegram_would_refuse_is_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    monkeypatch.setenv("CAREBOT_TELEGRAM__WEBHOOK_SECRET", secret)
    with pytest.raises(ConfigError, match=r"telegram\.webhook_secret"):
        load_settings()


def test_the_duty_contact_must_be_a_person_not_a_group(tmp_path: Path) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text("[safety]\nduty_chat_id = -1001234567890\n")
    with pytest.raises(ConfigError, match=r"safety\.duty_chat_id: .*own Telegram user id.*not a group's"):
        load_settings(config)
    config.write_text("[safety]\nduty_chat_id = 5551234\n")
    assert load_settings(config).safety.duty_chat_id == 5551234


def test_a_json_log_format_and_a_health_port_are_read(tmp_path: Path) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text('[logging]\nformat = "json"\n[health]\nport = 9464\n')
    settings = load_settings(config)
    assert (settings.logging.format, settings.health.port, settings.health.listen) == (
        "json",
        9464,
        "127.0.0.1",
    )
    config.write_text('[logging]\nformat = "xml"\n')
    with pytest.raises(ConfigError, match=r"logging\.format"):
        load_settings(config)


def test_the_token_can_come_from_an_owner_only_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("123:FROM-A-FILE\n")
    token_file.chmod(0o600)
    monkeypatch.setenv("CAREBOT_TELEGRAM__TOKEN_FILE", str(token_file))
    assert load_settings().telegram.token == "123:FROM-A-FILE"


@pytest.mark.parametrize(
    ("content", "also_token", "named"),
    [
        (None, False, "does not exist"),
        ("  \n", False, "is empty"),
        ("123:FROM-A-FILE", True, "set the token or a token file, not both"),
    ],
)
def test_an_unusable_token_file_is_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None, also_token: bool, named: str
) -> None:
    token_file = tmp_path / "token"
    if content is not None:
        token_file.write_text(content)
        token_file.chmod(0o600)
    monkeypatch.setenv("CAREBOT_TELEGRAM__TOKEN_FILE", str(token_file))
    if also_token:
        monkeypatch.setenv("CAREBOT_TELEGRAM__TOKEN", "123:ALSO")
    with pytest.raises(ConfigError, match=named) as raised:
        load_settings()
    assert "\n" not in str(raised.value) and "FROM-A-FILE" not in str(raised.value)
