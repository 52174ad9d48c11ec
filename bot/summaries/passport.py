"""Passport to independence: who has started it, how far they have got, and where they ask for help."""

import statistics
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, computed_field

from bot.facts import PassportTally

TOP_HELP_ITEMS = 3


class HelpItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    item_id: str
    text: str
    young_people: int


class PassportFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    young_people: int
    started: int
    """Young people with at least one item done or marked 'I need help'."""
    median_done: float | None
    """Median items done among those who started; None if nobody has."""
    checklist_items: int
    most_help: list[HelpItem]

    @computed_field
    @property
    def median_percent(self) -> float | None:
        """The median progress as a share of the council's checklist."""
        if self.median_done is None or not self.checklist_items:
            return None
        return 100 * self.median_done / self.checklist_items

    @computed_field
    @property
    def percent_started(self) -> float | None:
        return 100 * self.started / self.young_people if self.young_people else None


def passport_figures(
    young_people: int,
    tallies: Mapping[int, PassportTally],
    help_by_item: Mapping[str, int],
    checklist: Mapping[str, str],
) -> PassportFigures:
    """``tallies`` and ``help_by_item`` cover the same young people as ``young_people`` counts;
    ``checklist`` is the council's passport, item id to wording."""
    done = [tally.done for tally in tallies.values() if tally.started]
    ranked = sorted(help_by_item.items(), key=lambda item: (-item[1], item[0]))
    return PassportFigures(
        young_people=young_people,
        started=len(done),
        median_done=statistics.median(done) if done else None,
        checklist_items=len(checklist),
        most_help=[
            HelpItem(item_id=item, text=checklist.get(item, item), young_people=count)
            for item, count in ranked[:TOP_HELP_ITEMS]
            if count
        ],
    )
