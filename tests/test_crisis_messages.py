"""The risk check against the labelled working set (tests/data/understanding/crisis*.csv, described in the
README there), with the marks issue 10 sets: at least 97% of danger-now and risk messages get a crisis
screen, no look-alike gets one, and a look-alike gets a check-in only where the label says why.

The hold-out set (crisis-holdout.csv) is never tuned on and so is not a pass mark here: ``python -m
bench.understanding`` reports it beside these figures.
"""

import pytest

from bench.understanding import WORKING_SETS, crisis_figures, rows

FIGURES = crisis_figures(row for name in WORKING_SETS for row in rows(name))


@pytest.mark.parametrize("tier", ["danger", "risk"])
def test_crisis_messages_get_a_crisis_screen(tier: str) -> None:
    missed = [text for labelled, _, text in FIGURES.missed if labelled == tier]
    assert FIGURES.recall(tier) >= 0.97, missed


def test_no_look_alike_gets_a_crisis_screen() -> None:
    assert FIGURES.screened == []


def test_a_look_alike_gets_a_check_in_only_where_the_label_says_why() -> None:
    assert FIGURES.unfair_check_ins == []


def test_a_friends_worry_is_answered_as_one() -> None:
    assert len(FIGURES.friends_missed) <= 0.1 * FIGURES.count("friend"), FIGURES.friends_missed
