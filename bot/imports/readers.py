"""Files to tables: every sheet of a workbook, or a CSV, as a header row and numbered data rows.

Workbooks are read with python-calamine (``.xlsx``, ``.xlsm``, ``.xls`` and ``.ods``: Ofsted publishes the
Annex A template as an ODS file), which gives date cells as dates and is fast and light on memory for
large sheets. Row numbers are the ones a person sees in Excel, so a report can send them to the right row.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.imports.problems import Problem, Where

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv",)


@dataclass
class Table:
    file: str
    sheet: str | None
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    def where(self, row: int | None = None) -> Where:
        return Where(self.file, self.sheet, row)


def read_tables(name: str, content: bytes) -> tuple[list[Table], list[Problem]]:
    """The tables in one file, by its name's suffix. A file we cannot open is a problem, not a crash."""
    lowered = name.lower()
    try:
        if lowered.endswith(WORKBOOK_SUFFIXES):
            return _workbook_tables(name, content), []
        if lowered.endswith(CSV_SUFFIXES):
            return [_csv_table(name, content)], []
    except (ValueError, OSError, csv.Error, UnicodeDecodeError) as error:
        return [], [Problem(Where(name), f"the file could not be read ({type(error).__name__})")]
    return [], [Problem(Where(name), "only .xlsx, .xls, .ods and .csv files can be imported")]


def _workbook_tables(name: str, content: bytes) -> list[Table]:
    from python_calamine import CalamineWorkbook  # only when a workbook comes in: the bot starts without it

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    tables = []
    for sheet_name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(sheet_name)
        first_row = sheet.start[0] + 1 if sheet.start else 1
        table = _table(name, sheet_name, enumerate(sheet.iter_rows(), start=first_row))
        if table is not None:
            tables.append(table)
    return tables


def _csv_table(name: str, content: bytes) -> Table:
    try:
        decoded = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = content.decode("cp1252")  # what Excel on Windows writes for "CSV" (not "CSV UTF-8")
    rows = csv.reader(io.StringIO(decoded, newline=""))
    return _table(name, None, enumerate(rows, start=1)) or Table(name, None, [], 1)


def _table(name: str, sheet: str | None, rows: Iterator[tuple[int, list[Any]]]) -> Table | None:
    """The first non-blank row is the header; blank rows after it are skipped."""
    table = None
    for number, cells in rows:
        if all(_blank(cell) for cell in cells):
            continue
        if table is None:
            headers = [str(cell).strip() if cell is not None else "" for cell in cells]
            table = Table(name, sheet, headers, number)
        else:
            table.rows.append((number, list(cells)))
    return table


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
