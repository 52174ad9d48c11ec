"""Every file of one import: read its tables, recognise each by its headers (or sheet name), and turn
them into records. Pure: the same files, day and timezone always give the same result."""

from collections import Counter
from datetime import date
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.imports import annex_a, own_csv, ssd, ssda903
from bot.imports.problems import Problem, Where
from bot.imports.readers import DEFAULT_LIMITS, ReadLimits, Table, read_tables
from bot.imports.records import ParsedImport


class Format(StrEnum):
    AUTO = "auto"
    ANNEX_A = "annex-a"
    SSD = "ssd"
    SSDA903 = "903"
    CSV = "csv"


FAMILY = {
    "list_9": Format.ANNEX_A,
    "list_8": Format.ANNEX_A,
    "903_missing": Format.SSDA903,
    "903_oc3": Format.SSDA903,
    "903_other": Format.SSDA903,
    "csv_caseload": Format.CSV,
    "csv_staff": Format.CSV,
    **{kind: Format.SSD for kind in ssd.TABLE_PREFIXES.values()},
}
WHAT_WE_READ = (
    "Annex A List 9 or List 8, SSD table exports (ssd_care_leavers, ssd_person, ...), SSDA903 Missing "
    "or OC3, or our own caseload or staff CSV"
)


def table_kind(table: Table) -> str | None:
    sheet = (table.sheet or "").strip().casefold()
    if sheet == "list 8" or (sheet != "list 9" and annex_a.is_list_8(table.headers)):
        return "list_8"
    if sheet == "list 9" or annex_a.is_list_9(table.headers):
        return "list_9"
    return (
        ssd.table_kind(table.headers)
        or ssda903.table_kind(table.headers)
        or own_csv.table_kind(table.headers)
    )


def parse_files(
    files: list[tuple[str, bytes]],
    *,
    fmt: Format = Format.AUTO,
    as_of: date,
    tz: ZoneInfo,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ParsedImport:
    parsed = ParsedImport()
    ssd_tables: dict[str, Table] = {}
    for name, content in files:
        tables, problems = read_tables(name, content, limits)
        parsed.problems += problems
        recognised = 0
        for table in tables:
            kind = table_kind(table)
            if kind is None or (fmt is not Format.AUTO and FAMILY[kind] is not fmt):
                continue
            recognised += 1
            if FAMILY[kind] is Format.SSD:
                if kind in ssd_tables:
                    parsed.problems.append(Problem(Where(name), f"a second {kind} table: import only one"))
                ssd_tables[kind] = table
            else:
                parsed.extend(_read(kind, table, as_of, tz))
        if tables and not recognised:
            wanted = WHAT_WE_READ if fmt is Format.AUTO else f"the {fmt.value} format"
            parsed.problems.append(Problem(Where(name), f"this file's columns do not match {wanted}"))
    if ssd_tables:
        parsed.extend(ssd.read_ssd(ssd_tables, as_of, tz))
    _check_duplicates(parsed)
    return parsed


def _read(kind: str, table: Table, as_of: date, tz: ZoneInfo) -> ParsedImport:
    match kind:
        case "list_9":
            return annex_a.read_list_9(table)
        case "list_8":
            return annex_a.read_list_8(table, as_of)
        case "903_missing":
            return ssda903.read_missing(table, tz)
        case "903_oc3":
            return ssda903.read_oc3(table)
        case "csv_caseload":
            return own_csv.read_caseload(table)
        case "csv_staff":
            return own_csv.read_staff(table)
    return ParsedImport(notes=[f"{table.file}: this SSDA903 table is not needed for the caseload; skipped."])


def _check_duplicates(parsed: ParsedImport) -> None:
    """A case reference twice in the caseload is a problem at every repeat: which row is right is unknown."""
    first_seen: dict[str, Where] = {}
    for record in parsed.people:
        if not record.creates:
            continue
        if record.case_ref in first_seen:
            parsed.problems.append(
                Problem(
                    record.where.at("case reference", record.case_ref),
                    f"this case reference is also on {first_seen[record.case_ref].describe()}",
                )
            )
        else:
            first_seen[record.case_ref] = record.where
    counts = Counter((record.case_ref, record.started_at) for record in parsed.episodes)
    for record in parsed.episodes:
        if counts[(record.case_ref, record.started_at)] > 1:
            parsed.problems.append(
                Problem(record.where, "the same missing episode (person and start) is in the import twice")
            )
            counts[(record.case_ref, record.started_at)] = 0
