"""Settings: a TOML file, overridden by ``CAREBOT_<SECTION>__<KEY>`` environment variables.

Every key has a default equal to ``config.example.toml`` (a test keeps the two in step), so the bot starts
with no file at all. Unknown keys are errors: a typo must not silently fall back to a default.
"""

import stat
from datetime import time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_CONFIG_PATH = Path("config.toml")
PositiveInt = Annotated[int, Field(gt=0)]


class ConfigError(Exception):
    """A configuration problem, worded for the person who installs the bot."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TelegramSettings(_Section):
    token: str = Field(default="", repr=False)
    token_file: str = ""
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    username: str = "carebot"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, gt=0, lt=65536)
    # Telegram's own rule for the secret: 1-256 characters from A-Z, a-z, 0-9, _ and -.
    webhook_secret: str = Field(default="", repr=False, pattern=r"^[A-Za-z0-9_-]{0,256}$")
    read_timeout_seconds: float = Field(default=30.0, gt=0, le=300)

    @field_validator("username")
    @classmethod
    def _no_at_sign(cls, value: str) -> str:
        return value.removeprefix("@")

    @model_validator(mode="after")
    def _webhook_has_a_secret(self) -> "TelegramSettings":
        """Without the secret, anyone who learns the webhook's address could post updates that look like
        they come from a young person or a PA."""
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("webhook_secret is required when webhook_url is set")
        return self


class DatabaseSettings(_Section):
    path: Path = Path("carebot.sqlite3")
    busy_timeout_ms: PositiveInt = 5000


class ServiceSettings(_Section):
    name: str = "Pathways (Leaving Care) Service"
    council: str = Field(default="middlesbrough", pattern=r"^[a-z0-9_-]+$")
    content_dir: str = ""
    timezone: str = "Europe/London"
    bank_holiday_region: str = Field(default="ENG", pattern=r"^(ENG|NIR|SCT|WLS)$")
    working_day_start: time = time(9, 0)
    working_day_end: time = time(17, 0)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown timezone {value!r}") from error
        return value

    @model_validator(mode="after")
    def _day_has_hours(self) -> "ServiceSettings":
        if self.working_day_end <= self.working_day_start:
            raise ValueError("working_day_end must be later than working_day_start")
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class RuleSettings(_Section):
    contact_interval_days: PositiveInt = 56
    council_accommodation_first_visit_days: PositiveInt = 7
    council_accommodation_visit_months: PositiveInt = 2
    stepped_back_contact_interval_days: PositiveInt = 365
    pathway_review_months: PositiveInt = 6
    needs_assessment_months: PositiveInt = 3
    rhi_hours: PositiveInt = 72
    rhi_for_adults: bool = False
    rhi_for_away: bool = False
    repeat_missing_episodes: PositiveInt = 3
    repeat_missing_days: PositiveInt = 30
    transition_notice_days: PositiveInt = 90
    transition_overdue_days: PositiveInt = 90


class ReminderSettings(_Section):
    """When and how deadline reminders reach PAs and managers (local practice, not statute)."""

    tick_seconds: PositiveInt = 60
    due_soon_days: PositiveInt = 7
    escalate_after_days: PositiveInt = 14
    rhi_warning_hours: tuple[PositiveInt, ...] = (24, 6)
    backlog_after_days: int = Field(default=14, ge=0)
    quiet_hours_start: time = time(21, 0)
    quiet_hours_end: time = time(7, 0)
    digest_time: time = time(8, 30)
    chat_spacing_seconds: float = Field(default=1.0, ge=1.0)
    retry_seconds: PositiveInt = 30
    retry_max_seconds: PositiveInt = 3600
    send_lease_seconds: PositiveInt = 120

    @property
    def send_lease(self) -> timedelta:
        return timedelta(seconds=self.send_lease_seconds)


class InviteSettings(_Section):
    expiry_hours: PositiveInt = 72

    @property
    def valid_for(self) -> timedelta:
        return timedelta(hours=self.expiry_hours)


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday is 0, as ``date.weekday()`` counts."""
        return list(Weekday).index(self)


ContactName = Annotated[str, Field(min_length=1, max_length=80)]


class OnCall(_Section):
    """One person's chat on the out-of-hours rota: the days a shift starts, its hours (local time; an
    ``until`` at or before ``from`` runs into the next morning), the chat and how young people hear of them.
    ``from`` is a Python keyword, hence the alias."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    days: tuple[Weekday, ...] = Field(min_length=1)
    starts: time = Field(alias="from")
    until: time
    chat_id: int = Field(gt=0, description="a person's own chat: positive (groups have negative ids)")
    name: ContactName

    def covers(self, local_day_number: int, local_time: time) -> bool:
        """Whether the shift covers this moment: on one of its days from ``from``, and, for a shift that
        runs past midnight, the next morning until ``until``."""
        starts_on = {day.number for day in self.days}
        if self.starts < self.until:
            return local_day_number in starts_on and self.starts <= local_time < self.until
        return (local_day_number in starts_on and local_time >= self.starts) or (
            (local_day_number - 1) % 7 in starts_on and local_time < self.until
        )


class ChainLink(_Section):
    """Someone an unacknowledged crisis alert goes to after the team manager, in order."""

    chat_id: int = Field(gt=0)
    name: ContactName


class AckMinutes(_Section):
    """How long a crisis alert may go unacknowledged before the next person is told."""

    danger_now: PositiveInt = 15
    risk: PositiveInt = 60


class SafetySettings(_Section):
    """Who hears about a young person in crisis outside working hours, and who next when nobody answers
    (see config.example.toml)."""

    duty_chat_id: int = 0
    duty_name: ContactName = "the council's out-of-hours duty team"
    rota: tuple[OnCall, ...] = ()
    ack_minutes: AckMinutes = AckMinutes()
    escalation_chain: tuple[ChainLink, ...] = ()

    @field_validator("duty_chat_id")
    @classmethod
    def _a_person_not_a_group(cls, value: int) -> int:
        """An alert names the young person: it goes to one duty worker's own chat, never a group (whose
        ids are negative), where everyone in it would read it. The bot does not work in groups."""
        if value < 0:
            raise ValueError(
                "must be the duty worker's own Telegram user id (a positive number), not a group's (a"
                " negative number): alerts name the young person, and the bot works in private chats only"
            )
        return value

    @model_validator(mode="after")
    def _chain_has_no_repeats(self) -> "SafetySettings":
        chats = [link.chat_id for link in self.escalation_chain]
        if len(chats) != len(set(chats)):
            raise ValueError("escalation_chain names the same chat twice")
        return self

    @property
    def has_duty_contact(self) -> bool:
        """Whether anyone at all is on call out of hours (a rota or one duty chat)."""
        return bool(self.rota) or bool(self.duty_chat_id)


class ManagerSettings(_Section):
    # No statutory PA caseload ratio exists (domain.md section 9): the target is local policy.
    caseload_target: PositiveInt = 22
    weekly_digest_day: Weekday = Weekday.MONDAY
    weekly_digest_time: time = time(8, 0)


class HealthSettings(_Section):
    """The HTTP endpoint the council's monitoring reads: ``/healthz`` and ``/metrics``. Off when port is 0."""

    port: int = Field(default=0, ge=0, lt=65536)
    listen: str = "127.0.0.1"


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class LoggingSettings(_Section):
    format: LogFormat = LogFormat.TEXT


class ImportSettings(_Section):
    """Caps on caseload files, checked before one is read (``carebot import`` and files sent in the chat)."""

    max_file_mb: PositiveInt = 10
    max_unpacked_mb: PositiveInt = 100


class BackupSettings(_Section):
    """A daily backup the bot makes itself, from the tick (see config.example.toml). Off while ``folder``
    is empty."""

    folder: str = ""
    daily_at: time = time(2, 0)
    keep: PositiveInt = 7


class RetentionSettings(_Section):
    """When the tick erases the records of young people who have left the service (0: never)."""

    erase_after_years: int = Field(default=0, ge=0, le=100)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CAREBOT_", env_nested_delimiter="__", extra="forbid", frozen=True
    )
    toml_path: ClassVar[Path | None] = None

    telegram: TelegramSettings = TelegramSettings()
    database: DatabaseSettings = DatabaseSettings()
    service: ServiceSettings = ServiceSettings()
    rules: RuleSettings = RuleSettings()
    reminders: ReminderSettings = ReminderSettings()
    invites: InviteSettings = InviteSettings()
    safety: SafetySettings = SafetySettings()
    managers: ManagerSettings = ManagerSettings()
    health: HealthSettings = HealthSettings()
    logging: LoggingSettings = LoggingSettings()
    imports: ImportSettings = ImportSettings()
    backup: BackupSettings = BackupSettings()
    retention: RetentionSettings = RetentionSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls.toml_path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls.toml_path))
        return tuple(sources)


def load_settings(path: Path | None = None, *, database: Path | None = None) -> Settings:
    """Read settings from ``path`` (default ``config.toml`` if present), the environment and defaults.

    ``database`` overrides the configured database path (the CLI's ``--db``). Raises ``ConfigError`` with
    one message naming every bad key.
    """
    if path is not None and not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    if path is None and DEFAULT_CONFIG_PATH.is_file():
        path = DEFAULT_CONFIG_PATH

    source = type("FileSettings", (Settings,), {"toml_path": path})
    try:
        settings = source()
    except ValidationError as error:
        raise ConfigError(_describe(error, path)) from None
    except ValueError as error:  # a TOML syntax error
        raise ConfigError(f"{path}: {error}") from None
    if database is not None:
        settings = settings.model_copy(
            update={"database": settings.database.model_copy(update={"path": database})}
        )
    if settings.telegram.token_file:
        if settings.telegram.token:
            raise ConfigError("telegram.token_file: set the token or a token file, not both")
        token = read_token_file(Path(settings.telegram.token_file))
        settings = settings.model_copy(
            update={"telegram": settings.telegram.model_copy(update={"token": token})}
        )
    return settings


def read_token_file(path: Path) -> str:
    """The bot token from a file only its owner can read or change (``chmod 600``).

    A token file others can read is refused, not used with a warning: anyone who has the token can act
    as the bot and read what young people send it.
    """
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise ConfigError(f"telegram.token_file: {path} is not a file")
        if mode & 0o077:
            raise ConfigError(
                f"telegram.token_file: other users can read or change {path}: make it owner-only"
                f" (chmod 600 {path})"
            )
        token = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise ConfigError(f"telegram.token_file: {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = type(error).__name__
        raise ConfigError(f"telegram.token_file: {path} cannot be read ({reason})") from None
    if not token:
        raise ConfigError(f"telegram.token_file: {path} is empty")
    return token


def _describe(error: ValidationError, path: Path | None) -> str:
    where = f" in {path}" if path else ""
    problems = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"])
        if item["type"] == "extra_forbidden":
            problems.append(f"{key}: unknown key")
        else:
            problems.append(f"{key}: {item['msg']}")
    return f"bad configuration{where}: " + "; ".join(problems)
