"""Importing a caseload into the store: field by field, all or nothing, idempotent, history kept."""

import os
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from bot.config import Settings
from bot.imports.parse import Format
from bot.models import Category, Contact, ContactMethod, EpisodeKind, PathwayReview, Role, Source, Staff, Team
from bot.services.deadlines import open_deadlines
from bot.services.imports import run_import
from bot.store import Database, caseload, contacts, missing, people, reviews, staff, teams
from scheduler.deadlines import DeadlineKind, DeadlineStatus
from tests.workbooks import workbook

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
LONDON = ZoneInfo("Europe/London")
AS_OF = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def files(*paths: Path) -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in paths]


async def do_import(db: Database, imported: list[tuple[str, bytes]], **options):
    options.setdefault("as_of", AS_OF)
    return await run_import(db, imported, tz=LONDON, now=NOW, **options)


async def add_staff(db: Database) -> dict[str, Staff]:
    async with db.transaction() as tx:
        north = await teams.add(tx, Team(name="Pathways North"))
        south = await teams.add(tx, Team(name="Pathways South"))
        alex = await staff.add(
            tx, Staff(name="Alex Morgan", role=Role.PA, team_id=north.id, worker_id="W100")
        )
        robin = await staff.add(
            tx, Staff(name="Robin Hall", role=Role.PA, team_id=south.id, worker_id="W200")
        )
    return {"alex": alex, "robin": robin, "north": north, "south": south}


def dump(db: Database) -> list[tuple]:
    with sqlite3.connect(db.path) as connection:
        return [
            (table, *row)
            for table in ("teams", "staff", "young_people", "contacts", "pathway_reviews", "missing_episodes")
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY rowid")
        ]


async def person(db: Database, case_ref: str):
    found = await people.by_case_ref(db.reader, case_ref)
    assert found is not None, case_ref
    return found


async def test_messy_list_9_is_read_field_by_field(db: Database) -> None:
    known = await add_staff(db)
    outcome = await do_import(db, files(FIXTURES / "list9_messy.csv"))
    assert outcome.applied, outcome.plan.problems
    alex, robin = known["alex"].id, known["robin"].id
    north, south = known["north"].id, known["south"].id
    expected = {
        "CL1001": (Category.FORMER_RELEVANT, alex, north, "YES", "U", True, "F5"),
        "CL1002": (Category.FORMER_RELEVANT, robin, south, "YES", "U", True, "G5"),
        "CL1003": (Category.RELEVANT, alex, north, "REFU", "Z", False, "P2"),
        "CL1004": (Category.FORMER_RELEVANT, robin, south, "NREQ", "U", False, "G6"),
        "CL1005": (Category.QUALIFYING, robin, south, "YES", "G", True, "F1"),
    }
    for case_ref, (category, pa_id, team_id, in_touch, accommodation, suitable, activity) in expected.items():
        stored = await person(db, case_ref)
        assert (
            stored.category,
            stored.pa_id,
            stored.team_id,
            stored.in_touch,
            stored.accommodation_code,
            stored.accommodation_suitable,
            stored.activity_code,
        ) == (category, pa_id, team_id, in_touch, accommodation, suitable, activity), case_ref
    first = await person(db, "CL1001")
    assert first.date_of_birth == date(2007, 2, 14)
    assert first.preferred_name is None  # Annex A carries no names, and none is made up
    [contact] = await contacts.for_person(db.reader, first.id)
    # The file gives the day, not how: the record says so rather than claiming a phone call.
    assert (contact.contacted_on, contact.method, contact.in_person, contact.source) == (
        date(2026, 11, 2),
        ContactMethod.UNRECORDED,
        None,
        Source.IMPORT,
    )
    assert [review.reviewed_on for review in await reviews.for_person(db.reader, first.id)] == [
        date(2026, 9, 1)
    ]
    nothing_dated = await person(db, "CL1002")
    assert await contacts.for_person(db.reader, nothing_dated.id) == []
    assert await reviews.for_person(db.reader, nothing_dated.id) == []
    assert outcome.plan.count("new") == 5


async def test_importing_the_same_file_twice_changes_nothing_the_second_time(db: Database) -> None:
    await add_staff(db)
    await do_import(db, files(FIXTURES / "list9_messy.csv"))
    before = dump(db)
    again = await do_import(db, files(FIXTURES / "list9_messy.csv"))
    assert dump(db) == before
    assert (again.plan.count("new"), again.plan.count("updated"), again.plan.count("unchanged")) == (0, 0, 5)


async def test_a_later_file_updates_records_and_keeps_the_history_recorded_in_the_bot(db: Database) -> None:
    known = await add_staff(db)
    await do_import(db, files(FIXTURES / "list9_messy.csv"))
    kai = await person(db, "CL1001")
    async with db.transaction() as tx:
        await contacts.add(
            tx,
            Contact(
                young_person_id=kai.id,
                contacted_on=date(2026, 11, 20),
                method=ContactMethod.VISIT,
                in_person=True,
            ),
        )
        await reviews.add(tx, PathwayReview(young_person_id=kai.id, reviewed_on=date(2026, 11, 1)))
    first_row = (
        "CL1001,a) Male,a) WBRI,14/02/2007,19,b) No,b) No,Pathways North,Sam Social,W100,FR,01/09/2026,"
        '"01 - Yes, resident in the UK",2026-11-02 14:30:00,U1'
    )
    later_row = (
        "CL1001,a) Male,a) WBRI,14/02/2007,19,b) No,b) No,Pathways South,Sam Social,W200,FR,01/03/2026,"
        "b) No,2026-10-01,D1"
    )
    later = (FIXTURES / "list9_messy.csv").read_text().replace(first_row, later_row)
    assert later_row in later
    outcome = await do_import(db, [("list9_later.csv", later.encode())])
    assert outcome.applied
    updated = await person(db, "CL1001")
    assert (updated.in_touch, updated.accommodation_code, updated.pa_id, updated.team_id) == (
        "NO",
        "D",
        known["robin"].id,
        known["south"].id,
    )
    days = [contact.contacted_on for contact in await contacts.for_person(db.reader, kai.id)]
    assert days == [date(2026, 10, 1), date(2026, 11, 2), date(2026, 11, 20)]
    assert (await contacts.latest(db.reader, kai.id)).contacted_on == date(2026, 11, 20)
    assert (await reviews.latest(db.reader, kai.id)).reviewed_on == date(2026, 11, 1)
    [change] = [change for change in outcome.plan.people if change.status == "updated"]
    assert change.case_ref == "CL1001"
    assert {"in_touch", "accommodation_code", "pa_id", "team_id"} <= set(change.changed)


async def test_young_people_missing_from_a_later_file_are_reported_then_closed_on_request(
    db: Database,
) -> None:
    await add_staff(db)
    await do_import(db, files(FIXTURES / "list9_messy.csv"))
    text = (FIXTURES / "list9_messy.csv").read_text().splitlines()
    shorter = ("\n".join(text[:4]) + "\n").encode()  # header and CL1001-CL1003
    reported = await do_import(db, [("shorter.csv", shorter)])
    assert sorted(p.case_ref for p in reported.plan.leaving) == ["CL1004", "CL1005"]
    assert (await person(db, "CL1004")).left_service_on is None

    closed = await do_import(db, [("shorter.csv", shorter)], close_missing=True)
    assert closed.applied
    assert (await person(db, "CL1004")).left_service_on == AS_OF
    assert len(await caseload.all_people(db.reader)) == 5  # never deleted
    assert [p.case_ref for p in await people.in_service(db.reader)] == ["CL1001", "CL1002", "CL1003"]

    back = await do_import(db, files(FIXTURES / "list9_messy.csv"))
    assert (await person(db, "CL1004")).left_service_on is None
    assert back.plan.count("updated") == 2


async def test_a_malformed_file_changes_nothing_and_reports_every_problem(db: Database) -> None:
    await add_staff(db)
    await do_import(db, files(FIXTURES / "list9_messy.csv"))
    before = dump(db)
    outcome = await do_import(db, files(FIXTURES / "list9_bad.csv", FIXTURES / "list9_no_eligibility.csv"))
    assert not outcome.applied
    assert dump(db) == before
    reported = [str(problem) for problem in outcome.plan.problems]
    expected = [
        'list9_bad.csv, row 2, column "Date of Birth", value "31/02/2008": not a real date',
        'list9_bad.csv, row 3, column "Eligibility Category", value "Kinship care": '
        "not an eligibility category",
        'list9_bad.csv, row 5, column "case reference", value "CL2003": this case reference is also on '
        "list9_bad.csv, row 4",
        'list9_bad.csv, row 6, column "Allocated Personal Advisor", value "Nobody Known": '
        "no staff member has",
        'list9_no_eligibility.csv, row 1, column "eligibility": this column is missing',
    ]
    for start in expected:
        assert any(line.startswith(start) for line in reported), (start, reported)
    assert len(reported) == len(expected)


async def test_an_impossible_age_an_unknown_worker_and_a_future_date_are_each_reported(
    db: Database,
) -> None:
    await add_staff(db)
    old = b"Child Unique ID,Date of Birth,Eligibility Category,Allocated Personal Advisor,"
    old += b"Latest Date of Contact\n"
    old += b"CL9,01/01/1990,FR,W100,\nCL10,01/01/2008,FR,W999,01/12/2026\n"
    outcome = await do_import(db, [("old.csv", old)])
    assert not outcome.applied
    assert [str(problem) for problem in outcome.plan.problems] == [
        "old.csv, row 2: date of birth 1990-01-01 makes them 36 today; the service supports ages 15 to 26",
        'old.csv, row 3, column "Allocated Personal Advisor", value "W999": '
        "no staff member has this worker id or name. Add them first (carebot staff add --worker-id, "
        "or a staff CSV), then import again",
        "old.csv, row 3: the latest contact date 01/12/2026 is in the future",
    ]
    assert await caseload.all_people(db.reader) == []


async def test_the_shipped_annex_a_samples_both_layouts(db: Database) -> None:
    names = [
        "Jae Vang",
        "Emir Dyer",
        "Stefan Rees",
        "Brandon-Lee Hampton",
        "Aayan Wormald",
        "Cassius Mccarthy",
    ]
    staff_csv = "name,role,team\n" + "".join(f"{name},pa,Care Leavers Team\n" for name in names)
    staff_csv += "Eugene Swift,pa,Children in Care Team 1\n"
    sample = FIXTURES / "liia-tools-pipeline" / "Annex_A_2024_Jan.xlsx"
    outcome = await do_import(
        db, [("staff.csv", staff_csv.encode()), *files(sample)], as_of=date(2021, 3, 31)
    )
    assert outcome.applied, outcome.plan.problems
    assert outcome.plan.count("new") == 7
    jae = await person(db, "7961370")
    jae_staff = await staff.get(db.reader, jae.pa_id)
    team = await teams.get(db.reader, jae.team_id)
    assert (jae_staff.name, team.name, jae.category, jae.date_of_birth) == (
        "Jae Vang",
        "Care Leavers Team",
        Category.FORMER_RELEVANT,
        date(2002, 8, 7),
    )
    assert (jae.in_touch, jae.accommodation_code, jae.accommodation_suitable, jae.activity_code) == (
        "YES",
        "Y",
        True,
        "F1",
    )
    blank_status = await person(db, "4939073")
    assert (
        blank_status.accommodation_code,
        blank_status.accommodation_suitable,
        blank_status.activity_code,
    ) == (
        None,
        None,
        None,
    )
    eligible = await person(db, "1373595")  # List 8: 17, in care since 2009
    assert (eligible.category, eligible.eligible_since) == (Category.ELIGIBLE, date(2019, 12, 30))

    older = await do_import(db, files(FIXTURES / "liia-tools" / "Annex_A.xlsx"), as_of=date(2021, 3, 31))
    assert older.applied
    assert (older.plan.count("new"), older.plan.count("updated"), older.plan.count("unchanged")) == (0, 0, 7)
    assert (await person(db, "6102196")).activity_code == "F3"


async def test_the_903_samples_are_skipped_or_refused_without_changing_anything(db: Database) -> None:
    outcome = await do_import(db, files(FIXTURES / "csc-validator-be-903" / "missing.csv"))
    assert outcome.applied
    assert outcome.plan.notes == ["43 missing episodes are about children not in the caseload; skipped."]
    refused = await do_import(db, files(FIXTURES / "csc-validator-be-903" / "oc3.csv"))
    assert [(p.where.row, p.where.value) for p in refused.plan.problems] == [
        (2, "01"),
        (47, "02"),
        (54, "S1"),
    ]
    assert dump(db) == []


async def test_ssd_exports_give_people_workers_teams_and_real_missing_episodes(db: Database) -> None:
    known = await add_staff(db)
    outcome = await do_import(db, files(*sorted((FIXTURES / "ssd").glob("*.csv"))))
    assert outcome.applied, outcome.plan.problems
    kai, mia, jo = [await person(db, ref) for ref in ("P1", "P2", "P3")]
    assert (kai.preferred_name, kai.category, kai.pa_id, kai.team_id) == (
        "Kai",
        Category.FORMER_RELEVANT,
        known["alex"].id,
        known["north"].id,
    )
    assert (kai.accommodation_code, kai.accommodation_suitable, kai.activity_code) == ("E", True, "F1")
    assert [c.contacted_on for c in await contacts.for_person(db.reader, kai.id)] == [date(2026, 11, 10)]
    assert [r.reviewed_on for r in await reviews.for_person(db.reader, kai.id)] == [date(2026, 8, 1)]
    # Mia has no PA on her row: her open 16PLUS involvement names Robin; her team comes from the row.
    assert (mia.category, mia.pa_id, mia.team_id) == (Category.RELEVANT, known["robin"].id, known["north"].id)
    assert (jo.category, jo.in_touch, jo.accommodation_suitable, jo.team_id) == (
        Category.QUALIFYING,
        "NREQ",
        False,
        known["south"].id,
    )
    recent, away, done = sorted(
        await missing.for_person(db.reader, mia.id), key=lambda e: e.started_at, reverse=True
    )
    assert (recent.kind, recent.started_at, recent.returned_at) == (
        EpisodeKind.MISSING,
        datetime(2026, 11, 20, 22, 15, tzinfo=UTC),
        datetime(2026, 11, 21, 9, 30, tzinfo=UTC),
    )
    assert recent.rhi_offered_at is None and recent.rhi_completed_at is None  # the 72-hour clock is running
    assert (away.kind, away.rhi_offered_at, away.rhi_declined_at) == (
        EpisodeKind.AWAY,
        away.returned_at,
        away.returned_at,
    )
    assert done.rhi_completed_at == done.returned_at
    assert "1 missing episodes are about children not in the caseload; skipped." in outcome.plan.notes
    again = await do_import(db, files(*sorted((FIXTURES / "ssd").glob("*.csv"))))
    assert again.plan.episodes == [] and again.plan.count("unchanged") == 3


async def test_903_missing_adds_episodes_a_date_alone_starting_at_midnight(db: Database) -> None:
    await add_staff(db)
    await do_import(db, files(FIXTURES / "list9_messy.csv"))
    outcome = await do_import(db, files(FIXTURES / "903_missing.csv"))
    assert outcome.applied
    ade = await person(db, "CL1003")
    episodes = await missing.for_person(db.reader, ade.id)
    assert [(e.kind, e.started_at, e.returned_at) for e in episodes] == [
        (
            EpisodeKind.AWAY,
            datetime(2026, 9, 30, 23, 0, tzinfo=UTC),
            datetime(2026, 10, 1, 23, 0, tzinfo=UTC),
        ),
        (
            EpisodeKind.MISSING,
            datetime(2026, 11, 20, 0, 0, tzinfo=UTC),
            datetime(2026, 11, 21, 0, 0, tzinfo=UTC),
        ),
        (EpisodeKind.MISSING, datetime(2026, 11, 22, 0, 0, tzinfo=UTC), None),
    ]
    assert outcome.plan.notes == ["1 missing episodes are about children not in the caseload; skipped."]
    before = dump(db)
    await do_import(db, files(FIXTURES / "903_missing.csv"))
    assert dump(db) == before


async def test_list_8_return_interview_flags_close_the_last_episode(db: Database) -> None:
    known = await add_staff(db)
    headers = [
        "Child Unique ID",
        "Date of Birth",
        "Date Started to be Looked After",
        "Date Ceased to be Looked After",
        "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        "Allocated Team",
        "Allocated Worker",
    ]
    book = workbook(
        {
            "List 8": [
                headers,
                [
                    "C8",
                    date(2009, 6, 1),
                    date(2020, 1, 6),
                    None,
                    1,
                    "a) Yes",
                    "b) No",
                    "Pathways North",
                    "Alex Morgan",
                ],
                [
                    "C9",
                    date(2015, 6, 1),
                    date(2020, 1, 6),
                    None,
                    0,
                    None,
                    None,
                    "Pathways North",
                    "Alex Morgan",
                ],
            ]
        }
    )
    episode = b"CHILD,DOB,MISSING,MIS_START,MIS_END\nC8,01/06/2009,M,01/11/2026,02/11/2026\n"
    outcome = await do_import(db, [("annex.xlsx", book), ("missing.csv", episode)])
    assert outcome.applied, outcome.plan.problems
    child = await person(db, "C8")
    assert (child.category, child.eligible_since, child.pa_id) == (
        Category.ELIGIBLE,
        date(2025, 6, 1),
        known["alex"].id,
    )
    [last] = await missing.for_person(db.reader, child.id)
    assert (last.rhi_offered_at, last.rhi_declined_at) == (last.returned_at, last.returned_at)
    assert await people.by_case_ref(db.reader, "C9") is None  # 11 years old: not a care leaver


async def test_excel_date_cells_in_a_13_column_list_9(db: Database) -> None:
    await add_staff(db)
    headers = [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Does the Child have a Disability",
        "Allocated Team",
        "Allocated Worker",
        "Eligibility Category",
        "LA in Touch",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ]
    row = [1234567.0, "a) Male", "a) WBRI", date(2006, 3, 9), 20.7, "b) No", "", "W200"]
    row += ["b) Former relevant child", "a) Yes", "U: Independent living", "a) Suitable", "G4"]
    outcome = await do_import(db, [("annex.xlsx", workbook({"List 1": [["ID"]], "List 9": [headers, row]}))])
    assert outcome.applied, outcome.plan.problems
    stored = await person(db, "1234567")
    assert (stored.date_of_birth, stored.activity_code) == (date(2006, 3, 9), "G4")


async def test_our_own_csv_with_a_staff_csv_in_an_empty_database(db: Database) -> None:
    outcome = await do_import(db, files(EXAMPLES / "staff.csv", EXAMPLES / "caseload.csv"))
    assert outcome.applied, outcome.plan.problems
    everyone = {member.name: member for member in await staff.all_staff(db.reader)}
    assert sorted(everyone) == ["Alex Morgan", "Dana Clarke", "Robin Hall"]
    assert everyone["Dana Clarke"].role is Role.MANAGER
    kai, mia, jo = [await person(db, ref) for ref in ("CL0001", "CL0002", "CL0003")]
    assert (
        kai.preferred_name,
        kai.pa_id,
        kai.council_provided_accommodation,
        kai.accommodation_started_on,
    ) == (
        "Kai",
        everyone["Alex Morgan"].id,
        True,
        date(2026, 9, 1),
    )
    assert (mia.category, mia.pa_id, mia.team_id) == (
        Category.ELIGIBLE,
        everyone["Robin Hall"].id,
        everyone["Robin Hall"].team_id,
    )
    assert (jo.stepped_back, jo.contact_interval_days, jo.lives_in_area) == (True, 365, False)
    again = await do_import(db, files(EXAMPLES / "staff.csv", EXAMPLES / "caseload.csv"))
    assert again.plan.new_staff == [] and again.plan.count("unchanged") == 3


async def test_dry_run_writes_nothing(db: Database) -> None:
    await add_staff(db)
    before = dump(db)
    outcome = await do_import(db, files(FIXTURES / "list9_messy.csv"), dry_run=True)
    assert outcome.plan.ok and not outcome.applied
    assert outcome.plan.count("new") == 5
    assert dump(db) == before


def test_cli_import_reports_and_sets_the_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [name for name in os.environ if name.startswith("CAREBOT_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    database = str(tmp_path / "c.sqlite3")
    common = ["import", "--db", database, "--as-of", "2026-11-23"]
    examples = [str(EXAMPLES / "staff.csv"), str(EXAMPLES / "caseload.csv")]
    assert main([*common, *examples, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Nothing is written yet" in out and "Young people: 3 new" in out
    assert main([*common, *examples]) == 0
    assert "Import done (as of 23/11/2026)." in capsys.readouterr().out
    assert main([*common, str(FIXTURES / "list9_bad.csv")]) == 1
    assert "Nothing was changed. The import has 4 problems." in capsys.readouterr().out
    assert main([*common, "nowhere.csv"]) == 1
    assert "file not found: nowhere.csv" in capsys.readouterr().err
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM young_people").fetchone() == (3,)


async def test_every_imported_young_person_has_deadlines_at_once(db: Database, settings: Settings) -> None:
    await add_staff(db)
    imported = files(
        FIXTURES / "list9_messy.csv", FIXTURES / "903_missing.csv", *sorted((FIXTURES / "ssd").glob("*.csv"))
    )
    outcome = await do_import(db, imported)
    assert outcome.applied, outcome.plan.problems
    found = await open_deadlines(db, NOW, settings)
    kinds: dict[str, set[DeadlineKind]] = {}
    for deadline in found:
        kinds.setdefault(deadline.case_ref, set()).add(deadline.kind)
    for change in outcome.plan.people:
        expected = {DeadlineKind.CONTACT}
        if change.after.category is not Category.QUALIFYING:  # qualifying care leavers have no pathway plan
            expected.add(DeadlineKind.PATHWAY_REVIEW)
        assert expected <= kinds[change.case_ref], change.case_ref
    assert len(outcome.plan.people) == 8
    contact = {d.case_ref: d for d in found if d.kind is DeadlineKind.CONTACT}
    assert contact["CL1001"].due_at == datetime(2026, 12, 28, 0, 0, tzinfo=UTC)  # 2 Nov + 8 weeks
    assert contact["CL1002"].status is DeadlineStatus.DUE  # no contact on record: due now
    rhi = {d.case_ref: d for d in found if d.kind is DeadlineKind.RHI}
    # SSD gives the return time: 72 clock hours from 09:30 on 21 November.
    assert rhi["P2"].due_at == datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    # The 903 gives only the day of return: the clock runs from the start of that day.
    assert rhi["CL1003"].due_at == datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
    assert set(rhi) == {"P2", "CL1003"}  # away, declined and done episodes start no clock


async def test_a_format_given_on_the_command_line_must_match_the_file(db: Database) -> None:
    outcome = await do_import(db, files(FIXTURES / "list9_messy.csv"), fmt=Format.SSD)
    [problem] = outcome.plan.problems
    assert str(problem) == "list9_messy.csv: this file's columns do not match the ssd format"
    other = await do_import(db, [("notes.xlsx", workbook({"Sheet1": [["Name", "Notes"], ["x", "y"]]}))])
    [problem] = other.plan.problems
    assert str(problem).startswith("notes.xlsx: this file's columns do not match Annex A List 9 or List 8")
    unreadable = await do_import(db, [("list.pdf", b"%PDF")])
    assert [str(p) for p in unreadable.plan.problems] == [
        "list.pdf: only .xlsx, .xls, .ods and .csv files can be imported"
    ]
