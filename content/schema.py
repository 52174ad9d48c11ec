"""What a council's content folder must hold, checked field by field when it is loaded.

Council staff edit the TOML files; these models are the contract those files keep. Anything a young person
reads is plain text here (no HTML): the bot escapes it when it renders.
"""

import re
from datetime import date, time
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ItemId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,19}$")]
Text = Annotated[str, Field(min_length=1, max_length=1200)]
ShortText = Annotated[str, Field(min_length=1, max_length=60)]
CHECK_WITH_PA = "check with your PA"
# Hours a young person can act on: named days ("Mon to Fri 8am to 6pm"), or "any time", "every day"...
SAYS_WHEN = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun|any time|every day|7 days|24 hours)", re.IGNORECASE)


class Category(StrEnum):
    """Care-leaver status (Children Act 1989), as the record holds it."""

    ELIGIBLE = "eligible"
    RELEVANT = "relevant"
    FORMER_RELEVANT = "former_relevant"
    QUALIFYING = "qualifying"


class Activity(StrEnum):
    """What someone is doing, grouped from the SSDA903 activity codes (see ``content.profile``)."""

    HIGHER_EDUCATION = "higher_education"
    EDUCATION = "education"
    APPRENTICESHIP = "apprenticeship"
    WORK = "work"
    NOT_IN_WORK = "not_in_work"


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppliesTo(_Content):
    """Who an item is for. A field left out means "anyone"; ages are whole years, both ends included."""

    categories: list[Category] = Field(min_length=1)
    min_age: int = Field(default=16, ge=15, le=25)
    max_age: int = Field(default=24, ge=15, le=25)
    lives_in_area: bool | None = None
    activities: list[Activity] = Field(default_factory=list)
    parent: bool | None = None
    in_custody: bool | None = None

    @model_validator(mode="after")
    def _ages_in_order(self) -> "AppliesTo":
        if self.max_age < self.min_age:
            raise ValueError("max_age is below min_age")
        return self


class Entitlement(_Content):
    """A right or a kind of help, national or local.

    ``local`` items are the council's choice: the answer must then name who decides and how to ask, and
    carry no amount (the bot never promises money the council has not confirmed). Items not yet confirmed
    (``confirmed = false``) must tell the young person to check with their PA.
    """

    id: ItemId
    title: ShortText
    answer: Text
    applies: AppliesTo
    local: bool = False
    confirmed: bool = True
    who_decides: str | None = None
    how_to_ask: str | None = None
    amount: str | None = Field(default=None, max_length=80)
    how_to_get: Text
    source: Annotated[str, Field(min_length=4)]
    reviewed: date
    keywords: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _local_and_unconfirmed_are_honest(self) -> "Entitlement":
        if self.local and not (self.who_decides and self.how_to_ask):
            raise ValueError("a local item must say who_decides and how_to_ask")
        if self.local and self.amount:
            raise ValueError("a local item must not state an amount the council has not confirmed")
        if not self.confirmed and CHECK_WITH_PA.lower() not in f"{self.answer} {self.how_to_get}".lower():
            raise ValueError(f"an unconfirmed item must tell the young person to {CHECK_WITH_PA}")
        return self


class PassportItem(_Content):
    id: ItemId
    text: ShortText
    tip: Text
    keywords: list[str] = Field(default_factory=list)


class PassportSection(_Content):
    id: ItemId
    title: ShortText
    items: list[PassportItem] = Field(min_length=1)


class CouncilPhone(_Content):
    """A number to ring: the council's own, or a helpline's. Three digits are allowed for 105 and 999."""

    name: ShortText
    number: Annotated[str, Field(pattern=r"^[0-9][0-9 ]{2,19}$")]
    hours_text: ShortText


class Need(StrEnum):
    FOOD_TODAY = "food_today"
    ENERGY = "energy"
    RENT_AND_HOUSING = "rent_and_housing"
    PHONE_AND_INTERNET = "phone_and_internet"
    EMERGENCIES = "emergencies"
    BENEFITS = "benefits"


class MoneyHelp(_Content):
    """Cost-of-living help, sorted by need.

    Every item has a number to ring today (``call``), with the hours it answers: someone short of food or
    heat needs something to do now, not only "check with your PA".
    """

    id: ItemId
    need: Need
    title: ShortText
    answer: Text
    call: CouncilPhone
    local: bool = False
    confirmed: bool = True
    source: Annotated[str, Field(min_length=4)]
    reviewed: date
    keywords: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _says_check_and_when_to_call(self) -> "MoneyHelp":
        if not self.confirmed and CHECK_WITH_PA.lower() not in self.answer.lower():
            raise ValueError(f"an unconfirmed item must tell the young person to {CHECK_WITH_PA}")
        if not SAYS_WHEN.search(self.call.hours_text):
            raise ValueError("call.hours_text must say when the line answers (days, or 'any time')")
        return self


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class OpeningTimes(_Content):
    """One block of opening hours, in the service's timezone."""

    days: list[Weekday] = Field(min_length=1)
    opens: time
    closes: time

    @model_validator(mode="after")
    def _closes_after_opening(self) -> "OpeningTimes":
        if self.closes <= self.opens:
            raise ValueError("closes must be later than opens")
        return self


class Risk(StrEnum):
    """The kinds of danger a message can show (see ``content.risk``)."""

    SUICIDE_OR_SELF_HARM = "suicide_or_self_harm"
    HURT_OR_UNSAFE = "hurt_or_unsafe"
    NOWHERE_TO_SLEEP = "nowhere_to_sleep"
    MISSING_OR_UNSAFE_HOME = "missing_or_unsafe_home"
    # Asked for help now after the bot checked in ("I need help now"): no one risk named.
    DISTRESS = "distress"


class CrisisContact(_Content):
    """A line to call or text. ``always_open`` lines answer any time; others list their ``hours``, or
    neither when the hours are not known (then ``hours_text`` says so, and the line is always shown)."""

    id: ItemId
    name: ShortText
    how: Text
    hours_text: ShortText
    always_open: bool = False
    hours: list[OpeningTimes] = Field(default_factory=list)
    for_risks: list[Risk] = Field(min_length=1)
    source: Annotated[str, Field(min_length=4)]
    reviewed: date

    @model_validator(mode="after")
    def _has_hours(self) -> "CrisisContact":
        if self.always_open and self.hours:
            raise ValueError("a contact is either always_open or lists its hours, not both")
        return self


class CouncilNumber(CouncilPhone):
    """One of the council's own numbers, with the words young people type when they ask for it."""

    keywords: list[str] = Field(default_factory=list)


class Council(_Content):
    """The council itself: its name for young people, its area, its numbers and its review cycle."""

    name: ShortText
    area: ShortText
    service: ShortText
    office: CouncilNumber
    office_hours: list[OpeningTimes] = Field(min_length=1)
    out_of_hours: CouncilNumber
    review_every_days: int = Field(default=365, gt=0)
    new_pa: Text
    """What a young person reads when a manager gives them a new PA; ``{pa}`` is the new PA's name."""
    source: Annotated[str, Field(min_length=4)]
    reviewed: date

    @field_validator("new_pa")
    @classmethod
    def _names_the_pa(cls, text: str) -> str:
        rest = text.replace("{pa}", "")
        if "{pa}" not in text or "{" in rest or "}" in rest:
            raise ValueError("new_pa must name the new PA as {pa}, with no other {...} in it")
        return text


class CouncilContent(_Content):
    """Everything one council's folder holds, with the cross-checks no single file can make."""

    council: Council
    entitlements: list[Entitlement] = Field(min_length=1)
    passport: list[PassportSection] = Field(min_length=1)
    money_help: list[MoneyHelp] = Field(min_length=1)
    crisis: list[CrisisContact] = Field(min_length=1)
    synonyms: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ids_unique_and_risks_covered(self) -> "CouncilContent":
        ids = [
            *(item.id for item in self.entitlements),
            *(item.id for item in self.money_help),
            *(section.id for section in self.passport),
            *(item.id for section in self.passport for item in section.items),
            *(contact.id for contact in self.crisis),
        ]
        repeated = sorted({item_id for item_id in ids if ids.count(item_id) > 1})
        if repeated:
            raise ValueError(f"ids used more than once: {', '.join(repeated)}")
        for risk in Risk:
            if not any(risk in contact.for_risks and contact.always_open for contact in self.crisis):
                raise ValueError(f"no always-open crisis contact for {risk.value}")
        return self

    def entitlement(self, item_id: str) -> Entitlement | None:
        return next((item for item in self.entitlements if item.id == item_id), None)

    def passport_item(self, item_id: str) -> tuple[PassportSection, PassportItem] | None:
        for section in self.passport:
            for item in section.items:
                if item.id == item_id:
                    return section, item
        return None

    def passport_section(self, section_id: str) -> PassportSection | None:
        return next((section for section in self.passport if section.id == section_id), None)

    def money_item(self, item_id: str) -> MoneyHelp | None:
        return next((item for item in self.money_help if item.id == item_id), None)

    def money_for(self, need: Need) -> list[MoneyHelp]:
        return [item for item in self.money_help if item.need is need]
