"""Cell values as councils write them, turned into the codes the bot stores.

Each coded column is read by its leading code (``a)``, ``B:``, ``F1:``, ``U1``, ``(U)``, ``01 -``) and,
failing that, by its full text, using the variants that real files contain (``../shared/data-standards.md``
sections 1.4, 2.3 and 3). A value no table knows is a problem for the person importing, never a guess.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from bot.imports.problems import ValueProblem
from bot.models import Category, EpisodeKind

T = TypeVar("T")

EMPTY_MARKERS = frozenset({"", "#n/a", "nan", "nat", "-", "null", "none"})
EXCEL_EPOCH = date(1899, 12, 30)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise_text(value: str) -> str:
    """Lower case, straight quotes, single spaces: how headers and coded values are compared."""
    return " ".join(value.translate(_QUOTES).casefold().split())


def text(value: Any) -> str | None:
    """A cell as trimmed text, or None for the markers councils use for "nothing here".

    Whole numbers come back without ``.0``: spreadsheets store numeric ids (``7961370``) as floats, and
    exports made with pandas write them as ``7961370.0``.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    cleaned = " ".join(str(value).translate(_QUOTES).split())
    if cleaned.casefold() in EMPTY_MARKERS:
        return None
    if re.fullmatch(r"\d+\.0", cleaned):
        cleaned = cleaned[:-2]
    return cleaned


def case_reference(value: Any) -> str | None:
    reference = text(value)
    if reference is not None and len(reference) > 64:
        raise ValueProblem("a case reference is at most 64 characters")
    return reference


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y")
_DATETIME_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M")
_DATE_HELP = "not a date we can read (use dd/mm/yyyy, yyyy-mm-dd or a date cell)"


def parse_datetime_or_date(value: Any) -> datetime | date | None:
    """A date or a naive/aware date-time from an Excel cell, ``dd/mm/yyyy[ hh:mm[:ss]]`` or ISO 8601."""
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date cell without a date format reaches us as its Excel serial number.
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueProblem(_DATE_HELP)
    raw = text(value)
    if raw is None:
        return None
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}", raw):
        raise ValueProblem("the year has only two digits; write it in full (dd/mm/yyyy)")
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(raw)
        except ValueError:
            pass
    for formats, make in ((_DATE_FORMATS, datetime.date), (_DATETIME_FORMATS, None)):
        for pattern in formats:
            try:
                parsed = datetime.strptime(raw, pattern)
            except ValueError:
                continue
            return make(parsed) if make else parsed
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", raw):
        raise ValueProblem("not a real date (check the day and month)")
    raise ValueProblem(_DATE_HELP)


def parse_date(value: Any) -> date | None:
    parsed = parse_datetime_or_date(value)
    return parsed.date() if isinstance(parsed, datetime) else parsed


def parse_instant(value: Any, tz: ZoneInfo) -> datetime | None:
    """An instant: a date alone is the start of that day in the service's timezone (the earliest, safest
    reading for a return from missing); a time without an offset is read in the service's timezone."""
    parsed = parse_datetime_or_date(value)
    if parsed is None:
        return None
    if not isinstance(parsed, datetime):
        parsed = datetime.combine(parsed, time(0))
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def parse_return(value: Any, tz: ZoneInfo) -> tuple[datetime | None, bool]:
    """A return from missing, and whether its time of day is known.

    A date alone (SSDA903 ``MIS_END``), or a date-time at exactly midnight (an SQL ``DATETIME`` column
    holding a date, as SSD exports do), is a return known only by its day: the instant is the start of
    that day, and the deadline rules count from there.
    """
    parsed = parse_datetime_or_date(value)
    if parsed is None:
        return None, True
    time_known = isinstance(parsed, datetime) and parsed.time() != time(0)
    return parse_instant(parsed, tz), time_known


_LETTER = re.compile(r"^([a-z])\)\s*(.*)$")
_BRACKETED = re.compile(r"^\(([a-z0-9]{1,5})\)\s*(.*)$")
_CODE_THEN_TEXT = re.compile(r"^([a-z0-9]{1,5})\s*[:\-–]\s*(.*)$")


@dataclass(frozen=True)
class CodeList(Generic[T]):
    """One coded column: template letters (``a)``), codes (``FR``, ``U``, ``01``) and full texts."""

    name: str  # with its article: "an activity status"
    letters: Mapping[str, T] = field(default_factory=dict)
    codes: Mapping[str, T] = field(default_factory=dict)
    texts: Mapping[str, T] = field(default_factory=dict)
    keywords: tuple[tuple[str, T], ...] = ()

    def read(self, value: Any) -> T | None:
        raw = text(value)
        if raw is None:
            return None
        found = self.lookup(normalise_text(raw))
        if found is _UNKNOWN:
            raise ValueProblem(f"not {self.name} we recognise")
        return found  # type: ignore[return-value]

    def lookup(self, value: str) -> Any:
        if value in self.texts:
            return self.texts[value]
        if value in self.codes:
            return self.codes[value]
        if match := _LETTER.match(value):
            letter, rest = match.groups()
            if letter in self.letters:
                return self.letters[letter]
            return self.lookup(rest) if rest else _UNKNOWN
        for pattern in (_BRACKETED, _CODE_THEN_TEXT):
            if match := pattern.match(value):
                code, rest = match.groups()
                if code in self.codes:
                    return self.codes[code]
                if rest and (found := self.lookup(rest)) is not _UNKNOWN:
                    return found
        for keyword, meaning in self.keywords:
            if keyword in value:
                return meaning
        return _UNKNOWN


_UNKNOWN = object()

# Annex A "Eligibility Category" and its real-world variants (data-standards.md 1.4). "Other" and
# "No Current Eligibility" are known values that mean "not a care leaver": they map to None.
NOT_A_CARE_LEAVER = "not a care leaver"
ELIGIBILITY = CodeList[Category | str](
    "an eligibility category",
    letters={
        "a": Category.RELEVANT,
        "b": Category.FORMER_RELEVANT,
        "c": Category.QUALIFYING,
        "d": Category.ELIGIBLE,
    },
    codes={
        "r": Category.RELEVANT,
        "fr": Category.FORMER_RELEVANT,
        "q": Category.QUALIFYING,
        "e": Category.ELIGIBLE,
    },
    texts={
        "relevant": Category.RELEVANT,
        "relevant child": Category.RELEVANT,
        "former relevant": Category.FORMER_RELEVANT,
        "former relevant child": Category.FORMER_RELEVANT,
        "care leaver - former relevant": Category.FORMER_RELEVANT,
        "care leaver - pa to 25": Category.FORMER_RELEVANT,
        "former relevant 18-20": Category.FORMER_RELEVANT,
        "former relevant 21-24": Category.FORMER_RELEVANT,
        "qualifying": Category.QUALIFYING,
        "qualifying care leaver": Category.QUALIFYING,
        "qualifying (former relevant)": Category.QUALIFYING,
        "eligible": Category.ELIGIBLE,
        "eligible child": Category.ELIGIBLE,
        "other (eligible)": Category.ELIGIBLE,
        "former_relevant": Category.FORMER_RELEVANT,
        "other": NOT_A_CARE_LEAVER,
        "other - under 16": NOT_A_CARE_LEAVER,
        "no current eligibility": NOT_A_CARE_LEAVER,
    },
)

# "LA in Touch": Annex A letters wrap the SSDA903 IN_TOUCH codes; Mosaic-style lookups still carry the old
# numeric codes. Only the numbers seen with their wording are mapped; other numbers fall back to the words.
IN_TOUCH = CodeList[str](
    "an 'in touch' answer",
    letters={"a": "YES", "b": "NO", "c": "DIED", "d": "REFU", "e": "NREQ", "f": "RHOM"},
    codes={
        **{code.lower(): code for code in ("YES", "NO", "DIED", "REFU", "NREQ", "RHOM")},
        "y": "YES",
        "n": "NO",
        "01": "YES",
        "1": "YES",
        "03": "YES",
        "3": "YES",
        "05": "NO",
        "5": "NO",
        "06": "DIED",
        "6": "DIED",
        "08": "REFU",
        "8": "REFU",
        "10": "NREQ",
    },
    keywords=(
        ("no longer require", "NREQ"),
        ("refuse", "REFU"),
        ("died", "DIED"),
        ("returned home", "RHOM"),
        ("yes", "YES"),
        ("no,", "NO"),
        ("not in touch", "NO"),
    ),
)

ACCOMMODATION_LETTERS = "BCDEGHKRSTUVWXYZ"
_ACCOMMODATION_TEXTS = {
    "B": ("parents/relatives", "with parent(s) or relative(s)", "parents or relatives"),
    "C": (
        "community home/residential care",
        "community home / residential care",
        "community home or other form of residential care such as an nhs establishment",
    ),
    "D": (
        "semi-independent, transitional accommodation and self-contained accommodation",
        "semi-independent living",
    ),
    "E": ("supported lodgings",),
    "G": ("abroad", "gone abroad"),
    "H": ("deported",),
    "K": ("ordinary lodgings, without formal support", "ordinary lodgings"),
    "R": ("residence not known",),
    "S": ("no fixed adobe/homeless", "no fixed abode / homeless", "no fixed abode/homeless", "homeless"),
    "T": ("foyers and similar supported accommodation", "foyer"),
    "U": ("independent living", "own tenancy"),
    "V": ("emergency accommodation",),
    "W": ("bed and breakfast", "b&b"),
    "X": ("in custody", "custody"),
    "Y": ("other accommodation", "other"),
    "Z": ("with former foster carers", "with former foster carer(s)", "staying put"),
}
_ACCOMMODATION = CodeList[tuple[str | None, bool | None]](
    "a type of accommodation",
    codes={
        **{letter.lower(): (letter, None) for letter in ACCOMMODATION_LETTERS},
        # SSDA903 ACCOM: the letter plus 1 (suitable) or 2 (unsuitable); 0 means not applicable.
        **{f"{letter.lower()}1": (letter, True) for letter in ACCOMMODATION_LETTERS if letter not in "SX"},
        **{f"{letter.lower()}2": (letter, False) for letter in ACCOMMODATION_LETTERS},
        "0": (None, None),
    },
    texts={
        description: (letter, None)
        for letter, descriptions in _ACCOMMODATION_TEXTS.items()
        for description in descriptions
    },
    keywords=(("staying put", ("Z", None)), ("bed and breakfast", ("W", None)), ("homeless", ("S", None))),
)


def accommodation(value: Any) -> tuple[str | None, bool | None]:
    """The 903 accommodation letter and, when the code carries it (``U1``), whether it is suitable."""
    return _ACCOMMODATION.read(value) or (None, None)


SUITABILITY = CodeList[bool](
    "a suitability of accommodation",
    letters={"a": True, "b": False},
    codes={"1": True, "2": False, "0": False, "y": True, "n": False, "yes": True, "no": False},
    texts={"suitable": True, "unsuitable": False, "not suitable": False},
    # Order matters: "unsuitable" contains "suitable".
    keywords=(("unsuitable", False), ("not suitable", False), ("suitable", True)),
)

ACTIVITY_CODES = ("F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5", "G4", "G5", "G6")
_ACTIVITY_TEXTS = {
    "F1": "full time in higher education",
    "P1": "part time in higher education",
    "F2": "full time in education other than higher",
    "P2": "part time in education other than higher",
    "F3": "full time in training or employment",
    "P3": "part time in training or employment",
    "F4": "young person engaged full time in an apprenticeship",
    "P4": "young person engaged part time in an apprenticeship",
    "F5": "young person engaged full time in training or employment (not apprenticeship)",
    "P5": "young person engaged part time in training or employment (not apprenticeship)",
    "G4": "not in education, employment or training - illness or disability",
    "G5": "not in education, employment or training - other",
    "G6": "not in education, employment or training - pregnancy or parenting",
}
ACTIVITY = CodeList[str | None](
    "an activity status",
    codes={**{code.lower(): code for code in ACTIVITY_CODES}, "0": None},
    texts={description: code for code, description in _ACTIVITY_TEXTS.items()},
)

YES_NO = CodeList[bool | None](
    "a yes or no answer",
    letters={"a": True, "b": False, "c": None},
    codes={"y": True, "yes": True, "1": True, "true": True, "n": False, "no": False, "0": False},
    texts={"na": None, "unknown": None, "not applicable": None},
)

# Return-interview answers seen by liiatools-pipeline carry both facts at once.
_RHI_TEXTS = {
    "offered and accepted": (True, True),
    "offered and declined": (True, False),
    "not offered": (False, None),
}


def return_interview(offered: Any, accepted: Any) -> tuple[bool | None, bool | None]:
    """(offered, accepted) from the two Annex A / SSD columns, either of which may hold a combined text."""
    answers: list[bool | None] = [None, None]
    for position, value in enumerate((offered, accepted)):
        raw = text(value)
        if raw is None:
            continue
        wording = normalise_text(raw)
        combined = next((pair for start, pair in _RHI_TEXTS.items() if wording.startswith(start)), None)
        if combined is not None:
            answers = [combined[0], combined[1] if combined[1] is not None else answers[1]]
            continue
        answers[position] = YES_NO.read(raw)
    return answers[0], answers[1]


EPISODE_KIND = CodeList[EpisodeKind](
    "a missing episode type (M for missing, A for away)",
    codes={"m": EpisodeKind.MISSING, "a": EpisodeKind.AWAY},
    texts={"missing": EpisodeKind.MISSING, "away": EpisodeKind.AWAY, "absent": EpisodeKind.AWAY},
)
