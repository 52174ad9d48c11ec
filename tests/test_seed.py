from datetime import date

from bot.models import Category
from bot.seed import plan, write
from bot.store import Database, people

AS_OF = date(2026, 11, 23)


def test_the_same_seed_gives_the_same_service() -> None:
    assert plan(300, seed=7, as_of=AS_OF).rows == plan(300, seed=7, as_of=AS_OF).rows


def test_another_seed_gives_another_service() -> None:
    assert plan(300, seed=7, as_of=AS_OF).rows != plan(300, seed=8, as_of=AS_OF).rows


async def test_seeded_people_are_valid_and_plausible(db: Database) -> None:
    summary = plan(400, seed=3, as_of=AS_OF)
    await write(db, summary)
    everyone = await people.in_service(db.reader)
    assert len(everyone) == 400
    for person in everyone:
        assert 16 <= person.age_on(AS_OF) <= 25
        if person.age_on(AS_OF) >= 18:
            assert person.category in (Category.FORMER_RELEVANT, Category.QUALIFYING)
    caseloads = [
        row[0]
        for row in await db.reader.execute_fetchall(
            "SELECT count(*) FROM young_people WHERE pa_id IS NOT NULL GROUP BY pa_id"
        )
    ]
    assert 15 <= sum(caseloads) / len(caseloads) <= 30
    assert summary.missing_episodes > 0


async def test_seeding_twice_into_one_database_is_refused(db: Database) -> None:
    await write(db, plan(5, seed=1, as_of=AS_OF))
    try:
        await write(db, plan(5, seed=2, as_of=AS_OF))
    except Exception as error:
        assert "seed a new database" in str(error)
    else:
        raise AssertionError("a second seed was accepted")
    assert len(await people.in_service(db.reader)) == 5
