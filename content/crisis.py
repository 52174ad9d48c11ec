"""Which crisis lines to show for a risk at a given moment: always-open lines, plus the council's office
number in office hours or its out-of-hours number otherwise."""

from dataclasses import dataclass
from datetime import datetime

from content.schema import CouncilContent, CouncilPhone, CrisisContact, OpeningTimes, Risk, Weekday

_WEEKDAYS = list(Weekday)


def is_open(hours: list[OpeningTimes], local: datetime, *, working_day: bool = True) -> bool:
    """Open at this local time? ``working_day`` False (a bank holiday) closes an office all day."""
    if not working_day:
        return False
    day = _WEEKDAYS[local.weekday()]
    return any(day in block.days and block.opens <= local.time() < block.closes for block in hours)


@dataclass(frozen=True)
class CrisisLines:
    contacts: list[CrisisContact]
    council: CouncilPhone
    council_open: bool


def lines_for(
    risk: Risk | None, content: CouncilContent, local: datetime, *, working_day: bool
) -> CrisisLines:
    """Lines for ``risk`` (every always-open line when None), in the order the content lists them, which
    keeps 999 first; lines with opening hours only while they are open."""

    def shown(contact: CrisisContact) -> bool:
        if risk is None:
            return contact.always_open
        if risk not in contact.for_risks:
            return False
        return (
            contact.always_open or not contact.hours or is_open(contact.hours, local, working_day=working_day)
        )

    contacts = [contact for contact in content.crisis if shown(contact)]
    council_open = is_open(content.council.office_hours, local, working_day=working_day)
    council = content.council.office if council_open else content.council.out_of_hours
    return CrisisLines(contacts, council, council_open)
