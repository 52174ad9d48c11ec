"""The reporting periods managers are asked about, in the service's timezone.

Periods are half-open, ``[start, end)``, so neighbouring periods never count the same return twice. The
current ones end at ``now``. Quarters start on 1 January, April, July and October: the same boundaries as
the financial year's quarters.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime

    def holds(self, instant: datetime) -> bool:
        return self.start <= instant < self.end


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def last_days(now: datetime, days: int) -> Period:
    return Period(now - timedelta(days=days), now)


def before(period: Period) -> Period:
    """The period of the same length just before ``period``."""
    return Period(period.start - (period.end - period.start), period.start)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_to_date(now: datetime, tz: ZoneInfo) -> Period:
    return Period(_midnight(quarter_start(now.astimezone(tz).date()), tz), now)


def previous_quarter(now: datetime, tz: ZoneInfo) -> Period:
    this_quarter = quarter_start(now.astimezone(tz).date())
    return Period(_midnight(this_quarter - relativedelta(months=3), tz), _midnight(this_quarter, tz))


def months(now: datetime, tz: ZoneInfo, count: int) -> list[Period]:
    """The last ``count`` calendar months, oldest first; the current month runs to ``now``."""
    first = now.astimezone(tz).date().replace(day=1)
    starts = [first - relativedelta(months=back) for back in range(count - 1, -1, -1)]
    ends = [_midnight(start + relativedelta(months=1), tz) for start in starts[:-1]] + [now]
    return [Period(_midnight(start, tz), end) for start, end in zip(starts, ends, strict=True)]
