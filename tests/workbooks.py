"""Writing small .xlsx workbooks for import tests, with real date cells as councils' reports have."""

import io
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
