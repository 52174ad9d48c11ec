"""Pathway-plan reviews: the day each review (or the first plan) took place."""

import aiosqlite

from bot.models import PathwayReview
from bot.store.rows import fetch_all, fetch_one, insert


async def add(tx: aiosqlite.Connection, review: PathwayReview) -> PathwayReview | None:
    """Record a review; a second record of the same day for the same person is ignored (returns None)."""
    review_id = await insert(tx, "pathway_reviews", review, on_conflict="DO NOTHING")
    return None if review_id is None else review.model_copy(update={"id": review_id})


async def for_person(connection: aiosqlite.Connection, person_id: int) -> list[PathwayReview]:
    return await fetch_all(
        connection,
        PathwayReview,
        "SELECT * FROM pathway_reviews WHERE young_person_id = ? ORDER BY reviewed_on",
        (person_id,),
    )


async def latest(connection: aiosqlite.Connection, person_id: int) -> PathwayReview | None:
    return await fetch_one(
        connection,
        PathwayReview,
        "SELECT * FROM pathway_reviews WHERE young_person_id = ? ORDER BY reviewed_on DESC LIMIT 1",
        (person_id,),
    )
