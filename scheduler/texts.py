"""The words of reminders, escalations and the morning digest, and the labels of their buttons.

Staff read these on a phone between visits: lead with what to do, then who, then by when. Messages go as
plain text (no parse mode), so a name can never break the formatting.
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

TRANSITION_AGE = {
    DeadlineKind.TRANSITION_18: 18,
    DeadlineKind.TRANSITION_21: 21,
    DeadlineKind.TRANSITION_25: 25,
}
TRANSITION_TODO = {
    DeadlineKind.TRANSITION_18: (
        "Plan housing, any referral to adult services, and the DWP benefits appointment "
        "(offered up to 28 days before 18)."
    ),
    DeadlineKind.TRANSITION_21: "Talk about support after 21: they can keep a PA up to 25 if they ask.",
    DeadlineKind.TRANSITION_25: "PA support ends at 25. Plan the handover with them.",
}

# Buttons on reminders (and in the chat flows that follow them).
BUTTON_CONTACT_DONE = "Contact done"
BUTTON_REVIEW_DONE = "Review done"
BUTTON_RHI_OFFERED = "RHI offered"
BUTTON_RHI_DONE = "RHI done"
BUTTON_RHI_DECLINED = "RHI declined"
BUTTON_SNOOZE = "Snooze until ..."


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def moment_text(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{day_text(local.date())} at {local:%H:%M}"


def who(name: str | None, case_ref: str) -> str:
    """A young person as staff see them: name and case reference, or the case reference alone when the
    young person's name is not known."""
    return f"{name} ({case_ref})" if name else case_ref


def soon(kind: DeadlineKind, person: str, day: date) -> str:
    return f"Coming up: {WHAT[kind]} for {person} is due on {day_text(day)}."


def due_today(kind: DeadlineKind, person: str) -> str:
    return f"Due today: {WHAT[kind]} for {person}."


def overdue(kind: DeadlineKind, person: str, day: date) -> str:
    return f"Overdue: {WHAT[kind]} for {person} was due on {day_text(day)}."


def transition(kind: DeadlineKind, person: str, birthday: date) -> str:
    return f"{person} turns {TRANSITION_AGE[kind]} on {day_text(birthday)}.\n{TRANSITION_TODO[kind]}"


def rhi_started(person: str, deadline: str) -> str:
    return (
        f"{person} is back after being missing.\n"
        f"Please make sure an independent return home interview is offered by {deadline}."
    )


def rhi_hours_left(person: str, hours: int, deadline: str) -> str:
    return f"{hours} hours left to offer the return home interview for {person}.\nDeadline: {deadline}."


def rhi_overdue(person: str, deadline: str) -> str:
    return (
        f"The return home interview for {person} was due by {deadline}.\n"
        "Please offer it now and record what happened."
    )


def escalated(kind: DeadlineKind, person: str, pa_name: str, since: str) -> str:
    return f"Needs attention: {WHAT[kind]} for {person} (PA: {pa_name}) was due {since} and is still open."


def repeat_missing(person: str, pa_name: str, episodes: int, days: int) -> str:
    return (
        f"Repeat missing: {person} (PA: {pa_name}) has been missing {episodes} or more times "
        f"in {days} days.\n"
        "Check whether your local procedure calls for a strategy meeting."
    )


NO_PA = "no PA"

DIGEST_TITLE = "Good morning. Your deadlines for {day}:"
DIGEST_OVERDUE = "Overdue"
DIGEST_TODAY = "Due today"
DIGEST_WEEK = "Due this week"
DIGEST_RHI = "Return home interviews running"
DIGEST_BACKLOG = "Already overdue when reminders began"
DIGEST_LONGEST = "Not contacted for longest"
DIGEST_MORE = "... and {count} more"
DIGEST_HOURS_LEFT = "{hours} hours left"
DIGEST_RHI_OVERDUE = "deadline passed"
DIGEST_NEVER = "no contact recorded"
DIGEST_DAYS = "{days} days ago"
DIGEST_EMPTY = "Nothing due this week."
DIGEST_HINT = "Send /due for buttons to record what is done."
