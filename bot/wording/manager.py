"""Every word a team manager reads outside the summary itself: escalations, the summary's list buttons
and the lists behind them. The summary's own wording is its renderer, ``bot.summaries.report``, shared
with ``carebot summary``.
"""

from bot.models_leaver import AlertState, HandoffKind
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

ESCALATION = (
    "Not yet picked up: {who} asked for help on {when} ({kind}).\n"
    "Their PA ({pa}) has not answered it by the end of the next working day. Please check someone has."
)
NO_PA_ESCALATION = (
    "{who} asked for help ({kind}), but their PA can't get messages from the bot. "
    "Please make sure someone picks it up."
)

CRISIS_ESCALATION = (
    "URGENT, not picked up: {who} sent a message on {when} that may mean they are {danger} ({risk}).\n"
    "{before}\n"
    "Please make sure someone contacts them now."
)
DANGER_WORDS = {True: "in danger now", False: "at risk"}
NOBODY_ANSWERED = "Nobody has answered it in {minutes} minutes. It went to: {names}."
NOBODY_REACHED = "Nobody before you could get it: {names} can't get messages from the bot."
NOBODY_BEFORE = "Nobody before you could get it: their PA has not joined the bot."
THEIR_PA = "their PA"
SOMEONE = "someone on call"

KINDS = {
    HandoffKind.CONTACT: "asked to be contacted",
    HandoffKind.QUESTION: "a question",
    HandoffKind.PASSPORT_HELP: "help with their passport",
    HandoffKind.CRISIS: "a crisis alert",
}

# The summary's "alerts" section (and so the weekly digest's).
ALERTS_TITLE = "Alerts and requests"
ALERTS_PERIOD = "raised in the last {days} days ({span})"
ALERTS_CRISIS = "Crisis alerts: {count}, {danger} of them danger now{risks}."
ALERTS_REQUESTS = "Requests: {kinds}."
ALERTS_STATES = "Where they are now: {states}."
ALERTS_ANSWERED = "First answer, median: crisis alerts {crisis}; requests {requests}."
ALERTS_ANSWER_TIME = "{time} ({answered} of {raised} answered)"
ALERTS_NONE_ANSWERED = "none answered yet ({raised} raised)"
ALERTS_NONE_RAISED = "none raised"
ALERTS_WAITING = "Not answered by anyone now (raised at any time): {count}, the oldest {age} ({kind})."
ALERTS_NONE_WAITING = "Not answered by anyone now (raised at any time): none."
STATE_LABELS = {
    AlertState.RAISED: "not answered yet",
    AlertState.SEEN: "seen",
    AlertState.ACTED: "being dealt with",
    AlertState.CLOSED: "closed",
}
REQUEST_LABELS = {
    HandoffKind.CONTACT: "asked to be contacted",
    HandoffKind.QUESTION: "questions",
    HandoffKind.PASSPORT_HELP: "passport help",
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
