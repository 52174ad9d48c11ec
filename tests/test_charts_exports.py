"""Each chart renders as a PNG a phone can show; spreadsheets carry the right columns and no formulas."""

import csv
import io
import struct
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.facts import CaseFacts
from bot.models import Role, Staff
from bot.summaries import caseloads, charts, exports
from bot.summaries.rhi import RhiFigures
from scheduler.deadlines import Deadline, DeadlineKind, DeadlineStatus

DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def png_size(image: bytes) -> tuple[int, int]:
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and image[12:16] == b"IHDR"
    return struct.unpack(">II", image[16:24])


def person(person_id: int, pa_id: int | None, name: str = "Kai") -> CaseFacts:
    return CaseFacts(person_id, f"CL{person_id}", name, date(2008, 1, 1), pa_id, 1, "YES", True, "F1")


def check(image: bytes) -> None:
    width, height = png_size(image)
    assert 900 <= width <= 1200 and 450 <= height <= 2400  # about 6.4 inches at 150 dpi: sharp on a phone
    assert 10_000 < len(image) < 1_000_000


@pytest.mark.parametrize("pa_count", [0, 3, 45])
def test_caseload_chart_for_a_small_team_an_empty_one_and_a_whole_service(pa_count: int) -> None:
    pas = [Staff(id=index, name=f"PA {index}", role=Role.PA) for index in range(1, pa_count + 1)]
    people = [person(index, 1 + index % pa_count) for index in range(pa_count * 20)] if pa_count else []
    check(charts.caseload_chart(caseloads.caseloads(people, pas, 22), "North", DAY))


def test_rhi_chart_with_empty_and_full_months() -> None:
    start = datetime(2025, 12, 1, tzinfo=UTC)
    months = [
        RhiFigures(
            start=start, end=start, returned=index % 3, within=index % 2, offered_late=(index % 3) // 2
        )
        for index in range(12)
    ]
    starts = [date(2025 + (11 + index) // 12, (11 + index) % 12 + 1, 1) for index in range(12)]
    check(charts.rhi_chart(months, starts, 72, "North", DAY))


def test_overdue_chart_with_gaps_in_the_record() -> None:
    weeks = [
        charts.WeekOverdue(
            date(2026, 9, 28) + timedelta(weeks=index),
            None if index in (0, 3) else {DeadlineKind.CONTACT: index, DeadlineKind.RHI: 1},
        )
        for index in range(8)
    ]
    check(charts.overdue_chart(weeks, "North", DAY))


def test_deadline_export_rows_and_a_formula_never_runs() -> None:
    deadline = Deadline(
        kind=DeadlineKind.CONTACT,
        subject="contact:1",
        young_person_id=1,
        case_ref="CL1",
        pa_id=7,
        team_id=1,
        due_at=NOW - timedelta(days=3, hours=10),
        status=DeadlineStatus.OVERDUE,
        rule="local standard: 8 weeks",
        overdue_at=NOW - timedelta(days=2, hours=10),  # the next midnight
    )
    sheet = exports.deadline_sheet(
        [deadline], {1: person(1, 7, name="=HYPERLINK(1)")}, {7: "Robin"}, {1: "North"}, NOW, UTC
    )
    assert sheet.rows == [
        [
            "North",
            "Robin",
            "CL1",
            "=HYPERLINK(1)",
            18,
            "Contact",
            "overdue",
            datetime(2026, 11, 20),
            3,
            "local standard: 8 weeks",
        ]
    ]
    rows = list(csv.reader(io.StringIO(exports.to_csv(sheet).decode("utf-8-sig"))))
    assert rows[1][3] == "'=HYPERLINK(1)" and rows[1][7] == "20/11/2026 00:00"
    assert exports.to_xlsx([sheet], "North").startswith(b"PK")
