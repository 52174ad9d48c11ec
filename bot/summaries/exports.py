"""Spreadsheets a manager takes into supervision or an audit: open deadlines and caseloads.

``.xlsx`` is written with XlsxWriter: it only writes (which is all we need), has no dependencies, builds the
file in memory, and gives real date cells, a frozen header row and filters. The ``.csv`` copies are for
systems that take nothing else. Cells that a spreadsheet would run as a formula are written as text.
"""

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.facts import CaseFacts
from bot.summaries.caseloads import Caseloads
from bot.wording.manager import KIND_LABELS
from scheduler.deadlines import Deadline, days_overdue

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: Sequence[str]
    rows: list[Sequence[Cell]]


def deadline_sheet(
    deadlines: Sequence[Deadline],
    people: Mapping[int, CaseFacts],
    pa_names: Mapping[int, str],
    team_names: Mapping[int, str],
    now: datetime,
    tz: ZoneInfo,
) -> Sheet:
    today = now.astimezone(tz).date()
    rows: list[Sequence[Cell]] = []
    for deadline in sorted(deadlines, key=lambda item: (item.due_at, item.case_ref, item.kind.value)):
        person = people.get(deadline.young_person_id)
        due = deadline.due_at.astimezone(tz).replace(tzinfo=None)
        overdue_days = days_overdue(deadline.overdue_at, today, tz)
        rows.append(
            [
                team_names.get(deadline.team_id or 0, ""),
                pa_names.get(deadline.pa_id or 0, "No PA"),
                deadline.case_ref,
                person.preferred_name if person else "",
                person.age_on(today) if person else None,
                KIND_LABELS[deadline.kind],
                deadline.status.value,
                due,
                overdue_days,
                deadline.rule,
            ]
        )
    headers = ["Team", "PA", "Case ref", "Preferred name", "Age", "Deadline", "Status", "Due", "Days overdue"]
    return Sheet("Open deadlines", [*headers, "Rule"], rows)


def caseload_sheet(
    figures: Caseloads,
    team_names: Mapping[int, str],
    overdue_by_pa: Mapping[int | None, int],
    due_by_pa: Mapping[int | None, int],
) -> Sheet:
    rows: list[Sequence[Cell]] = [
        [
            team_names.get(pa.team_id or 0, ""),
            f"{pa.name} (has left)" if pa.has_left else pa.name,
            pa.worker_id or "",
            pa.young_people,
            figures.target,
            "yes" if pa.above_target else "no",
            overdue_by_pa.get(pa.staff_id, 0),
            due_by_pa.get(pa.staff_id, 0),
        ]
        for pa in figures.pas
    ]
    rows.append(
        ["", "No PA", "", figures.without_pa, None, "", overdue_by_pa.get(None, 0), due_by_pa.get(None, 0)]
    )
    headers = [
        "Team",
        "PA",
        "Worker id",
        "Young people",
        "Target",
        "Above target",
        "Overdue",
        "Due this week",
    ]
    return Sheet("Caseloads", headers, rows)


def _safe(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def to_xlsx(sheets: Sequence[Sheet], title: str) -> bytes:
    import xlsxwriter  # only when an export is asked for: the bot starts without it

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    workbook.set_properties({"title": title})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    when = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name)
        worksheet.write_row(0, 0, sheet.headers, bold)
        for row_number, row in enumerate(sheet.rows, start=1):
            for column, cell in enumerate(row):
                if isinstance(cell, datetime):
                    worksheet.write_datetime(row_number, column, cell, when)
                elif cell is None:
                    worksheet.write_blank(row_number, column, None)
                elif isinstance(cell, str):
                    worksheet.write_string(row_number, column, cell)
                else:
                    worksheet.write(row_number, column, cell)
        worksheet.freeze_panes(1, 0)
        worksheet.autofilter(0, 0, max(1, len(sheet.rows)), len(sheet.headers) - 1)
        for column, header in enumerate(sheet.headers):
            widest = max([len(header), *(len(str(row[column] or "")) for row in sheet.rows[:500])])
            worksheet.set_column(column, column, min(40, widest + 2))
    workbook.close()
    return buffer.getvalue()


def to_csv(sheet: Sheet) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens names with accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow(
            [
                ""
                if cell is None
                else cell.strftime("%d/%m/%Y %H:%M")
                if isinstance(cell, datetime)
                else _safe(cell)
                for cell in row
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")
