"""What the bot says about invite links: to the person opening one, and to an account an invite moved
away from. Plain words: young people read these."""

DOES_NOT_WORK = "That invite link doesn't work. Please ask for a new one."
"""The same answer whether a code is unknown, used or out of date, so codes cannot be tried one by one."""

WAIT = "That is too many links that don't work. Please wait {wait} and try again, or ask for a new link."

ALREADY_LINKED = "This Telegram account is already linked. Send /start to carry on."

MOVED_LEAVER = (
    "Your account with this bot has moved to a new Telegram account, so this chat is not linked any more."
    " If that was not you, tell your PA."
)
MOVED_STAFF = (
    "Your staff account with this bot was linked to another Telegram account with a new invite, so this"
    " chat is not linked any more. If that was not you, tell your manager or the bot's admin."
)


def wait_words(minutes: int) -> str:
    if minutes < 60:
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    hours = round(minutes / 60)
    return "1 hour" if hours == 1 else f"{hours} hours"
