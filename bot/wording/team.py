"""Every word managers and admins read when they run their team in the chat: staff (add, invite again,
change team, has left) and caseloads (who has room, moving young people to another PA). Also the words
the people affected by a move read: the PA who takes the young people on and the PA who hands them over.

The screens are HTML (names are escaped where they are put in); refusals are plain sentences, shown as
they are.
"""

from bot.models import Role

ROLE_NAMES = {Role.PA: "PA", Role.MANAGER: "manager", Role.ADMIN: "admin"}
ROLE_WITH_ARTICLE = {Role.PA: "a PA", Role.MANAGER: "a manager", Role.ADMIN: "an admin"}


def young_people(count: int) -> str:
    return "1 young person" if count == 1 else f"{count} young people"


# Refusals.
NOT_FOR_YOU = "Sorry, only managers and admins can manage staff and caseloads."
NO_TEAM = "Your account is not linked to a team yet. Please ask an admin to add you to one."
NOT_YOUR_TEAM = "Sorry, you can only manage your own team."
NOT_YOUR_ROLE = "Sorry, only an admin can change a manager or an admin."
NOT_YOURSELF = "You can't do that to your own account. Please ask an admin."
NO_SUCH_STAFF = "I can't find that member of staff. Send /staff to see your team."
NO_SUCH_TEAM = "I can't find that team. Send /staff to see the teams."
ALREADY_LEFT = "{name} has already left. Send /staff to see your team."
JOINED_SINCE = "{name} has joined the bot now, so their reminders go to them. No new invite is needed."
STILL_HAS_CASELOAD = "{name} still has {young}. Move them to other PAs first, then change {name}'s team."
SAME_TEAM = "{name} is already in {team}."
EXPIRED = "That button no longer works. Send /staff or /caseloads again."
GONE_STALE = "That has timed out. Send /staff to start again."
CHANGED_MEANWHILE = (
    "Something changed while you were choosing: {count} of them no longer have that PA. "
    "Nothing was moved. Please choose again."
)
NOBODY_CHOSEN = "Tap at least one young person first."
NOT_A_PA_TO_MOVE_TO = "Please choose a PA who is still working in the team."
SAME_PA = "They already have that PA. Please choose someone else."
CANCELLED = "Cancelled. Nothing was changed."
NOTHING_TO_CANCEL = "There was nothing to cancel."

# Typed steps of adding someone.
ASK_NAME = "Type the new {role}'s full name, as it is in the council's records."
BAD_NAME = "Please type their name: letters, up to 100 of them. Or tap Cancel."
ASK_WORKER_ID = (
    "Their worker ID in the council's case system? It lets caseload files find them.\nType it, or tap Skip."
)
BAD_WORKER_ID = "A worker ID is letters and numbers (and - . /), up to 64 of them. Type it again, or Skip."
WORKER_ID_TAKEN = "Someone else already has that worker ID. Type another, or tap Skip."

# Buttons.
BUTTON_ADD = {Role.PA: "Add a PA", Role.MANAGER: "Add a manager", Role.ADMIN: "Add an admin"}
BUTTON_SKIP = "Skip"
BUTTON_CANCEL = "Cancel"
BUTTON_CONFIRM_ADD = "Yes, add them"
BUTTON_NEW_INVITE = "Send a new invite"
BUTTON_CONFIRM_INVITE = "Yes, make a new invite"
BUTTON_HAS_LEFT = "They have left"
BUTTON_CONFIRM_LEFT = "Yes, {name} has left"
BUTTON_CHANGE_TEAM = "Change team"
BUTTON_CONFIRM_TEAM = "Yes, move {name} to {team}"
BUTTON_MOVE_FROM = "Move their young people"
BUTTON_HAND_OVER = "Hand them over now"
BUTTON_BACK_TO_STAFF = "Back to staff"
BUTTON_CASELOADS = "Caseloads"
BUTTON_ADMINS = "Admins"
BUTTON_NEXT = "Next: choose their new PA"
BUTTON_ALL = "Choose all {count}"
BUTTON_NONE = "Choose none"
BUTTON_CONFIRM_MOVE = "Yes, move them"
BUTTON_PREVIOUS = "« Back"
BUTTON_MORE = "More »"
CHOSEN_MARK = "✅ "
SUGGESTED = " (most room)"

# /staff.
TEAMS_TITLE = "<b>Staff</b>\nWhich team?"
STAFF_TITLE = "<b>Staff: {team}</b>"
ADMINS_TITLE = "<b>Admins</b>"
MEMBER_LINE = "• {name}, {role}"
CASES = ": {young}"
NOT_JOINED = " (not joined yet)"
NOBODY_YET = "Nobody yet."
STAFF_HINT = "Tap a name to send a new invite, change their team or say they have left."

# One member.
CARD_TITLE = "<b>{name}</b>"
CARD_ROLE = "{role}, {team}"
CARD_ROLE_NO_TEAM = "{role}"
CARD_CASES = "Young people: {count} (target {target})"
CARD_JOINED = "On Telegram: yes."
CARD_INVITE_OPEN = "On Telegram: not yet. Their invite works until {until}."
CARD_NO_INVITE = "On Telegram: not yet, and they have no invite that still works."

# Adding.
CONFIRM_ADD = "Add {name} as {role} in {team}?"
CONFIRM_ADD_ADMIN = "Add {name} as an admin?"
CONFIRM_WORKER_ID = "Worker ID: {worker_id}"
SAME_NAME = "Note: someone called {name} is already on the staff. A worker ID tells them apart in files."
ADDED = "Added {name} as {role}."

# Invites.
CONFIRM_INVITE = "Make a new invite for {name}?\nAny invite they were sent before stops working."
CONFIRM_INVITE_JOINED = "The account they use now stops working with the bot when they open the new one."
INVITE_READY = "Here is {name}'s invite. Forward the next message to them. It works once, until {until}."
INVITE_TO_FORWARD = (
    "Hello {name}. Open this link to join the leaving-care bot as {role}:\n{link}\n"
    "It works once, until {until}."
)

# Has left.
CONFIRM_LEFT = (
    "Has {name} left?\n"
    "Their Telegram account stops working with the bot at once, and any invite they have stops working."
)
CONFIRM_LEFT_CASES = "They have {young}, who will need a new PA: I will help you hand them over next."
LEFT_DONE = "Done. {name} can no longer use the bot."
LEFT_WITHDRAWN = "{count} messages waiting for them will not be sent."
LEFT_ALERTS = "Their open requests and alerts ({count}) have come to you, with their buttons."
LEFT_REMINDERS = "Until their young people have a new PA, reminders about them come to the team's managers."
LEFT_CASES = "{name} had {young}. They need a new PA."

# Changing team.
PICK_TEAM = "Move {name} to which team?"
CONFIRM_TEAM = "Move {name} from {old} to {new}?"
TEAM_DONE = "Done. {name} is now in {team}."

# /caseloads.
CASELOADS_WHICH_TEAM = "<b>Caseloads</b>\nWhich team?"
CASELOADS_TITLE = "<b>Caseloads: {team}</b>"
CASELOADS_TARGET = "Target: {target} each. Average: {average} over {pas} PAs."
CASELOADS_TARGET_NO_PAS = "Target: {target} each. No PAs in this team yet."
LOAD_OVER = "• {name}: {count} ({over} over)"
LOAD_AT = "• {name}: {count} (at the target)"
LOAD_ROOM = "• {name}: {count} (room for {room})"
LOAD_LEFT = "• {name} (has left): {count} need a new PA"
WITHOUT_PA = "• Without a PA: {count}"
CASELOADS_HINT = "Tap a caseload to move young people from it."
BUTTON_FROM = "{name}: {count}"
BUTTON_FROM_LEFT = "{name} (has left): {count}"
BUTTON_WITHOUT_PA = "Without a PA: {count}"
NOBODY_THERE = "Nobody to move: that caseload is empty."

# Moving.
PICK_PEOPLE = "<b>Move from {source}</b>\nTap the young people to move, then Next. Chosen: {chosen}"
PICK_PEOPLE_PAGE = "Page {page} of {pages}."
NO_PA_SOURCE = "young people without a PA"
PICK_PA = "<b>Move {young} to ...</b>\nTarget: {target} each. The numbers are after the move."
BUTTON_TO = "{name}: {before} → {after}"
NO_PA_WITH_ROOM = "There is no other PA in this team to move them to. Add one with /staff."
CONFIRM_MOVE = "Move {young} from {source} to {target}?"
CONFIRM_MOVE_LOADS = "{name}: {before} → {after}"
CONFIRM_MOVE_WHAT = (
    "Their reminders and open requests go to {target}. "
    "Each young person who uses the bot is told who their new PA is."
)
MOVED = "Done. {young} moved to {target}."
MOVED_TOLD = "Told now: {told}."
TOLD_YOUNG_PEOPLE = "{young} on the bot"
NOT_TOLD_PA = "{name} is not on the bot yet: tell them yourself."

# To the PA who takes them on, and the PA who hands them over (plain text).
TAKEN_ON = "New on your caseload, moved from {source} by {by}:"
TAKEN_ON_OPEN = "Overdue or due now for them: {count}. Send /due to see each one, with buttons to record it."
TAKEN_ON_NOTHING_OPEN = "Nothing is overdue or due for them now. Send /due to see what is coming up."
TAKEN_ON_END = "Send /caseload to see everyone you have."
PASSED_TO_YOU = "Passed to you: {person}, {kind} on {when}. Nobody has closed it yet."
AND_MORE = "• and {count} more"
HANDED_ON = "{count} of your young people now have {target} as their PA (moved by {by}):"
HANDED_ON_ONE = "1 of your young people now has {target} as their PA (moved by {by}):"
NO_PA_SOURCE_PLAIN = "no PA"
