from datetime import UTC, date, datetime

import pytest

from bot.config import ServiceSettings
from bot.workdays import (
    end_of_next_working_day,
    in_working_hours,
    is_working_day,
    next_working_day,
    next_working_time,
)

SERVICE = ServiceSettings()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 23), True),  # Monday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day (substitute, Monday)
        (date(2026, 8, 31), False),  # summer bank holiday in England
    ],
)
def test_working_days_skip_weekends_and_bank_holidays(day: date, working: bool) -> None:
    assert is_working_day(day, "ENG") is working


def test_scotland_has_its_own_bank_holidays() -> None:
    assert is_working_day(date(2026, 8, 31), "SCT")
    assert not is_working_day(date(2026, 8, 3), "SCT")


def test_next_working_day_crosses_christmas() -> None:
    assert next_working_day(date(2026, 12, 24), "ENG") == date(2026, 12, 29)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 23, 10, 0, tzinfo=UTC), datetime(2026, 11, 23, 10, 0, tzinfo=UTC)),
        (datetime(2026, 11, 23, 7, 0, tzinfo=UTC), datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        (datetime(2026, 11, 27, 17, 30, tzinfo=UTC), datetime(2026, 11, 30, 9, 0, tzinfo=UTC)),
        # British Summer Time: 09:00 in London is 08:00 UTC.
        (datetime(2026, 6, 1, 7, 30, tzinfo=UTC), datetime(2026, 6, 1, 8, 0, tzinfo=UTC)),
    ],
    ids=["within hours", "early morning", "friday evening", "summer time"],
)
def test_next_working_time(now: datetime, expected: datetime) -> None:
    assert next_working_time(now, SERVICE) == expected


def test_working_hours_end_at_the_configured_time() -> None:
    assert in_working_hours(datetime(2026, 11, 23, 16, 59, tzinfo=UTC), SERVICE)
    assert not in_working_hours(datetime(2026, 11, 23, 17, 0, tzinfo=UTC), SERVICE)


def test_end_of_next_working_day_after_a_friday_request() -> None:
    friday_evening = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    assert end_of_next_working_day(friday_evening, SERVICE) == datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
