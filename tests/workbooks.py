"""Writing small .xlsx workbooks for import tests, with real date cells as councils' reports have."""

import io
import zipfile
from datetime import date, datetime, time
from typing import Any

import xlsxwriter


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    date_cell = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for row_number, row in enumerate(rows):
            for column, value in enumerate(row):
                if isinstance(value, date):
                    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
                    sheet.write_datetime(row_number, column, moment, date_cell)
                elif value is not None:
                    sheet.write(row_number, column, value)
    book.close()
    return buffer.getvalue()


def inflated(book: bytes, extra_bytes: int) -> bytes:
    """The workbook with about ``extra_bytes`` more of cells in its first sheet (the same row again and
    again): still a valid workbook, a few hundred KB zipped however large it unpacks to, as a zip bomb
    is."""
    row = b"<row>" + b"<c><v>1</v></c>" * 20 + b"</row>"
    rows_per_write = 2**20 // len(row)
    source = zipfile.ZipFile(io.BytesIO(book))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename != "xl/worksheets/sheet1.xml":
                target.writestr(entry, content)
                continue
            head, tail = content.split(b"</sheetData>", 1)
            with target.open(entry.filename, "w", force_zip64=True) as sheet:
                sheet.write(head)
                for _ in range(0, extra_bytes, rows_per_write * len(row)):
                    sheet.write(row * rows_per_write)
                sheet.write(b"</sheetData>" + tail)
    return buffer.getvalue()
