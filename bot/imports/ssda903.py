"""SSDA903 tables as a supplement: ``Missing`` (episode dates, so real return-interview clocks) and ``OC3``
(in touch, activity and accommodation). The 903 is annual and has no PA or pathway-plan dates, so it only
adds to young people the bot already has or that the same import brings; it never creates anyone."""

from zoneinfo import ZoneInfo

from bot.imports.columns import Column, find_columns, rows_of
from bot.imports.readers import Table
from bot.imports.records import EpisodeRecord, ParsedImport, PersonRecord
from bot.imports.values import (
    ACTIVITY,
    EPISODE_KIND,
    IN_TOUCH,
    accommodation,
    case_reference,
    parse_instant,
    parse_return,
)

MISSING_HEADERS = {"child", "missing", "mis_start"}
OC3_HEADERS = {"child", "in_touch", "activ", "accom"}
OTHER_TABLE_HEADERS = {"child", "decom"}, {"child", "sex", "dob"}, {"child", "review"}

MISSING_COLUMNS = [
    Column("case_ref", r"^child(id)?$", required=True),
    Column("kind", r"^missing$", required=True),
    Column("start", r"^mis_start$", required=True),
    Column("end", r"^mis_end$"),
]
OC3_COLUMNS = [
    Column("case_ref", r"^child(id)?$", required=True),
    Column("in_touch", r"^in_touch$", required=True),
    Column("activity", r"^activ$", required=True),
    Column("accommodation", r"^accom$", required=True),
]


def table_kind(headers: list[str]) -> str | None:
    names = {header.strip().lower() for header in headers}
    if names >= MISSING_HEADERS:
        return "903_missing"
    if names >= OC3_HEADERS:
        return "903_oc3"
    if any(required <= names for required in OTHER_TABLE_HEADERS):
        return "903_other"
    return None


def read_missing(table: Table, tz: ZoneInfo) -> ParsedImport:
    """Each row an episode: ``M`` missing or ``A`` away; a date alone is the start of that day."""
    positions, problems = find_columns(table, MISSING_COLUMNS)
    parsed = ParsedImport(problems=problems, tables_read=[f"{table.file} (903 Missing)"])
    if problems:
        return parsed
    for row in rows_of(table, positions):
        case_ref = row.read("case_ref", case_reference, required=True)
        kind = row.read("kind", EPISODE_KIND.read, required=True)
        started = row.read("start", lambda cell: parse_instant(cell, tz), required=True)
        returned, time_known = row.read("end", lambda cell: parse_return(cell, tz)) or (None, True)
        if started and returned and returned < started:
            row.complain("end", "the episode ends before it starts")
        parsed.problems += row.problems
        if not row.bad and case_ref and kind and started:
            parsed.episodes.append(
                EpisodeRecord(row.where, case_ref, kind, started, returned, return_time_known=time_known)
            )
    return parsed


def read_oc3(table: Table) -> ParsedImport:
    positions, problems = find_columns(table, OC3_COLUMNS)
    parsed = ParsedImport(problems=problems, tables_read=[f"{table.file} (903 OC3)"])
    if problems:
        return parsed
    for row in rows_of(table, positions):
        case_ref = row.read("case_ref", case_reference, required=True)
        in_touch = row.read("in_touch", IN_TOUCH.read)
        activity = row.read("activity", ACTIVITY.read)
        letter, suitable = row.read("accommodation", accommodation) or (None, None)
        parsed.problems += row.problems
        if not row.bad and case_ref:
            facts = {"in_touch": in_touch, "activity_code": activity, "accommodation_code": letter}
            facts["accommodation_suitable"] = suitable
            parsed.people.append(PersonRecord(row.where, case_ref, facts=facts, creates=False))
    return parsed
