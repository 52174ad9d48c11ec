"""What a young person reads about who knows (and when someone else is told), at the reading age every
message keeps; and the rota and chain settings, as a council would write them."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, OnCall, Weekday, load_settings
from bot.models_leaver import AlertState, Handoff, HandoffKind, Response, Told
from bot.services.escalation import on_call
from bot.services.handoff import HandedOff
from handlers import leaver_texts, safety_views
from handlers import leaver_views as views
from tests.test_readability import CONTENT, MAX_GRADE, MENU, TZ, grade

NIGHT = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)


def handed(told: Told, **extra: object) -> HandedOff:
    record = Handoff(young_person_id=1, kind=HandoffKind.CONTACT, told=told, created_at=NIGHT, **extra)
    return HandedOff(record, told, "Robin", [], False, NIGHT + timedelta(hours=10), None)


MESSAGES = {
    "welcome, someone on call": views.welcome("Kai", on_call=True).text,
    "welcome, nobody on call": views.welcome("Kai", on_call=False).text,
    "told duty and PA": safety_views.crisis_told(
        replace(handed(Told.DUTY), duty_names=("Jordan",), pa_reached=True),
        "the duty team",
        TZ,
        MENU,
    ).text,
    "told duty only, next in 15": safety_views.crisis_told(
        replace(handed(Told.DUTY), next_in=timedelta(minutes=15)), "the duty team", TZ, MENU
    ).text,
    "asked again, not answered": views.handed_off(replace(handed(Told.PA), repeat=True), CONTENT, TZ).text,
    "asked again, answered": views.handed_off(
        replace(handed(Told.PA, state=AlertState.ACTED), repeat=True), CONTENT, TZ
    ).text,
    **{
        f"reply {answer}": leaver_texts.PA_REPLIED[answer].format(who="Jordan from the team on call")
        for answer in Response
    },
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_what_young_people_read_about_alerts_is_easy_to_read(name: str) -> None:
    assert grade(MESSAGES[name]) <= MAX_GRADE, f"grade {grade(MESSAGES[name])}: {MESSAGES[name]}"


def test_the_welcome_promises_the_team_on_call_only_when_there_is_one() -> None:
    assert "team on call" in MESSAGES["welcome, someone on call"]
    assert "team on call" not in MESSAGES["welcome, nobody on call"]
    assert "may not see it until the morning" in MESSAGES["welcome, nobody on call"]


def test_who_knows_is_said_as_it_is() -> None:
    both = MESSAGES["told duty and PA"]
    assert "I've let Jordan know" in both and "Your PA will see it too" in both
    alone = MESSAGES["told duty only, next in 15"]
    assert "the duty team" in alone and "Your PA" not in alone
    assert "If nobody answers within 15 minutes, I will tell someone else too." in alone
    assert "added this to it" in MESSAGES["asked again, not answered"]
    assert "already seen your request" in MESSAGES["asked again, answered"]


ROTA = """
[safety]
duty_chat_id = 555
ack_minutes = { danger_now = 10, risk = 30 }
escalation_chain = [{ chat_id = 9, name = "Head" }]
[[safety.rota]]
days = ["monday", "tuesday", "wednesday", "thursday"]
from = "17:00"
until = "09:00"
chat_id = 101
name = "Jordan from the team on call"
[[safety.rota]]
days = ["friday"]
from = "17:00"
until = "17:00"
chat_id = 102
name = "Sam from the team on call"
"""


def test_a_rota_as_the_example_writes_it_is_read(tmp_path: Path) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text(ROTA)
    safety = load_settings(config).safety
    assert [shift.chat_id for shift in safety.rota] == [101, 102]
    assert (safety.ack_minutes.danger_now, safety.ack_minutes.risk) == (10, 30)
    assert safety.escalation_chain[0].name == "Head" and safety.has_duty_contact


@pytest.mark.parametrize(
    ("local", "on_call_now"),
    [
        (datetime(2026, 11, 23, 16, 59), [555]),  # Monday before the shift: the one duty chat
        (datetime(2026, 11, 23, 17, 0), [101]),  # Monday evening
        (datetime(2026, 11, 24, 8, 59), [101]),  # Tuesday morning, still Monday night's shift
        (datetime(2026, 11, 27, 8, 59), [101]),  # Friday morning: Thursday night's shift
        (datetime(2026, 11, 27, 18, 0), [102]),  # Friday evening
        (datetime(2026, 11, 28, 16, 59), [102]),  # Saturday afternoon: the 24-hour shift
        (datetime(2026, 11, 28, 17, 0), [555]),  # Saturday evening: nobody on the rota
    ],
)
def test_the_shift_covering_a_moment_is_on_call(
    tmp_path: Path, local: datetime, on_call_now: list[int]
) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text(ROTA)
    settings = load_settings(config)
    moment = local.replace(tzinfo=settings.service.tz)
    assert [
        contact.chat_id for contact in on_call(moment, settings.safety, settings.service.tz)
    ] == on_call_now


@pytest.mark.parametrize(
    ("line", "key"),
    [
        (
            "[[safety.rota]]\ndays = []\nfrom = '17:00'\nuntil = '09:00'\nchat_id = 1\nname = 'A'",
            "safety.rota.0.days",
        ),
        (
            "[[safety.rota]]\ndays = ['monday']\nfrom = '17:00'\nuntil = '09:00'\nchat_id = -100\nname = 'G'",
            "chat_id",
        ),
        (
            "[safety]\nescalation_chain = [{ chat_id = 1, name = 'A' }, { chat_id = 1, name = 'B' }]",
            "same chat twice",
        ),
        ("[safety]\nack_minutes = { danger_now = 0 }", "safety.ack_minutes.danger_now"),
    ],
)
def test_a_bad_rota_or_chain_stops_the_bot_naming_the_key(tmp_path: Path, line: str, key: str) -> None:
    config = tmp_path / "carebot.toml"
    config.write_text(line + "\n")
    with pytest.raises(ConfigError, match=key):
        load_settings(config)


def test_a_shift_runs_past_midnight_only_when_it_ends_at_or_before_it_starts() -> None:
    day = OnCall(days=(Weekday.SATURDAY,), starts=time(9), until=time(17), chat_id=1, name="Day")
    assert day.covers(Weekday.SATURDAY.number, time(12)) and not day.covers(Weekday.SUNDAY.number, time(8))
