"""Working days and hours: Monday to Friday, not the region's bank holidays, within configured hours.

Non-urgent reminders wait for working hours, and "by the next working day" is counted in working days.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from bot.config import ServiceSettings


@lru_cache(maxsize=8)
def _bank_holidays(region: str) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv=region)


def is_working_day(day: date, region: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(region)


def next_working_day(day: date, region: str) -> date:
    """The first working day after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day, region):
        day += timedelta(days=1)
    return day


def in_working_hours(now: datetime, service: ServiceSettings) -> bool:
    local = now.astimezone(service.tz)
    return (
        is_working_day(local.date(), service.bank_holiday_region)
        and service.working_day_start <= local.time() < service.working_day_end
    )


def _at(day: date, moment: time, service: ServiceSettings) -> datetime:
    return datetime.combine(day, moment, tzinfo=service.tz)


def next_working_time(now: datetime, service: ServiceSettings) -> datetime:
    """``now`` if it is within working hours, else the start of the next working period."""
    if in_working_hours(now, service):
        return now
    local = now.astimezone(service.tz)
    region = service.bank_holiday_region
    if is_working_day(local.date(), region) and local.time() < service.working_day_start:
        return _at(local.date(), service.working_day_start, service)
    return _at(next_working_day(local.date(), region), service.working_day_start, service)


def end_of_next_working_day(now: datetime, service: ServiceSettings) -> datetime:
    """The close of the working day after today's: the deadline for 'by the next working day'."""
    local_day = now.astimezone(service.tz).date()
    return _at(next_working_day(local_day, service.bank_holiday_region), service.working_day_end, service)
