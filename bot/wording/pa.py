"""Every word a personal adviser (and the out-of-hours duty contact) reads: reminders and the morning
digest, alerts and requests from young people, and the replies and buttons of the PA's chat.

One module, because the scheduler, the services and the handlers all write to PAs. Lead with what to do,
then who, then by when. Plain text unless a line says it is HTML.
"""

from datetime import date, timedelta

from bot.models_leaver import AlertState, ContactReason, HandoffKind, PreferredTime, Response
from bot.wording.staff import WHAT, day_text
from content.schema import Risk
from scheduler.deadlines import DeadlineKind

# Reminders.
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
BUTTON_ASSESSMENT_DONE = "Assessment done"
BUTTON_PLANNED = "Planned"
BUTTON_RHI_OFFERED = "RHI offered"
BUTTON_RHI_DONE = "RHI done"
BUTTON_RHI_DECLINED = "RHI declined"
BUTTON_SNOOZE = "Snooze until ..."


def soon(kind: DeadlineKind, person: str, day: date) -> str:
    return f"Coming up: {WHAT[kind]} for {person} is due on {day_text(day)}."


def due_today(kind: DeadlineKind, person: str) -> str:
    return f"Due today: {WHAT[kind]} for {person}."


def overdue(kind: DeadlineKind, person: str, day: date) -> str:
    return f"Overdue: {WHAT[kind]} for {person} was due on {day_text(day)}."


def transition(kind: DeadlineKind, person: str, birthday: date) -> str:
    return f"{person} turns {TRANSITION_AGE[kind]} on {day_text(birthday)}.\n{TRANSITION_TODO[kind]}"


def transition_missed(kind: DeadlineKind, person: str, birthday: date) -> str:
    return (
        f"Overdue: {WHAT[kind]} for {person}, who turned {TRANSITION_AGE[kind]} on {day_text(birthday)}.\n"
        f"{TRANSITION_TODO[kind]}"
    )


def hours_left(left: timedelta) -> str:
    """Time left as a PA reads it, never more than there is: 2 h 59 min left is "2 hours left"."""
    hours = int(left.total_seconds() // 3600)
    if hours >= 2:
        return f"{hours} hours left"
    return "1 hour left" if hours == 1 else "less than an hour left"


def rhi_started(person: str, deadline: str) -> str:
    return (
        f"{person} is back after being missing.\n"
        f"Please make sure an independent return home interview is offered by {deadline}."
    )


def rhi_hours_left(person: str, left: timedelta, deadline: str) -> str:
    left_words = hours_left(left)
    return f"{left_words[0].upper()}{left_words[1:]} to offer the return home interview for {person}.\n" + (
        f"Deadline: {deadline}."
    )


def rhi_overdue(person: str, deadline: str) -> str:
    return (
        f"The return home interview for {person} was due by {deadline}.\n"
        "Please offer it now and record what happened."
    )


# The morning digest.
DIGEST_TITLE = "Good morning. Your deadlines for {day}:"
DIGEST_OVERDUE = "Overdue"
DIGEST_TODAY = "Due today"
DIGEST_WEEK = "Due this week"
DIGEST_RHI = "Return home interviews running"
DIGEST_BACKLOG = "Already overdue when reminders began"
DIGEST_LONGEST = "Not contacted for longest"
DIGEST_MORE = "... and {count} more"
DIGEST_RHI_OVERDUE = "deadline passed"
DIGEST_TRANSITIONS = "Birthdays to plan for"
DIGEST_TURNS = "turns {age} on {day}"
DIGEST_TURNED = "turned {age} on {day}"
DIGEST_NEVER = "no contact recorded"
DIGEST_DAYS = "{days} days ago"
DIGEST_EMPTY = "Nothing due this week."
DIGEST_HINT = "Send /due for buttons to record what is done."

# Open work, in the digest and /due: alerts and requests nobody has closed, and who is missing now.
OPEN_ALERTS = "Alerts and requests still open"
MISSING_NOW = "Missing now"
OPEN_LINE = "{person}: {what}, {age}, {state}"
OPEN_KINDS = {
    HandoffKind.CONTACT: "asked you to contact them",
    HandoffKind.QUESTION: "a question",
    HandoffKind.PASSPORT_HELP: "passport help",
    HandoffKind.CRISIS: "crisis alert ({risk})",
}
OPEN_STATES = {
    AlertState.RAISED: "not answered yet",
    AlertState.SEEN: "seen, not closed",
    AlertState.ACTED: "being dealt with, not closed",
    AlertState.CLOSED: "closed",
}
OPEN_TIMES = " ({count} times)"
AGE_MINUTES = "{count} min ago"
AGE_HOURS = "{count} h ago"
AGE_DAYS = "{count} days ago"
MISSING_LINE = "{person}: {kind} since {moment} ({age})"
MISSING_RHI = "; when back, return home interview within {hours} hours"
DUE_OPEN_TITLE = "Open alerts and requests ({count}). Tap one to answer it:"
DUE_MISSING_TITLE = "Missing now ({count}):"

# Requests and alerts from young people (plain text: names are not escaped).
REASONS = {
    ContactReason.MONEY: "money",
    ContactReason.HOME: "home or housing",
    ContactReason.HEALTH: "health or feelings",
    ContactReason.WORK: "work or learning",
    ContactReason.PLAN: "their pathway plan",
    ContactReason.OTHER: "something else",
}
TIMES = {
    PreferredTime.SOON: "as soon as you can",
    PreferredTime.MORNING: "a morning",
    PreferredTime.AFTERNOON: "an afternoon",
    PreferredTime.MESSAGE: "a message is fine",
}
RISKS = {
    Risk.SUICIDE_OR_SELF_HARM: "suicide or self-harm",
    Risk.HURT_OR_UNSAFE: "being hurt or not safe",
    Risk.NOWHERE_TO_SLEEP: "nowhere to sleep",
    Risk.MISSING_OR_UNSAFE_HOME: "gone missing or not safe to go home",
    Risk.DISTRESS: "asked for help now",
}

CONTACT = "{who} asked you to contact them.\nAbout: {reason}\nBest time: {time}"
QUESTION = "{who} asked a question the bot could not answer. Their question follows."
PASSPORT_HELP = "{who} would like help with this passport item:\n{section}: {item}"
CRISIS = (
    "URGENT: {who} sent a message that may mean they are at risk ({risk}).\n"
    "The bot has given them crisis numbers, and told them you have been alerted.\n"
    "Please contact them as soon as you can."
)
CRISIS_DUTY = CRISIS.replace("you have been alerted", "the duty team has been alerted")
DANGER_NOW = (
    "URGENT: {who} sent a message that may mean they are in danger now ({risk}).\n"
    "The bot has told them to call 999 and given them crisis numbers, and told them you have been alerted.\n"
    "Please contact them now."
)
DANGER_NOW_DUTY = DANGER_NOW.replace("you have been alerted", "the duty team has been alerted")
STRANGER_CRISIS = (
    "URGENT: someone who has not joined the bot (no record, no PA) sent a message that may mean they are at "
    "risk ({risk}).\nThe bot has given them crisis numbers. Their Telegram id is {telegram_id}."
)
STRANGER_DANGER_NOW = STRANGER_CRISIS.replace("may mean they are at risk", "may mean they are in danger now")

BUTTONS = {Response.TODAY: "I'll call today", Response.LATER: "I'll call later", Response.DONE: "Done"}
# A crisis alert: the PA can say they are on it or will call today; anyone else who gets it (the duty
# contact, the manager, the chain) that they have seen it or are on it. Each says "Done" when it is.
CRISIS_BUTTONS = {Response.ON_IT: "I'm on it", Response.TODAY: "I'll call today", Response.DONE: "Done"}
ON_CALL_BUTTONS = {Response.SEEN: "I've seen it", Response.ON_IT: "I'm on it", Response.DONE: "Done"}
ANSWER_LABELS = {**BUTTONS, **CRISIS_BUTTONS, **ON_CALL_BUTTONS}

# What follows an alert: who else has it, and when it goes further.
PRESS_TO_STOP = (
    "Press a button when you pick it up, so others know. "
    "If nobody does within {minutes} minutes, {next} is told."
)
NEXT_MANAGER = "the team manager"
NEXT_SOMEONE = "the next person on the list"
REPEAT_ALERT = "This is alert {count} about them in the last hour."
ALSO_TOLD = "Also told: {names}."
# When someone answers, everyone else who has the alert hears who picked it up.
PICKED_UP = "{who} answered the alert about {person} ({kind}): {answer}, at {moment}."
# A second request of the same kind while one is open is added to it, not sent as a new one.
ASKED_AGAIN = "{who} asked again ({count} times now): {what}"
ASKED_AGAIN_CONTACT = "about {reason}, best time {time}"
ANOTHER_QUESTION = "{who} asked another question. It follows."


# The PA's chat: caseload, what is due, recording what was done, missing episodes.
NOT_A_PA = "Sorry, only personal advisors can use that."
EXPIRED = "That button has expired. Send /due to see what is open."

CASELOAD_EMPTY = "You have nobody on your caseload yet."
CASELOAD_TITLE = "Your caseload ({count}):"
CASELOAD_LINE = "{person}: {what} {when}"
CASELOAD_NOTHING_OPEN = "{person}: nothing open"
CASELOAD_LAST_CONTACT = "{line}. Last contact {day} ({how})"
CASELOAD_NO_CONTACT = "{line}. No contact recorded"
# How a contact happened, as the caseload shows it. An imported contact gives the day but not how.
CONTACT_HOW = {
    "visit": "visit",
    "phone": "phone call",
    "video": "video call",
    "message": "message",
    "unrecorded": "how not recorded",
}

DUE_NONE = "Nothing is overdue or due in the next week. Well done."
DUE_TITLE = "Overdue or due soon ({count}). Tap one to record it or snooze it:"
DUE_MORE = "Showing the first {shown}. Send /caseload for everyone."

STATUS_OVERDUE = "overdue since {day}"
STATUS_DUE = "due today"
STATUS_UPCOMING = "due {day}"
STATUS_RHI = "due by {moment}"
STATUS_TRANSITION = "to plan before {day}"
STATUS_TRANSITION_OVERDUE = "overdue: turned {age} on {day}"

ASK_METHOD = "How did you have contact with {person}?"
METHOD_LABELS = {"visit": "Visit", "phone": "Phone call", "video": "Video call", "message": "Message"}
ASK_CONTACT_DAY = "When was the {method} with {person}?"
ASK_REVIEW_DAY = "When was the pathway plan review (or first plan) for {person}?"
ASK_ASSESSMENT_DAY = "When was the needs assessment for {person} done?"
ASK_PLANNED_DAY = "When was planning for {age} done with {person}?"
TODAY = "Today"
YESTERDAY = "Yesterday"
CONTACT_RECORDED = "Recorded: {method} with {person} on {day}. Reminders about it are cleared."
REVIEW_RECORDED = "Recorded: pathway plan review for {person} on {day}. Reminders about it are cleared."
ASSESSMENT_RECORDED = (
    "Recorded: needs assessment for {person} on {day}. Reminders about it are cleared.\n"
    "Their first pathway plan is due next."
)
PLANNED_RECORDED = "Recorded: planning for {age} with {person} on {day}. Reminders about it are cleared."
RHI_RECORDED = {
    "offered": (
        "Recorded: return home interview offered to {person}.\nTap RHI done or RHI declined when you know."
    ),
    "done": "Recorded: return home interview done for {person}. Reminders about it are cleared.",
    "declined": "Recorded: {person} declined the return home interview. Reminders about it are cleared.",
}

ASK_SNOOZE = "Snooze reminders about {what} for {person} until:"
SNOOZE_LABELS = {"2h": "2 hours", "6h": "6 hours", "tomorrow": "Tomorrow", "week": "Next week"}
SNOOZED = "OK. I'll remind you about {what} for {person} again on {moment}."

MISSING_PICK = "Who is this about?"
MISSING_NOBODY = "You have nobody on your caseload yet."
MISSING_ASK_START = (
    "Is {person} missing (nobody knows where they are) or away (you know where they are)?\n"
    "If their life is at risk, call 999 first."
)
MISSING_NOW = "Missing now"
MISSING_TODAY = "Missing since earlier today"
MISSING_YESTERDAY = "Missing since yesterday"
AWAY_NOW = "Away now (we know where)"
MISSING_STARTED = (
    "Recorded: {person} is {kind} since {moment}.\n"
    "When they are back, send /missing again to record their return."
)
MISSING_ASK_RETURN = "{person} has been {kind} since {moment}. When did they come back?"
BACK_NOW = "Back now"
BACK_TODAY = "Back earlier today"
BACK_YESTERDAY = "Back yesterday"
RETURN_RECORDED = "Recorded: {person} is back ({moment})."
RETURN_RHI = "An independent return home interview must be offered by {deadline}. I'll remind you."
TIME_NOT_KNOWN = "{day}, time not known"

# Young people's requests and passports, as staff see them (HTML).
ANSWERED = "\n\n✔ You answered: {answer}"
NO_CASELOAD = "No young people to show."
PASSPORT_HEADER = "<b>Passport progress</b>"
PERSON_LINE = "{who}: {done}/{total} done"
PERSON_NAMED = "<b>{name}</b> ({case_ref})"
PERSON_UNNAMED = "<b>{case_ref}</b>"  # the young person's name is not known
HELP_LINE = "   🙋 wants help: {items}"
SECTION_LINE = "   {sections}"
READINESS = ", feels {score}/5 ready to live on their own"
