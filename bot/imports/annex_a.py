"""Ofsted Annex A: List 9 (care leavers, the 13- and 17-column layouts) and List 8 (children in care).

List 8 gives the eligible 16-17-year-olds (still looked after, 13 weeks or more since 14) and whether a
return interview was offered and accepted after the last missing episode. It has no episode dates, so it
cannot start a 72-hour clock on its own (data-standards.md 1.3).
"""

from datetime import date, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta

from bot.imports.columns import Column, find_columns, rows_of
from bot.imports.fields import STATUS_COLUMNS_ANNEX_A, read_status
from bot.imports.readers import Table
from bot.imports.records import LastEpisodeInterview, ParsedImport, PersonRecord
from bot.imports.values import (
    ELIGIBILITY,
    NOT_A_CARE_LEAVER,
    case_reference,
    parse_date,
    return_interview,
)
from bot.models import Category, age_on

CHILD_ID = r"\bchild\b.*\b(id|identifier)\b|\b(id|identifier)\b.*\bchild\b|^case ref"
DATE_OF_BIRTH = r"date.*birth|^dob$"
LIST_9_COLUMNS = [
    Column("case_ref", CHILD_ID, required=True),
    Column("date_of_birth", DATE_OF_BIRTH, required=True),
    Column("eligibility", r"eligibility", required=True),
    *STATUS_COLUMNS_ANNEX_A,
]
LIST_8_COLUMNS = [
    Column("case_ref", CHILD_ID, required=True),
    Column("date_of_birth", DATE_OF_BIRTH, required=True),
    Column("looked_after_since", r"date started to be looked after", required=True),
    Column("ceased", r"date ceased to be looked after"),
    Column("rhi_offered", r"offered a return interview"),
    Column("rhi_accepted", r"accept a return interview"),
    Column("team", r"allocated team"),
    Column("worker", r"allocated worker"),
]
ELIGIBLE_AFTER = timedelta(weeks=13)


def is_list_9(headers: list[str]) -> bool:
    """A child id and any column only List 9 has (so a List 9 missing one of them is still recognised)."""
    return _has_all(headers, [CHILD_ID]) and any(
        _has_all(headers, [marker])
        for marker in (r"eligibility", r"in touch", r"personal advis[eo]r", r"activity")
    )


def is_list_8(headers: list[str]) -> bool:
    return _has_all(headers, [CHILD_ID, r"date started to be looked after"])


def _has_all(headers: list[str], patterns: list[str]) -> bool:
    return all(any(Column("", pattern).matches(header) for header in headers) for pattern in patterns)


def read_list_9(table: Table) -> ParsedImport:
    positions, problems = find_columns(table, LIST_9_COLUMNS)
    parsed = ParsedImport(problems=problems, full_caseload=True, tables_read=[_name(table, "List 9")])
    if problems:
        return parsed
    left_out = 0
    for row in rows_of(table, positions):
        case_ref = row.read("case_ref", case_reference, required=True)
        date_of_birth = row.read("date_of_birth", parse_date, required=True)
        category = row.read("eligibility", ELIGIBILITY.read, required=True)
        if category == NOT_A_CARE_LEAVER:
            left_out += 1
            continue
        record = PersonRecord(
            row.where, case_ref or "", facts={"date_of_birth": date_of_birth, "category": category}
        )
        read_status(row, record)
        parsed.problems += row.problems
        if not row.bad:
            parsed.people.append(record)
    if left_out:
        parsed.notes.append(
            f"{_name(table, 'List 9')}: {left_out} rows have an eligibility category that is not a care "
            "leaver (such as 'Other'); they were left out."
        )
    return parsed


def read_list_8(table: Table, as_of: date) -> ParsedImport:
    positions, problems = find_columns(table, LIST_8_COLUMNS)
    parsed = ParsedImport(problems=problems, tables_read=[_name(table, "List 8")])
    if problems:
        return parsed
    left_out = 0
    for row in rows_of(table, positions):
        case_ref = row.read("case_ref", case_reference, required=True)
        date_of_birth = row.read("date_of_birth", parse_date, required=True)
        started = row.read("looked_after_since", parse_date, required=True)
        ceased = row.read("ceased", parse_date)
        offered, accepted = None, None
        if row.has("rhi_offered") or row.has("rhi_accepted"):
            offered, accepted = row.read(
                "rhi_offered", partial(return_interview, accepted=row.raw("rhi_accepted"))
            ) or (None, None)
        if not row.bad and case_ref and date_of_birth and started:
            since = eligible_since(date_of_birth, started, ceased, as_of)
            if since is None:
                left_out += 1
                continue
            record = PersonRecord(
                row.where,
                case_ref,
                facts={
                    "date_of_birth": date_of_birth,
                    "category": Category.ELIGIBLE,
                    "eligible_since": since,
                },
            )
            read_status(row, record)
            if not row.bad:
                parsed.people.append(record)
                if offered is not None or accepted is not None:
                    parsed.interviews.append(LastEpisodeInterview(row.where, case_ref, offered, accepted))
        parsed.problems += row.problems
    if left_out:
        parsed.notes.append(
            f"{_name(table, 'List 8')}: {left_out} children are not eligible care leavers on the day of "
            "the import (under 16, 18 or over, no longer looked after, or looked after under 13 weeks "
            "since 14); they were left out."
        )
    return parsed


def eligible_since(date_of_birth: date, started: date, ceased: date | None, as_of: date) -> date | None:
    """The day an eligible child became eligible, or None if they are not eligible on ``as_of``.

    Eligible: aged 16 or 17, still looked after, and looked after for 13 weeks or more since 14 that end
    after 16 (CA 1989 Sch 2 para 19B). List 8 only has the current period, so earlier periods are not
    counted: a child eligible only through them is left out rather than guessed.
    """
    if ceased is not None and ceased <= as_of:
        return None
    if age_on(date_of_birth, as_of) not in (16, 17):
        return None
    counting_from = max(started, date_of_birth + relativedelta(years=14))
    since = max(date_of_birth + relativedelta(years=16), counting_from + ELIGIBLE_AFTER)
    return since if since <= as_of else None


def _name(table: Table, default: str) -> str:
    return f"{table.file} ({table.sheet or default})"
