"""Every word a team manager reads outside the summary itself: escalations, the summary's list buttons
and the lists behind them. The summary's own wording is its renderer, ``bot.summaries.report``, shared
with ``carebot summary``.
"""

from bot.models_leaver import HandoffKind
from bot.wording.staff import WHAT
from scheduler.deadlines import DeadlineKind


def escalated(kind: DeadlineKind, person: str, pa_name: str, since: str) -> str:
    return f"Needs attention: {WHAT[kind]} for {person} (PA: {pa_name}) was due {since} and is still open."


def repeat_missing(person: str, pa_name: str, episodes: int, days: int) -> str:
    return (
        f"Repeat missing: {person} (PA: {pa_name}) has been missing {episodes} or more times "
        f"in {days} days.\n"
        "Check whether your local procedure calls for a strategy meeting."
    )


def no_pa(person: str) -> str:
    return f"{person} has no PA, so this reminder comes to you."


def pa_not_active(person: str, pa_name: str) -> str:
    return f"{person}'s PA, {pa_name}, is no longer active, so this reminder comes to you."


def waiting_for(pa_name: str) -> str:
    return f"{pa_name} has not joined the bot yet, so this reminder is waiting for them:"


def reminders(count: int) -> str:
    return "1 reminder" if count == 1 else f"{count} reminders"


WAITING_TITLE = "Reminders are waiting for PAs who have not joined the bot:"
WAITING_LINE = "- waiting: {pa} has not joined yet ({reminders})"
WAITING_HINT = (
    "Each PA gets their reminders when they join. Tap a name below for a new invite link to send them."
)
BUTTON_INVITE_AGAIN = "Send {pa}'s invite again"
INVITE_AGAIN = (
    "Here is a new invite link for {pa}. Forward the next message to them.\n"
    "It works once, until {expires}. Older links they have still work until they run out."
)
INVITE_TO_FORWARD = (
    "{pa}, this is your link to join the leaving care team's bot. Open it on your phone:\n{link}"
)
INVITE_NOT_NEEDED = "{pa} has joined already: their reminders go to them."
INVITE_NOT_YOURS = "You can send invites again only to PAs in your own team."
INVITE_NOBODY = "That PA is not active any more, so no invite was made."
INVITE_EXPIRED = "That button no longer works."

ESCALATION = (
    "Not yet picked up: {who} asked for help on {when} ({kind}).\n"
    "Their PA ({pa}) has not answered it by the end of the next working day. Please check someone has."
)
NO_PA_ESCALATION = (
    "{who} asked for help ({kind}), but their PA can't get messages from the bot. "
    "Please make sure someone picks it up."
)

KINDS = {
    HandoffKind.CONTACT: "asked to be contacted",
    HandoffKind.QUESTION: "a question",
    HandoffKind.PASSPORT_HELP: "help with their passport",
    HandoffKind.CRISIS: "a crisis alert",
}

KIND_LABELS = {
    DeadlineKind.CONTACT: "Contact",
    DeadlineKind.PATHWAY_REVIEW: "Pathway plan review",
    DeadlineKind.RHI: "Return home interview",
    DeadlineKind.NEEDS_ASSESSMENT: "Needs assessment",
    DeadlineKind.REPEAT_MISSING: "Repeat missing",
    DeadlineKind.TRANSITION_18: "Turning 18",
    DeadlineKind.TRANSITION_21: "Turning 21",
    DeadlineKind.TRANSITION_25: "Turning 25",
}
EXPIRED = "That button no longer works. Send /summary again."
NOBODY = "Nobody at the moment."
LIST_TITLE = "<b>{kind}: {scope}</b>"
LIST_PERIOD = "Overdue or due in the next 7 days, as of {day}"
LIST_OVERDUE = "overdue since"
LIST_DUE = "due"
LIST_TURNS = "to plan before"
LIST_TURNED = "overdue: not planned before"
WEEKLY_SHORTENED = "\n\n(Shortened: send /summary for everything.)"
