"""Our own simple CSVs, for councils whose system can't produce the others: a caseload, and a staff list.

The columns are documented in the README and shown in ``examples/caseload.csv`` and ``examples/staff.csv``.
"""

from typing import Any

from bot.imports.columns import Column, find_columns, rows_of
from bot.imports.fields import read_status
from bot.imports.problems import ValueProblem
from bot.imports.readers import Table
from bot.imports.records import ParsedImport, PersonRecord, StaffRecord, WorkerRef
from bot.imports.values import (
    ELIGIBILITY,
    NOT_A_CARE_LEAVER,
    YES_NO,
    case_reference,
    parse_date,
    text,
)
from bot.models import Role


def _exact(key: str, header: str, *, required: bool = False) -> Column:
    return Column(key, f"^{header}$", required=required)


CASELOAD_COLUMNS = [
    _exact("case_ref", "case_ref", required=True),
    _exact("date_of_birth", "date_of_birth", required=True),
    _exact("category", "category", required=True),
    _exact("preferred_name", "preferred_name"),
    _exact("pa", "pa_worker_id"),
    _exact("pa_name", "pa_name"),
    _exact("team", "team"),
    _exact("contact", "latest_contact"),
    _exact("review", "latest_review"),
    _exact("in_touch", "in_touch"),
    _exact("accommodation", "accommodation"),
    _exact("suitability", "accommodation_suitable"),
    _exact("accommodation_started_on", "accommodation_started_on"),
    _exact("council_provided_accommodation", "council_provided_accommodation"),
    _exact("activity", "activity"),
    _exact("lives_in_area", "lives_in_area"),
    _exact("stepped_back", "stepped_back"),
    _exact("contact_interval_days", "contact_interval_days"),
]
STAFF_COLUMNS = [
    _exact("name", "name", required=True),
    _exact("role", "role", required=True),
    _exact("team", "team"),
    _exact("worker_id", "worker_id"),
]
STAFF_ROLES = {"pa": Role.PA, "personal advisor": Role.PA, "manager": Role.MANAGER, "admin": Role.ADMIN}


def table_kind(headers: list[str]) -> str | None:
    names = {header.strip().lower() for header in headers}
    if {"case_ref", "date_of_birth", "category"} <= names:
        return "csv_caseload"
    if {"name", "role"} <= names:
        return "csv_staff"
    return None


def _days(value: Any) -> int | None:
    raw = text(value)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) == 0:
        raise ValueProblem("should be a whole number of days, 1 or more")
    return int(raw)


def _flag(value: Any) -> bool | None:
    return YES_NO.read(value)


def read_caseload(table: Table) -> ParsedImport:
    positions, problems = find_columns(table, CASELOAD_COLUMNS)
    parsed = ParsedImport(problems=problems, full_caseload=True, tables_read=[f"{table.file} (caseload)"])
    if problems:
        return parsed
    for row in rows_of(table, positions):
        case_ref = row.read("case_ref", case_reference, required=True)
        category = row.read("category", ELIGIBILITY.read, required=True)
        record = PersonRecord(
            row.where,
            case_ref or "",
            facts={
                "date_of_birth": row.read("date_of_birth", parse_date, required=True),
                "category": category,
            },
        )
        if name := text(row.raw("preferred_name")):
            record.facts["preferred_name"] = name
        for key, parse in (
            ("accommodation_started_on", parse_date),
            ("council_provided_accommodation", _flag),
            ("lives_in_area", _flag),
            ("stepped_back", _flag),
            ("contact_interval_days", _days),
        ):
            if row.has(key):
                value = row.read(key, parse)
                if value is not None or key in ("accommodation_started_on", "contact_interval_days"):
                    record.facts[key] = value
        read_status(row, record)
        if row.has("pa_name") and (pa_name := text(row.raw("pa_name"))):
            pa_id = record.pa.worker_id if record.pa else None
            record.pa = WorkerRef(row.cell("pa_name"), worker_id=pa_id, name=pa_name)
            record.pa_given = True
        elif record.pa is not None:
            record.pa = WorkerRef(record.pa.where, worker_id=record.pa.worker_id)
        parsed.problems += row.problems
        if category == NOT_A_CARE_LEAVER:
            row.complain("category", "use eligible, relevant, former relevant or qualifying")
            parsed.problems += row.problems[-1:]
        elif not row.bad:
            parsed.people.append(record)
    return parsed


def read_staff(table: Table) -> ParsedImport:
    positions, problems = find_columns(table, STAFF_COLUMNS)
    parsed = ParsedImport(problems=problems, tables_read=[f"{table.file} (staff)"])
    if problems:
        return parsed
    for row in rows_of(table, positions):
        name = row.read("name", text, required=True)
        role = row.read("role", _role, required=True)
        parsed.problems += row.problems
        if not row.bad and name and role:
            parsed.staff.append(
                StaffRecord(row.where, name, role, text(row.raw("team")), text(row.raw("worker_id")))
            )
    return parsed


def _role(value: Any) -> Role | None:
    raw = text(value)
    if raw is None:
        return None
    role = STAFF_ROLES.get(raw.casefold())
    if role is None:
        raise ValueProblem("the role should be pa, manager or admin")
    return role
