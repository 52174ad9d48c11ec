"""Files to tables: every sheet of a workbook, or a CSV, as a header row and numbered data rows.

Workbooks are read with python-calamine (``.xlsx``, ``.xlsm``, ``.xls`` and ``.ods``: Ofsted publishes the
Annex A template as an ODS file), which gives date cells as dates and is fast and light on memory for
large sheets. Row numbers are the ones a person sees in Excel, so a report can send them to the right row.

Files come from outside (a council's system, or anyone an admin forwards in the chat), so reading one
never crashes the import: any error the reader raises becomes a problem naming the file. Sizes are
checked before anything is read (``ReadLimits``): the file itself, and for ``.xlsx``/``.xlsm``/``.ods``
(zip archives) the sum of what its entries say they unpack to, since a 311 KB workbook can unpack to
300 MB and take a gigabyte of memory to open.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.imports.problems import Problem, Where

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIPPED_SUFFIXES = (".xlsx", ".xlsm", ".ods")
CSV_SUFFIXES = (".csv",)
MEGABYTE = 2**20


@dataclass(frozen=True)
class ReadLimits:
    """The largest file we read, and the most a workbook may unpack to (``[imports]`` in the config)."""

    max_file_bytes: int = 10 * MEGABYTE
    max_unpacked_bytes: int = 100 * MEGABYTE

    @classmethod
    def in_megabytes(cls, file: int, unpacked: int) -> "ReadLimits":
        return cls(file * MEGABYTE, unpacked * MEGABYTE)


DEFAULT_LIMITS = ReadLimits()


@dataclass
class Table:
    file: str
    sheet: str | None
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    def where(self, row: int | None = None) -> Where:
        return Where(self.file, self.sheet, row)


def read_tables(
    name: str, content: bytes, limits: ReadLimits = DEFAULT_LIMITS
) -> tuple[list[Table], list[Problem]]:
    """The tables in one file, by its name's suffix. A file we cannot or will not open is a problem
    naming it, never a crash."""
    lowered = name.lower()
    if not lowered.endswith((*WORKBOOK_SUFFIXES, *CSV_SUFFIXES)):
        return [], [Problem(Where(name), "only .xlsx, .xls, .ods and .csv files can be imported")]
    too_big = _size_problem(lowered, content, limits)
    if too_big is not None:
        return [], [Problem(Where(name), too_big)]
    try:
        if lowered.endswith(WORKBOOK_SUFFIXES):
            return _workbook_tables(name, content), []
        return [_csv_table(name, content)], []
    except Exception as error:  # whatever a reader raises on a damaged file: reported, never a crash
        return [], [Problem(Where(name), _unreadable(error, lowered))]
    except BaseException as error:
        # The workbook reader is written in Rust: a bug it meets in a strange file surfaces as a
        # PanicException, which is not an Exception. Anything else (KeyboardInterrupt...) goes on.
        if type(error).__name__ != "PanicException":
            raise
        return [], [Problem(Where(name), _unreadable(error, lowered))]


def _size_problem(lowered: str, content: bytes, limits: ReadLimits) -> str | None:
    if len(content) > limits.max_file_bytes:
        return (
            f"the file is {_megabytes(len(content))}, more than the {_megabytes(limits.max_file_bytes)}"
            " this service imports (imports.max_file_mb)"
        )
    if not lowered.endswith(ZIPPED_SUFFIXES):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        kind = lowered.rsplit(".", 1)[-1]
        return f"the file is damaged, or is not really a {kind} file: save it again and retry"
    if unpacked > limits.max_unpacked_bytes:
        limit = _megabytes(limits.max_unpacked_bytes)
        return (
            f"the file unpacks to {_megabytes(unpacked)}, more than the {limit} this service opens"
            " (imports.max_unpacked_mb): check it is the right file"
        )
    return None


def _unreadable(error: BaseException, lowered: str) -> str:
    from python_calamine import PasswordError  # loaded with the reader: see _workbook_tables

    if isinstance(error, PasswordError):
        return "the file is protected by a password: save a copy without one and import that"
    if isinstance(error, UnicodeDecodeError):
        return "the file's text could not be read: save it as CSV UTF-8 and retry"
    kind = lowered.rsplit(".", 1)[-1]
    return f"the file could not be read as a {kind} file ({type(error).__name__}): save it again and retry"


def _megabytes(count: int) -> str:
    return f"{count / MEGABYTE:.1f} MB"


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
