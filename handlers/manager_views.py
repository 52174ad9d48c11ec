"""What managers see in the chat: the summary's buttons, the lists behind them, and long-text splitting."""

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.summaries.deadline_counts import PaGroup
from bot.summaries.report import KIND_LABELS, day
from bot.summaries.summary import Summary
from scheduler import texts
from scheduler.deadlines import DeadlineKind

LIST_PREFIX = "s1"
"""Version 1 of the summary-list button data: ``s1:<kind>:<scope key>``."""
MESSAGE_LIMIT = 4096
EXPIRED = "That button no longer works. Send /summary again."


def list_buttons(summary: Summary) -> InlineKeyboardMarkup | None:
    """A button per kind with anything overdue or due, listing the young people behind the count."""
    buttons = [
        [
            InlineKeyboardButton(
                f"{KIND_LABELS[row.kind]}: {row.overdue + row.due_this_week}",
                callback_data=f"{LIST_PREFIX}:{row.kind.value}:{summary.scope.key}",
            )
        ]
        for row in summary.deadlines.kinds
        if row.overdue + row.due_this_week
    ]
    return InlineKeyboardMarkup(buttons) if buttons else None


def parse_list_button(data: str) -> tuple[DeadlineKind, str] | None:
    """The kind and scope key a list button names, or None if it is not one of ours."""
    prefix, _, rest = data.partition(":")
    kind, _, scope_key = rest.partition(":")
    if prefix != LIST_PREFIX or kind not in set(DeadlineKind) or not scope_key:
        return None
    return DeadlineKind(kind), scope_key


def people_list(
    kind: DeadlineKind, scope_name: str, groups: list[PaGroup], tz: ZoneInfo, now: datetime
) -> str:
    lines = [
        f"<b>{KIND_LABELS[kind]}: {html.escape(scope_name)}</b>",
        f"Overdue or due in the next 7 days, as of {day(now, tz)}",
    ]
    if not groups:
        lines.append("\nNobody at the moment.")
    for group in groups:
        lines.append(f"\n<b>{html.escape(group.pa)}</b>")
        for row in group.young_people:
            state = "overdue since" if row.overdue else "due"
            who = html.escape(texts.who(row.preferred_name, row.case_ref))
            lines.append(f"• {who}: {state} {day(row.due_at, tz)}")
    return "\n".join(lines)


def split(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split at line breaks into messages Telegram accepts (a single line is never split)."""
    parts, current = [], ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            parts.append(current)
            candidate = line
        current = candidate
    return [*parts, current] if current else parts
