"""Standard Safeguarding Dataset (SSD) table exports, one CSV (or sheet) per table, joined by id.

``ssd_care_leavers`` is the caseload; ``ssd_person`` gives the date of birth and first name;
``ssd_professionals`` and ``ssd_department`` turn worker and team ids into names; ``ssd_involvements``
finds the PA when the care-leaver row has none; ``ssd_missing`` gives episode start and end dates, so it
starts real 72-hour return-interview clocks (data-standards.md section 3).
"""

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from bot.imports.columns import Column, RowCells, find_columns, rows_of
from bot.imports.fields import read_status
from bot.imports.problems import Problem
from bot.imports.readers import Table
from bot.imports.records import EpisodeRecord, ParsedImport, PersonRecord, WorkerRef
from bot.imports.values import (
    ELIGIBILITY,
    EPISODE_KIND,
    NOT_A_CARE_LEAVER,
    case_reference,
    parse_date,
    parse_instant,
    parse_return,
    return_interview,
    text,
)
from bot.models import EpisodeKind

TABLE_PREFIXES = {
    "clea_": "ssd_care_leavers",
    "pers_": "ssd_person",
    "prof_": "ssd_professionals",
    "dept_": "ssd_department",
    "invo_": "ssd_involvements",
    "miss_": "ssd_missing",
}
PA_INVOLVEMENT_ROLES = ("16plus", "pa", "personal advisor", "personal adviser")


def _exact(key: str, header: str, *, required: bool = False) -> Column:
    return Column(key, f"^{header}$", required=required)


CARE_LEAVER_COLUMNS = [
    _exact("case_ref", "clea_person_id", required=True),
    _exact("eligibility", "clea_care_leaver_eligibility", required=True),
    _exact("in_touch", "clea_care_leaver_in_touch"),
    _exact("contact", "clea_care_leaver_latest_contact"),
    _exact("accommodation", "clea_care_leaver_accommodation"),
    _exact("suitability", "clea_care_leaver_accom_suitable"),
    _exact("activity", "clea_care_leaver_activity"),
    _exact("review", "clea_pathway_plan_review_date"),
    _exact("pa", "clea_care_leaver_personal_advisor"),
    _exact("team", "clea_care_leaver_allocated_team"),
    _exact("social_worker", "clea_care_leaver_worker_id"),
]
PERSON_COLUMNS = [
    _exact("id", "pers_person_id", required=True),
    _exact("date_of_birth", "pers_dob", required=True),
    _exact("forename", "pers_forename"),
]
PROFESSIONAL_COLUMNS = [
    _exact("id", "prof_professional_id", required=True),
    _exact("staff_id", "prof_staff_id"),
    _exact("name", "prof_professional_name"),
]
DEPARTMENT_COLUMNS = [_exact("id", "dept_team_id", required=True), _exact("name", "dept_team_name")]
INVOLVEMENT_COLUMNS = [
    _exact("professional", "invo_professional_id", required=True),
    _exact("role", "invo_professional_role_id", required=True),
    _exact("person", "invo_person_id", required=True),
    _exact("start", "invo_involvement_start_date"),
    _exact("end", "invo_involvement_end_date"),
]
MISSING_COLUMNS = [
    _exact("person", "miss_person_id", required=True),
    _exact("start", "miss_missing_episode_start_date", required=True),
    _exact("kind", "miss_missing_episode_type"),
    _exact("end", "miss_missing_episode_end_date"),
    _exact("rhi_offered", "miss_missing_rhi_offered"),
    _exact("rhi_accepted", "miss_missing_rhi_accepted"),
]


def table_kind(headers: list[str]) -> str | None:
    lowered = [header.strip().lower() for header in headers]
    for prefix, kind in TABLE_PREFIXES.items():
        if sum(header.startswith(prefix) for header in lowered) >= 2:
            return kind
    return None


def read_ssd(tables: dict[str, Table], as_of: date, tz: ZoneInfo) -> ParsedImport:
    parsed = ParsedImport(tables_read=[f"{table.file} ({kind})" for kind, table in tables.items()])
    lookups: dict[str, dict[str, dict[str, Any]]] = {}
    for kind, columns in (
        ("ssd_person", PERSON_COLUMNS),
        ("ssd_professionals", PROFESSIONAL_COLUMNS),
        ("ssd_department", DEPARTMENT_COLUMNS),
    ):
        if kind in tables:
            lookups[kind] = _by_id(tables[kind], columns, parsed.problems)
    pas = _pa_involvements(tables.get("ssd_involvements"), as_of, parsed.problems)
    if "ssd_care_leavers" in tables:
        _care_leavers(tables["ssd_care_leavers"], lookups, pas, parsed)
    if "ssd_missing" in tables:
        _missing(tables["ssd_missing"], tz, parsed)
    return parsed


def _by_id(table: Table, columns: list[Column], problems: list[Problem]) -> dict[str, dict[str, Any]]:
    positions, missing = find_columns(table, columns)
    problems += missing
    if missing:
        return {}
    rows = {}
    for row in rows_of(table, positions):
        key = text(row.raw("id"))
        if key:
            rows[key] = {name: row.raw(name) for name in positions} | {"_row": row}
    return rows


def _pa_involvements(table: Table | None, as_of: date, problems: list[Problem]) -> dict[str, str]:
    """Each person's open PA involvement (LCS ``16PLUS``), by person id: the latest started wins."""
    if table is None:
        return {}
    positions, missing = find_columns(table, INVOLVEMENT_COLUMNS)
    problems += missing
    found: dict[str, tuple[date, str]] = {}
    for row in rows_of(table, positions):
        role = (text(row.raw("role")) or "").casefold()
        ended = row.read("end", parse_date)
        started = row.read("start", parse_date) or date.min
        problems += row.problems
        person, professional = text(row.raw("person")), text(row.raw("professional"))
        if role not in PA_INVOLVEMENT_ROLES or not person or not professional:
            continue
        if ended is not None and ended <= as_of:
            continue
        if person not in found or found[person][0] <= started:
            found[person] = (started, professional)
    return {person: professional for person, (_, professional) in found.items()}


def _care_leavers(
    table: Table,
    lookups: dict[str, dict[str, dict[str, Any]]],
    pas: dict[str, str],
    parsed: ParsedImport,
) -> None:
    positions, problems = find_columns(table, CARE_LEAVER_COLUMNS)
    parsed.problems += problems
    parsed.full_caseload = True
    if problems:
        return
    if "ssd_person" not in lookups:
        parsed.problems.append(
            Problem(table.where(), "ssd_person is needed too: it holds each young person's date of birth")
        )
        return
    persons = lookups["ssd_person"]
    professionals = lookups.get("ssd_professionals", {})
    departments = lookups.get("ssd_department", {})
    for row in rows_of(table, positions):
        case_ref = row.read("case_ref", case_reference, required=True)
        category = row.read("eligibility", ELIGIBILITY.read, required=True)
        if category == NOT_A_CARE_LEAVER:
            continue
        person = persons.get(case_ref or "")
        if case_ref and person is None:
            row.complain("case_ref", "there is no row for this person in ssd_person (date of birth)")
        record = PersonRecord(row.where, case_ref or "", facts={"category": category})
        if person is not None:
            person_row: RowCells = person["_row"]
            record.facts["date_of_birth"] = person_row.read("date_of_birth", parse_date, required=True)
            if forename := text(person.get("forename")):
                record.facts["preferred_name"] = forename[:60]
            row.problems += person_row.problems
        read_status(
            row,
            record,
            worker_ref=_professional(professionals),
            team_name=lambda team_id: text(departments.get(team_id, {}).get("name")) or team_id,
        )
        # No PA on the care-leaver row: the open PA involvement, else the allocated social worker.
        if record.pa is None and (worker := pas.get(case_ref or "") or text(row.raw("social_worker"))):
            record.pa = _professional(professionals)(worker, row, "pa")
        parsed.problems += row.problems
        if not row.bad:
            parsed.people.append(record)


def _professional(
    professionals: dict[str, dict[str, Any]],
) -> Callable[[str, RowCells, str], WorkerRef]:
    """SSD puts a worker id in the PA column; ssd_professionals gives the name to match staff by."""

    def worker_ref(worker_id: str, row: RowCells, key: str) -> WorkerRef:
        known = professionals.get(worker_id, {})
        return WorkerRef(
            row.cell(key),
            worker_id=worker_id,
            name=text(known.get("name")),
            other_id=text(known.get("staff_id")),
        )

    return worker_ref


def _missing(table: Table, tz: ZoneInfo, parsed: ParsedImport) -> None:
    positions, problems = find_columns(table, MISSING_COLUMNS)
    parsed.problems += problems
    if problems:
        return
    for row in rows_of(table, positions):
        case_ref = row.read("person", case_reference, required=True)
        started = row.read("start", lambda cell: parse_instant(cell, tz), required=True)
        returned, time_known = row.read("end", lambda cell: parse_return(cell, tz)) or (None, True)
        kind = row.read("kind", EPISODE_KIND.read) or EpisodeKind.MISSING
        offered, accepted = row.read(
            "rhi_offered", partial(return_interview, accepted=row.raw("rhi_accepted"))
        ) or (None, None)
        if started and returned and returned < started:
            row.complain("end", "the episode ends before it starts")
        parsed.problems += row.problems
        if not row.bad and case_ref and started:
            parsed.episodes.append(
                EpisodeRecord(row.where, case_ref, kind, started, returned, offered, accepted, time_known)
            )
