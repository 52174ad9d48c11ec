"""Words every staff audience shares: what each deadline is called, and how a young person and a day
are named. Staff read on a phone between visits, so names come as "Kai (CL5)" and days as "Mon 3 Dec".
Messages to staff go as plain text (no parse mode), so a name can never break the formatting.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from scheduler.deadlines import DeadlineKind

WHAT = {
    DeadlineKind.RHI: "return home interview",
    DeadlineKind.REPEAT_MISSING: "repeat missing",
    DeadlineKind.PATHWAY_REVIEW: "pathway plan review",
    DeadlineKind.NEEDS_ASSESSMENT: "needs assessment",
    DeadlineKind.CONTACT: "contact",
    DeadlineKind.TRANSITION_18: "planning for 18",
    DeadlineKind.TRANSITION_21: "planning for 21",
    DeadlineKind.TRANSITION_25: "planning for 25",
}


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st, 22nd, 23rd, 25th."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def moment_text(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{day_text(local.date())} at {local:%H:%M}"


def who(name: str | None, case_ref: str) -> str:
    """A young person as staff see them: name and case reference, or the case reference alone when the
    young person's name is not known."""
    return f"{name} ({case_ref})" if name else case_ref


NO_PA = "no PA"
