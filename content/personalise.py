"""What applies to one young person now, and what changes at the ages ahead.

Pure functions of a ``Profile`` (the few facts that decide an entitlement) and the content. A fact the
record does not hold is ``None``: an item that depends on it is neither shown nor hidden, and the fact is
returned as a question to ask, never guessed.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from content.schema import Activity, AppliesTo, Category, CouncilContent, Entitlement

MILESTONE_AGES = (18, 21, 25)
SERVICE_ENDS_AT = 25

# SSDA903 activity codes (data-standards.md): F = full time, P = part time; G = not in education,
# employment or training, by reason.
ACTIVITY_CODES = {
    "F1": Activity.HIGHER_EDUCATION,
    "P1": Activity.HIGHER_EDUCATION,
    "F2": Activity.EDUCATION,
    "P2": Activity.EDUCATION,
    "F4": Activity.APPRENTICESHIP,
    "P4": Activity.APPRENTICESHIP,
    "F5": Activity.WORK,
    "P5": Activity.WORK,
    "G4": Activity.NOT_IN_WORK,
    "G5": Activity.NOT_IN_WORK,
    "G6": Activity.NOT_IN_WORK,
}


def activity_from_code(code: str | None) -> Activity | None:
    """The activity group for an SSDA903 code; None for a blank or unknown code (then we ask)."""
    return ACTIVITY_CODES.get((code or "").strip().upper())


class Fact(StrEnum):
    """Facts that can be missing from a record and asked of the young person."""

    LIVES_IN_AREA = "lives_in_area"
    ACTIVITY = "activity"
    PARENT = "parent"


@dataclass(frozen=True)
class Profile:
    category: Category
    age: int
    lives_in_area: bool | None = None
    activity: Activity | None = None
    parent: bool | None = None
    in_custody: bool = False

    def at_age(self, age: int) -> "Profile":
        """The same person at a later age: an eligible or relevant child is former relevant from 18."""
        category = self.category
        if age >= 18 and category in (Category.ELIGIBLE, Category.RELEVANT):
            category = Category.FORMER_RELEVANT
        return Profile(category, age, self.lives_in_area, self.activity, self.parent, self.in_custody)


class Change(StrEnum):
    STARTS = "starts"
    ENDS = "ends"


@dataclass(frozen=True)
class ComingUp:
    age: int
    change: Change
    item: Entitlement


@dataclass(frozen=True)
class Offer:
    """``now`` is most relevant first (``relevance``). ``coming_up`` lists what starts, or stops, at 18 and
    21, soonest first. At 25 nearly everything stops at once, so that is one flag rather than a list of
    every item."""

    now: list[Entitlement] = field(default_factory=list)
    coming_up: list[ComingUp] = field(default_factory=list)
    unknown: list[Fact] = field(default_factory=list)
    support_ends_at_25: bool = False
    # Some items depend on a fact the young person would rather not say: they are not shown.
    held_back: bool = False


def _matches(applies: AppliesTo, profile: Profile) -> bool | Fact:
    """True or False; or the first unknown fact the answer hangs on."""
    if profile.category not in applies.categories or not applies.min_age <= profile.age <= applies.max_age:
        return False
    if applies.in_custody is not None and applies.in_custody != profile.in_custody:
        return False
    checks: list[tuple[Fact, object, object]] = [
        (Fact.LIVES_IN_AREA, applies.lives_in_area, profile.lives_in_area),
        (Fact.PARENT, applies.parent, profile.parent),
    ]
    if applies.activities:
        checks.append((Fact.ACTIVITY, applies.activities, profile.activity))
    for fact, wanted, known in checks:
        if wanted is None:
            continue
        if known is None:
            return fact
        if (known not in wanted) if isinstance(wanted, list) else (known != wanted):
            return False
    return True


def relevance(item: Entitlement, profile: Profile) -> int:
    """How much an item is about this young person in particular, so the few that are come first: each
    condition it has that their record meets (what they do, being a parent, where they live, custody)
    counts; so does an age window that is narrow or about to close. Ties keep the content's order."""
    applies = item.applies
    conditions = [
        bool(applies.activities),
        applies.parent is not None,
        applies.lives_in_area is not None,
        applies.in_custody is not None,
    ]
    narrow = applies.max_age - applies.min_age <= 4
    closing = applies.max_age - profile.age <= 1 and applies.max_age < SERVICE_ENDS_AT - 1
    return 3 * sum(conditions) + narrow + closing


def offer_for(profile: Profile, content: CouncilContent) -> Offer:
    """Items that apply now, items that start or end at the milestone ages ahead, and facts to ask."""
    now: list[Entitlement] = []
    unknown: list[Fact] = []
    for item in content.entitlements:
        result = _matches(item.applies, profile)
        if result is True:
            now.append(item)
        elif isinstance(result, Fact) and result not in unknown:
            unknown.append(result)

    coming_up: list[ComingUp] = []
    ahead = [age for age in MILESTONE_AGES if age > profile.age]
    # By id: comparing whole items field by field cost more than the rest of the offer together.
    applying = {item.id for item in now}
    at = {age: profile.at_age(age) for milestone in ahead for age in (milestone - 1, milestone)}
    for item in content.entitlements:
        for age in ahead:
            applies_then = _matches(item.applies, at[age]) is True
            applied_before = _matches(item.applies, at[age - 1]) is True
            if applies_then and not applied_before and item.id not in applying:
                coming_up.append(ComingUp(age, Change.STARTS, item))
                break
            if item.id in applying and applied_before and not applies_then:
                if age < SERVICE_ENDS_AT:
                    coming_up.append(ComingUp(age, Change.ENDS, item))
                break
    return Offer(
        now=sorted(now, key=lambda item: -relevance(item, profile)),
        coming_up=sorted(coming_up, key=lambda entry: entry.age),
        unknown=unknown,
        support_ends_at_25=any(item.applies.max_age == SERVICE_ENDS_AT - 1 for item in now),
    )


def general_offer(content: CouncilContent) -> list[Entitlement]:
    """What anyone can read before joining: the national items, in the content's order. Local items
    depend on where someone lives and what the council decides, so they wait until the record is known."""
    return [item for item in content.entitlements if not item.local]
