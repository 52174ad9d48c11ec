"""Per-role command menus: what each kind of user sees when they tap the menu button."""

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.models import Role

PUBLIC_COMMANDS = [BotCommand("start", "Start or join"), BotCommand("help", "What this bot can do")]

PA_COMMANDS = [
    BotCommand("due", "Overdue and due this week"),
    BotCommand("caseload", "My young people and their next deadlines"),
    BotCommand("missing", "Record a missing episode or a return"),
]

LEAVER_COMMANDS = [
    BotCommand("menu", "Main menu"),
    BotCommand("passport", "My passport to living on my own"),
    BotCommand("help", "What this bot can do"),
    BotCommand("cancel", "Stop what I'm doing"),
    BotCommand("stop", "Stop using this bot"),
]
SUMMARY_COMMAND = BotCommand("summary", "Caseloads, deadlines, RHIs and outcomes")
MANAGER_COMMANDS = [
    SUMMARY_COMMAND,
    BotCommand("caseloads", "Caseloads against the target; move young people"),
    BotCommand("staff", "Add staff, invites, team changes, leavers"),
    BotCommand("charts", "Charts: caseloads, RHIs, overdue items"),
    BotCommand("export", "Spreadsheet of deadlines and caseloads"),
]

ROLE_COMMANDS: dict[Role, list[BotCommand]] = {
    Role.LEAVER: LEAVER_COMMANDS,
    Role.PA: [
        *PA_COMMANDS,
        *PUBLIC_COMMANDS,
        BotCommand("passport", "Passport progress of your young people"),
        SUMMARY_COMMAND,
    ],
    Role.MANAGER: [*PUBLIC_COMMANDS, *MANAGER_COMMANDS],
    Role.ADMIN: [*PUBLIC_COMMANDS, *MANAGER_COMMANDS],
}


async def set_public_menu(bot: Bot) -> None:
    await bot.set_my_commands(PUBLIC_COMMANDS, scope=BotCommandScopeDefault())


async def set_menu_for(bot: Bot, chat_id: int, role: Role) -> None:
    """Give one private chat the commands of the role its user has just been linked to."""
    await bot.set_my_commands(ROLE_COMMANDS[role], scope=BotCommandScopeChat(chat_id))


async def clear_menu_for(bot: Bot, chat_id: int) -> None:
    """Back to the public menu for a chat whose user is no longer linked."""
    await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
