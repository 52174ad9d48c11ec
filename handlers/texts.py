"""Words every audience shares: welcome, help and errors. Plain English, short lines."""

from bot.models import Role

WELCOME_BACK = {
    Role.LEAVER: "Hi {name}! Good to see you. Send /help to see what I can do.",
    Role.PA: "Hi {name}. You're signed in as a personal advisor. Send /help to see your commands.",
    Role.MANAGER: "Hi {name}. You're signed in as a manager. Send /help to see your commands.",
    Role.ADMIN: "Hi {name}. You're signed in as an admin. Send /help to see your commands.",
}
WELCOME_BACK_NO_NAME = "Hi! Good to see you. Send /help to see what I can do."

# A duty contact or someone in the escalation chain: not staff, known only as a chat in the settings.
ON_CALL_HELLO = (
    "Hi. This chat is set up as {name}: crisis alerts come here when you are on call, and when nobody "
    "else has answered one. Press a button on an alert when you pick it up, so others know."
)

LINKED = {
    Role.LEAVER: (
        "You're in, {name}! Your PA can now see that you use this bot.\nSend /help to see what I can do."
    ),
    Role.PA: "Welcome, {name}. Your account is linked as a personal advisor.",
    Role.MANAGER: "Welcome, {name}. Your account is linked as a manager.",
    Role.ADMIN: "Welcome, {name}. Your account is linked as an admin.",
}

PUBLIC_HELP = (
    "I can tell care leavers about their rights and support.\n"
    "To use me, ask your PA for a link.\n\n"
    "In an emergency call 999.\n"
    "To talk to someone now: Samaritans 116 123 (free, any time)."
)

ROLE_HELP = {
    Role.LEAVER: (
        "Here is what I can do for you:\n"
        "/menu - see what you can get, your passport, money help, your PA, and help now\n"
        "/passport - your passport to living on your own\n"
        "/cancel - stop what I'm doing\n"
        "/stop - stop using this bot\n"
        "/help - this message\n\n"
        "You can also just type a question, like: can I get money for a sofa?\n"
        "In an emergency call 999."
    ),
    Role.PA: (
        "Your commands:\n"
        "/due - what is overdue or due this week, with buttons to record it\n"
        "/caseload - your young people and their next deadlines\n"
        "/missing - record that someone is missing, or back\n"
        "/passport - your young people's passport progress\n"
        "/summary - figures for your caseload\n"
        "/start - sign in\n/help - this message\n\n"
        "Every reminder has buttons: record a contact, a review or a return interview, or snooze it."
    ),
    Role.MANAGER: (
        "Your commands:\n/start - sign in\n/help - this message\n"
        "/summary - your team's caseloads, deadlines, RHIs and outcomes\n"
        "/caseloads - each PA against the target, and moving young people to a PA with room\n"
        "/staff - add a PA and send their invite, or say someone has left\n"
        "/charts - the same figures as charts\n/export - a spreadsheet for supervision or audit"
    ),
    Role.ADMIN: (
        "Your commands:\n/start - sign in\n/help - this message\n"
        "/summary - every team (or /summary Team name for one)\n"
        "/charts - charts, every team or one\n/export Team name - a team's spreadsheet\n"
        "/caseloads - each team's PAs against the target, and moving young people\n"
        "/staff - add staff, send invites, change teams, say someone has left\n\n"
        "To import the caseload, send me the file (.xlsx or .csv)."
    ),
}

# Staff: a message the bot does not read, and a button it no longer knows.
STAFF_ONLY_TEXT = "I can only read text for now. Send /help to see your commands."
STAFF_TYPED = "I only answer commands. Send /help to see yours."
STAFF_UNKNOWN_COMMAND = "I don't know that command. Send /help to see yours."
STAFF_OLD_BUTTON = "That button has expired. Send /help to see your commands."

# Anywhere but a private chat: said once in that chat, and shown to anyone who presses a button there.
ONLY_PRIVATE = "I only work in a private chat, so I won't answer here. To use me, open a chat with me: @{bot}"

SOMETHING_WENT_WRONG = "Sorry, something went wrong on our side. Please try again in a minute."
