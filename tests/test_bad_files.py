"""Broken, disguised and oversized caseload files: each becomes a problem in the import report naming the
file, in the command line and in the chat; none crashes, and a zip bomb is refused before it is opened."""

import io
import zipfile
from pathlib import Path

import pytest
import python_calamine
from telegram.ext import Application

from bot.cli import main
from bot.imports.readers import ReadLimits, read_tables
from handlers import texts
from tests.botapi_stub import RecordingRequest
from tests.test_admin_import import ADMIN, add_people, buttons, document_update
from tests.workbooks import inflated, workbook

HEADERS = ["Child Unique ID", "Date of Birth", "Eligibility"]
GOOD = workbook({"List 9": [HEADERS, ["CL1", "01/01/2008", "b) Former relevant"]]})


def unpacked_megabytes(book: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return f"{sum(entry.file_size for entry in archive.infolist()) / 2**20:.1f} MB"


def broken_workbook() -> bytes:
    """A real zip with the parts of an .xlsx, whose workbook part is cut off half-way."""
    source = zipfile.ZipFile(io.BytesIO(GOOD))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            target.writestr(
                entry, content[: len(content) // 2] if entry.filename == "xl/workbook.xml" else content
            )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("caseload.xlsx", broken_workbook(), "the file could not be read as a xlsx file ("),
        (
            "caseload.xlsx",
            b"PK\x03\x04 not really a zip at all",
            "the file is damaged, or is not really a xlsx file",
        ),
        (
            "caseload.xls",
            b"\xd0\xcf\x11\xe0 half an old Excel file",
            "the file could not be read as a xls file (",
        ),
        ("caseload.ods", b"just text", "the file is damaged, or is not really a ods file"),
    ],
)
def test_a_file_no_reader_can_open_is_a_problem_naming_it(name: str, content: bytes, why: str) -> None:
    tables, problems = read_tables(name, content)
    assert tables == []
    assert len(problems) == 1 and str(problems[0]).startswith(f"{name}: {why}")


def test_a_zip_bomb_is_refused_before_it_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    # The reader loads python_calamine only when a workbook comes in: watch the class it will use.
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", lambda *args: opened.append(args))
    bomb = inflated(GOOD, 3 * 2**20)
    assert len(bomb) < 100 * 2**10
    _, problems = read_tables("bomb.xlsx", bomb, ReadLimits.in_megabytes(10, 2))
    assert [str(problem) for problem in problems] == [
        f"bomb.xlsx: the file unpacks to {unpacked_megabytes(bomb)}, more than the 2.0 MB this service opens"
        " (imports.max_unpacked_mb): check it is the right file"
    ]
    assert opened == []


def test_a_file_over_the_size_cap_is_refused_before_it_is_read() -> None:
    _, problems = read_tables("big.csv", b"case_ref\n" + b"CL1\n" * 300_000, ReadLimits.in_megabytes(1, 2))
    assert [str(problem) for problem in problems] == [
        "big.csv: the file is 1.1 MB, more than the 1.0 MB this service imports (imports.max_file_mb)"
    ]


def test_the_command_line_reports_a_broken_workbook_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    broken = tmp_path / "caseload.xlsx"
    broken.write_bytes(broken_workbook())
    assert main(["import", "--db", str(tmp_path / "c.sqlite3"), str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("Nothing was changed. The import has 1 problem.")
    assert "- caseload.xlsx: the file could not be read as a xlsx file (" in captured.out
    assert "Traceback" not in captured.out + captured.err


def test_the_command_line_refuses_a_file_over_the_cap_before_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREBOT_IMPORTS__MAX_FILE_MB", "1")
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (2 * 2**20))
    assert main(["import", "--db", str(tmp_path / "c.sqlite3"), str(big)]) == 1
    assert capsys.readouterr().err == (
        f"carebot: {big} is 2.0 MB, more than the 1 MB this service imports (imports.max_file_mb)\n"
    )


async def test_the_chat_reports_a_broken_workbook_and_offers_nothing_to_apply(
    app: Application, transport: RecordingRequest
) -> None:
    await add_people(app.bot_data["runtime"].db)
    transport.files["broken"] = broken_workbook()
    await app.process_update(
        document_update(app, ADMIN, "broken", "caseload.xlsx", len(transport.files["broken"]))
    )
    _, report = transport.sent_texts(ADMIN)
    assert report.startswith("Nothing was changed. The import has 1 problem.")
    assert "- caseload.xlsx: the file could not be read as a xlsx file (" in report
    assert texts.SOMETHING_WENT_WRONG not in transport.sent_texts(ADMIN)
    assert buttons(transport, ADMIN) == {}


async def test_the_chat_refuses_a_zip_bomb_with_the_report(
    app: Application, transport: RecordingRequest
) -> None:
    await add_people(app.bot_data["runtime"].db)
    transport.files["bomb"] = inflated(GOOD, 101 * 2**20)
    await app.process_update(
        document_update(app, ADMIN, "bomb", "caseload.xlsx", len(transport.files["bomb"]))
    )
    report = transport.sent_texts(ADMIN)[-1]
    unpacked = unpacked_megabytes(transport.files["bomb"])
    assert (
        f"- caseload.xlsx: the file unpacks to {unpacked}, more than the 100.0 MB this service opens"
        in report
    )
    assert buttons(transport, ADMIN) == {}
