"""What managers see in the chat: the summary's list buttons and the lists behind them. Pure."""

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.callbacks import SUMMARY_LIST
from bot.outbox.buttons import Button, Keyboard
from bot.summaries.deadline_counts import PaGroup
from bot.summaries.report import day
from bot.summaries.summary import Summary
from bot.wording import manager as words
from bot.wording.staff import who
from scheduler.deadlines import DeadlineKind
from scheduler.reminders import TRANSITIONS


def list_buttons(summary: Summary) -> Keyboard:
    """A button per kind with anything overdue or due, listing the young people behind the count."""
    return tuple(
        (
            Button(
                f"{words.KIND_LABELS[row.kind]}: {row.overdue + row.due_this_week}",
                SUMMARY_LIST.encode(row.kind, summary.scope.key),
            ),
        )
        for row in summary.deadlines.kinds
        if row.overdue + row.due_this_week
    )


def people_list(
    kind: DeadlineKind, scope_name: str, groups: list[PaGroup], tz: ZoneInfo, now: datetime
) -> str:
    lines = [
        words.LIST_TITLE.format(kind=words.KIND_LABELS[kind], scope=html.escape(scope_name)),
        words.LIST_PERIOD.format(day=day(now, tz)),
    ]
    if not groups:
        lines.append(f"\n{words.NOBODY}")
    for group in groups:
        lines.append(f"\n<b>{html.escape(group.pa)}</b>")
        for row in group.young_people:
            state = words.LIST_OVERDUE if row.overdue else words.LIST_DUE
            when = row.due_at
            if kind in TRANSITIONS and row.overdue_at is not None:  # by the birthday
                state, when = (words.LIST_TURNED if row.overdue else words.LIST_TURNS), row.overdue_at
            lines.append(f"• {html.escape(who(row.preferred_name, row.case_ref))}: {state} {day(when, tz)}")
    return "\n".join(lines)
