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

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, computed_field

from bot.facts import CaseFacts
from bot.models import age_on

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


class Profile(NamedTuple):
    """What the band figures ask of a young person: their in-touch code, whether their accommodation is
    suitable (None: not recorded), and their activity code."""

    in_touch: str
    suitable: bool | None
    activity: str


def band_figures(profiles: Mapping[Profile, int], youngest: int, oldest: int) -> BandFigures:
    """Figures for one band (already chosen by age, those who died left out), from how many of its young
    people have each profile."""
    in_touch = {profile: count for profile, count in profiles.items() if profile.in_touch == IN_TOUCH}
    measured = in_touch if youngest >= 22 else profiles
    return BandFigures(
        youngest=youngest,
        oldest=oldest,
        young_people=sum(profiles.values()),
        in_touch=sum(in_touch.values()),
        not_in_touch=_among(profiles, lambda profile: profile.in_touch in NOT_IN_TOUCH),
        in_touch_recorded=_among(profiles, lambda profile: profile.in_touch in IN_TOUCH_RECORDED),
        suitable=_among(measured, lambda profile: profile.suitable is True),
        unsuitable=_among(measured, lambda profile: profile.suitable is False),
        eet=_among(measured, lambda profile: profile.activity in EET),
        neet=_among(measured, lambda profile: profile.activity in NEET),
        measured=sum(measured.values()),
    )


def _among(profiles: Mapping[Profile, int], test: Callable[[Profile], bool]) -> int:
    """How many young people have a profile that passes ``test``."""
    return sum(count for profile, count in profiles.items() if test(profile))


class _Ages(dict[date, int]):
    """Each date of birth's age on one day, worked out once: many young people share a birthday."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self._today = today

    def __missing__(self, born: date) -> int:
        age = self[born] = age_on(born, self._today)
        return age


def by_band(people: Iterable[CaseFacts], today: date) -> tuple[list[BandFigures], LeftOut]:
    """The figures of each band, and who they leave out.

    A whole service's 100,000 young people have a few hundred different ages and recorded values between
    them: each combination is counted in one pass, and then only the combinations are sorted into bands
    and classified (a tenth of the time of classifying everyone one by one).
    """
    youngest, oldest = BANDS[0][0], BANDS[-1][1]
    band_of = {age: index for index, (first, last) in enumerate(BANDS) for age in range(first, last + 1)}
    ages = _Ages(today)
    combinations = Counter(
        (ages[person.date_of_birth], person.in_touch, person.accommodation_suitable, person.activity_code)
        for person in people
    )
    code = _Codes()
    profiles: list[Counter[Profile]] = [Counter() for _ in BANDS]
    younger = older = died = 0
    for (age, in_touch, suitable, activity), count in combinations.items():
        if code[in_touch] == DIED:
            died += count
        elif age < youngest:
            younger += count
        elif age > oldest:
            older += count
        else:
            profiles[band_of[age]][Profile(code[in_touch], suitable, code[activity])] += count
    bands = [band_figures(group, first, last) for group, (first, last) in zip(profiles, BANDS, strict=True)]
    left_out = LeftOut(younger=younger, youngest_band=youngest, older=older, oldest_band=oldest, died=died)
    return bands, left_out
