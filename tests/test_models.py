from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from bot.models import Invite, MissingEpisode, Role, Staff, YoungPerson, age_on

TODAY = date(2026, 11, 23)
STARTED = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)


def person(**changes) -> dict:
    return (
        dict(case_ref="CL1", preferred_name="Kai", date_of_birth=date(2007, 5, 1), category="relevant")
        | changes
    )


def test_a_plausible_young_person_is_accepted() -> None:
    kai = YoungPerson.model_validate(person(), context={"today": TODAY})
    assert kai.age_on(TODAY) == 19


@pytest.mark.parametrize(
    "date_of_birth",
    [date(2011, 11, 24), date(1999, 11, 22), date(2030, 1, 1)],
    ids=["14 today", "27 today", "not born yet"],
)
def test_an_impossible_age_is_rejected(date_of_birth: date) -> None:
    with pytest.raises(ValidationError, match="the service supports ages 15 to 26"):
        YoungPerson.model_validate(person(date_of_birth=date_of_birth), context={"today": TODAY})


def test_an_unknown_category_is_rejected() -> None:
    with pytest.raises(ValidationError, match="category"):
        YoungPerson.model_validate(person(category="care_leaver"))


def test_a_return_before_the_start_is_rejected() -> None:
    with pytest.raises(ValidationError, match="return is before the start"):
        MissingEpisode(young_person_id=1, started_at=STARTED, returned_at=STARTED - timedelta(minutes=1))


def test_a_return_interview_before_the_return_is_rejected() -> None:
    with pytest.raises(ValidationError, match="after the return"):
        MissingEpisode(
            young_person_id=1,
            started_at=STARTED,
            returned_at=STARTED + timedelta(hours=5),
            rhi_completed_at=STARTED + timedelta(hours=1),
        )


def test_an_instant_without_a_timezone_is_rejected() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        MissingEpisode(young_person_id=1, started_at=datetime(2026, 11, 20, 22, 0))


def test_instants_are_kept_in_utc() -> None:
    london_summer = datetime.fromisoformat("2026-07-01T10:00:00+01:00")
    episode = MissingEpisode(young_person_id=1, started_at=london_summer)
    assert episode.started_at == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


def test_a_young_person_cannot_be_staff() -> None:
    with pytest.raises(ValidationError, match="staff are a pa, a manager or an admin"):
        Staff(name="Kai", role=Role.LEAVER)


def test_an_invite_has_exactly_one_subject() -> None:
    with pytest.raises(ValidationError, match="one young person or one staff member"):
        Invite(code_hash="0" * 64, role=Role.LEAVER, staff_id=3, created_at=STARTED, expires_at=STARTED)


def test_a_leap_day_birthday_counts_from_the_first_of_march() -> None:
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18
