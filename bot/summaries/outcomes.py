"""In touch, in suitable accommodation, and in education, employment or training, by age band.

Codes are the DfE's SSDA903 (OC3) codes as imported (data-standards.md section 2.3):
- in touch: ``YES``; not in touch: ``NO`` or ``REFU``; ``NREQ`` and ``RHOM`` are neither, but recorded;
  ``DIED`` is left out of every count; no code (or one we do not know) is not recorded;
- activity: ``F1``-``F5`` and ``P1``-``P5`` are in education, employment or training (EET), ``G4``-``G6``
  are not (NEET); anything else is not recorded;
- accommodation: the recorded suitability (suitable or not), else not recorded.
The DfE records ages 17 to 21 for every care leaver, and since April 2022 ages 22 to 25 for those in touch
only (data-standards.md section 2.3), so for 22-25 accommodation and activity are shares of those in touch.
Every share is of those with something recorded, and says how many have nothing recorded; every band
count says who it leaves out and why (``LeftOut``).
"""

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict, computed_field

from bot.facts import CaseFacts

BANDS = ((17, 18), (19, 21), (22, 25))
IN_TOUCH = "YES"
NOT_IN_TOUCH = frozenset({"NO", "REFU"})
IN_TOUCH_RECORDED = frozenset({IN_TOUCH, *NOT_IN_TOUCH, "NREQ", "RHOM"})
DIED = "DIED"
EET = frozenset(f"{time}{level}" for time in "FP" for level in "12345")
NEET = frozenset({"G4", "G5", "G6"})


class BandFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    youngest: int
    oldest: int
    young_people: int
    in_touch: int
    not_in_touch: int
    suitable: int
    unsuitable: int
    eet: int
    neet: int
    measured: int
    """Whom accommodation and activity are asked of: everyone in the band, or for 22-25 those in touch."""
    in_touch_recorded: int = 0
    """Young people of the band with an in-touch code recorded (the denominator for in touch)."""

    @computed_field
    @property
    def label(self) -> str:
        return f"{self.youngest}-{self.oldest}"

    @computed_field
    @property
    def accommodation_recorded(self) -> int:
        return self.suitable + self.unsuitable

    @computed_field
    @property
    def activity_recorded(self) -> int:
        return self.eet + self.neet


class LeftOut(BaseModel):
    """Young people in the service the bands leave out, by why: too young for the DfE's figures (which
    start at 17), older than 25, or died."""

    model_config = ConfigDict(frozen=True)

    younger: int
    youngest_band: int
    older: int
    oldest_band: int
    died: int


def _code(value: str | None) -> str:
    return (value or "").strip().upper()


class _Codes(dict[str | None, str]):
    """Each recorded value's code worked out once: a whole service has 100,000 young people and a few
    dozen distinct values."""

    def __missing__(self, value: str | None) -> str:
        code = self[value] = _code(value)
        return code


def band_figures(members: list[CaseFacts], youngest: int, oldest: int) -> BandFigures:
    """Figures for the young people of one band (already chosen by age, those who died left out)."""
    code = _Codes()
    in_touch = [person for person in members if code[person.in_touch] == IN_TOUCH]
    measured = in_touch if youngest >= 22 else members
    activities = [code[person.activity_code] for person in measured]
    return BandFigures(
        youngest=youngest,
        oldest=oldest,
        young_people=len(members),
        in_touch=len(in_touch),
        not_in_touch=sum(code[person.in_touch] in NOT_IN_TOUCH for person in members),
        in_touch_recorded=sum(code[person.in_touch] in IN_TOUCH_RECORDED for person in members),
        suitable=sum(person.accommodation_suitable is True for person in measured),
        unsuitable=sum(person.accommodation_suitable is False for person in measured),
        eet=sum(activity in EET for activity in activities),
        neet=sum(activity in NEET for activity in activities),
        measured=len(measured),
    )


def by_band(people: Iterable[CaseFacts], today: date) -> tuple[list[BandFigures], LeftOut]:
    """The figures of each band, and who they leave out."""
    youngest, oldest = BANDS[0][0], BANDS[-1][1]
    band_of = {age: index for index, (first, last) in enumerate(BANDS) for age in range(first, last + 1)}
    # Ages by date of birth, each worked out once (many share a birthday).
    age_by_birth: dict[date, int] = {}
    code = _Codes()
    members: list[list[CaseFacts]] = [[] for _ in BANDS]
    younger = older = died = 0
    for person in people:
        born = person.date_of_birth
        if born not in age_by_birth:
            age_by_birth[born] = person.age_on(today)
        age = age_by_birth[born]
        if code[person.in_touch] == DIED:
            died += 1
        elif age < youngest:
            younger += 1
        elif age > oldest:
            older += 1
        else:
            members[band_of[age]].append(person)
    bands = [band_figures(group, first, last) for group, (first, last) in zip(members, BANDS, strict=True)]
    left_out = LeftOut(younger=younger, youngest_band=youngest, older=older, oldest_band=oldest, died=died)
    return bands, left_out
