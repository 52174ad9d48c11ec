""" "What can I get?": the young person's record (plus what they told us) turned into their offer."""

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.models import YoungPerson
from bot.models_leaver import SelfReported
from bot.services.identity import Identity
from bot.services.leaver_access import own_record
from bot.store import Database, self_reported
from content.personalise import Fact, Offer, Profile, activity_from_code, offer_for
from content.schema import Activity, Category, CouncilContent

RATHER_NOT_SAY = "x"


def profile_of(person: YoungPerson, told: SelfReported | None, today_age: int) -> Profile:
    """The record wins; what the young person told us fills only the gaps."""
    activity = activity_from_code(person.activity_code)
    if activity is None and told is not None and told.activity:
        activity = Activity(told.activity)
    lives_in_area = person.lives_in_area
    if lives_in_area is None and told is not None:
        lives_in_area = told.lives_in_area
    parent = person.is_parent
    if parent is None and told is not None:
        parent = told.is_parent
    return Profile(
        category=Category(person.category.value),
        age=today_age,
        lives_in_area=lives_in_area,
        activity=activity,
        parent=parent,
        in_custody=person.in_custody,
    )


async def my_offer(
    db: Database, identity: Identity, content: CouncilContent, *, now: datetime, tz: ZoneInfo
) -> Offer:
    person = own_record(identity)
    assert person.id is not None
    told = await self_reported.get(db.lookups, person.id)
    found = offer_for(profile_of(person, told, person.age_on(now.astimezone(tz).date())), content)
    if told is None or not told.not_said:
        return found
    asked = [fact for fact in found.unknown if not told.declined(fact.value)]
    return replace(found, unknown=asked, held_back=len(asked) < len(found.unknown))


async def tell(db: Database, identity: Identity, fact: Fact, value: str, *, now: datetime) -> None:
    """Remember a fact the young person gave, or that they would rather not say (``value`` ``x``): then it
    is not asked again. ``value`` is checked here: callback data is never trusted."""
    person = own_record(identity)
    assert person.id is not None
    current = await self_reported.get(db.lookups, person.id) or SelfReported(
        young_person_id=person.id, updated_at=now
    )
    match fact:
        case _ if value == RATHER_NOT_SAY:
            update = {"not_said": " ".join(sorted({*current.not_said.split(), Fact(fact).value}))}
        case Fact.ACTIVITY:
            update = {"activity": Activity(value).value}
        case Fact.LIVES_IN_AREA:
            update = {"lives_in_area": _yes_no(value)}
        case Fact.PARENT:
            update = {"is_parent": _yes_no(value)}
    async with db.transaction() as tx:
        await self_reported.put(tx, current.model_copy(update={**update, "updated_at": now}))


def _yes_no(value: str) -> bool:
    if value not in ("y", "n"):
        raise ValueError("expected y or n")
    return value == "y"
