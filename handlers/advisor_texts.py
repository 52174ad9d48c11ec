"""Words of the PA's chat flows: caseload, what is due, recording what was done, missing episodes.

Reminder and digest wording, and the labels of the buttons on reminders, are in ``scheduler.texts``.
"""

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

ASK_METHOD = "How did you have contact with {person}?"
METHOD_LABELS = {"visit": "Visit", "phone": "Phone call", "video": "Video call", "message": "Message"}
ASK_CONTACT_DAY = "When was the {method} with {person}?"
ASK_REVIEW_DAY = "When was the pathway plan review (or first plan) for {person}?"
TODAY = "Today"
YESTERDAY = "Yesterday"
CONTACT_RECORDED = "Recorded: {method} with {person} on {day}. Reminders about it are cleared."
REVIEW_RECORDED = "Recorded: pathway plan review for {person} on {day}. Reminders about it are cleared."
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
