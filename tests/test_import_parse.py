"""Reading files into records: pure, with no database (the same files and day always give the same)."""

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.imports.annex_a import eligible_since
from bot.imports.parse import parse_files
from bot.models import Category
from tests.workbooks import workbook

FIXTURES = Path(__file__).parent / "fixtures"
LONDON = ZoneInfo("Europe/London")


def parse(*named: tuple[str, bytes], as_of: date = date(2026, 11, 23)):
    return parse_files(list(named), as_of=as_of, tz=LONDON)


def fixture(path: Path) -> tuple[str, bytes]:
    return path.name, path.read_bytes()


@pytest.mark.parametrize(
    ("born", "in_care_since", "ceased", "expected"),
    [
        (date(2009, 6, 1), date(2020, 1, 6), None, date(2025, 6, 1)),  # in care long before 16
        (date(2010, 1, 1), date(2025, 12, 1), None, date(2026, 3, 2)),  # 13 weeks after coming into care
        (date(2010, 1, 1), date(2026, 10, 1), None, None),  # not yet 13 weeks
        (date(2008, 11, 22), date(2020, 1, 6), None, None),  # 18 today
        (date(2009, 6, 1), date(2020, 1, 6), date(2026, 11, 1), None),  # no longer looked after
        (date(2011, 6, 1), date(2020, 1, 6), None, None),  # 15
    ],
)
def test_eligible_since(born: date, in_care_since: date, ceased: date | None, expected: date | None) -> None:
    assert eligible_since(born, in_care_since, ceased, date(2026, 11, 23)) == expected


def test_list_9_records_say_which_fields_the_file_states() -> None:
    parsed = parse(fixture(FIXTURES / "list9_messy.csv"))
    assert parsed.problems == [] and parsed.full_caseload
    records = {record.case_ref: record for record in parsed.people}
    no_pa_column_value = records["CL1004"]
    assert (no_pa_column_value.pa.name, no_pa_column_value.pa.where.column) == (
        "Robin Hall",
        "Allocated Worker",
    )
    blank_team = records["CL1002"]
    assert (blank_team.team_given, blank_team.team, blank_team.contacted_on, blank_team.reviewed_on) == (
        True,
        None,
        None,
        None,
    )
    assert records["CL1001"].where.row == 2 and records["CL1005"].where.row == 6


def test_a_13_column_list_9_leaves_the_pa_review_and_contact_untouched() -> None:
    headers = ["Child Unique ID", "Date of Birth", "Allocated Team", "Eligibility Category", "LA in Touch"]
    book = workbook({"List 9": [headers, ["77", date(2007, 1, 1), "", "R", "a) Yes"]]})
    [record] = parse(("annex.xlsx", book)).people
    assert (record.pa_given, record.contacted_on, record.reviewed_on) == (False, None, None)
    assert record.facts == {
        "date_of_birth": date(2007, 1, 1),
        "category": Category.RELEVANT,
        "in_touch": "YES",
    }
    assert (record.where.sheet, record.where.row) == ("List 9", 2)


def test_ssd_finds_the_pa_from_the_open_involvement_before_the_social_worker() -> None:
    parsed = parse(*(fixture(path) for path in sorted((FIXTURES / "ssd").glob("*.csv"))))
    assert parsed.problems == []
    mia = next(record for record in parsed.people if record.case_ref == "P2")
    assert (mia.pa.worker_id, mia.pa.name, mia.pa.other_id) == ("PROF8", "Robin Hall", "W200")
    assert mia.team == "Pathways North"


def test_ssd_care_leavers_without_ssd_person_is_a_problem() -> None:
    parsed = parse(fixture(FIXTURES / "ssd" / "ssd_care_leavers.csv"))
    assert [str(problem) for problem in parsed.problems] == [
        "ssd_care_leavers.csv: ssd_person is needed too: it holds each young person's date of birth"
    ]
